// The evaluation and indicator-list APIs at 200 concurrent connections, on SQLite with one server instance and on
// PostgreSQL with two instances sharing one database (issue 17). Both databases hold the demo dataset. Two instances
// stand where a reverse proxy would spread the load: autocannon drives each with half the connections at the same
// time; throughput is the sum, p99 the worse of the two, errors the sum (non-2xx answers included). Everything —
// client, servers, PostgreSQL — shares this machine's cores, so read the figures side by side, not as capacity.
// PostgreSQL: the server --pg names, else a throwaway cluster on loopback (tests/helpers/postgres.js, fsync off).
// Rerun: npm run build:server && node bench/engines-load.js [seconds] [--pg postgres://user:pw@host:port/postgres]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDatabase, startCluster } from '../tests/helpers/postgres.js';
import { BIN, freshDbPath, record, startServer, stop } from './lib.js';

const argv = process.argv.slice(2);
const k = argv.indexOf('--pg');
const pgAdmin = k >= 0 ? argv[k + 1] : null;
const seconds = Number(argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--pg') ?? 60);
const CONNECTIONS = 200;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
// autocannon is one client address: lift the per-address limit of the computing endpoints, as bench/portal.js does.
const env = { ECOPLAN_COMPUTE_RATE_LIMIT: '100000000' };
const ENDPOINTS = [
  ['health (baseline)', '/api/v1/health'],
  ['evaluation 2024', '/api/v1/plans/default/evaluation?year=2024'],
  ['indicator list', '/api/v1/plans/default/indicators'],
];

function demoLoad(db) {
  const r = spawnSync(process.execPath, [BIN, 'demo', 'load', '--db', db], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } });
  if (r.status !== 0) throw new Error(`demo load failed on ${db}: ${r.stderr}`);
}

/** Drives every port at once, `CONNECTIONS` split between them, for `secs`; the combined figures. */
async function drive(ports, path, secs) {
  const each = Math.floor(CONNECTIONS / ports.length);
  const runs = await Promise.all(ports.map((port) => autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: each, duration: secs, pipelining: 1 })));
  return {
    p50: Math.max(...runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    rps: runs.reduce((s, r) => s + r.requests.average, 0),
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
    requests: runs.reduce((s, r) => s + r.requests.total, 0),
  };
}

console.log(`evaluation and indicator APIs at ${CONNECTIONS} connections, ${seconds} s per endpoint; load average ${load()}`);
const cluster = pgAdmin ? null : await startCluster();
const pgUrl = await createDatabase(pgAdmin ?? cluster.adminUrl, 'bench');
if (cluster) console.log('  PostgreSQL: a throwaway cluster on loopback (fsync off, shared_buffers 64 MB), as the tests run it');
const sqlitePath = freshDbPath();
const setups = [
  { name: 'SQLite, 1 instance', db: sqlitePath, instances: 1 },
  { name: 'PostgreSQL, 2 instances', db: pgUrl, instances: 2 },
];
const results = [];
try {
  for (const s of setups) {
    demoLoad(s.db);
    const servers = [];
    try {
      for (let i = 0; i < s.instances; i++) servers.push(await startServer(s.db, env));
      const ports = servers.map((x) => x.port);
      await drive(ports, ENDPOINTS[1][1], Math.min(5, seconds)); // warm up: JIT, the read models of each instance
      for (const [name, path] of ENDPOINTS) {
        const r = await drive(ports, path, seconds);
        results.push({ setup: s.name, name, ...r });
        console.log(
          `  ${s.name.padEnd(24)} ${name.padEnd(18)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  errors ${r.errors} of ${r.requests}  (load ${load()})`,
        );
      }
    } finally {
      for (const x of servers) await stop(x.child);
    }
  }
} finally {
  if (cluster) await cluster.stop();
  else {
    const c = new pg.Client({ connectionString: pgAdmin });
    await c.connect();
    await c.query(`drop database if exists ${new URL(pgUrl).pathname.slice(1)}`).catch(() => undefined);
    await c.end();
  }
}

const measured = results.filter((r) => r.name !== ENDPOINTS[0][0]);
const errors = measured.reduce((s, r) => s + r.errors, 0);
const worst = (setup) => Math.max(...measured.filter((r) => r.setup === setup).map((r) => r.p99));
const rps = (setup, name) => results.find((r) => r.setup === setup && r.name === name).rps;
const ratio = (name) => (rps(setups[1].name, name) / rps(setups[0].name, name)).toFixed(2);
console.log(`  side by side: evaluation ${ratio(ENDPOINTS[1][0])}×, indicator list ${ratio(ENDPOINTS[2][0])}× the throughput of SQLite with PostgreSQL and two instances`);
console.log(`  errors across both setups: ${errors} → target: none ${errors === 0 ? 'met' : 'NOT met'}`);
record({
  id: 'engines-load',
  issue: 17,
  target: `evaluation and indicator APIs at ${CONNECTIONS} connections, SQLite × 1 and PostgreSQL × 2 instances: no errors`,
  command: `node bench/engines-load.js ${seconds}`,
  figure: `${errors} errors; p99 SQLite ${worst(setups[0].name)} ms, PostgreSQL × 2 ${worst(setups[1].name)} ms; throughput PostgreSQL × 2 / SQLite: evaluation ${ratio(ENDPOINTS[1][0])}, indicators ${ratio(ENDPOINTS[2][0])}`,
  value: errors,
  limit: 1,
  unit: 'errors',
});
console.log(`rerun: npm run build:server && node bench/engines-load.js ${seconds}`);
