// Assessment speed (issue 19), in memory: scores, ranks, grades, breakdowns and the composite index of the ten
// counties and 22 departments for each of 15 years (2021–2035, each with its change from the year before), from a
// full synthetic set of approved observations and project reports; target under 100 ms for the 15 years.
// The Shaoguan plan assesses 17 departments; five more (sharing indicators and co-leading projects) make 22.
// Rerun: node bench/assessment.js [runs]   (after npm run build:server)
import { assessYears } from '../dist/assessment/assess.js';
import { ObservationIndex } from '../dist/plan/evaluation.js';
import { readPlanFolder, DEFAULT_PLAN_DIR } from '../dist/planfolder/read.js';
import { median, record } from './lib.js';

const runs = Number(process.argv[2] ?? 25);
const folder = readPlanFolder(DEFAULT_PLAN_DIR);
if (!folder.result.ok) throw new Error('plan folder invalid');
const base = folder.result.plan;
const scheme = folder.schemes[0];

// Five more assessed departments, each sharing nine indicators and co-leading two projects.
const extra = Array.from({ length: 5 }, (_, k) => ({ id: `bench${k}`, name: `测试部门${k + 1}`, nameEn: `Bench department ${k + 1}`, kind: 'government', region: null }));
const plan = {
  ...base,
  departments: [...base.departments, ...extra],
  indicators: base.indicators.map((ind) => (ind.code % 5 === 0 ? ind : { ...ind, departmentIds: [...ind.departmentIds, extra[ind.code % 5].id] })),
};
const assessed = plan.departments.filter((d) => scheme.departments.kinds.includes(d.kind));

function observation(id, indicatorCode, regionCode, year, kind, valueText, state) {
  return {
    id, indicatorCode, regionCode, year, kind, version: 1, valueText, value: valueText === null ? null : Number(valueText), state,
    checks: ['natureUnchanged', 'functionNotReduced'], source: 'bench', note: null, reason: null, status: 'approved', isDemo: false,
    recordedAt: '', recordedBy: 'bench', batchId: 'b',
  };
}
const observations = [];
let id = 0;
for (const ind of plan.indicators)
  for (const region of plan.regions)
    for (let year = 2021; year <= 2035; year++) {
      // Values that vary by region, so that counties differ and the index has a spread.
      const v = ((ind.baseline.value ?? 50) * (1 + 0.003 * (year - 2020)) * (1 + (Number(region.code.slice(-2)) % 7) / 200)).toFixed(2);
      observations.push(observation(String(id++), ind.code, region.code, year, 'value', ind.direction ? v : null, ind.direction ? null : (ind.targets['2025'].state ?? null)));
      observations.push(observation(String(id++), ind.code, region.code, year, 'assigned', v, null));
    }
const library = plan.projects.map((p, k) => ({ ...p, leadIds: k < 10 ? [...p.leadIds, extra[k % 5].id] : p.leadIds, version: 1, retired: false, retiredReason: null }));
const progress = [];
for (const p of library)
  for (let year = Math.max(p.startYear, 2021); year <= Math.min(p.endYear + 2, 2035); year++)
    progress.push({ no: p.no, year, version: 1, plannedInvestment: '1.00', completedInvestment: '0.50', cumulativeInvestment: null, physicalProgress: Math.min(100, (year - p.startYear + 1) * 15), status: year > p.endYear ? 'completed' : 'in_progress', reason: null, milestones: [], note: null, explanation: null, recordedAt: '', recordedBy: 'bench', isDemo: false });

const years = Array.from({ length: 15 }, (_, k) => 2021 + k);
const times = [];
const cpu = [];
let subjects = 0;
let items = 0;
for (let k = 0; k < runs; k++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const index = new ObservationIndex(observations);
  subjects = 0;
  items = 0;
  for (const r of assessYears({ plan, scheme, year: 2021, observations: index, library, progress, vetoes: [] }, years)) {
    subjects += r.subjects.length;
    for (const s of r.subjects) items += s.items.length;
  }
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const m = median(times);
const regions = plan.regions.filter((r) => r.level === 'county').length;
console.log(`in memory: ${regions} counties + ${assessed.length} departments (${subjects / 15} subjects a year, ${items} items) × 15 years, each with the year before; ${observations.length} observations, ${progress.length} project reports`);
console.log(`  median ${m.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, first ${times[0].toFixed(1)} incl. JIT, ${runs} runs) → target < 100 ms ${m < 100 ? 'met' : 'NOT met'}`);
console.log(`  CPU time of this process per run: median ${median(cpu).toFixed(1)} ms (min ${Math.min(...cpu).toFixed(1)}, first ${cpu[0].toFixed(1)})`);
record({ id: 'assessment-memory', issue: 19, target: 'assessment of 10 counties + 22 departments × 15 years in memory < 100 ms', command: `node bench/assessment.js ${runs}`, figure: `median ${m.toFixed(1)} ms (CPU ${median(cpu).toFixed(1)} ms)`, value: m, limit: 100, unit: 'ms' });
console.log(`rerun: node bench/assessment.js ${runs}`);
