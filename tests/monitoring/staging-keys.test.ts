// Issue 21: staged station-days keep the station key: a row of a station that is not registered is refused and
// nothing of the chunk stays; the connection's foreign keys stay on; a station with staged rows cannot be deleted by
// another connection.
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStations } from '../../src/monitoring/synthetic.js';
import { openAirStaging, AIR_DAY_COLUMNS } from '../../src/store/airStaging.js';
import { newDayBuffer } from '../../src/monitoring/air.js';
import { encodeDayHours, slotMask } from '../../src/monitoring/hourBlob.js';
import { dateOfDay, dayNumber } from '../../src/monitoring/time.js';
import { rawSqlite } from '../../src/store/db.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
const [station] = demoStations(1);

beforeAll(async () => {
  store = await seededDatabase();
  const s = station!;
  await store.db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'test', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'test', note: null, is_demo: 1, created_at: new Date().toISOString() }).execute();
}, 60_000);
afterAll(async () => {
  await store?.db.destroy();
});

const day = newDayBuffer().fill(7);
const row = (code: string, date: string, id: string) => [code, date, id, slotMask(day), encodeDayHours(day)];
const count = (raw: SQLite.Database, id: string) => (raw.prepare('select count(*) as n from air_days where import_id = ?').get(id) as { n: number }).n;

describe('staged station-days keep the station key', () => {
  it('refuses a chunk with an unregistered station, keeps nothing of it, and leaves the keys on', async () => {
    const raw = rawSqlite(store.db);
    const id = 'staging-keys-1';
    const staging = await openAirStaging(store.db, id, 'keys.csv');
    expect(AIR_DAY_COLUMNS).toEqual(['station_code', 'day', 'import_id', 'slots', 'data']);
    const days = [...row(station!.code, '2023-01-01', id), ...row('NOT-REGISTERED', '2023-01-01', id)];
    await expect(staging.stage([[station!.code, '2023-01-01', '2023-01-01'], ['NOT-REGISTERED', '2023-01-01', '2023-01-01']], days)).rejects.toThrow(/FOREIGN KEY/);
    expect(count(raw, id)).toBe(0);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // 60 days: one multi-row insert and ten single ones.
    const first = dayNumber(2023, 1, 1);
    const many = Array.from({ length: 60 }, (_, d) => row(station!.code, dateOfDay(first + d), id)).flat();
    await staging.stage([[station!.code, '2023-01-01', dateOfDay(first + 59)]], many);
    expect(count(raw, id)).toBe(60);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // Another connection (keys on, as every connection of ours) cannot delete the station under staged rows.
    const other = new SQLite(store.path);
    other.pragma('foreign_keys = ON');
    expect(() => other.prepare('delete from air_stations where code = ?').run(station!.code)).toThrow(/FOREIGN KEY/);
    other.close();
    await staging.discard();
    expect(count(raw, id)).toBe(0);
  });
});
