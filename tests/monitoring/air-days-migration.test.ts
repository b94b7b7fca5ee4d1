// Issue 21, migration 0026: a database whose hourly air data are one row per station-hour (air_hours, before 0026)
// keeps every visible value, its hour and its import once opened by this build (one row per station, day and
// import); what a killed import had staged is dropped; the daily values read afterwards are those of the hours as
// they were stored; and a later import adds to a converted day. Runs on both engines (vitest.config.ts).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMonitoringFile } from '../../src/importers/monitoring.js';
import { stationDays } from '../../src/monitoring/air.js';
import { parseHourLabel } from '../../src/monitoring/time.js';
import { writeBackup } from '../../src/store/backup.js';
import { MIGRATION_TABLE, MIGRATIONS, openDatabase } from '../../src/store/db.js';
import { stationDaysOfYear } from '../../src/store/monitoring.js';
import { connectPostgres } from '../../src/store/postgres.js';
import type { Database } from '../../src/store/schema.js';
import { expandDays, storedHours } from '../helpers/airHours.js';
import { BACKEND, freshDatabase } from '../helpers/backend.js';
import { BIN, CLI_CWD } from '../helpers/cli.js';
import { tempDir } from '../helpers/planFolder.js';

type Hour = { station_code: string; hour: string; import_id: string; so2: number | null; no2: number | null; pm10: number | null; pm25: number | null; co: number | null; o3: number | null };
const h = (station_code: string, hour: string, import_id: string, v: Partial<Hour> = {}): Hour => ({ station_code, hour, import_id, so2: null, no2: null, pm10: null, pm25: null, co: null, o3: null, ...v });

// As the build before 0026 stored them. 2023-03-02T00 is the last hour of 2023-03-01 (hours are labelled by their end).
const full = (i: number) => ({ so2: 5 + (i % 3), no2: 20 + i, pm10: 40, pm25: 25 + (i % 5), co: 0.7, o3: 60 + i });
const VISIBLE: Hour[] = [
  ...Array.from({ length: 23 }, (_, i) => h('M1', `2023-03-01T${String(i + 1).padStart(2, '0')}`, 'imp-a', full(i))),
  h('M1', '2023-03-02T00', 'imp-a', full(23)),
  // The same day, other hours, from a later import; one of its values is no short decimal, one is not finite.
  h('M1', '2023-03-02T05', 'imp-b', { pm25: 0.1 + 0.2, co: Infinity }),
  h('M1', '2023-03-02T06', 'imp-b', { pm25: 12.345 }),
  h('M2', '2023-12-31T23', 'imp-a', { so2: 9, pm10: 33 }),
  h('M2', '2024-01-01T00', 'imp-a', { o3: 71 }), // last hour of 2023-12-31
  h('M2', '2024-01-01T01', 'imp-a', { o3: 72 }),
];
const STAGED = [h('M1', '2023-03-03T01', 'dead-batch', { pm25: 99 }), h('M2', '2023-05-01T10', 'dead-batch', { so2: 1 })];
const EMPTY = h('M2', '2023-06-01T10', 'imp-a'); // an hour row without any value

async function databaseBefore0026(location: string, backend = BACKEND): Promise<string> {
  const db: Kysely<unknown> = backend === 'postgres' ? (connectPostgres(location) as Kysely<unknown>) : new Kysely({ dialect: new SqliteDialect({ database: new SQLite(location) }) });
  const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0026'));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => before }, migrationTableName: MIGRATION_TABLE }).migrateToLatest();
  if (error) throw error;
  const now = new Date().toISOString();
  for (const code of ['M1', 'M2']) await sql`insert into air_stations (code, name, region_code, region_method, lon, lat, level, uncertain, source, note, is_demo, created_at) values (${code}, ${code}, null, null, null, null, 'city', 0, 'test', null, 0, ${now})`.execute(db);
  await sql`insert into monitoring_batches (id, file_name, host, pid, started_at, heartbeat_at, staged) values ('dead-batch', 'dead.csv', 'elsewhere', 1, ${now}, ${now}, '[]')`.execute(db);
  for (const r of [...VISIBLE, ...STAGED, EMPTY])
    await sql`insert into air_hours (station_code, hour, so2, no2, pm10, pm25, co, o3, import_id) values (${r.station_code}, ${r.hour}, ${r.so2}, ${r.no2}, ${r.pm10}, ${r.pm25}, ${r.co}, ${r.o3}, ${r.import_id})`.execute(db);
  await sql`insert into air_hour_fills (batch_id, station_code, hour, pm10) values ('dead-batch', 'M1', '2023-03-01T02', 3)`.execute(db);
  await db.destroy();
  return location;
}

let opened: Awaited<ReturnType<typeof openDatabase>>;
let airVersionBefore: number;
beforeAll(async () => {
  const location = await databaseBefore0026(await freshDatabase());
  // The air version before: the facts are the same after conversion, so kept results stay valid.
  const peek = BACKEND === 'postgres' ? connectPostgres(location) : new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(location) }) });
  airVersionBefore = Number((await peek.selectFrom('monitoring_versions').select('n').where('name', '=', 'air').executeTakeFirstOrThrow()).n);
  await peek.destroy();
  opened = await openDatabase(location);
}, 120_000);
afterAll(async () => {
  await opened?.db.destroy();
});

const byStationHour = (a: Hour, b: Hour) => (a.station_code < b.station_code ? -1 : a.station_code > b.station_code ? 1 : a.hour < b.hour ? -1 : a.hour > b.hour ? 1 : 0);

describe('migration 0026: station-hours become station-days', () => {
  it('keeps every visible value with its hour and import, and drops what a killed import had staged', async () => {
    expect(opened.applied).toContain('0026_air_days');
    const rows = await opened.db.selectFrom('air_days').select(['station_code', 'day', 'import_id', 'data']).execute();
    const hours = expandDays(rows);
    const expected = [...VISIBLE].sort(byStationHour);
    expect(hours).toHaveLength(expected.length);
    hours.forEach((got, i) => {
      const want = expected[i]!;
      expect(got.station_code + got.hour + got.import_id).toBe(want.station_code + want.hour + want.import_id);
      for (const c of ['so2', 'no2', 'pm10', 'pm25', 'co', 'o3'] as const) expect(Object.is(got[c], want[c]), `${want.hour} ${c}: ${got[c]} ≠ ${want[c]}`).toBe(true);
    });
    // One row per station, natural day and import: M1 03-01 (imp-a), M1 03-02 (imp-b), M2 2023-12-31, M2 2024-01-01.
    expect(rows.map((r) => `${r.station_code} ${r.day} ${r.import_id}`).sort()).toEqual(['M1 2023-03-01 imp-a', 'M1 2023-03-02 imp-b', 'M2 2023-12-31 imp-a', 'M2 2024-01-01 imp-a']);
    expect(await opened.db.selectFrom('monitoring_batches').selectAll().execute()).toEqual([]);
    const tables = BACKEND === 'postgres' ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(opened.db)).rows : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(opened.db)).rows;
    expect(tables.map((t) => t.name)).not.toContain('air_hours');
    expect(tables.map((t) => t.name)).not.toContain('air_hour_fills');
    expect(Number((await opened.db.selectFrom('monitoring_versions').select('n').where('name', '=', 'air').executeTakeFirstOrThrow()).n)).toBe(airVersionBefore);
  });

  it('gives the daily values of the hours as they were stored (non-finite values read as missing, as before)', async () => {
    const days = await stationDaysOfYear(opened.db, 2023);
    for (const station of ['M1', 'M2']) {
      const reference = stationDays(
        VISIBLE.filter((r) => r.station_code === station).map((r) => {
          const ref = parseHourLabel(r.hour)!;
          return { day: ref.day, slot: ref.slot, values: [r.so2, r.no2, r.pm10, r.pm25, r.co, r.o3].map((v) => (v !== null && Number.isFinite(v) ? v : null)) };
        }),
      ).filter((d) => d.date.startsWith('2023'));
      expect(days.get(station), station).toEqual(reference);
    }
  });

  it('takes a later import that adds a pollutant to converted hours: a new row of that import, read merged', async () => {
    const file = join(tempDir(), 'more.csv');
    writeFileSync(file, 'station,time,so2,no2,pm10,pm25,co,o3\nM2,2023-12-31T23,9,,,18,,\nM2,2024-01-01T00,,,,,1.1,71\n');
    const r = await importMonitoringFile(opened.db, file, { by: { id: null, username: 'test' } });
    expect(r).toMatchObject({ ok: true, imported: 2, duplicates: 0, skipped: 0 });
    const m2 = (await storedHours(opened.db, { station: 'M2' })).map(({ import_id: _, ...x }) => x);
    expect(m2).toEqual([
      { station_code: 'M2', hour: '2023-12-31T23', so2: 9, no2: null, pm10: 33, pm25: 18, co: null, o3: null },
      { station_code: 'M2', hour: '2024-01-01T00', so2: null, no2: null, pm10: null, pm25: null, co: 1.1, o3: 71 },
      { station_code: 'M2', hour: '2024-01-01T01', so2: null, no2: null, pm10: null, pm25: null, co: null, o3: 72 },
    ]);
    const rows = await opened.db.selectFrom('air_days').select(['day', 'import_id']).where('station_code', '=', 'M2').execute();
    expect(rows.map((x) => `${x.day} ${x.import_id}`).sort()).toEqual([`2023-12-31 ${r.importId}`, '2023-12-31 imp-a', '2024-01-01 imp-a'].sort());
  });

  it('restores a backup taken before 0026 (one row per station-hour) and converts it like the database it came from', async () => {
    // The backup as the build before 0026 wrote it: its header names migrations up to 0025, its air_hours rows.
    const source = await databaseBefore0026(join(tempDir(), 'old.db'), 'sqlite');
    const old = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(source) }) });
    const backup = join(tempDir(), 'old.ecoplan-backup');
    await writeBackup(old, { version: '0.1.0', createdAt: new Date().toISOString(), backend: 'sqlite' }, Object.keys(MIGRATIONS).filter((n) => n < '0026'), backup);
    await old.destroy();
    const target = await freshDatabase();
    const r = spawnSync(process.execPath, [BIN, 'restore', backup, '--db', target], { cwd: CLI_CWD, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const restored = await openDatabase(target);
    try {
      const hours = expandDays(await restored.db.selectFrom('air_days').select(['station_code', 'day', 'import_id', 'data']).execute());
      const want = [...VISIBLE].sort(byStationHour);
      expect(hours.map((x) => `${x.station_code} ${x.hour} ${x.import_id}`)).toEqual(want.map((x) => `${x.station_code} ${x.hour} ${x.import_id}`));
      expect(Object.is(hours.find((x) => x.hour === '2023-03-02T05')!.pm25, 0.1 + 0.2)).toBe(true);
      expect(hours.find((x) => x.hour === '2023-03-02T05')!.co).toBe(Infinity);
      expect(await restored.db.selectFrom('monitoring_batches').selectAll().execute()).toEqual([]);
    } finally {
      await restored.db.destroy();
    }
  }, 120_000);
});
