// monitoring data at provincial scale.
// - monitoring_batches: an air import being written. Its rows go into air_hours in bounded transactions under the
//   batch's id and stay invisible (every read leaves out rows of a batch listed here) until one small final
//   transaction removes the batch row; a batch whose process died is cleaned up on the next open (store/batches.ts).
//   Only one batch at a time: a second import waits for the first.
// - air_hour_fills: values a batch adds to hours already stored (a pollutant the stored hour lacked), applied in
//   the final transaction.
// - monitoring_versions: counters of the facts the computed results depend on ('air': air_hours, 'registry':
//   stations and sections, 'water': water_samples), kept by the triggers below and by the import's final
//   transaction.
// - monitoring_results: a cache of computed results (daily values and AQI per station-year, the annual statistics,
//   region days, indicators), each row keyed by the versions of the facts it was computed from; rebuildable from
//   the facts at any time, never a fact itself (docs/monitoring.md).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/** Years given their own partition of air_hours on PostgreSQL; hours outside them land in the default partition. */
export const PARTITION_YEARS = { from: 2000, to: 2060 };

/**
 * PostgreSQL: air_hours partitioned by the year of its hour label (a year's hours are read, imported and
 * could be detached together), and the version counters kept by trigger functions instead of SQLite triggers.
 */
async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`create table air_hours_by_year (
    station_code text not null references air_stations (code),
    hour text not null,
    so2 double precision, no2 double precision, pm10 double precision, pm25 double precision, co double precision, o3 double precision,
    import_id text not null,
    primary key (station_code, hour)
  ) partition by range (hour)`.execute(db);
  for (let y = PARTITION_YEARS.from; y <= PARTITION_YEARS.to; y++)
    await sql`create table ${sql.raw(`air_hours_${y}`)} partition of air_hours_by_year for values from (${sql.lit(String(y))}) to (${sql.lit(String(y + 1))})`.execute(db);
  await sql`create table air_hours_other partition of air_hours_by_year default`.execute(db);
  await sql`insert into air_hours_by_year select station_code, hour, so2, no2, pm10, pm25, co, o3, import_id from air_hours`.execute(db);
  await sql`drop table air_hours`.execute(db);
  await sql`alter table air_hours_by_year rename to air_hours`.execute(db);
  await createTables(db);
  // Statement-level triggers over the statement's rows (transition tables): a COPY of a chunk costs one check, not
  // one per row. A statement that changed no row does not move the version; rows of a batch being written (listed in
  // monitoring_batches) do not either — its final transaction does.
  await sql`create function ecoplan_bump_version() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'air_hours' and tg_op <> 'UPDATE' then
        if not exists (select 1 from changed where import_id not in (select id from monitoring_batches)) then return null; end if;
      elsif not exists (select 1 from changed) then
        return null;
      end if;
      update monitoring_versions set n = n + 1 where name = tg_argv[0];
      return null;
    end $$`.execute(db);
  const trigger = async (table: string, name: string) => {
    for (const [op, rows] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const)
      await sql`create trigger ${sql.raw(`${table}_${op}_version`)} after ${sql.raw(op)} on ${sql.raw(table)} referencing ${sql.raw(rows)} table as changed for each statement execute function ecoplan_bump_version(${sql.lit(name)})`.execute(db);
  };
  await trigger('air_hours', 'air');
  await trigger('air_stations', 'registry');
  await trigger('water_sections', 'registry');
  await trigger('water_samples', 'water');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  // air_hours clustered on its key (WITHOUT ROWID): one B-tree instead of a table and its key index, so a bulk
  // import writes each station-hour once (bench/performance-notes.md). Same columns, same facts.
  await sql`create table air_hours_clustered (
    station_code text not null references air_stations (code),
    hour text not null,
    so2 real, no2 real, pm10 real, pm25 real, co real, o3 real,
    import_id text not null,
    constraint air_hours_pk primary key (station_code, hour)
  ) without rowid`.execute(db);
  await sql`insert into air_hours_clustered select station_code, hour, so2, no2, pm10, pm25, co, o3, import_id from air_hours`.execute(db);
  await sql`drop table air_hours`.execute(db);
  await sql`alter table air_hours_clustered rename to air_hours`.execute(db);
  await createTables(db);

  // A write to the facts moves their version. Rows of a batch being written (not yet visible) do not: the batch's
  // final transaction moves it once.
  const bump = (name: string) => sql.raw(`update monitoring_versions set n = n + 1 where name = '${name}';`);
  const staged = (row: 'new' | 'old') => sql.raw(`${row}.import_id not in (select id from monitoring_batches)`);
  await sql`create trigger air_hours_insert_version after insert on air_hours when ${staged('new')} begin ${bump('air')} end`.execute(db);
  await sql`create trigger air_hours_update_version after update on air_hours begin ${bump('air')} end`.execute(db);
  await sql`create trigger air_hours_delete_version after delete on air_hours when ${staged('old')} begin ${bump('air')} end`.execute(db);
  for (const table of ['air_stations', 'water_sections'])
    for (const op of ['insert', 'update', 'delete'])
      await sql`create trigger ${sql.raw(`${table}_${op}_version`)} after ${sql.raw(op)} on ${sql.raw(table)} begin ${bump('registry')} end`.execute(db);
  for (const op of ['insert', 'update', 'delete'])
    await sql`create trigger ${sql.raw(`water_samples_${op}_version`)} after ${sql.raw(op)} on water_samples begin ${bump('water')} end`.execute(db);
}

async function createTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('monitoring_batches')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the import's id, written as air_hours.import_id
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull()) // renewed with every chunk written
    .addColumn('staged', 'text', (c) => c.notNull()) // JSON [[station, firstHour, lastHour], …] written so far
    .execute();
  await db.schema
    .createTable('air_hour_fills')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('station_code', 'text', (c) => c.notNull())
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('so2', 'real')
    .addColumn('no2', 'real')
    .addColumn('pm10', 'real')
    .addColumn('pm25', 'real')
    .addColumn('co', 'real')
    .addColumn('o3', 'real')
    .addPrimaryKeyConstraint('air_hour_fills_pk', ['batch_id', 'station_code', 'hour'])
    .execute();
  await db.schema
    .createTable('monitoring_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into monitoring_versions (name, n) values ('air', 1), ('registry', 1), ('water', 1)`.execute(db);
  await db.schema
    .createTable('monitoring_results')
    .addColumn('kind', 'text', (c) => c.notNull()) // station-days | air-annual | region-days | indicators
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull()) // the facts' versions it was computed from
    .addColumn('body', 'blob', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitoring_results_pk', ['kind', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['air_hours', 'air_stations', 'water_sections', 'water_samples'])
      for (const op of ['insert', 'update', 'delete']) await sql`drop trigger if exists ${sql.raw(`${t}_${op}_version`)} on ${sql.raw(t)}`.execute(db);
    await sql`drop function if exists ecoplan_bump_version()`.execute(db);
    for (const t of ['monitoring_results', 'monitoring_versions', 'air_hour_fills', 'monitoring_batches']) await db.schema.dropTable(t).execute();
    return;
  }
  for (const t of ['air_hours_insert', 'air_hours_update', 'air_hours_delete', 'air_stations_insert', 'air_stations_update', 'air_stations_delete', 'water_sections_insert', 'water_sections_update', 'water_sections_delete', 'water_samples_insert', 'water_samples_update', 'water_samples_delete'])
    await sql`drop trigger if exists ${sql.raw(`${t}_version`)}`.execute(db);
  for (const t of ['monitoring_results', 'monitoring_versions', 'air_hour_fills', 'monitoring_batches']) await db.schema.dropTable(t).execute();
}
