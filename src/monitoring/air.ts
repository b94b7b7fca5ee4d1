// Daily and annual air values from hourly data, per station and per region. Pure: no I/O.
//
// Standards (docs/monitoring.md and docs/methods/air-assessment.md):
// - GB 3095-2012 表4 data validity: a 24-hour mean needs 20 hourly values; an 8-hour mean 6.
// - HJ 663-2013 (O3 日最大8小时平均): the 8-hour moving means ending at 08:00 … 24:00 of the natural day; the daily
//   maximum is valid with at least 14 valid 8-hour means, or with fewer when it exceeds the 二级 limit (160 μg/m³).
// - The daily AQI (日报) by the edition in force on the natural day (src/standards/editions.ts): HJ 633-2012 §4–§5
//   before 2026-03-01 from the 24-hour means and the O3 daily maximum 1-hour and 8-hour means (all six pollutants
//   needed); HJ 633-2026 4.2.2 from that day on from the six daily indicators (no O3 1-hour), with the completeness
//   rule of 5.3.1 (a pollutant missing: the AQI only when above 100).
// - HJ 663-2013 city (region) values: the arithmetic mean of its stations' valid values, per pollutant and day,
//   then the AQI of those values (cityValue in src/standards/airAssessment.ts). HJ 663-2026 is not verified; its known
//   rules (O3 8-hour validity, GB 3095-2026 表4) equal these.
import { LEVELS, POLLUTANTS, subIndex, type Column, type LevelInfo, type Pollutant } from '../standards/aqi.js';
import { LEVELS_2026, subIndex2026 } from '../standards/aqi2026.js';
import { AnnualAccumulator, cityValue, limitOf, milliOf, roundRatioGB, type AnnualOptions, type AnnualStatistics } from '../standards/airAssessment.js';
import { HJ663_2026_GAP, SWITCH_DATE, type AqiStandard, type EditionSet } from '../standards/editions.js';
import { compare, exact, mean, roundGB, type Rational } from '../standards/rounding.js';
import { dateOfDay } from './time.js';

/** Hourly columns as stored: μg/m³, CO mg/m³. */
export const HOURLY_COLUMNS = ['so2', 'no2', 'pm10', 'pm25', 'co', 'o3'] as const;
export type HourlyColumn = (typeof HOURLY_COLUMNS)[number];
export const COLUMN_LABEL: Readonly<Record<HourlyColumn, string>> = { so2: 'SO2', no2: 'NO2', pm10: 'PM10', pm25: 'PM2.5', co: 'CO', o3: 'O3' };

/** A day's 24 hourly slots of the six columns: index column·24 + (slot − 1); NaN = no value. */
export type DayBuffer = Float64Array;
export const newDayBuffer = (): DayBuffer => new Float64Array(6 * 24).fill(NaN);

export interface StationDay {
  date: string;
  /** 24-hour means at reporting precision (GB/T 8170), null when fewer than 20 hours (GB 3095-2012 表4). */
  so2: number | null;
  no2: number | null;
  pm10: number | null;
  pm25: number | null;
  co: number | null;
  /** O3 daily maximum 8-hour mean (HJ 663-2013), whole μg/m³; null when not valid. */
  o3_8h_max: number | null;
  /** O3 daily maximum 1-hour mean, with at least 20 hourly values (our decision, docs/monitoring.md). */
  o3_1h_max: number | null;
  /** The AQI edition of the day: the one in force on it, or the one named for a comparison (withAqiOf). */
  standard: AqiStandard;
  /** Daily AQI: HJ 633-2012 with all six pollutants valid; HJ 633-2026 with all six, or above 100 with some missing
   * (5.3.1); else null. */
  aqi: number | null;
  level: number | null;
  category: string | null;
  color: string | null;
  primaryPollutants: Pollutant[];
  /** Hours with a value per column (for provenance). */
  hours: Record<HourlyColumn, number>;
}

const MIN_DAILY_HOURS = 20; // GB 3095-2012 表4
const MIN_8H_HOURS = 6; // GB 3095-2012 表4
const MIN_8H_WINDOWS = 14; // HJ 663-2013, O3 日最大8小时平均
const O3_8H_LIMIT = limitOf('O3', '8h'); // GB 3095-2012 表1 二级, 160 μg/m³

// Values are measured to at most three decimals; as integers of 0.001 (milliOf) their sums are exact. A value with
// more decimals, or negative, makes the day fall back to exact fractions through the standards module (never
// silently rounded).
/** The mean num/n of n values in 0.001 units rounded to `decimals` by GB/T 8170 (half to even); num ≥ 0, n > 0. */
const roundMilliRatio = (num: number, n: number, decimals: number) => roundRatioGB(num, n * 1000, decimals);

const DECIMALS: Readonly<Record<HourlyColumn, number>> = { so2: 0, no2: 0, pm10: 0, pm25: 0, co: 1, o3: 0 };

/** Daily means and O3 maxima of one natural day from its 24 hourly slots (GB 3095-2012 表4, HJ 663-2013). */
export function dayValues(date: string, buf: DayBuffer): StationDay {
  const hours = { so2: 0, no2: 0, pm10: 0, pm25: 0, co: 0, o3: 0 } as Record<HourlyColumn, number>;
  const means: Partial<Record<HourlyColumn, number | null>> = {};
  let fallback = false;
  const o3 = o3Milli;
  for (let c = 0; c < 6; c++) {
    const col = HOURLY_COLUMNS[c]!;
    let sum = 0;
    let n = 0;
    for (let s = 0; s < 24; s++) {
      const v = buf[c * 24 + s]!;
      if (c === 5) o3[s] = NaN;
      if (Number.isNaN(v)) continue;
      const m = milliOf(v);
      if (m < 0) fallback = true;
      else {
        sum += m;
        if (c === 5) o3[s] = m;
      }
      n++;
    }
    hours[col] = n;
    if (col !== 'o3') means[col] = n >= MIN_DAILY_HOURS && !fallback ? roundMilliRatio(sum, n, DECIMALS[col]) : null;
  }
  if (fallback) return exactDayValues(date, buf, hours);

  // O3: 1-hour maximum, and the 8-hour moving means ending at slots 8 … 24 (as integers of 0.001).
  let max1 = -1;
  for (let s = 0; s < 24; s++) {
    const v = buf[5 * 24 + s]!;
    if (!Number.isNaN(v) && v > max1) max1 = v;
  }
  let bestSum = -1;
  let bestN = 1;
  let windows = 0;
  for (let end = 8; end <= 24; end++) {
    let sum = 0;
    let n = 0;
    for (let s = end - 8; s < end; s++) {
      const m = o3[s]!;
      if (!Number.isNaN(m)) {
        sum += m;
        n++;
      }
    }
    if (n < MIN_8H_HOURS) continue;
    windows++;
    if (bestSum < 0 || sum * bestN > bestSum * n) [bestSum, bestN] = [sum, n];
  }
  let o3_8h: number | null = null;
  if (bestSum >= 0) {
    const value = roundMilliRatio(bestSum, bestN, 0);
    if (windows >= MIN_8H_WINDOWS || value > O3_8H_LIMIT) o3_8h = value;
  }
  const o3_1h = hours.o3 >= MIN_DAILY_HOURS && max1 >= 0 ? max1 : null;
  return withAqi({ date, so2: means.so2 ?? null, no2: means.no2 ?? null, pm10: means.pm10 ?? null, pm25: means.pm25 ?? null, co: means.co ?? null, o3_8h_max: o3_8h, o3_1h_max: o3_1h, hours });
}

/** O3 hourly values of the day being computed, in 0.001 units (NaN = none); reused. */
const o3Milli = new Float64Array(24);

/** The same as dayValues on exact fractions (src/standards/rounding.ts), for days with values of more than three decimals. */
function exactDayValues(date: string, buf: DayBuffer, hours: Record<HourlyColumn, number>): StationDay {
  const at = (c: number, s: number) => buf[c * 24 + s]!;
  const means: Partial<Record<HourlyColumn, number | null>> = {};
  for (let c = 0; c < 5; c++) {
    const col = HOURLY_COLUMNS[c]!;
    const vals: Rational[] = [];
    for (let s = 0; s < 24; s++) if (!Number.isNaN(at(c, s))) vals.push(exact(at(c, s)));
    means[col] = vals.length >= MIN_DAILY_HOURS ? roundGB(mean(vals), DECIMALS[col]) : null;
  }
  let best: Rational | null = null;
  let windows = 0;
  let max1: number | null = null;
  for (let s = 0; s < 24; s++) if (!Number.isNaN(at(5, s)) && (max1 === null || at(5, s) > max1)) max1 = at(5, s);
  for (let end = 8; end <= 24; end++) {
    const vals: Rational[] = [];
    for (let s = end - 8; s < end; s++) if (!Number.isNaN(at(5, s))) vals.push(exact(at(5, s)));
    if (vals.length < MIN_8H_HOURS) continue;
    windows++;
    const m = mean(vals);
    if (best === null || compare(m, best) > 0) best = m;
  }
  let o3_8h: number | null = null;
  if (best !== null) {
    const value = roundGB(best, 0);
    if (windows >= MIN_8H_WINDOWS || value > O3_8H_LIMIT) o3_8h = value;
  }
  return withAqi({ date, so2: means.so2 ?? null, no2: means.no2 ?? null, pm10: means.pm10 ?? null, pm25: means.pm25 ?? null, co: means.co ?? null, o3_8h_max: o3_8h, o3_1h_max: hours.o3 >= MIN_DAILY_HOURS ? max1 : null, hours });
}

// IAQI of a concentration by HJ 633-2012 表1 (subIndex) or HJ 633-2026 表3 (subIndex2026) and 式(1), memoised: daily
// values are whole μg/m³ (CO one decimal), so a year of a national network repeats a few thousand distinct
// concentrations. Key: tenths.
const memo = { 'HJ 633-2012': new Map<Column, Int16Array>(), 'HJ 633-2026': new Map<Column, Int16Array>() };
const UNKNOWN = -2;
const NOT_INDEXED = -1;
function iaqi(standard: AqiStandard, column: Column, c: number): number | null {
  const index = standard === 'HJ 633-2026' ? subIndex2026 : subIndex;
  const k = Math.round(c * 10);
  if (k < 0 || k >= 65536 || Math.abs(k - c * 10) > 1e-9) return index(column, c);
  const byColumn = memo[standard];
  let m = byColumn.get(column);
  if (!m) byColumn.set(column, (m = new Int16Array(65536).fill(UNKNOWN)));
  let v = m[k]!;
  if (v === UNKNOWN) m[k] = v = index(column, c) ?? NOT_INDEXED;
  return v === NOT_INDEXED ? null : v;
}

type DayFields = Omit<StationDay, 'aqi' | 'level' | 'category' | 'color' | 'primaryPollutants' | 'standard'>;

const levelIn = (levels: readonly LevelInfo[], aqi: number) => (aqi <= 50 ? levels[0]! : aqi <= 100 ? levels[1]! : aqi <= 150 ? levels[2]! : aqi <= 200 ? levels[3]! : aqi <= 300 ? levels[4]! : levels[5]!);

/** The daily AQI of a day by the edition in force on its date (HJ 633-2026 from 2026-03-01, HJ 633-2012 before). */
function withAqi(d: DayFields): StationDay {
  return withAqiOf(d, d.date >= SWITCH_DATE ? 'HJ 633-2026' : 'HJ 633-2012');
}

/**
 * The daily AQI of a day by a given edition.
 * HJ 633-2012 (§5 日报, §4 式(2)): the largest IAQI of the 24-hour means of SO2, NO2, PM10, PM2.5, CO and of the O3 daily
 * maximum 1-hour and 8-hour means; an O3 8-hour maximum above 800 μg/m³ is not indexed (表1 注(3)) and O3 is then
 * indexed by its 1-hour maximum; all six pollutants required (docs/methods/air-assessment.md), else aqi null.
 * HJ 633-2026 (4.2.2, 4.2.4, 4.3.1, 5.3.1): the largest IAQI of the six daily indicators (注c: O3 8-hour above 800 →
 * 300; the 1-hour maximum is not used); with a pollutant missing the AQI only when above 100; 1–500.
 * Both: primary pollutants those whose IAQI equals the AQI when above 50; level, category and colour by the edition's
 * level table and 附录A.
 */
export function withAqiOf(d: DayFields, standard: AqiStandard): StationDay {
  const out: StationDay = { date: d.date, so2: d.so2, no2: d.no2, pm10: d.pm10, pm25: d.pm25, co: d.co, o3_8h_max: d.o3_8h_max, o3_1h_max: d.o3_1h_max, standard, aqi: null, level: null, category: null, color: null, primaryPollutants: [], hours: d.hours };
  const at = (column: Column, c: number | null) => (c === null ? null : iaqi(standard, column, c));
  const so2 = at('so2_24h', d.so2);
  const no2 = at('no2_24h', d.no2);
  const pm10 = at('pm10_24h', d.pm10);
  const pm25 = at('pm25_24h', d.pm25);
  const co = at('co_24h', d.co);
  let o3: number | null;
  let aqi: number;
  if (standard === 'HJ 633-2026') {
    o3 = at('o3_8h', d.o3_8h_max);
    const present = [so2, no2, pm10, pm25, co, o3].filter((v): v is number => v !== null);
    if (!present.length) return out;
    aqi = Math.max(1, ...present); // 4.1.1: 1–500
    if (present.length < 6 && aqi <= 100) return out; // 5.3.1: NA
  } else {
    if (so2 === null || no2 === null || pm10 === null || pm25 === null || co === null || d.o3_8h_max === null) return out;
    const o3_8h = iaqi(standard, 'o3_8h', d.o3_8h_max);
    const o3_1h = d.o3_1h_max === null ? null : iaqi(standard, 'o3_1h', d.o3_1h_max);
    if (o3_8h === null && o3_1h === null) return out; // 表1 注(3) without a 1-hour maximum: not indexable
    o3 = Math.max(o3_8h ?? 0, o3_1h ?? 0);
    aqi = Math.max(so2, no2, pm10, pm25, co, o3);
  }
  out.aqi = aqi;
  if (aqi > 50) {
    const by: Record<Pollutant, number | null> = { SO2: so2, NO2: no2, PM10: pm10, 'PM2.5': pm25, CO: co, O3: o3 };
    out.primaryPollutants = POLLUTANTS.filter((p) => by[p] === aqi);
  }
  const info = levelIn(standard === 'HJ 633-2026' ? LEVELS_2026 : LEVELS, aqi);
  out.level = info.level;
  out.category = info.category;
  out.color = info.colour.hex;
  return out;
}

// Stations of a file sorted by time finish the same day one after the other: one cached date text serves them all.
let cachedDay = NaN;
let cachedDate = '';
function lastDate(day: number): string {
  if (day !== cachedDay) [cachedDay, cachedDate] = [day, dateOfDay(day)];
  return cachedDate;
}

/**
 * Splits a station's hourly stream into natural days. Feed hours in day order (slots of a day in any order);
 * `onDay` receives each finished day. Memory: one day.
 */
export class DayAccumulator {
  private day = -1;
  private buf = newDayBuffer();
  private any = false;
  constructor(private readonly onDay: (d: StationDay) => void) {}

  /** Adds one station-hour: its natural day number, slot 1–24 and the six values (NaN/null = none). */
  add(day: number, slot: number, values: ArrayLike<number | null>): void {
    if (day !== this.day) {
      this.flush();
      this.day = day;
    }
    const buf = this.buf;
    for (let c = 0; c < 6; c++) {
      const v = values[c];
      // v === v: not NaN
      if (v !== null && v !== undefined && v === v) {
        buf[c * 24 + slot - 1] = v;
        this.any = true;
      }
    }
  }

  flush(): void {
    if (this.any) this.onDay(dayValues(lastDate(this.day), this.buf));
    this.buf.fill(NaN);
    this.any = false;
  }
}

/** Daily values of a station from its hourly rows (any order). */
export function stationDays(hours: readonly { day: number; slot: number; values: ArrayLike<number | null> }[]): StationDay[] {
  const sorted = [...hours].sort((a, b) => a.day - b.day);
  const out: StationDay[] = [];
  const acc = new DayAccumulator((d) => out.push(d));
  for (const h of sorted) acc.add(h.day, h.slot, h.values);
  acc.flush();
  return out;
}

/**
 * A region's (city or county) daily values from its stations' days by HJ 663-2013 (城市点位浓度的算术平均): per date
 * and pollutant the mean of the stations with a valid value (cityValue), then the AQI of those means by the edition
 * in force on the day, or by `standard` when given (a comparison).
 */
export function regionDays(stations: readonly (readonly StationDay[])[], standard?: AqiStandard): StationDay[] {
  const byDate = new Map<string, StationDay[]>();
  for (const days of stations)
    for (const d of days) {
      const list = byDate.get(d.date);
      if (list) list.push(d);
      else byDate.set(d.date, [d]);
    }
  return [...byDate.keys()].sort().map((date) => {
    const ds = byDate.get(date)!;
    const hours = { so2: 0, no2: 0, pm10: 0, pm25: 0, co: 0, o3: 0 } as Record<HourlyColumn, number>;
    for (const d of ds) for (const c of HOURLY_COLUMNS) hours[c] += d.hours[c];
    const o3_1h = ds.map((d) => d.o3_1h_max).filter((v): v is number => v !== null);
    const fields: DayFields = {
      date,
      so2: cityValue('SO2', ds.map((d) => d.so2)),
      no2: cityValue('NO2', ds.map((d) => d.no2)),
      pm10: cityValue('PM10', ds.map((d) => d.pm10)),
      pm25: cityValue('PM2.5', ds.map((d) => d.pm25)),
      co: cityValue('CO', ds.map((d) => d.co)),
      o3_8h_max: cityValue('O3', ds.map((d) => d.o3_8h_max)),
      o3_1h_max: o3_1h.length ? cityValue('O3', o3_1h) : null,
      hours,
    };
    return standard ? withAqiOf(fields, standard) : withAqi(fields);
  });
}

/** The days re-indexed by a named AQI edition (a comparison), e.g. every day of a year under HJ 633-2026. */
export function reindexDays(days: readonly StationDay[], standard: AqiStandard): StationDay[] {
  return days.map((d) => (d.standard === standard ? d : withAqiOf(d, standard)));
}

/** Whether a day has any daily value (days without one are left out of the annual statistics). */
const hasDailyValue = (d: StationDay) => d.so2 !== null || d.no2 !== null || d.pm10 !== null || d.pm25 !== null || d.co !== null || d.o3_8h_max !== null;

/**
 * A station's (or region's) year streamed day by day into the HJ 663-2013 annual statistics (annualStatistics via
 * AnnualAccumulator), keeping no day objects: result() equals annualOf of the same days.
 */
export class StationYear {
  private readonly acc = new AnnualAccumulator();
  /** Days added, and those with an AQI. */
  days = 0;
  aqiDays = 0;

  add(d: StationDay): void {
    this.days++;
    if (d.aqi !== null) this.aqiDays++;
    if (hasDailyValue(d)) this.acc.add(d);
  }

  result(options: AnnualOptions = {}): AnnualStatistics | null {
    return this.acc.size ? this.acc.result(options) : null;
  }
}

/**
 * Annual statistics of a year of daily values (annualStatistics: each day by its own edition, or options.editions for
 * a comparison; the days' AQIs must be of the same editions — reindexDays), null without any daily value.
 */
export function annualOf(days: readonly StationDay[], options: AnnualOptions = {}): AnnualStatistics | null {
  const year = new StationYear();
  for (const d of days) year.add(d);
  return year.result(options);
}

/** The 2026 edition sets, for re-assessing any year under the new standards (as the ministry re-assessed 2025). */
export const EDITIONS_2026_TRANSITIONAL: EditionSet = { aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional', assessment: 'HJ 663-2026' };
export const EDITIONS_2026_FINAL: EditionSet = { aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase: 'final', assessment: 'HJ 663-2026' };

const attainment = (s: AnnualStatistics | null) => ({ pm25Attains: s?.pollutants.pm25.attains ?? null, attainsAll: s?.attainsAll ?? null });

/** The annual row of the API: the contract's fields from annualStatistics, with the editions used and attainment. */
export function annualRow(s: AnnualStatistics | null) {
  return {
    validDays: s?.validDays ?? 0,
    goodDays: s?.goodDays ?? 0,
    goodRatio: s?.goodRatio ?? null,
    so2Mean: s?.so2Mean ?? null,
    no2Mean: s?.no2Mean ?? null,
    pm10Mean: s?.pm10Mean ?? null,
    pm25Mean: s?.pm25Mean ?? null,
    co95: s?.co95 ?? null,
    o3_90: s?.o3_90 ?? null,
    exceedanceDays: s?.exceedanceDays ?? 0,
    ...attainment(s),
    standards: s?.standards ?? null,
    aqiPeriods: s?.aqiPeriods ?? [],
    rule: s?.rule ?? null,
  };
}

/**
 * The same days re-assessed under the 2026 editions beside the official row: every day's AQI by HJ 633-2026, the
 * good-day ratio from those, and attainment against GB 3095-2026's transitional limits (years up to 2030) and final
 * limits. For years before 2026 (and the first two months of 2026) it is a comparison (comparison: true).
 */
export function reassessmentRow(days: readonly StationDay[], year: number) {
  const re = reindexDays(days, 'HJ 633-2026');
  const transitional = year <= 2030 ? annualOf(re, { editions: EDITIONS_2026_TRANSITIONAL }) : null;
  const final = annualOf(re, { editions: EDITIONS_2026_FINAL });
  const base = transitional ?? final;
  return {
    standards: { aqi: 'HJ 633-2026' as const, quality: 'GB 3095-2026' as const, assessment: 'HJ 663-2026' as const, assessmentMethod: { ...HJ663_2026_GAP } },
    comparison: base?.comparison ?? year < 2026,
    validDays: base?.validDays ?? 0,
    goodDays: base?.goodDays ?? 0,
    goodRatio: base?.goodRatio ?? null,
    exceedanceDays: base?.exceedanceDays ?? 0,
    transitional: year <= 2030 ? attainment(transitional) : null,
    final: { ...attainment(final), comparison: final?.comparison ?? year < 2031 },
  };
}
