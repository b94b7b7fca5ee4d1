// Evaluation speed. (1) In memory: every indicator × the city and ten counties × 15 years (2021–2035) from a
// full synthetic set of observations; target under 50 ms. (2) The evaluation API at 50 concurrent clients;
// target p99 under 30 ms. Rerun: node bench/evaluation.js [seconds] [--memory-only]   (after npm run build)
// Besides wall times, it prints CPU times (this process's for (1), the server's per request for (2)): on a shared
// machine they move far less with other people's load than the wall times do.
import autocannon from 'autocannon';
import { evaluatePlan, ObservationIndex } from '../dist/plan/evaluation.js';
import { readPlanFolder, DEFAULT_PLAN_DIR } from '../dist/planfolder/read.js';
import { cpuMsOf, freshDbPath, median, record, startServer, stop } from './lib.js';
import { spawnSync } from 'node:child_process';
import { BIN } from './lib.js';

const memoryOnly = process.argv.includes('--memory-only');
const seconds = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10);
const { result } = readPlanFolder(DEFAULT_PLAN_DIR);
if (!result.ok) throw new Error('plan folder invalid');
const plan = result.plan;

// Observations with the same shape as the store's toObservation gives them (one object literal, fields in order).
function observation(id, indicatorCode, regionCode, year, kind, valueText, state) {
  return {
    id, indicatorCode, regionCode, year, kind, version: 1, valueText, value: valueText === null ? null : Number(valueText), state,
    checks: ['natureUnchanged', 'functionNotReduced'], source: 'bench', note: null, reason: null, status: 'approved', isDemo: false,
    recordedAt: '', recordedBy: 'bench', batchId: 'b',
  };
}

// A value (or state) for every indicator, region and year, plus assigned figures: the densest case.
const observations = [];
let id = 0;
for (const ind of plan.indicators)
  for (const region of plan.regions)
    for (let year = 2021; year <= 2035; year++) {
      const v = ((ind.baseline.value ?? 50) * (1 + 0.003 * (year - 2020))).toFixed(2);
      observations.push(observation(String(id++), ind.code, region.code, year, 'value', ind.direction ? v : null, ind.direction ? null : (ind.targets['2025'].state ?? null)));
      observations.push(observation(String(id++), ind.code, region.code, year, 'assigned', v, null));
    }

const runs = [];
const cpu = [];
let evaluations = 0;
for (let k = 0; k < 15; k++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const index = new ObservationIndex(observations);
  evaluations = 0;
  for (const region of plan.regions)
    for (let year = 2021; year <= 2035; year++) evaluations += evaluatePlan(plan, index, { year, region: region.code }).indicators.length;
  runs.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const inMemory = median(runs);
console.log(`in memory: ${evaluations} indicator evaluations (45 × ${plan.regions.length} regions × 15 years) from ${observations.length} observations`);
console.log(`  median ${inMemory.toFixed(1)} ms (min ${Math.min(...runs).toFixed(1)}, max ${Math.max(...runs).toFixed(1)}, 15 runs, first includes JIT warm-up) → target < 50 ms ${inMemory < 50 ? 'met' : 'NOT met'}`);
console.log(`  CPU time of this process per run: median ${median(cpu).toFixed(1)} ms (min ${Math.min(...cpu).toFixed(1)}, first ${cpu[0].toFixed(1)})`);
record({ id: 'evaluation-memory', issue: 3, target: '45 × 11 × 15 evaluations in memory < 50 ms', command: 'node bench/evaluation.js', figure: `median ${inMemory.toFixed(1)} ms (CPU ${median(cpu).toFixed(1)} ms)`, value: inMemory, limit: 50, unit: 'ms' });
if (memoryOnly) process.exit(0);

// The API on the demo dataset.
const db = freshDbPath();
spawnSync(process.execPath, [BIN, 'demo', 'load', '--db', db], { stdio: 'ignore' });
const { child, port } = await startServer(db);
const base = `http://127.0.0.1:${port}`;
try {
  const load = (path) => autocannon({ url: base + path, connections: 50, duration: seconds });
  await load('/api/v1/plans/default/evaluation?year=2024');
  const rows = [];
  for (const [name, path] of [
    ['health (baseline)', '/api/v1/health'],
    ['evaluation, one year', '/api/v1/plans/default/evaluation?year=2024'],
    ['evaluation, a county', '/api/v1/plans/default/evaluation?year=2024&region=440281'],
    ['scorecard 2020–2024', '/api/v1/plans/default/scorecard?from=2020&to=2024'],
  ]) {
    const c0 = cpuMsOf(child.pid);
    const r = await load(path);
    const c1 = cpuMsOf(child.pid);
    const served = r.requests.total;
    rows.push({ name, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.non2xx, cpuPerRequest: c0 === null || !served ? null : ((c1 - c0) * 1000) / served });
  }
  console.log(`API, loopback, 50 connections, ${seconds} s per endpoint (server CPU: user + system time of the server process per request)`);
  for (const r of rows)
    console.log(`  ${r.name.padEnd(22)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  errors ${r.errors}  server CPU ${r.cpuPerRequest === null ? '—' : `${r.cpuPerRequest.toFixed(0)} µs`}/request`);
  const ev = rows[1];
  console.log(`  evaluation p99 ${ev.p99} ms → target < 30 ms ${ev.p99 < 30 ? 'met' : 'NOT met'}; throughput ${(ev.rps / rows[0].rps).toFixed(2)}× of health`);
  record({ id: 'evaluation-api', issue: 3, target: 'evaluation API p99 < 30 ms at 50 connections', command: 'node bench/evaluation.js', figure: `p99 ${ev.p99} ms (county ${rows[2].p99} ms, scorecard ${rows[3].p99} ms); ${ev.cpuPerRequest === null ? '' : `server ${ev.cpuPerRequest.toFixed(0)} µs CPU/request; `}${(ev.rps / rows[0].rps).toFixed(2)}× health`, value: ev.p99, limit: 30, unit: 'ms' });
  console.log(`rerun: node bench/evaluation.js ${seconds}`);
} finally {
  await stop(child);
}
