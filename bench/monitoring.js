// Monitoring data at provincial scale (issue 21). In one run, on the same file — a year of N demo stations (default
// 200, about 1.7 million station-hours, 70 MB), written by `ecoplan demo monitoring --stations N --year Y --out F`:
//  (a) DuckDB (dev dependency, the baseline only) reads the file and computes each station's daily means and its
//      annual means and CO 95th / O3 90th percentiles: the median of three runs;
//  (b) `ecoplan monitoring import F --skip-invalid --db PATH` as a user runs it, into a database whose stations are
//      registered: parse, validate every row, store, compute each day's AQI by the edition in force and the HJ 663
//      annual statistics, and keep them — wall time of the command and its peak RSS (VmHWM, read while it runs);
//  (c) the annual statistics then asked for as GET /monitoring/air/annual asks: served from the kept results;
//  and checks, outside the timing, that the kept daily values equal those recomputed from the file by a plain
//  split, and the kept annual statistics of a sample of stations the exact-fraction reference (annualStatisticsExact);
//  (d) the same import into PostgreSQL (a throwaway cluster on loopback, as the tests start it, or the server --pg
//      names), reported beside (b), with a check that its kept annual statistics equal SQLite's. --no-pg skips it.
// Targets: (b) ≤ 10 × (a); peak RSS of (b) < 1 GiB.
// Rerun: npm run build:server && node bench/monitoring.js [--stations N] [--year Y] [--pg URL | --no-pg]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DuckDBInstance } from '@duckdb/node-api';
import { stationDays, annualRow } from '../dist/monitoring/air.js';
import { annualStatisticsExact } from '../dist/standards/airAssessment.js';
import { demoStations } from '../dist/monitoring/synthetic.js';
import { parseHourLabel } from '../dist/monitoring/time.js';
import { openDatabase } from '../dist/store/db.js';
import { resolvePlan, loadPlan } from '../dist/store/plans.js';
import { airAnnualStored, stationDaysOfYearStored } from '../dist/store/monitoringResults.js';
import { BIN, median, record } from './lib.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const pgArg = process.argv.includes('--pg') ? process.argv[process.argv.indexOf('--pg') + 1] : null;
const withPg = !process.argv.includes('--no-pg');
const N = arg('--stations', 200);
const YEAR = arg('--year', 2023);
const SAMPLE = 5;
const dir = mkdtempSync(join(tmpdir(), 'ecoplan-bench-monitoring-'));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
const cli = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, LOG_LEVEL: 'warn' } });

console.log(`monitoring benchmark: ${N} stations × ${YEAR} (wide CSV); load average ${load()}`);
const file = join(dir, 'air.csv');
const gen = cli('demo', 'monitoring', '--stations', String(N), '--year', String(YEAR), '--out', file);
if (gen.status !== 0) throw new Error(gen.stderr);
console.log(`  file: ${(statSync(file).size / 1048576).toFixed(0)} MB`);

// (a) DuckDB: read and aggregate. A station-hour labelled 'D T00' belongs to the day before (hour-ending labels).
const duckSql = `
with h as (
  select station, (strptime(time, '%Y-%m-%dT%H') - interval 1 hour)::date as day, so2, no2, pm10, pm25, co, o3
  from read_csv('${file}', header = true, ignore_errors = true,
    columns = {'station': 'VARCHAR', 'time': 'VARCHAR', 'so2': 'DOUBLE', 'no2': 'DOUBLE', 'pm10': 'DOUBLE', 'pm25': 'DOUBLE', 'co': 'DOUBLE', 'o3': 'DOUBLE'})
), d as (
  select station, day,
    case when count(so2) >= 20 then avg(so2) end as so2, case when count(no2) >= 20 then avg(no2) end as no2,
    case when count(pm10) >= 20 then avg(pm10) end as pm10, case when count(pm25) >= 20 then avg(pm25) end as pm25,
    case when count(co) >= 20 then avg(co) end as co, max(o3) as o3
  from h group by station, day
)
select station, count(*) as days, avg(so2), avg(no2), avg(pm10), avg(pm25), quantile_cont(co, 0.95), quantile_cont(o3, 0.9)
from d group by station order by station`;
const duckTimes = [];
let duckStations = 0;
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  duckStations = (await con.runAndReadAll(duckSql)).getRows().length;
  con.closeSync();
  instance.closeSync();
  duckTimes.push((performance.now() - t) / 1000);
}
const duckS = median(duckTimes);
console.log(`  (a) DuckDB read + daily means + annual mean/P95:  ${duckS.toFixed(2)} s (median of ${duckTimes.map((x) => x.toFixed(2)).join(', ')})  ${duckStations} stations; load ${load()}`);

// (b) the import, as a user runs it.
const dbPath = join(dir, 'ecoplan.db');
if (cli('monitoring', 'stations', '--db', dbPath).status !== 0) throw new Error('database setup failed');
{
  const { db } = await openDatabase(dbPath);
  const now = new Date().toISOString();
  for (const s of demoStations(N))
    await db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'bench', note: null, is_demo: 1, created_at: now }).execute();
  await db.destroy();
}
const t0 = performance.now();
const child = spawn(process.execPath, [BIN, 'monitoring', 'import', file, '--skip-invalid', '--db', dbPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
let peakKb = 0;
const hwm = () => {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  } catch {
    // the process has ended
  }
};
const poll = setInterval(hwm, 20);
let out = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (out += d));
const code = await new Promise((ok) => child.on('exit', ok));
clearInterval(poll);
const importS = (performance.now() - t0) / 1000;
if (code !== 0) throw new Error(`import failed (${code}): ${out}`);
const peakMb = Math.round(peakKb / 1024);
console.log(`  (b) ecoplan monitoring import (parse, validate, store, daily AQI, HJ 663, kept): ${importS.toFixed(2)} s  peak RSS ${peakMb} MB; load ${load()}`);
for (const line of out.trim().split('\n')) console.log(`      ${line}`);

// (c) and the checks.
const { db } = await openDatabase(dbPath);
const ref = await resolvePlan(db, 'default');
const plan = await loadPlan(db, ref.id);
let t = performance.now();
const annual = await airAnnualStored(db, plan, ref.revision, YEAR);
const servedMs = performance.now() - t;
const kept = await db.selectFrom('monitoring_results').select(['kind', db.fn.countAll().as('n')]).groupBy('kind').execute();
console.log(`  (c) annual statistics of ${annual.stations.length} stations and ${annual.regions.length} regions served from the kept results in ${servedMs.toFixed(0)} ms (kept: ${kept.map((k) => `${k.kind} ${k.n}`).join(', ')})`);

// Recompute the sample stations' days from the file (a plain split, outside every code path of the import).
const codes = demoStations(N).slice(0, SAMPLE).map((s) => s.code);
const hours = new Map(codes.map((c) => [c, []]));
const lines = createInterface({ input: createReadStream(file) });
let first = true;
for await (const line of lines) {
  if (first) {
    first = false;
    continue;
  }
  const cells = line.split(',');
  const list = hours.get(cells[0]);
  if (!list) continue;
  const ref = parseHourLabel(cells[1]);
  const values = cells.slice(2, 8).map((x) => (x === '' || !(Number(x) >= 0) ? NaN : Number(x)));
  list.push({ day: ref.day, slot: ref.slot, values });
}
const keptDays = await stationDaysOfYearStored(db, YEAR, codes);
const dayRecord = (d) => ({ date: d.date, so2: d.so2, no2: d.no2, pm10: d.pm10, pm25: d.pm25, co: d.co, o3_8h_max: d.o3_8h_max, o3_1h_max: d.o3_1h_max, aqi: d.aqi });
let sameDays = 0;
let sameAnnual = 0;
for (const c of codes) {
  const reference = stationDays(hours.get(c));
  if (JSON.stringify(reference) === JSON.stringify(keptDays.get(c))) sameDays++;
  const records = reference.filter((d) => [d.so2, d.no2, d.pm10, d.pm25, d.co, d.o3_8h_max].some((v) => v !== null)).map(dayRecord);
  const exact = annualRow(annualStatisticsExact(records));
  const stored = annual.stations.find((s) => s.code === c);
  const { code: _c, name: _n, region: _r, reassessment: _re, ...storedRow } = stored;
  if (JSON.stringify(storedRow) === JSON.stringify(exact)) sameAnnual++;
}
await db.destroy();
const checked = sameDays === SAMPLE && sameAnnual === SAMPLE;
console.log(`  check: kept daily values of ${sameDays} of ${SAMPLE} stations equal the days recomputed from the file; kept annual statistics of ${sameAnnual} of ${SAMPLE} equal the exact-fraction reference${checked ? '' : ' — MISMATCH'}`);

// (d) The same import into PostgreSQL.
let pgFigure = null;
if (withPg) {
  const { startCluster } = await import('../tests/helpers/postgres.js');
  const pg = (await import('pg')).default;
  const cluster = pgArg ? null : await startCluster();
  const admin = pgArg ?? cluster.adminUrl;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const name = `bench_monitoring_${Date.now().toString(36)}`;
  await client.query(`create database ${name}`);
  await client.end();
  const pgUrl = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
  try {
    if (cli('monitoring', 'stations', '--db', pgUrl).status !== 0) throw new Error('PostgreSQL database setup failed');
    const { db: setup } = await openDatabase(pgUrl);
    const now = new Date().toISOString();
    for (const s of demoStations(N))
      await setup.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'bench', note: null, is_demo: 1, created_at: now }).execute();
    await setup.destroy();
    const t = performance.now();
    const r = cli('monitoring', 'import', file, '--skip-invalid', '--db', pgUrl);
    const s = (performance.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`PostgreSQL import failed: ${r.stderr}`);
    const { db: pdb } = await openDatabase(pgUrl);
    const pref = await resolvePlan(pdb, 'default');
    const pannual = await airAnnualStored(pdb, await loadPlan(pdb, pref.id), pref.revision, YEAR);
    await pdb.destroy();
    const same = JSON.stringify(pannual) === JSON.stringify(annual);
    pgFigure = { s, same };
    console.log(`  (d) the same import into PostgreSQL${cluster ? ' (throwaway cluster on loopback, fsync off as the tests run it)' : ''}: ${s.toFixed(2)} s = ${(s / duckS).toFixed(1)} × DuckDB, ${(s / importS).toFixed(2)} × SQLite's; kept annual statistics equal SQLite's: ${same ? 'yes' : 'NO'}; load ${load()}`);
  } finally {
    if (cluster) await cluster.stop();
  }
}

const ratio = importS / duckS;
console.log(`  ratio (b)/(a) = ${ratio.toFixed(1)} → target ≤ 10 ${ratio <= 10 ? 'met' : 'NOT met'}; peak RSS ${peakMb} MB → target < 1024 MB ${peakMb < 1024 ? 'met' : 'NOT met'}; load average now ${load()}`);
const command = `node bench/monitoring.js --stations ${N} --year ${YEAR}`;
record({ id: 'monitoring-ratio', issue: 21, target: `import of ${N} stations × 1 year (parse, validate, store, daily AQI, HJ 663, kept) ≤ 10 × DuckDB read-and-aggregate`, command, figure: `${ratio.toFixed(1)} × (${importS.toFixed(1)} s vs ${duckS.toFixed(2)} s)`, value: ratio, limit: 10, unit: '×', met: ratio <= 10 && checked });
if (pgFigure)
  record({ id: 'monitoring-postgres', issue: 21, target: `the same import into PostgreSQL, reported beside SQLite's (kept annual statistics equal)`, command, figure: `${pgFigure.s.toFixed(1)} s = ${(pgFigure.s / duckS).toFixed(1)} × DuckDB (SQLite ${importS.toFixed(1)} s)`, value: pgFigure.same ? 0 : 1, limit: 1, unit: 'mismatches' });
record({ id: 'monitoring-rss', issue: 21, target: `import of ${N} stations × 1 year: peak RSS < 1 GiB`, command, figure: `${peakMb} MB`, value: peakMb, limit: 1024, unit: 'MB' });
console.log(`  rerun: npm run build:server && ${command}`);
rmSync(dir, { recursive: true, force: true });
