// Runs every benchmark, each in its own process, then prints one table of every target as measured in this run
// and exits non-zero when a target is missed or could not be measured. Then writes docs/performance.md from this run
// (bench/performance-doc.js), unless told not to.
// Usage (after npm run build): npm run bench [-- --only report,evaluation] [--skip monitoring] [--no-doc]
//   A run with --only or --skip writes the document only when given --doc (the targets left out say so).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { BENCHMARKS, targetRows } from './benchmarks.js';
import { writePerformanceDoc } from './performance-doc.js';


const argv = process.argv.slice(2);
const list = (flag) => {
  const k = argv.indexOf(flag);
  return k < 0 ? null : argv[k + 1].split(',');
};
const only = list('--only');
const skip = list('--skip') ?? [];
const chosen = BENCHMARKS.filter((b) => (!only || only.includes(b.name)) && !skip.includes(b.name));
const dir = mkdtempSync(join(tmpdir(), 'ecoplan-bench-run-'));
const load = () => loadavg().map((x) => Number(x.toFixed(2)));

/** Runs one benchmark, echoing its output as it comes; resolves with its output, exit code and recorded targets. */
function runOne(b) {
  const resultFile = join(dir, `${b.name}.jsonl`);
  writeFileSync(resultFile, '');
  const started = new Date();
  const loadBefore = load();
  const child = spawn(process.execPath, [join(import.meta.dirname, `${b.name}.js`), ...b.args], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, ECOPLAN_BENCH_OUT: resultFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (stream, sink) =>
    child[stream].on('data', (d) => {
      output += d;
      sink.write(d);
    });
  take('stdout', process.stdout);
  take('stderr', process.stderr);
  return new Promise((ok) =>
    child.on('close', (code) => {
      const records = readFileSync(resultFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      ok({ ...b, command: `node bench/${b.name}.js ${b.args.join(' ')}`.trim(), code, output, records, started: started.toISOString(), ended: new Date().toISOString(), loadBefore, loadAfter: load() });
    }),
  );
}

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)), os: `${type()} ${release()}`, node: process.version };
const run = { started: new Date().toISOString(), loadBefore: load(), machine, complete: chosen.length === BENCHMARKS.length, benchmarks: [] };
for (const b of chosen) {
  console.log(`\n=== ${b.name}: node bench/${b.name}.js ${b.args.join(' ')}   (load average ${load().join(', ')})`);
  run.benchmarks.push(await runOne(b));
}
run.ended = new Date().toISOString();
run.loadAfter = load();

const rows = targetRows(run.benchmarks);
run.rows = rows;
const missed = rows.filter((r) => r.met === false);
const notRun = rows.filter((r) => r.met === null);

const pad = (s, n) => String(s).padEnd(n);
const width = Math.max(...rows.map((r) => r.target.length), 6);
console.log(`\nSummary of this run (${run.started} → ${run.ended}; load average at start ${run.loadBefore.join(', ')}, at end ${run.loadAfter.join(', ')}; 2-core machine shared with other work)`);
console.log(`  ${pad('target', width)}  ${pad('met', 4)}  ${pad('load', 5)}  figure`);
for (const r of rows) console.log(`  ${pad(r.target, width)}  ${pad(r.met === null ? '—' : r.met ? 'yes' : 'NO', 4)}  ${pad(r.loadavg ? r.loadavg[0].toFixed(1) : '—', 5)}  ${r.figure}`);
const measured = rows.length - notRun.length;
console.log(`\n${missed.length ? `${missed.length} of ${measured} targets measured missed or not measured.` : `All ${measured} targets measured met.`}${notRun.length ? ` ${notRun.length} not run.` : ''}`);

const runFile = join(dir, 'run.json');
writeFileSync(runFile, JSON.stringify(run, null, 2));
// A partial run writes the document too (its targets left out say "not run in this run"), with --doc only.
if (argv.includes('--no-doc') || (!run.complete && !argv.includes('--doc'))) console.log(`Run data: ${runFile} (write the document from it: node bench/performance-doc.js ${runFile}).`);
else console.log(`Wrote ${writePerformanceDoc(run)} from this run (run data: ${runFile}).`);
process.exitCode = missed.length ? 1 : 0;
