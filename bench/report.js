// Annual report speed on the Shaoguan plan with the demo dataset (2021–2024, city and counties): (1) the command
// a user runs, `ecoplan report --year 2024` (process start, database, evaluation, 11 charts rasterised, Word file),
// target under 3 s: first with no chart image kept (cache/charts next to the database removed: data never reported
// on — the figure held to the target), then again on the same data (the images kept by the run before);
// (2) in process, the Word file and the HTML page (median of warm runs, and the first, cold run).
// Rerun: node bench/report.js [runs]   (after npm run build:server)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateReport } from '../dist/reports/index.js';
import { approvedObservations } from '../dist/reports/store.js';
import { openDatabase } from '../dist/store/db.js';
import { loadPlan, resolvePlan } from '../dist/store/plans.js';
import { BIN, freshDbPath, median, record } from './lib.js';

const runs = Number(process.argv[2] ?? 7);
const db = freshDbPath();
const loaded = spawnSync(process.execPath, [BIN, 'demo', 'load', '--db', db], { encoding: 'utf8' });
if (loaded.status !== 0) throw new Error(`demo load failed: ${loaded.stderr}`);
const out = mkdtempSync(join(tmpdir(), 'ecoplan-report-'));
const chartDir = join(dirname(db), 'cache', 'charts');

const cold = [];
const warm = [];
const command = (k) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'report', '--year', '2024', '--db', db, '--out', join(out, `r${k}.docx`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ecoplan report failed: ${r.stderr}`);
  return performance.now() - t0;
};
for (let k = 0; k < runs; k++) {
  rmSync(chartDir, { recursive: true, force: true });
  cold.push(command(k));
  warm.push(command(k));
}
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;
console.log('ecoplan report --year 2024 (Word, demo dataset), whole command:');
console.log(`  charts drawn (no image kept):     ${fmt(cold)} → target < 3000 ms ${median(cold) < 3000 ? 'met' : 'NOT met'}`);
console.log(`  same data again (images kept):    ${fmt(warm)}`);
record({ id: 'report', issue: 7, target: '`ecoplan report --year 2024` whole command < 3 s, charts included', command: `node bench/report.js ${runs}`, figure: `median ${(median(cold) / 1000).toFixed(2)} s charts drawn; ${(median(warm) / 1000).toFixed(2)} s same data again`, value: median(cold) / 1000, limit: 3, unit: 's' });

const { db: kysely } = await openDatabase(db);
try {
  const ref = await resolvePlan(kysely, 'default');
  const plan = await loadPlan(kysely, ref.id);
  const observations = await approvedObservations(kysely, plan.meta.id);
  for (const format of ['docx', 'html']) {
    const times = [];
    let size = 0;
    let version = '';
    for (let k = 0; k < runs + 1; k++) {
      const t0 = performance.now();
      const r = await generateReport({ plan, revision: ref.revision, year: 2024, observations, format });
      times.push(performance.now() - t0);
      size = r.body.length;
      version = r.model.dataVersion.id;
    }
    const [cold, ...warm] = times;
    console.log(`in process, ${format} (${(size / 1024).toFixed(0)} KiB, ${observations.length} approved observations, data version ${version}):`);
    console.log(`  first ${cold.toFixed(0)} ms (module loading and JIT); warm ${fmt(warm)}`);
  }
} finally {
  await kysely.destroy();
}
console.log(`rerun: node bench/report.js ${runs}`);
