// Reporting rounds. (1) Every department's Excel template for a round generated, filled and imported back as
// drafts, through the same functions the API uses; target under 5 s for the Shaoguan plan. (2) The reviewer's
// queue (tasks awaiting review) at 50 concurrent reviewers; target p99 under 50 ms.
// Rerun: node bench/rounds.js [seconds]   (after npm run build)
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { buildTemplate, readTemplate, templateTasks } from '../dist/importers/roundTemplate.js';
import { ObservationIndex } from '../dist/plan/evaluation.js';
import { openDatabase } from '../dist/store/db.js';
import { currentObservations } from '../dist/store/observations.js';
import { loadPlan, seedPlan } from '../dist/store/plans.js';
import { openRound, saveDrafts, submitTask } from '../dist/store/rounds.js';
import { readPlanFolder, DEFAULT_PLAN_DIR } from '../dist/planfolder/read.js';
import { roundTasks } from '../dist/plan/rounds.js';
import { BIN, freshDbPath, record, startServer, stop } from './lib.js';

const seconds = Number(process.argv[2] ?? 10);
const dbPath = freshDbPath();
spawnSync(process.execPath, [BIN, 'demo', 'load', '--db', dbPath], { stdio: 'ignore' });
const { db } = await openDatabase(dbPath);
const folder = readPlanFolder(DEFAULT_PLAN_DIR);
await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true });
const plan = await loadPlan(db, folder.result.plan.meta.id);
const round = await openRound(db, plan.meta.id, 2025, '2026-03-31', { id: 'bench', username: 'bench' });
const index = new ObservationIndex(await currentObservations(db, plan.meta.id));
const departments = [...new Set(roundTasks(plan).map((t) => t.departmentId))];

const t0 = performance.now();
let rows = 0;
for (const dept of departments) {
  const tasks = templateTasks(plan, round.year, dept, index);
  const file = await buildTemplate(plan, round, dept, tasks);
  // Fill every input row as a department would.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file);
  const ws = wb.getWorksheet('填报');
  tasks.forEach((t, k) => {
    const ind = plan.indicators.find((x) => x.code === t.indicatorCode);
    const row = ws.getRow(3 + k);
    if (ind.direction === null && t.kind === 'value') row.getCell(10).value = ind.targets['2025'].kind === 'state' ? { formulatedAndImplemented: '制定实施', carriedOutEffectively: '有效开展', fullyImplemented: '全面实施', established: '建立', implemented: '实施', notSignificant: '不明显' }[ind.targets['2025'].state] : '建立';
    else row.getCell(9).value = t.lastYear && /^-?\d/.test(t.lastYear) ? t.lastYear : '1';
    if (ind.code === 20 || ind.code === 21) row.getCell(11).value = '性质不改变、功能不降低';
    row.getCell(12).value = '基准测试';
    row.getCell(13).value = '与上年一致';
  });
  const filled = Buffer.from(await wb.xlsx.writeBuffer());
  const { inputs, problems } = await readTemplate(filled, 'bench.xlsx', plan, round, dept, tasks);
  if (problems.length) throw new Error(`${dept}: ${JSON.stringify(problems.slice(0, 3))}`);
  await saveDrafts(db, round, inputs.map((i) => ({ task: tasks.find((t) => t.indicatorCode === i.indicatorCode && t.regionCode === i.regionCode && t.kind === i.kind), fields: { valueText: i.valueText, state: i.state, checks: i.checks, source: i.source, note: i.note, reason: i.reason } })), { id: 'bench', username: 'bench' });
  rows += inputs.length;
}
const elapsed = performance.now() - t0;
console.log(`templates: ${departments.length} departments, ${rows} rows generated, filled, read back and saved as drafts in ${(elapsed / 1000).toFixed(2)} s → target < 5 s ${elapsed < 5000 ? 'met' : 'NOT met'}`);
record({ id: 'round-templates', issue: 4, target: 'all department templates generated and imported < 5 s', command: `node bench/rounds.js ${seconds}`, figure: `${(elapsed / 1000).toFixed(2)} s (${departments.length} departments, ${rows} rows)`, value: elapsed / 1000, limit: 5, unit: 's' });
for (const t of roundTasks(plan)) await submitTask(db, round, t, { id: 'bench', username: 'bench' });
await db.destroy();

// The review queue over HTTP, as 50 reviewers at once.
const { child, port } = await startServer(dbPath);
try {
  const base = `http://127.0.0.1:${port}`;
  spawnSync(process.execPath, [BIN, 'user', 'add', '--username', 'benchreviewer', '--role', 'reviewer', '--department', 'sthjj', '--password-stdin', '--db', dbPath], { input: 'bench reviewer password' });
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'benchreviewer', password: 'bench reviewer password' }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const url = `${base}/api/v1/plans/default/rounds/2025/tasks?status=submitted`;
  const count = (await (await fetch(url, { headers: { cookie } })).json()).tasks.length;
  await autocannon({ url, connections: 50, duration: 2, headers: { cookie } });
  const r = await autocannon({ url, connections: 50, duration: seconds, headers: { cookie } });
  console.log(`review queue (${count} submitted tasks), 50 connections, ${seconds} s: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s, errors ${r.errors + r.non2xx} → target p99 < 50 ms ${r.latency.p99 < 50 ? 'met' : 'NOT met'}`);
  record({ id: 'review-queue', issue: 4, target: 'review queue p99 < 50 ms at 50 reviewers', command: `node bench/rounds.js ${seconds}`, figure: `p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s`, value: r.latency.p99, limit: 50, unit: 'ms', met: r.latency.p99 < 50 && r.errors + r.non2xx === 0 });
  console.log(`rerun: node bench/rounds.js ${seconds}`);
} finally {
  await stop(child);
}
