// A CPU profile of the server while one path is under load (issue 16's portal p99): where a request's time goes —
// the per-request hooks (cookies, rate limit, compression, security headers) against the portal's own work.
// Usage (after npm run build): node bench/portal-profile.js [path=/] [seconds=8] [connections=1000]
// Writes DIR/*.cpuprofile and prints its summary (bench/profile-top.js) and the load's latency.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freshDbPath, startServer, stop } from './lib.js';

const [path = '/', seconds = '8', connections = '1000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'ecoplan-portal-profile-'));
const db = freshDbPath();
const { child, port } = await startServer(db, { ECOPLAN_COMPUTE_RATE_LIMIT: '100000000' }, ['--cpu-prof', `--cpu-prof-dir=${dir}`], ['--demo', '--no-demo-extras']);
const url = `http://127.0.0.1:${port}${path}`;
try {
  await autocannon({ url, connections: 50, duration: 2 }); // warm up: JIT, the site of this data version
  const r = await autocannon({ url, connections: Number(connections), duration: Number(seconds) });
  console.log(`${path}: ${connections} connections, ${seconds} s: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average.toFixed(0)} req/s, errors ${r.errors + r.timeouts + r.non2xx}`);
} finally {
  await stop(child);
}
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
console.log(`profile: ${join(dir, file)}`);
spawnSync(process.execPath, [join(import.meta.dirname, 'profile-top.js'), join(dir, file), '--top', '25', '--files', '15'], { stdio: 'inherit' });
