// Hourly air data stored one row per station, natural day and import (air_days) instead of one row per station-hour
// (air_hours): the 24 slots of the six columns of a day in one value (src/monitoring/hourBlob.ts). Every use reads a
// station's whole days (daily means, AQI, O3 8-hour windows), and a year of 200 stations is 73 thousand rows
// instead of 1.7 million, which is most of an import's time (docs/performance.md, issue 21). Same facts: every
// stored value, its station, its hour and the import that wrote it are kept.
// - A day's hours may come from several imports (a later file adding a pollutant a stored hour lacked): one row per
//   import, and a reader merges them. An import never writes a value over a stored one (a conflict), so for each
//   hour and column at most one visible row has a value.
// - The batch protocol is unchanged (store/batches.ts): rows under a batch id are invisible until its final
//   transaction. Values an import adds to stored hours are simply its own rows, so air_hour_fills goes.
// - The conversion keeps only visible rows: rows of a batch still listed (an import killed mid-way) were never data.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { encodeDayHours, slotMask } from '../../monitoring/hourBlob.js';
import { newDayBuffer } from '../../monitoring/air.js';
import { dateOfDay, parseHourLabel } from '../../monitoring/time.js';
import { PARTITION_YEARS } from './0016_monitoring_results.js';

const COLUMNS = ['so2', 'no2', 'pm10', 'pm25', 'co', 'o3'] as const;
type HourRow = { hour: string; import_id: string } & Record<(typeof COLUMNS)[number], number | null>;

/** Rewrites the visible rows of air_hours into air_days, a station at a time (bounded memory). */
async function convert(db: Kysely<unknown>): Promise<void> {
  const stations = (await sql<{ station_code: string }>`select distinct station_code from air_hours`.execute(db)).rows;
  for (const { station_code } of stations) {
    const rows = (await sql<HourRow>`select hour, import_id, so2, no2, pm10, pm25, co, o3 from air_hours
      where station_code = ${station_code} and import_id not in (select id from monitoring_batches) order by hour`.execute(db)).rows;
    const days = new Map<string, { day: number; importId: string; buf: Float64Array }>();
    for (const r of rows) {
      if (COLUMNS.every((c) => r[c] === null)) continue; // an hour without any value holds no measurement
      const ref = parseHourLabel(r.hour);
      if (!ref) throw new Error(`air_hours: ${station_code} has an hour label that is not one: "${r.hour}"`);
      const key = `${ref.day}|${r.import_id}`;
      let d = days.get(key);
      if (!d) days.set(key, (d = { day: ref.day, importId: r.import_id, buf: newDayBuffer() }));
      COLUMNS.forEach((c, i) => {
        const v = r[c];
        if (v !== null) d.buf[i * 24 + ref.slot - 1] = v;
      });
    }
    const out = [...days.values()].map((d) => sql`(${station_code}, ${dateOfDay(d.day)}, ${d.importId}, ${slotMask(d.buf)}, ${Buffer.from(encodeDayHours(d.buf))})`);
    for (let i = 0; i < out.length; i += 500) await sql`insert into air_days (station_code, day, import_id, slots, data) values ${sql.join(out.slice(i, i + 500))}`.execute(db);
  }
}

/**
 * The table, the conversion and the end of the old tables, on either engine. SQLite: clustered on its key (WITHOUT
 * ROWID; a row is about 620 bytes, within what such a page keeps inline — the rare double format spills to an overflow
 * page). PostgreSQL: partitioned by the year of the day, as air_hours was by its hour label.
 */
async function replaceTables(db: Kysely<unknown>, pg: boolean): Promise<void> {
  await sql`create table air_days (
    station_code text not null references air_stations (code),
    day text not null,
    import_id text not null,
    slots integer not null,
    data ${sql.raw(pg ? 'bytea' : 'blob')} not null,
    constraint air_days_pk primary key (station_code, day, import_id)
  ) ${sql.raw(pg ? 'partition by range (day)' : 'without rowid')}`.execute(db);
  if (pg) {
    for (let y = PARTITION_YEARS.from; y <= PARTITION_YEARS.to; y++)
      await sql`create table ${sql.raw(`air_days_${y}`)} partition of air_days for values from (${sql.lit(String(y))}) to (${sql.lit(String(y + 1))})`.execute(db);
    await sql`create table air_days_other partition of air_days default`.execute(db);
  }
  await convert(db);
  await sql`drop table air_hours`.execute(db);
  await sql`drop table air_hour_fills`.execute(db);
  await sql`delete from monitoring_batches`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await replaceTables(db, pg);
  if (pg) {
    // The version function of 0016, with its batch check on air_days' rows instead of air_hours'.
    await sql`create or replace function ecoplan_bump_version() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'air_days' and tg_op <> 'UPDATE' then
          if not exists (select 1 from changed where import_id not in (select id from monitoring_batches)) then return null; end if;
        elsif not exists (select 1 from changed) then
          return null;
        end if;
        update monitoring_versions set n = n + 1 where name = tg_argv[0];
        return null;
      end $$`.execute(db);
    for (const [op, rows] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const)
      await sql`create trigger ${sql.raw(`air_days_${op}_version`)} after ${sql.raw(op)} on air_days referencing ${sql.raw(rows)} table as changed for each statement execute function ecoplan_bump_version('air')`.execute(db);
    return;
  }
  const bump = sql.raw(`update monitoring_versions set n = n + 1 where name = 'air';`);
  const staged = (row: 'new' | 'old') => sql.raw(`${row}.import_id not in (select id from monitoring_batches)`);
  await sql`create trigger air_days_insert_version after insert on air_days when ${staged('new')} begin ${bump} end`.execute(db);
  await sql`create trigger air_days_update_version after update on air_days begin ${bump} end`.execute(db);
  await sql`create trigger air_days_delete_version after delete on air_days when ${staged('old')} begin ${bump} end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0026_air_days cannot be undone: restore a backup taken before it');
}
