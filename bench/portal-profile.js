// A CPU profile of the server while one path is under load (issue 16's portal p99): where a request's time goes —
// the per-request hooks (cookies, rate limit, compression, security headers) against the portal's own work.
// Usage (after npm run build): node bench/portal-profile.js [path=/] [seconds=8] [connections=1000]
// Writes DIR/*.cpuprofile and prints its summary (bench/profile-top.js) and the load's latency.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freshDbPath, startServer, stop } from './lib.js';

const [path = '/', seconds = '8', connections = '1000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'ecoplan-portal-profile-'));
const db = freshDbPath();
const { child, port, readyMs } = await startServer(db, { ECOPLAN_COMPUTE_RATE_LIMIT: '100000000' }, ['--cpu-prof', `--cpu-prof-dir=${dir}`], ['--demo', '--no-demo-extras']);
const url = `http://127.0.0.1:${port}${path}`;
const t0 = performance.now(); // the server is ready now
let loadFrom = 0;
try {
  await autocannon({ url, connections: 50, duration: 2 }); // warm up: JIT, the site of this data version
  loadFrom = readyMs + (performance.now() - t0) + 200;
  const r = await autocannon({ url, connections: Number(connections), duration: Number(seconds) });
  console.log(`${path}: ${connections} connections, ${seconds} s: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s, errors ${r.errors + r.timeouts + r.non2xx}`);
} finally {
  await stop(child);
}
const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
// Only the samples taken under the measured load: start-up (demo data, migrations) and the warm-up are cut off.
const profile = JSON.parse(readFileSync(file, 'utf8'));
let at = 0;
let first = profile.samples.length;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] / 1000;
  if (at >= loadFrom) {
    first = i;
    break;
  }
}
profile.startTime += Math.round(loadFrom * 1000);
profile.samples = profile.samples.slice(first);
profile.timeDeltas = [0, ...profile.timeDeltas.slice(first + 1)];
const trimmed = file.replace(/\.cpuprofile$/, '.load.cpuprofile');
writeFileSync(trimmed, JSON.stringify(profile));
console.log(`profile of the load only: ${trimmed} (whole run: ${file})`);
spawnSync(process.execPath, [join(import.meta.dirname, 'profile-top.js'), trimmed, '--top', '25', '--files', '25'], { stdio: 'inherit' });
