// Evaluation speed. (1) In memory: every indicator × the city and ten counties × 15 years (2021–2035) from a
// full synthetic set of observations; target under 50 ms. (2) The evaluation API at 50 concurrent clients;
// target p99 under 30 ms. Rerun: node bench/evaluation.js [seconds]   (after npm run build)
import autocannon from 'autocannon';
import { evaluatePlan, ObservationIndex } from '../dist/plan/evaluation.js';
import { readPlanFolder, DEFAULT_PLAN_DIR } from '../dist/planfolder/read.js';
import { freshDbPath, median, startServer, stop } from './lib.js';
import { spawnSync } from 'node:child_process';
import { BIN } from './lib.js';

const seconds = Number(process.argv[2] ?? 10);
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
let evaluations = 0;
for (let k = 0; k < 15; k++) {
  const t0 = performance.now();
  const index = new ObservationIndex(observations);
  evaluations = 0;
  for (const region of plan.regions)
    for (let year = 2021; year <= 2035; year++) evaluations += evaluatePlan(plan, index, { year, region: region.code }).indicators.length;
  runs.push(performance.now() - t0);
}
console.log(`in memory: ${evaluations} indicator evaluations (45 × ${plan.regions.length} regions × 15 years) from ${observations.length} observations`);
console.log(`  median ${median(runs).toFixed(1)} ms (min ${Math.min(...runs).toFixed(1)}, max ${Math.max(...runs).toFixed(1)}, 15 runs, first includes JIT warm-up) → target < 50 ms ${median(runs) < 50 ? 'met' : 'NOT met'}`);

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
    const r = await load(path);
    rows.push({ name, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.non2xx });
  }
  console.log(`API, loopback, 50 connections, ${seconds} s per endpoint`);
  for (const r of rows) console.log(`  ${r.name.padEnd(22)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  errors ${r.errors}`);
  console.log(`  evaluation p99 ${rows[1].p99} ms → target < 30 ms ${rows[1].p99 < 30 ? 'met' : 'NOT met'}; throughput ${(rows[1].rps / rows[0].rps).toFixed(2)}× of health`);
  console.log(`rerun: node bench/evaluation.js ${seconds}`);
} finally {
  await stop(child);
}
