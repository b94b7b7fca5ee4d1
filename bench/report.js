// Annual report speed on the Shaoguan plan with the demo dataset (2021–2024, city and counties): (1) the command
// a user runs, `ecoplan report --year 2024` (process start, database, evaluation, 8 charts rasterised, Word file),
// target under 3 s; (2) in process, the Word file and the HTML page (median of warm runs, and the first, cold run).
// Rerun: node bench/report.js [runs]   (after npm run build:server)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateReport } from '../dist/reports/index.js';
import { approvedObservations } from '../dist/reports/store.js';
import { openDatabase } from '../dist/store/db.js';
import { loadPlan, resolvePlan } from '../dist/store/plans.js';
import { BIN, freshDbPath, median } from './lib.js';

const runs = Number(process.argv[2] ?? 7);
const db = freshDbPath();
const loaded = spawnSync(process.execPath, [BIN, 'demo', 'load', '--db', db], { encoding: 'utf8' });
if (loaded.status !== 0) throw new Error(`demo load failed: ${loaded.stderr}`);
const out = mkdtempSync(join(tmpdir(), 'ecoplan-report-'));

const cli = [];
for (let k = 0; k < runs; k++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'report', '--year', '2024', '--db', db, '--out', join(out, `r${k}.docx`)], { encoding: 'utf8' });
  cli.push(performance.now() - t0);
  if (r.status !== 0) throw new Error(`ecoplan report failed: ${r.stderr}`);
}
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;
console.log('ecoplan report --year 2024 (Word, demo dataset), whole command:');
console.log(`  ${fmt(cli)} → target < 3000 ms ${median(cli) < 3000 ? 'met' : 'NOT met'}`);

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
