// First start on an empty database: process spawn → migrations → seeding → listening, as `ecoplan serve`
// does it. Target (issue 2): under 2 s. Rerun: node bench/startup.js [runs]
import { freshDbPath, median, record, startServer, stop } from './lib.js';

const runs = Number(process.argv[2] ?? 7);
const first = [];
const restart = [];
for (let i = 0; i < runs; i++) {
  const db = freshDbPath();
  const a = await startServer(db);
  first.push(a.readyMs);
  await stop(a.child);
  const b = await startServer(db);
  restart.push(b.readyMs);
  await stop(b.child);
}
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`startup, ${runs} runs, spawn → listening`);
console.log(`  first start, empty database (create + migrate + seed): ${fmt(first)}`);
console.log(`  restart, existing database (idempotent, no re-seed):    ${fmt(restart)}`);
console.log(`  target: first start < 2000 ms → ${median(first) < 2000 ? 'met' : 'NOT met'}`);
record({ id: 'startup', issue: 2, target: 'first start < 2 s', command: `node bench/startup.js ${runs}`, figure: `median ${median(first).toFixed(0)} ms (restart ${median(restart).toFixed(0)} ms)`, value: median(first), limit: 2000, unit: 'ms' });
console.log('rerun: node bench/startup.js 7');
