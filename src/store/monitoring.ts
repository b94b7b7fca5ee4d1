// Monitoring registries and data: air stations, water sections, hourly air data, water samples and the
// import log. The registries are seeded from the plan folder's monitoring/*.csv (facts with their sources) the
// first time they are used; a seeded or edited row is never overwritten by a later seed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import { DEFAULT_PLAN_DIR } from '../planfolder/hash.js';
import type { AirStationsTable, Database, WaterSectionsTable } from './schema.js';
import { audit } from './users.js';
import { dateOfDay, dayOfDate, hourLabel } from '../monitoring/time.js';
import { dayValues, HOURLY_COLUMNS, newDayBuffer, type DayBuffer, type StationDay } from '../monitoring/air.js';
import { decodeDayHoursInto, encodeDayHours, slotCount, slotMask } from '../monitoring/hourBlob.js';
import type { SectionEntry, StationEntry } from '../monitoring/registry.js';
import { VISIBLE_HOURS } from './visibleHours.js';

/** Rows of air_days that are visible: not of an import still being written (store/batches.ts). */
const visible = sql<boolean>`${sql.raw(VISIBLE_HOURS)}`;

export const REGISTRY_DIR = join(DEFAULT_PLAN_DIR, 'monitoring');

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
const seeded = new WeakSet<object>();

/** For a read-only connection (a worker thread's) to a database whose registries the server has seeded already. */
export function registrySeededElsewhere(db: Kysely<Database>): void {
  seeded.add(db);
}

/** Inserts the registry rows of `dir` that are not in the database yet (by code). Idempotent; once per db object. */
export async function ensureRegistry(db: Kysely<Database>, dir = REGISTRY_DIR): Promise<{ stations: number; sections: number }> {
  if (seeded.has(db)) return { stations: 0, sections: 0 };
  const now = new Date().toISOString();
  let stations = 0;
  let sections = 0;
  const stationFile = join(dir, 'air-stations.csv');
  const sectionFile = join(dir, 'water-sections.csv');
  await db.transaction().execute(async (trx) => {
    if (existsSync(stationFile))
      for (const r of readCsv(stationFile)) {
        const row: AirStationsTable = {
          code: r.code!,
          name: r.name!,
          region_code: r.region || null,
          region_method: r.region_method || null,
          lon: num(r.lon),
          lat: num(r.lat),
          level: r.level as AirStationsTable['level'],
          uncertain: r.uncertain === '1' ? 1 : 0,
          source: r.source!,
          note: r.note || null,
          is_demo: 0,
          created_at: now,
        };
        const res = await trx.insertInto('air_stations').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
        stations += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
    if (existsSync(sectionFile))
      for (const r of readCsv(sectionFile)) {
        const row: WaterSectionsTable = {
          code: r.code!,
          name: r.name!,
          river: r.river!,
          waterbody: r.waterbody as WaterSectionsTable['waterbody'],
          assessment: r.assessment as WaterSectionsTable['assessment'],
          target_class: r.target_class as WaterSectionsTable['target_class'],
          drinking_water: r.drinking_water === 'true' ? 1 : 0,
          region_code: r.region || null,
          region_method: r.region_method || null,
          lon: num(r.lon),
          lat: num(r.lat),
          source: r.source!,
          note: r.note || null,
          is_demo: 0,
          created_at: now,
        };
        const res = await trx.insertInto('water_sections').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
        sections += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
  });
  seeded.add(db);
  return { stations, sections };
}

export async function listStations(db: Kysely<Database>) {
  await ensureRegistry(db);
  const rows = await db.selectFrom('air_stations').selectAll().orderBy('is_demo').orderBy('code').execute();
  // Station-hours with any value: the slots of each stored day (its rows of several imports merged).
  const days = await db.selectFrom('air_days').select(['station_code', 'day', 'slots']).where(visible).orderBy('station_code').orderBy('day').execute();
  const hours = new Map<string, number>();
  for (let i = 0; i < days.length; ) {
    const { station_code, day } = days[i]!;
    let mask = 0;
    for (; i < days.length && days[i]!.station_code === station_code && days[i]!.day === day; i++) mask |= days[i]!.slots;
    hours.set(station_code, (hours.get(station_code) ?? 0) + slotCount(mask));
  }
  return rows.map((r) => ({ ...r, hours: hours.get(r.code) ?? 0 }));
}

/** The station registry alone (listStations without the hour counts, which read every stored hour). */
export async function stationRegistry(db: Kysely<Database>) {
  await ensureRegistry(db);
  return db.selectFrom('air_stations').selectAll().orderBy('is_demo').orderBy('code').execute();
}

export async function listSections(db: Kysely<Database>) {
  await ensureRegistry(db);
  const rows = await db.selectFrom('water_sections').selectAll().orderBy('is_demo').orderBy('code').execute();
  const counts = await db.selectFrom('water_samples').select(['section_code', sql<number>`count(distinct date)`.as('n')]).groupBy('section_code').execute();
  const samples = new Map(counts.map((c) => [c.section_code, Number(c.n)]));
  return rows.map((r) => ({ ...r, samples: samples.get(r.code) ?? 0 }));
}

/** Writes a stored day's values into `buf` (over what other rows of the day wrote); stored bytes in no known format throw. */
export function mergeStoredDay(station: string, day: string, data: Uint8Array, buf: DayBuffer): void {
  if (!decodeDayHoursInto(data, buf)) throw new Error(`air_days: the stored values of ${station} ${day} are not in a known format`);
}

/**
 * The stored days of stations between two natural days ('YYYY-MM-DD'), each station's in day order, the rows of a day
 * (several imports) merged into one buffer: `each` receives the station, the day number and the buffer (reused: copy
 * what must outlive the call). Non-finite values (Infinity, stored before imports refused "1e309") are no
 * measurement and read as missing, so that no statistic fails; `ecoplan monitoring repair` lists and removes them.
 */
export async function eachStoredDay(db: Kysely<Database>, fromDay: string, toDay: string, stations: readonly string[] | undefined, each: (station: string, day: number, buf: DayBuffer) => void): Promise<void> {
  let q = db.selectFrom('air_days').select(['station_code', 'day', 'data']).where('day', '>=', fromDay).where('day', '<=', toDay).where(visible);
  if (stations) q = q.where('station_code', 'in', stations.length ? [...stations] : ['']);
  const rows = await q.orderBy('station_code').orderBy('day').execute();
  const buf = newDayBuffer();
  for (let i = 0; i < rows.length; ) {
    const { station_code, day } = rows[i]!;
    buf.fill(NaN);
    for (; i < rows.length && rows[i]!.station_code === station_code && rows[i]!.day === day; i++) mergeStoredDay(station_code, day, rows[i]!.data, buf);
    let any = false;
    for (let k = 0; k < buf.length; k++) {
      const v = buf[k]!;
      if (v === v && !Number.isFinite(v)) buf[k] = NaN;
      else if (v === v) any = true;
    }
    if (any) each(station_code, dayOfDate(day), buf);
  }
}

export async function waterSamplesOfYear(db: Kysely<Database>, year: number) {
  const rows = await db.selectFrom('water_samples').select(['section_code', 'date', 'item', 'value']).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  return rows.filter((r) => Number.isFinite(r.value)); // as above: a non-finite sample is no sample
}

const POLLUTANT_COLUMNS = ['so2', 'no2', 'pm10', 'pm25', 'co', 'o3'] as const;
/** Beyond the largest finite double: only ±Infinity (SQLite keeps NaN as NULL). */
const NOT_FINITE = 1.7976931348623157e308;

export interface NonFiniteValue {
  table: 'air_days' | 'water_samples';
  /** Station or section code. */
  code: string;
  /** Hour label (air) or date (water). */
  time: string;
  /** Pollutant column (air) or item (water). */
  item: string;
  value: string;
  importId: string;
}

/**
 * Visible stored days holding a value that is not finite (only the double format can: src/monitoring/hourBlob.ts),
 * with their decoded values and the buffer indexes of the bad ones. Reads every stored day: a maintenance command's.
 */
async function nonFiniteAirDays(db: Kysely<Database>) {
  const rows = await db.selectFrom('air_days').select(['station_code', 'day', 'import_id', 'data']).where(visible).orderBy('station_code').orderBy('day').execute();
  const out: { row: (typeof rows)[number]; buf: DayBuffer; bad: number[] }[] = [];
  for (const row of rows) {
    const buf = newDayBuffer();
    mergeStoredDay(row.station_code, row.day, row.data, buf);
    const bad: number[] = [];
    for (let k = 0; k < buf.length; k++) if (buf[k] === buf[k] && !Number.isFinite(buf[k])) bad.push(k);
    if (bad.length) out.push({ row, buf, bad });
  }
  return out;
}

/** Stored monitoring values that are not finite numbers (written before the importers refused them). */
export async function nonFiniteMonitoringValues(db: Kysely<Database>): Promise<NonFiniteValue[]> {
  const out: NonFiniteValue[] = [];
  for (const { row, buf, bad } of await nonFiniteAirDays(db))
    for (const k of bad) {
      const c = Math.floor(k / 24);
      out.push({ table: 'air_days', code: row.station_code, time: hourLabel(dayOfDate(row.day), (k % 24) + 1), item: HOURLY_COLUMNS[c]!, value: String(buf[k]), importId: row.import_id });
    }
  out.sort((a, b) => POLLUTANT_COLUMNS.indexOf(a.item as never) - POLLUTANT_COLUMNS.indexOf(b.item as never) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const water = await db.selectFrom('water_samples').select(['section_code', 'date', 'item', 'value', 'import_id']).where(sql<boolean>`abs(value) > ${NOT_FINITE}`).orderBy('section_code').orderBy('date').execute();
  for (const r of water) out.push({ table: 'water_samples', code: r.section_code, time: r.date, item: r.item, value: String(r.value), importId: r.import_id });
  return out;
}

/**
 * Removes stored non-finite monitoring values in one transaction: an air value becomes missing (an hour left
 * with no value at all is deleted), a water sample is deleted. Each removed value is named in the audit log.
 */
export async function repairNonFiniteMonitoring(db: Kysely<Database>, by: { id: string | null; username: string }): Promise<NonFiniteValue[]> {
  return db.transaction().execute(async (trx) => {
    const found = await nonFiniteMonitoringValues(trx);
    if (!found.length) return found;
    for (const { row, buf, bad } of await nonFiniteAirDays(trx)) {
      for (const k of bad) buf[k] = NaN;
      const slots = slotMask(buf);
      if (slots)
        await trx
          .updateTable('air_days')
          .set({ slots, data: Buffer.from(encodeDayHours(buf)) })
          .where('station_code', '=', row.station_code)
          .where('day', '=', row.day)
          .where('import_id', '=', row.import_id)
          .execute();
      else await trx.deleteFrom('air_days').where('station_code', '=', row.station_code).where('day', '=', row.day).where('import_id', '=', row.import_id).execute();
    }
    await trx.deleteFrom('water_samples').where(sql<boolean>`abs(value) > ${NOT_FINITE}`).execute();
    await audit(trx, { userId: by.id, action: 'monitoring.repair', entity: 'monitoring_values', entityId: null, detail: { by: by.username, removed: found.length, values: found } });
    return found;
  });
}

export async function importReport(db: Kysely<Database>, id: string) {
  return db.selectFrom('monitoring_imports').select(['id', 'file_name', 'report_csv']).where('id', '=', id).executeTakeFirst();
}

/** Removes demo monitoring data: demo stations and sections with their data, and data of demo imports. */
export async function removeDemoMonitoring(db: Kysely<Database>, by: { id: string | null } = { id: null }): Promise<{ hours: number; samples: number; stations: number; sections: number }> {
  return db.transaction().execute(async (trx) => {
    const demoImports = trx.selectFrom('monitoring_imports').select('id').where('is_demo', '=', 1);
    const demoStations = trx.selectFrom('air_stations').select('code').where('is_demo', '=', 1);
    const demoSections = trx.selectFrom('water_sections').select('code').where('is_demo', '=', 1);
    const days = await trx.selectFrom('air_days').select('slots').where((eb) => eb.or([eb('import_id', 'in', demoImports), eb('station_code', 'in', demoStations)])).where(visible).execute();
    await trx.deleteFrom('air_days').where((eb) => eb.or([eb('import_id', 'in', demoImports), eb('station_code', 'in', demoStations)])).where(visible).execute();
    const hours = days.reduce((n, d) => n + slotCount(d.slots), 0);
    const s = await trx.deleteFrom('water_samples').where((eb) => eb.or([eb('import_id', 'in', demoImports), eb('section_code', 'in', demoSections)])).executeTakeFirst();
    const st = await trx.deleteFrom('air_stations').where('is_demo', '=', 1).executeTakeFirst();
    const se = await trx.deleteFrom('water_sections').where('is_demo', '=', 1).executeTakeFirst();
    await trx.deleteFrom('monitoring_imports').where('is_demo', '=', 1).execute();
    const out = { hours, samples: Number(s.numDeletedRows), stations: Number(st.numDeletedRows), sections: Number(se.numDeletedRows) };
    if (out.hours + out.samples + out.stations + out.sections) await audit(trx, { userId: by.id, action: 'monitoring.demo.remove', entity: 'monitoring', entityId: null, detail: out });
    return out;
  });
}

/** Daily values of each station over the natural days of a year (src/monitoring/air.ts), by station code. */
export async function stationDaysOfYear(db: Kysely<Database>, year: number, stations?: readonly string[]): Promise<Map<string, StationDay[]>> {
  const out = new Map<string, StationDay[]>();
  await eachStoredDay(db, `${year}-01-01`, `${year}-12-31`, stations, (station, day, buf) => {
    let days = out.get(station);
    if (!days) out.set(station, (days = []));
    days.push(dayValues(dateOfDay(day), buf));
  });
  return out;
}

export class RegistryError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

const stationRow = (e: StationEntry, now: string): AirStationsTable => ({
  code: e.code,
  name: e.name,
  region_code: e.region,
  region_method: e.region ? 'entered' : null,
  lon: e.lon,
  lat: e.lat,
  level: e.level,
  uncertain: 0,
  source: e.source,
  note: e.note,
  is_demo: 0,
  created_at: now,
});

const sectionRow = (e: SectionEntry, now: string): WaterSectionsTable => ({
  code: e.code,
  name: e.name,
  river: e.river,
  waterbody: e.waterbody,
  assessment: e.assessment,
  target_class: e.targetClass,
  drinking_water: e.drinkingWater ? 1 : 0,
  region_code: e.region,
  region_method: e.region ? 'entered' : null,
  lon: e.lon,
  lat: e.lat,
  source: e.source,
  note: e.note,
  is_demo: 0,
  created_at: now,
});

/** The registry fields that matter for a change (what the audit records as before → after). */
const comparable = (r: AirStationsTable | WaterSectionsTable) => {
  const { created_at: _created, is_demo: _demo, region_method: _method, uncertain: _uncertain, ...rest } = r as AirStationsTable & WaterSectionsTable;
  return rest;
};

/**
 * Adds or changes registry entries, all or nothing: a change of an existing entry needs a reason, and the audit log
 * keeps the entry as it was and as it is. Returns how many were added, changed and left as they were.
 */
export async function saveRegistry(
  db: Kysely<Database>,
  kind: 'air' | 'water',
  entries: readonly (StationEntry | SectionEntry)[],
  opts: { by: { id: string | null; username: string }; reason: string | null; ip?: string | null; within?: (regionCode: string | null) => boolean },
): Promise<{ added: number; changed: number; unchanged: number }> {
  await ensureRegistry(db);
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const out = { added: 0, changed: 0, unchanged: 0 };
    for (const e of entries) {
      const row = kind === 'air' ? stationRow(e as StationEntry, now) : sectionRow(e as SectionEntry, now);
      const table = kind === 'air' ? 'air_stations' : 'water_sections';
      const before = (await trx.selectFrom(table).selectAll().where('code', '=', e.code).executeTakeFirst()) as AirStationsTable | WaterSectionsTable | undefined;
      // Through a plan, only that plan's entries change: the registry is shared by every plan of the deployment.
      if (before && opts.within && !opts.within(before.region_code))
        throw new RegistryError(409, 'NOT_IN_PLAN', `${e.code} 已登记在本规划范围之外（行政区 ${before.region_code}），只能由其所属规划修改`, `${e.code} is registered outside this plan's area (region ${before.region_code}); only its own plan changes it`);
      if (before && JSON.stringify(comparable(before)) === JSON.stringify(comparable(row))) {
        out.unchanged++;
        continue;
      }
      if (before && !opts.reason?.trim())
        throw new RegistryError(409, 'REASON_REQUIRED', `${e.code} 已在登记表中；修改须填写原因`, `${e.code} is already registered; a change needs a reason`);
      if (before) {
        const { code: _code, created_at: _created, ...changes } = row;
        // A station entered by hand is no longer the registry's uncertain reading (sections have no such flag).
        await trx.updateTable(table).set({ ...changes, ...(kind === 'air' ? { uncertain: 0 } : {}), created_at: before.created_at } as never).where('code', '=', e.code).execute();
        out.changed++;
      } else {
        await trx.insertInto(table).values(row as never).execute();
        out.added++;
      }
      await audit(trx, {
        userId: opts.by.id,
        action: kind === 'air' ? 'monitoring.station.save' : 'monitoring.section.save',
        entity: table,
        entityId: e.code,
        detail: { before: before ? comparable(before) : null, after: comparable(row), reason: opts.reason ?? null, by: opts.by.username },
        ip: opts.ip ?? null,
      });
    }
    return out;
  });
}

/**
 * The years with any air hour and any water sample, newest first (an air year is its natural days; their hours run
 * from 'Y-01-01T01' to '(Y+1)-01-01T00': hours are labelled by their end, src/monitoring/time.ts): one index seek per station (or section) and year
 * on the primary keys, stopping at the first hit, so it stays cheap with millions of hours.
 */
export async function monitoringYears(db: Kysely<Database>, from: number, to: number): Promise<{ air: number[]; water: number[] }> {
  const air: number[] = [];
  const water: number[] = [];
  for (let y = to; y >= from; y--) {
    const a = await db
      .selectFrom('air_stations as s')
      .select('s.code')
      .where(({ exists, selectFrom }) => exists(selectFrom('air_days as h').select('h.day').whereRef('h.station_code', '=', 's.code').where('h.day', '>=', `${y}-01-01`).where('h.day', '<=', `${y}-12-31`).where(visible)))
      .limit(1)
      .executeTakeFirst();
    if (a) air.push(y);
    const w = await db
      .selectFrom('water_sections as s')
      .select('s.code')
      .where(({ exists, selectFrom }) => exists(selectFrom('water_samples as w').select('w.date').whereRef('w.section_code', '=', 's.code').where('w.date', '>=', `${y}-01-01`).where('w.date', '<', `${y + 1}-01-01`)))
      .limit(1)
      .executeTakeFirst();
    if (w) water.push(y);
  }
  return { air, water };
}
