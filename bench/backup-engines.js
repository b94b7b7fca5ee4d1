// `ecoplan backup` and `ecoplan restore` of a large deployment on both engines (issue 17): the demo dataset plus one
// generated year of N air stations (default 200: 1.7 million station-hours), imported as a user would, then backed up
// while no one writes, and restored into a new database of the same engine (the restore checks every table's row count
// and checksum and the audit chain before it commits). Wall time of each command, the backup file's size, rows/s.
// PostgreSQL: the server --pg names, else the tests' throwaway cluster on loopback (fsync off).
// Rerun: npm run build:server && node bench/backup-engines.js [--stations N] [--pg postgres://user:pw@host:port/postgres]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoStations } from '../dist/monitoring/synthetic.js';
import { openDatabase } from '../dist/store/db.js';
import { createDatabase, startCluster } from '../tests/helpers/postgres.js';
import { BIN, record, storedStationHours } from './lib.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const N = Number(arg('--stations', 200));
const YEAR = 2023;
const dir = mkdtempSync(join(tmpdir(), 'ecoplan-bench-backup-'));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
// Restore verifies the audit chain's checkpoints with the deployment's keys: the same keys for every command.
const env = { ...process.env, LOG_LEVEL: 'warn', ECOPLAN_AUDIT_KEYS: `k1:${randomBytes(32).toString('base64')}` };
delete env.DATABASE_URL;
const cli = (...args) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`ecoplan ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return (performance.now() - t0) / 1000;
};

console.log(`backup and restore on both engines: demo dataset + ${N} stations × ${YEAR} of hourly data; load average ${load()}`);
const cluster = arg('--pg') ? null : await startCluster();
const admin = arg('--pg') ?? cluster.adminUrl;
if (cluster) console.log('  PostgreSQL: a throwaway cluster on loopback (fsync off), as the tests run it');
const file = join(dir, 'air.csv');
cli('demo', 'monitoring', '--stations', String(N), '--year', String(YEAR), '--out', file);

const figures = [];
try {
  for (const engine of ['SQLite', 'PostgreSQL']) {
    const fresh = async (name) => (engine === 'SQLite' ? join(dir, `${name}.db`) : createDatabase(admin, `bench_${name}`));
    const source = await fresh('source');
    cli('demo', 'load', '--db', source);
    cli('monitoring', 'stations', '--db', source);
    const { db } = await openDatabase(source);
    const now = new Date().toISOString();
    for (const s of demoStations(N))
      await db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'bench', note: null, is_demo: 1, created_at: now }).onConflict((oc) => oc.column('code').doNothing()).execute();
    await db.destroy();
    cli('monitoring', 'import', file, '--skip-invalid', '--db', source);
    const { db: counted } = await openDatabase(source);
    const rows = await storedStationHours(counted);
    await counted.destroy();

    const out = join(dir, `${engine}.ecoplan-backup`);
    const backup = cli('backup', '--db', source, '--out', out);
    const size = statSync(out).size;
    const target = await fresh('restored');
    const restore = cli('restore', out, '--db', target);
    figures.push({ engine, rows, backup, restore, size });
    console.log(
      `  ${engine.padEnd(10)} ${rows.toLocaleString('en')} station-hours; backup ${backup.toFixed(1)} s (${(size / 1048576).toFixed(0)} MB, ${Math.round(rows / backup).toLocaleString('en')} station-hours/s), restore ${restore.toFixed(1)} s (${Math.round(rows / restore).toLocaleString('en')} station-hours/s), checks passed  (load ${load()})`,
    );
  }
} finally {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
const [lite, post] = figures;
record({
  id: 'backup-engines',
  issue: 17,
  target: `backup and restore of the demo dataset + ${N} stations × 1 year, both engines, every check passed`,
  command: `node bench/backup-engines.js --stations ${N}`,
  figure: `PostgreSQL backup ${post.backup.toFixed(1)} s, restore ${post.restore.toFixed(1)} s; SQLite backup ${lite.backup.toFixed(1)} s, restore ${lite.restore.toFixed(1)} s; ${post.rows.toLocaleString('en')} station-hours`,
  value: 0,
  limit: 1,
  unit: 'failures',
});
console.log(`rerun: npm run build:server && node bench/backup-engines.js --stations ${N}`);
