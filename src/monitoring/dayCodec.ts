// A station's computed days in a compact binary form, for the results cache (store/monitoringResults.ts): 18
// doubles per day, so a year of 200 stations is about 10 MB and reads back without parsing text. Pure: no I/O.
// Category and colour are not stored: they are the level's, read back from the edition's level table (HJ 633-2012
// 表2 / HJ 633-2026 表1 and 附录A), exactly as withAqiOf sets them.
import { LEVELS, POLLUTANTS, type Pollutant } from '../standards/aqi.js';
import { LEVELS_2026 } from '../standards/aqi2026.js';
import { HOURLY_COLUMNS, type StationDay } from './air.js';
import { dateOfDay, dayOfDate } from './time.js';

const FIELDS = 18;
const num = (v: number | null) => (v === null ? NaN : v);
const back = (v: number) => (Number.isNaN(v) ? null : v);

export function encodeStationDays(days: readonly StationDay[]): Uint8Array {
  const a = new Float64Array(days.length * FIELDS);
  let o = 0;
  for (const d of days) {
    a[o] = dayOfDate(d.date);
    a[o + 1] = num(d.so2);
    a[o + 2] = num(d.no2);
    a[o + 3] = num(d.pm10);
    a[o + 4] = num(d.pm25);
    a[o + 5] = num(d.co);
    a[o + 6] = num(d.o3_8h_max);
    a[o + 7] = num(d.o3_1h_max);
    a[o + 8] = d.standard === 'HJ 633-2026' ? 1 : 0;
    a[o + 9] = num(d.aqi);
    a[o + 10] = num(d.level);
    let mask = 0;
    for (const p of d.primaryPollutants) mask |= 1 << POLLUTANTS.indexOf(p);
    a[o + 11] = mask;
    for (let c = 0; c < 6; c++) a[o + 12 + c] = d.hours[HOURLY_COLUMNS[c]!];
    o += FIELDS;
  }
  return new Uint8Array(a.buffer);
}

export function decodeStationDays(bytes: Uint8Array): StationDay[] {
  // A stored blob may sit at any offset: copy it into an aligned buffer.
  const a = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(a.buffer).set(bytes);
  const out: StationDay[] = [];
  for (let o = 0; o < a.length; o += FIELDS) {
    const standard = a[o + 8] === 1 ? 'HJ 633-2026' : 'HJ 633-2012';
    const level = back(a[o + 10]!);
    const info = level === null ? null : (standard === 'HJ 633-2026' ? LEVELS_2026 : LEVELS)[level - 1]!;
    const mask = a[o + 11]!;
    const primaryPollutants: Pollutant[] = POLLUTANTS.filter((_, i) => mask & (1 << i));
    const hours = {} as StationDay['hours'];
    for (let c = 0; c < 6; c++) hours[HOURLY_COLUMNS[c]!] = a[o + 12 + c]!;
    out.push({
      date: dateOfDay(a[o]!),
      so2: back(a[o + 1]!),
      no2: back(a[o + 2]!),
      pm10: back(a[o + 3]!),
      pm25: back(a[o + 4]!),
      co: back(a[o + 5]!),
      o3_8h_max: back(a[o + 6]!),
      o3_1h_max: back(a[o + 7]!),
      standard,
      aqi: back(a[o + 9]!),
      level,
      category: info?.category ?? null,
      color: info?.colour.hex ?? null,
      primaryPollutants,
      hours,
    });
  }
  return out;
}
