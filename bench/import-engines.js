// The monitoring import on both engines (issue 17): one file — a year of N demo stations, written by
// `ecoplan demo monitoring` — imported by `ecoplan monitoring import F --skip-invalid --db X` into a new SQLite file
// and into a new PostgreSQL database (COPY, air_days partitioned by year), each with the stations registered first.
// Wall time of the command and station-hours per second, side by side. PostgreSQL is the server the URL names; its
// maintenance database must let the user create databases; without --pg a throwaway cluster is started on loopback
// from Debian's postgresql package, as the tests do (tests/helpers/postgres.js), and removed at the end.
// Rerun: npm run build:server && node bench/import-engines.js [--pg postgres://user:pw@127.0.0.1:5432/postgres] [--stations N] [--year Y]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { demoStations } from '../dist/monitoring/synthetic.js';
import { openDatabase } from '../dist/store/db.js';
import { startCluster } from '../tests/helpers/postgres.js';
import { BIN, record, storedStationHours } from './lib.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const N = Number(arg('--stations', 200));
const YEAR = Number(arg('--year', 2023));
const cluster = arg('--pg') ? null : await startCluster();
const admin = arg('--pg') ?? cluster.adminUrl;
const dir = mkdtempSync(join(tmpdir(), 'ecoplan-bench-engines-'));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
const cli = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, LOG_LEVEL: 'warn' }, maxBuffer: 1 << 26 });

console.log(`import on both engines: ${N} stations × ${YEAR} (wide CSV); load average ${load()}`);
if (cluster) console.log('  PostgreSQL: a throwaway cluster on loopback with fsync off (as the tests run it): a production server with fsync pays for its WAL flushes');
const file = join(dir, 'air.csv');
const gen = cli('demo', 'monitoring', '--stations', String(N), '--year', String(YEAR), '--out', file);
if (gen.status !== 0) throw new Error(gen.stderr);
console.log(`  file: ${(statSync(file).size / 1048576).toFixed(0)} MB`);

const client = new pg.Client({ connectionString: admin });
await client.connect();
const name = `bench_${Date.now().toString(36)}`;
await client.query(`create database ${name}`);
const pgUrl = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();

const figures = [];
for (const [engine, db] of [['SQLite', join(dir, 'bench.db')], ['PostgreSQL', pgUrl]]) {
  if (cli('monitoring', 'stations', '--db', db).status !== 0) throw new Error(`database setup failed (${engine})`);
  const { db: k } = await openDatabase(db);
  const now = new Date().toISOString();
  for (const s of demoStations(N))
    await k.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'bench', note: null, is_demo: 1, created_at: now }).onConflict((oc) => oc.column('code').doNothing()).execute();
  await k.destroy();
  const t0 = performance.now();
  const r = cli('monitoring', 'import', file, '--skip-invalid', '--db', db);
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${engine}: ${r.stderr}`);
  const { db: c } = await openDatabase(db);
  const rows = await storedStationHours(c);
  // Space on disk, for sizing (docs/operations.md): the whole SQLite file; PostgreSQL's air_days partitions with their indexes.
  const bytes =
    engine === 'SQLite'
      ? statSync(db).size
      : Number((await sql`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as n from pg_class c where c.relname like 'air_days%' and c.relkind in ('r', 'p')`.execute(c)).rows[0].n);
  await c.destroy();
  figures.push({ engine, s, rows });
  console.log(`  ${engine.padEnd(10)} ${s.toFixed(1)} s  ${rows} station-hours  ${Math.round(rows / s).toLocaleString('en')} station-hours/s  ${(bytes / 2 ** 30).toFixed(2)} GiB on disk (${engine === 'SQLite' ? 'the whole file' : 'air_days partitions and indexes'})  (load ${load()})`);
}
const [lite, post] = figures;
const rate = (f) => `${Math.round(f.rows / f.s).toLocaleString('en')}/s`;
console.log(`  PostgreSQL ${(post.s / lite.s).toFixed(2)} × SQLite's time; the same rows in both: ${post.rows === lite.rows ? 'yes' : 'NO'}`);
record({
  id: 'import-engines',
  issue: 17,
  target: `a year of ${N} stations imported into PostgreSQL, station-hours/s beside SQLite's`,
  command: `node bench/import-engines.js --stations ${N}`,
  figure: `PostgreSQL ${post.s.toFixed(1)} s (${rate(post)}), SQLite ${lite.s.toFixed(1)} s (${rate(lite)}); ${post.rows.toLocaleString('en')} station-hours each`,
  value: post.rows === lite.rows ? 0 : 1,
  limit: 1,
  unit: 'row mismatches',
});
console.log(`rerun: npm run build:server && node bench/import-engines.js --stations ${N}`);
await client.query(`drop database ${name}`);
await client.end();
await cluster?.stop();
rmSync(dir, { recursive: true, force: true });
