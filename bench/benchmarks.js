// The benchmarks of `npm run bench` (bench/run-all.js) and the summary row of each target, shared with
// bench/performance-doc.js (which may merge several runs).

/** Every benchmark, the arguments the documented figures use, and the targets each must record. */
export const BENCHMARKS = [
  { name: 'startup', args: ['7'], targets: ['startup'] },
  { name: 'api-load', args: ['10'], targets: ['indicator-list'] },
  { name: 'evaluation', args: ['10'], targets: ['evaluation-memory', 'evaluation-api'] },
  { name: 'rounds', args: ['10'], targets: ['round-templates', 'review-queue'] },
  { name: 'gep', args: [], targets: ['gep'] },
  { name: 'report', args: ['5'], targets: ['report'] },
  { name: 'carbon', args: ['15'], targets: ['carbon'] },
  { name: 'assessment', args: ['25'], targets: ['assessment-memory'] }, // issue 19
  { name: 'responsiveness', args: [], targets: ['responsiveness'] },
  { name: 'monitoring', args: [], targets: ['monitoring-ratio', 'monitoring-rss', 'monitoring-postgres'] },
  { name: 'portal', args: ['10'], targets: ['portal-pages', 'portal-export'] }, // issue 16
  { name: 'survey', args: ['10', '500'], targets: ['survey-submissions'] }, // issue 16
  { name: 'plan-workbook', args: ['7'], targets: ['plan-workbook'] },
  { name: 'ten-plans', args: ['10'], targets: ['ten-plans'] }, // plans side by side
  { name: 'engines-load', args: ['60'], targets: ['engines-load'] }, // issue 17
  { name: 'import-engines', args: ['--stations', '1700'], targets: ['import-engines'] }, // issue 17
  { name: 'backup-engines', args: ['--stations', '200'], targets: ['backup-engines'] }, // issue 17
];

/**
 * One row per target of every benchmark: its record in `benchmarks` (the runs' results), "not measured" when the
 * benchmark ran but failed before recording it, "not run" when it was not part of the run(s).
 */
export function targetRows(benchmarks) {
  return BENCHMARKS.flatMap((spec) => {
    const b = benchmarks.find((x) => x.name === spec.name);
    return spec.targets.map((id) => {
      if (!b) return { id, bench: spec.name, target: id, figure: 'not run in this run', met: null, loadavg: null };
      const r = b.records.find((x) => x.id === id);
      return r ? { ...r, bench: b.name } : { id, bench: b.name, target: id, figure: `not measured (exit code ${b.code})`, met: false, loadavg: b.loadAfter };
    });
  });
}
