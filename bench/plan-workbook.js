// The plan workbook at the size of a large plan: 200 indicators and 100 key projects (Shaoguan's plan repeated
// with new numbers), written by `plan export-workbook`'s writer and read back by `plan import-workbook`'s reader
// with every check. Target: the import under 2 s (median of the runs).
// Rerun: node bench/plan-workbook.js [runs]   (after npm run build:server)
import { resolve } from 'node:path';
import { median, record } from './lib.js';

const runs = Number(process.argv[2] ?? 7);
const dist = resolve(import.meta.dirname, '../dist');
const { loadRawFolder } = await import(`${dist}/planfolder/read.js`);
const { planWorkbook } = await import(`${dist}/planfolder/workbookExport.js`);
const { readPlanWorkbook } = await import(`${dist}/planfolder/workbookImport.js`);

const base = loadRawFolder(resolve(import.meta.dirname, '../plans/shaoguan-2021-2035'));
if (!base.ok) throw new Error('the Shaoguan plan folder does not validate');
const files = structuredClone(base.files);
const indicators = base.files['indicators.yaml'];
files['indicators.yaml'] = Array.from({ length: 200 }, (_, i) => {
  const x = structuredClone(indicators[i % indicators.length]);
  if (i < indicators.length) return { ...x, code: i + 1 };
  const copy = `（${Math.floor(i / indicators.length) + 1}）`;
  // A copy is only reported: a computed value (measure) has one indicator, the original's.
  const { measure: _measure, ...rest } = x;
  return { ...rest, code: i + 1, name: `${x.name}${copy}`, group: x.group && { ...x.group, name: `${x.group.name}${copy}` } };
});
files['plan.yaml'].countyIndicators = [];
files['plan.yaml'].validation.ranges = {};
files['plan.yaml'].validation.plausibleChange = {};
files['notes.yaml'] = [];
const projects = base.files['projects.yaml'].projects;
files['projects.yaml'].projects = Array.from({ length: 100 }, (_, i) => ({ ...structuredClone(projects[i % projects.length]), no: i + 1 }));

const bytes = await planWorkbook(files);
console.log(`plan workbook of ${files['indicators.yaml'].length} indicators and ${files['projects.yaml'].projects.length} projects: ${(bytes.length / 1024).toFixed(0)} KiB`);
const times = [];
for (let k = 0; k < runs; k++) {
  const t0 = performance.now();
  const result = await readPlanWorkbook(bytes, 'large.xlsx');
  times.push(performance.now() - t0);
  if (!result.ok) throw new Error(`the large workbook was refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
}
const m = median(times);
console.log(`  import (read, check, build the plan): median ${m.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${runs} runs) → target < 2000 ms ${m < 2000 ? 'met' : 'NOT met'}`);
console.log(`  rerun: node bench/plan-workbook.js ${runs}`);
record({ id: 'plan-workbook', issue: 18, target: 'import of a 200-indicator, 100-project plan workbook < 2 s', command: 'node bench/plan-workbook.js', figure: `median ${m.toFixed(0)} ms`, value: m, limit: 2000, unit: 'ms' });
