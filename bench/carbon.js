// Carbon accounts: the GHG inventory of 11 regions (the city and its ten counties) × 15 years, plus the three
// demo scenarios to 2035, computed in memory from the demo dataset stretched over 2021–2035; target under 200 ms.
// The timing includes indexing the activity rows. Rerun: node bench/carbon.js [runs]   (after npm run build:server)
import { DEFAULT_PLAN_DIR, readPlanFolder } from '../dist/planfolder/read.js';
import { demoCarbonActivity, demoScenarios } from '../dist/demo/carbon.js';
import { ActivityIndex, computeInventory } from '../dist/carbon/inventory.js';
import { FactorSet } from '../dist/carbon/factors.js';
import { runScenario } from '../dist/carbon/scenarios.js';
import { median, record } from './lib.js';

const runs = Number(process.argv[2] ?? 15);
const folder = readPlanFolder(DEFAULT_PLAN_DIR);
const plan = folder.result.plan;
const demo = demoCarbonActivity(plan);
// Stretch the 2020–2024 demo over 15 years: year y takes the rows of 2020 + (y − 2021) mod 5 (forest stock of 2019 kept as the start).
const YEARS = Array.from({ length: 15 }, (_, i) => 2021 + i);
const records = [
  ...demo.filter((r) => r.category === 'forestStock' && r.year === 2019).map((r) => ({ ...r, year: 2020 })),
  ...YEARS.flatMap((y) => demo.filter((r) => r.sector !== 'macro' && r.year === 2020 + ((y - 2021) % 5)).map((r) => ({ ...r, year: y }))),
];
const regions = [plan.meta.region, ...plan.regions.filter((r) => r.level === 'county').map((r) => r.code)];
const scenarios = demoScenarios(plan);
const factors = new FactorSet();

function once() {
  const index = new ActivityIndex(records);
  let lines = 0;
  let net = 0;
  for (const year of YEARS)
    for (const regionCode of regions) {
      const inv = computeInventory(index, { year, regionCode, regions: plan.regions, factors });
      lines += inv.lines.length;
      net += inv.totals.net;
    }
  const peaks = scenarios.map((s) => runScenario(s, factors).peak.peakYear);
  return { lines, net, peaks };
}

for (let i = 0; i < 3; i++) once(); // warm-up
const times = [];
let last;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  last = once();
  times.push(performance.now() - t0);
}
const m = median(times);
console.log(`carbon: ${regions.length} regions × ${YEARS.length} years = ${regions.length * YEARS.length} inventories (${records.length} activity rows, ${last.lines} lines) + ${scenarios.length} scenarios to 2035 (peaks ${last.peaks.join(', ')})`);
console.log(`  ${runs} runs: median ${m.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}) → target < 200 ms ${m < 200 ? 'met' : 'NOT met'}`);
record({ id: 'carbon', issue: 9, target: '11 regions × 15 years of GHG inventory + 3 scenarios < 200 ms', command: `node bench/carbon.js ${runs}`, figure: `median ${m.toFixed(1)} ms`, value: m, limit: 200, unit: 'ms' });
console.log(`rerun: node bench/carbon.js ${runs}`);
