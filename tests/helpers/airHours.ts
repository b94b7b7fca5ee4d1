// Stored hourly air data as tests look at it: one row per station-hour, read from (or written to) the station-day
// rows of air_days through the stored format (src/monitoring/hourBlob.ts), on Kysely (either engine) or a raw
// better-sqlite3 handle.
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { HOURLY_COLUMNS, newDayBuffer } from '../../src/monitoring/air.js';
import { decodeDayHoursInto, encodeDayHours, slotMask } from '../../src/monitoring/hourBlob.js';
import { dateOfDay, dayOfDate, hourLabel, parseHourLabel } from '../../src/monitoring/time.js';
import type { AirDaysTable, AirHourRow, Database } from '../../src/store/schema.js';

export type StoredHour = AirHourRow & { import_id: string };
type DayRow = Pick<AirDaysTable, 'station_code' | 'day' | 'import_id' | 'data'>;

/** The station-hours of stored day rows, one per row and hour with a value (an hour two imports wrote is listed twice). */
export function expandDays(rows: readonly DayRow[]): StoredHour[] {
  const out: StoredHour[] = [];
  for (const r of rows) {
    const buf = newDayBuffer();
    if (!decodeDayHoursInto(r.data, buf)) throw new Error(`not a stored day: ${r.station_code} ${r.day}`);
    for (let s = 0; s < 24; s++) {
      const h: StoredHour = { station_code: r.station_code, hour: hourLabel(dayOfDate(r.day), s + 1), so2: null, no2: null, pm10: null, pm25: null, co: null, o3: null, import_id: r.import_id };
      let any = false;
      HOURLY_COLUMNS.forEach((c, i) => {
        const v = buf[i * 24 + s]!;
        if (v === v) [h[c], any] = [v, true];
      });
      if (any) out.push(h);
    }
  }
  return out.sort((a, b) => (a.station_code < b.station_code ? -1 : a.station_code > b.station_code ? 1 : a.hour < b.hour ? -1 : a.hour > b.hour ? 1 : 0));
}

/** The hours as readers see them: the rows of several imports of one hour merged (import_id: the first's). */
export function mergeHours(hours: readonly StoredHour[]): StoredHour[] {
  const out: StoredHour[] = [];
  for (const h of hours) {
    const last = out[out.length - 1];
    if (last && last.station_code === h.station_code && last.hour === h.hour) for (const c of HOURLY_COLUMNS) last[c] ??= h[c];
    else out.push({ ...h });
  }
  return out;
}

/** Stored station-hours (all rows, staged ones included unless `visible`), merged per hour, by station and hour. */
export async function storedHours(db: Kysely<Database>, opts: { station?: string; importId?: string; visible?: boolean } = {}): Promise<StoredHour[]> {
  let q = db.selectFrom('air_days').select(['station_code', 'day', 'import_id', 'data']);
  if (opts.station) q = q.where('station_code', '=', opts.station);
  if (opts.importId) q = q.where('import_id', '=', opts.importId);
  if (opts.visible) q = q.where('import_id', 'not in', db.selectFrom('monitoring_batches').select('id'));
  return mergeHours(expandDays(await q.execute()));
}

/** The same on a raw SQLite handle; `where` is SQL over air_days' columns. */
export function rawStoredHours(raw: SQLite.Database, where = '1 = 1', ...params: unknown[]): StoredHour[] {
  return mergeHours(expandDays(raw.prepare(`select station_code, day, import_id, data from air_days where ${where}`).all(...params) as DayRow[]));
}

/** Writes station-hours as day rows (one per station, day and import), as an import of older data would have. */
export async function insertHours(db: Kysely<Database>, hours: readonly (Partial<AirHourRow> & { station_code: string; hour: string; import_id: string })[]): Promise<void> {
  const days = new Map<string, { station_code: string; day: number; import_id: string; buf: Float64Array }>();
  for (const h of hours) {
    const ref = parseHourLabel(h.hour);
    if (!ref) throw new Error(`not an hour label: ${h.hour}`);
    const key = `${h.station_code}|${ref.day}|${h.import_id}`;
    let d = days.get(key);
    if (!d) days.set(key, (d = { station_code: h.station_code, day: ref.day, import_id: h.import_id, buf: newDayBuffer() }));
    HOURLY_COLUMNS.forEach((c, i) => {
      const v = h[c];
      if (v !== null && v !== undefined) d.buf[i * 24 + ref.slot - 1] = v;
    });
  }
  for (const d of days.values())
    await db
      .insertInto('air_days')
      .values({ station_code: d.station_code, day: dateOfDay(d.day), import_id: d.import_id, slots: slotMask(d.buf), data: encodeDayHours(d.buf) })
      .execute();
}
