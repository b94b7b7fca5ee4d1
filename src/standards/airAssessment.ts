// Ambient air assessment: GB 3095 环境空气质量标准 (limits of 表1, data validity of 表4) and HJ 663 环境空气质量评价技术规范
// (annual statistics, percentiles of 附录A, city values from stations), with the daily AQI of HJ 633 for good-day
// counts, for both editions: GB 3095-2012 / HJ 663-2013 / HJ 633-2012 before 2026-03-01 and GB 3095-2026 (transitional
// and final phases) / HJ 663-2026 / HJ 633-2026 from that day (src/standards/editions.ts). Pure: no I/O.
// Sources and decisions: docs/methods/air-assessment.md.
//
// HJ 663-2026's text was not available: the annual statistics of the 2026 set follow the HJ 663-2013 method and say so
// (HJ663_2026_GAP). What is known of it (O3 daily maximum 8-hour validity, GB 3095-2026 表4) equals the 2013 rules.
import { AQI_STANDARD, AqiInputError, dailyAqi, levelOf, type Category } from './aqi.js';
import { dailyAqi2026, levelOf2026 } from './aqi2026.js';
import {
  coverage,
  HJ663_2026_GAP,
  qualityStandardOn,
  SWITCH_DATE,
  type AqiStandard,
  type AssessmentStandard,
  type EditionSet,
  type Phase,
  type QualityStandard,
} from './editions.js';
import { add, compare, div, exact, floor, int, mean, mul, roundGB, sub, toNumber, type Rational } from './rounding.js';

export const QUALITY_STANDARD = 'GB 3095-2012';
export const ASSESSMENT_STANDARD = 'HJ 663-2013';

export type AirPollutant = 'SO2' | 'NO2' | 'CO' | 'O3' | 'PM10' | 'PM2.5';
/** Averaging times of GB 3095-2012 表1; '8h' is O3's 日最大8小时平均. */
export type AveragingTime = 'annual' | '24h' | '8h' | '1h';
export type Grade = 1 | 2;

/**
 * GB 3095-2012 表1 环境空气污染物基本项目浓度限值: [一级, 二级] per pollutant and averaging time, μg/m³
 * (CO mg/m³).
 */
export const GB3095_LIMITS: Readonly<Record<AirPollutant, Partial<Record<AveragingTime, readonly [number, number]>>>> = {
  SO2: { annual: [20, 60], '24h': [50, 150], '1h': [150, 500] },
  NO2: { annual: [40, 40], '24h': [80, 80], '1h': [200, 200] },
  CO: { '24h': [4, 4], '1h': [10, 10] },
  O3: { '8h': [100, 160], '1h': [160, 200] },
  PM10: { annual: [40, 70], '24h': [50, 150] },
  'PM2.5': { annual: [15, 35], '24h': [35, 75] },
};

/**
 * GB 3095-2026 表1 环境空气污染物基本项目浓度限值, [一级, 二级], μg/m³ (CO mg/m³), by phase (§4.4): the transitional
 * limits (过渡阶段浓度限值) apply from 2026-03-01 to 2030-12-31, the final limits from 2031-01-01. Transitional grade II
 * equals GB 3095-2012 except PM10 (60 / 120) and PM2.5 (30 / 60).
 */
export const GB3095_2026_LIMITS: Readonly<Record<Phase, Readonly<Record<AirPollutant, Partial<Record<AveragingTime, readonly [number, number]>>>>>> = {
  transitional: {
    SO2: { annual: [20, 60], '24h': [50, 150], '1h': [150, 500] },
    NO2: { annual: [40, 40], '24h': [80, 80], '1h': [200, 200] },
    CO: { '24h': [4, 4], '1h': [10, 10] },
    O3: { '8h': [100, 160], '1h': [160, 200] },
    PM10: { annual: [40, 60], '24h': [50, 120] },
    'PM2.5': { annual: [15, 30], '24h': [35, 60] },
  },
  final: {
    SO2: { annual: [20, 20], '24h': [50, 50], '1h': [150, 150] },
    NO2: { annual: [30, 30], '24h': [50, 50], '1h': [200, 200] },
    CO: { '24h': [4, 4], '1h': [10, 10] },
    O3: { '8h': [100, 160], '1h': [160, 200] },
    PM10: { annual: [20, 50], '24h': [50, 100] },
    'PM2.5': { annual: [10, 25], '24h': [25, 50] },
  },
};

/** A quality standard edition with its phase (GB 3095-2026 only). */
export interface QualityEdition {
  standard: QualityStandard;
  phase: Phase | null;
}
export const GB3095_2012: QualityEdition = { standard: 'GB 3095-2012', phase: null };

/** The 表1 limits of an edition (and phase): GB 3095-2012 表1, or GB 3095-2026 表1 transitional or final. */
export function limitsTable(q: QualityEdition = GB3095_2012) {
  return q.standard === 'GB 3095-2012' ? GB3095_LIMITS : GB3095_2026_LIMITS[q.phase ?? 'transitional'];
}

const editionText = (q: QualityEdition) => (q.phase ? `${q.standard} (${q.phase})` : q.standard);

/** The 表1 limit of a pollutant and averaging time for grade 1 (一级) or 2 (二级, default), GB 3095-2012 unless an edition is given. */
export function limitOf(pollutant: AirPollutant, time: AveragingTime, grade: Grade = 2, q: QualityEdition = GB3095_2012): number {
  const pair = limitsTable(q)[pollutant][time];
  if (!pair) throw new RangeError(`${editionText(q)} 表1 has no ${time} limit for ${pollutant}`);
  return pair[grade - 1]!;
}

/**
 * Whether a concentration exceeds the 表1 limit of the edition (GB 3095-2012 by default; value above the limit; equal
 * meets it), compared as the decimals written. μg/m³, CO mg/m³. Compare reported (rounded) values, as the 修约值比较法 of
 * GB/T 8170-2008 does.
 */
export function exceedsLimit(pollutant: AirPollutant, time: AveragingTime, value: number, grade: Grade = 2, q: QualityEdition = GB3095_2012): boolean {
  return compare(exact(value), exact(limitOf(pollutant, time, grade, q))) > 0;
}

/** 超标倍数 (C − S)/S against the 表1 limit (GB 3095-2012 by default), 2 decimals (GB/T 8170); null when not exceeding. */
export function exceedanceMultiple(pollutant: AirPollutant, time: AveragingTime, value: number, grade: Grade = 2, q: QualityEdition = GB3095_2012): number | null {
  if (!exceedsLimit(pollutant, time, value, grade, q)) return null;
  const s = exact(limitOf(pollutant, time, grade, q));
  return roundGB(div(sub(exact(value), s), s), 2);
}

/**
 * GB 3095-2012 表4 污染物浓度数据有效性的最低要求 (数据统计的有效性规定), for the basic pollutants:
 * a 24-hour mean needs 20 hourly values; an 8-hour mean 6 hourly values; a 1-hour mean 45 minutes of sampling;
 * an annual mean 324 daily means a year and 27 a month (25 in February). GB 3095-2026 表4 (§6.4) sets the same
 * minimums, so one table serves both editions.
 */
export const VALIDITY = {
  dailyMeanMinHours: 20,
  eightHourMeanMinHours: 6,
  hourlyMeanMinMinutes: 45,
  annualMinDays: 324,
  monthlyMinDays: 27,
  februaryMinDays: 25,
} as const;

/** GB 3095-2012 表4: a 24-hour mean (SO2, NO2, CO, PM10, PM2.5) is valid with at least 20 hourly values. */
export function dailyMeanValid(hours: number): boolean {
  return hours >= VALIDITY.dailyMeanMinHours;
}

/** GB 3095-2012 表4: an O3 8-hour mean is valid with at least 6 hourly values in the 8 hours. */
export function eightHourMeanValid(hours: number): boolean {
  return hours >= VALIDITY.eightHourMeanMinHours;
}

/** GB 3095-2012 表4: a 1-hour mean is valid with at least 45 minutes of sampling. */
export function hourlyMeanValid(minutes: number): boolean {
  return minutes >= VALIDITY.hourlyMeanMinMinutes;
}

/** GB 3095-2012 表4: daily means a month (1–12) needs for an annual mean: 27, in February 25. */
export function monthlyMinDays(month: number): number {
  return month === 2 ? VALIDITY.februaryMinDays : VALIDITY.monthlyMinDays;
}

export interface YearValidity {
  validDays: number;
  /** Valid days in each month, January first. */
  monthDays: number[];
  /** Months (1–12) short of monthlyMinDays. */
  shortMonths: number[];
  /** At least 324 days and every month at its minimum (GB 3095-2012 表4, 年平均). */
  ok: boolean;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year and month of an ISO date text 'YYYY-MM-DD' that names a real calendar day; throws RangeError otherwise. */
export function parseDate(text: string): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(text);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (!m || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    throw new RangeError(`not a calendar date YYYY-MM-DD: ${text}`);
  return { year, month, day };
}

/** Validity of a year of daily means by GB 3095-2012 表4, from the dates (YYYY-MM-DD) of the valid daily values. */
export function yearValidity(dates: readonly string[]): YearValidity {
  const monthDays = Array.from({ length: 12 }, () => 0);
  for (const d of new Set(dates)) monthDays[parseDate(d).month - 1]! += 1;
  const validDays = monthDays.reduce((a, b) => a + b, 0);
  const shortMonths = monthDays.flatMap((n, i) => (n < monthlyMinDays(i + 1) ? [i + 1] : []));
  return { validDays, monthDays, shortMonths, ok: validDays >= VALIDITY.annualMinDays && shortMonths.length === 0 };
}

/**
 * The p-th percentile of values by HJ 663-2013 附录A: sort ascending X(1)…X(n); k = 1 + (n − 1)·p%; s = integer part
 * of k; m_p = X(s) + (X(s+1) − X(s))·(k − s). Exact (values taken as the decimals written); p in percent, 0–100.
 */
export function percentileExact(values: readonly number[], p: number): Rational {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  const x = values.map(exact).sort(compare);
  const k = add(int(1), mul(int(values.length - 1), div(exact(p), int(100))));
  const s = Number(floor(k));
  const xs = x[s - 1]!;
  if (s >= x.length) return xs;
  return add(xs, mul(sub(x[s]!, xs), sub(k, int(s))));
}

/** percentileExact as a double (unrounded; for display use roundConcentration). */
export function percentile(values: readonly number[], p: number): number {
  return toNumber(percentileExact(values, p));
}

/**
 * Reporting precision of concentration statistics: SO2, NO2, PM10, PM2.5, O3 whole μg/m³, CO 0.1 mg/m³ (our reading of
 * HJ 663-2013 and national practice, docs/methods/air-assessment.md).
 */
export const REPORT_DECIMALS: Readonly<Record<AirPollutant, number>> = { SO2: 0, NO2: 0, PM10: 0, 'PM2.5': 0, O3: 0, CO: 1 };

/** Rounds a concentration to its reporting precision by GB/T 8170-2008 (round half to even, once, from the exact value). */
export function roundConcentration(pollutant: AirPollutant, value: number | Rational): number {
  return roundGB(typeof value === 'number' ? exact(value) : value, REPORT_DECIMALS[pollutant]);
}

/**
 * A city's value for one pollutant and period from its stations' values by HJ 663-2013 (城市点位浓度): the arithmetic
 * mean of the stations that have a valid value (missing ones, null or undefined, are left out), rounded to the
 * reporting precision. null when no station has a value.
 */
export function cityValue(pollutant: AirPollutant, stationValues: readonly (number | null | undefined)[]): number | null {
  // Station daily values are already whole numbers of the reporting unit (1 μg/m³, 0.1 mg/m³ for CO). Then the exact
  // mean is S / (n × scale) with an integer S, and its GB/T 8170 rounding is S / n rounded half to even, over
  // integers below 2^53: the same number as the fractions give, without them. Anything else goes the exact way.
  const scale = 10 ** REPORT_DECIMALS[pollutant];
  let sum = 0;
  let n = 0;
  for (const v of stationValues) {
    if (v === null || v === undefined) continue;
    const k = Math.round(v * scale);
    // k / scale === v: v is the double of the decimal k / scale (below 2^31 no other decimal of as many places is).
    if (!(k >= 0 && k <= 2 ** 31 && k / scale === v)) return cityValueExact(pollutant, stationValues);
    sum += k;
    n++;
  }
  if (n === 0) return null;
  // S / n to a whole number of the unit, half to even, then back to the unit.
  return roundRatioGB(sum, n, 0) / scale;
}

/** cityValue on exact fractions, for any finite values. */
export function cityValueExact(pollutant: AirPollutant, stationValues: readonly (number | null | undefined)[]): number | null {
  const vals = stationValues.flatMap((v) => (v === null || v === undefined ? [] : [exact(v)]));
  return vals.length ? roundConcentration(pollutant, mean(vals)) : null;
}

/** One day of a city's (or station's) daily values: 24-hour means μg/m³ (CO mg/m³), O3 daily maxima μg/m³. */
export interface DayRecord {
  date: string;
  so2?: number | null;
  no2?: number | null;
  pm10?: number | null;
  pm25?: number | null;
  co?: number | null;
  o3_8h_max?: number | null;
  o3_1h_max?: number | null;
  /** The published daily AQI, when known; it then decides the day's category instead of the concentrations. */
  aqi?: number | null;
}

export const DAY_POLLUTANT_KEYS = ['so2', 'no2', 'pm10', 'pm25', 'co', 'o3_8h_max'] as const;
export type DayPollutantKey = (typeof DAY_POLLUTANT_KEYS)[number];
export const DAY_KEY_POLLUTANT: Readonly<Record<DayPollutantKey, AirPollutant>> = { so2: 'SO2', no2: 'NO2', pm10: 'PM10', pm25: 'PM2.5', co: 'CO', o3_8h_max: 'O3' };

/** HJ 663-2013 annual statistics of each basic pollutant: the annual mean and the percentile of daily values. */
const ANNUAL_STATISTICS: Readonly<Record<DayPollutantKey, { mean: boolean; percentile: number; dailyTime: AveragingTime }>> = {
  so2: { mean: true, percentile: 98, dailyTime: '24h' },
  no2: { mean: true, percentile: 98, dailyTime: '24h' },
  pm10: { mean: true, percentile: 95, dailyTime: '24h' },
  pm25: { mean: true, percentile: 95, dailyTime: '24h' },
  co: { mean: false, percentile: 95, dailyTime: '24h' },
  o3_8h_max: { mean: false, percentile: 90, dailyTime: '8h' },
};

export interface PollutantYear {
  pollutant: AirPollutant;
  validDays: number;
  shortMonths: number[];
  /** GB 3095 表4 (324 days, 27 a month, 25 in February; the same in 2012 and 2026). */
  meetsValidity: boolean;
  /** Annual mean at reporting precision (SO2, NO2, PM10, PM2.5); null for CO and O3 or without data. */
  mean: number | null;
  /** Percentile rank used (98, 95 or 90). */
  percentileRank: number;
  /** The percentile of daily values at reporting precision; null without data. */
  percentile: number | null;
  /** Days whose value exceeds the 二级 24-hour (O3: 8-hour) limit in force on that day (or of the named edition). */
  exceedanceDays: number;
  /** The 二级 limits the annual statistics are judged against (standards.quality and phase): annual (null for CO, O3) and daily. */
  annualLimit: number | null;
  dailyLimit: number;
  /** Whether the statistics meet the 二级 limits (mean ≤ annual limit and percentile ≤ daily limit); null when not
   * assessable (data not meeting validity, or no data). */
  attains: boolean | null;
}

/** The days of a year computed by one AQI edition. */
export interface AqiPeriod {
  standard: AqiStandard;
  /** First and last date of the days given under this edition. */
  from: string;
  to: string;
  days: number;
  validDays: number;
  goodDays: number;
}

export interface AnnualStatistics {
  standards: {
    /** The AQI edition(s) of the days, 'HJ 633-2012 + HJ 633-2026' for a year spanning the switch (aqiPeriods tells which days). */
    aqi: string;
    /** Limits the annual statistics are judged against: in force on the year's last day, or named. */
    quality: QualityStandard;
    phase: Phase | null;
    assessment: AssessmentStandard;
    /** How the annual statistics were computed when that is not the named assessment edition (HJ 663-2026: the 2013 method). */
    assessmentMethod: { zh: string; en: string } | null;
  };
  /** An edition named for days it does not cover (a later edition applied to earlier data): a comparison, not the official assessment. */
  comparison: boolean;
  /** The rule used for a year spanning the switch of editions (2026); null otherwise. */
  rule: { zh: string; en: string } | null;
  aqiPeriods: AqiPeriod[];
  year: number;
  /** Day records given. */
  days: number;
  /** Days with an AQI: given, or computed (HJ 633-2012: all six pollutants; HJ 633-2026: 5.3.1). */
  validDays: number;
  /** Days without an AQI (left out of the day counts). */
  incompleteDays: number;
  /** AQI ≤ 100 (优 and 良). */
  goodDays: number;
  /** goodDays / validDays, percent, 1 decimal (GB/T 8170); null without valid days. */
  goodRatio: number | null;
  /** AQI > 100. */
  exceedanceDays: number;
  /** AQI > 200 (重度污染 and 严重污染). */
  heavyPollutionDays: number;
  levelDays: Record<Category, number>;
  so2Mean: number | null;
  no2Mean: number | null;
  pm10Mean: number | null;
  pm25Mean: number | null;
  /** CO 24-hour means, 95th percentile, mg/m³ (1 decimal). */
  co95: number | null;
  /** O3 daily maximum 8-hour means, 90th percentile, μg/m³. */
  o3_90: number | null;
  so2_98: number | null;
  no2_98: number | null;
  pm10_95: number | null;
  pm25_95: number | null;
  pollutants: Record<DayPollutantKey, PollutantYear>;
  /** Every pollutant meets GB 3095 表4. */
  meetsValidity: boolean;
  /** Every pollutant attains its 二级 limits (null if any is not assessable). */
  attainsAll: boolean | null;
}

/** The AQI of one day record by HJ 633-2012 (default) or HJ 633-2026: the given one, else computed (dayAqiOf). */
export function dayAqi(day: DayRecord, standard: AqiStandard = AQI_STANDARD): number | null {
  if (day.aqi !== undefined && day.aqi !== null) return day.aqi;
  const has = (k: DayPollutantKey) => day[k] !== undefined && day[k] !== null;
  if (standard === 'HJ 633-2026') {
    // HJ 633-2026 4.2.2 six daily indicators (no O3 1-hour), 5.3.1: with one missing the AQI counts only above 100.
    if (!DAY_POLLUTANT_KEYS.some(has)) return null;
    return dailyAqi2026({ so2_24h: day.so2 ?? null, no2_24h: day.no2 ?? null, pm10_24h: day.pm10 ?? null, pm25_24h: day.pm25 ?? null, co_24h: day.co ?? null, o3_8h: day.o3_8h_max ?? null }).aqi;
  }
  if (!DAY_POLLUTANT_KEYS.every(has)) return null;
  const o3_1h = day.o3_1h_max ?? undefined;
  return dailyAqi({ so2_24h: day.so2!, no2_24h: day.no2!, pm10_24h: day.pm10!, pm25_24h: day.pm25!, co_24h: day.co!, o3_8h: day.o3_8h_max!, ...(o3_1h === undefined ? {} : { o3_1h }) }).aqi;
}

// ---- Which edition a day and a year take (src/standards/editions.ts), on ymd = year·10000 + month·100 + day.

const SWITCH_YMD = ymdOf(SWITCH_DATE);
const Q2026T: QualityEdition = { standard: 'GB 3095-2026', phase: 'transitional' };
const Q2026F: QualityEdition = { standard: 'GB 3095-2026', phase: 'final' };

function ymdOf(date: string): number {
  const { year, month, day } = parseDate(date);
  return year * 10000 + month * 100 + day;
}
const dateOfYmd = (code: number) => `${String(Math.floor(code / 10000)).padStart(4, '0')}-${String(Math.floor(code / 100) % 100).padStart(2, '0')}-${String(code % 100).padStart(2, '0')}`;

/** The editions a year's days and statistics take: by date (each day its own edition, the year judged by the edition in force on 12-31), or named. */
interface YearPlan {
  dayAqi(ymd: number): AqiStandard;
  dayQuality(ymd: number): QualityEdition;
  annual: QualityEdition;
  assessment: AssessmentStandard;
  named: boolean;
}

const BY_DATE: Omit<YearPlan, 'annual' | 'assessment'> = {
  dayAqi: (ymd) => (ymd >= SWITCH_YMD ? 'HJ 633-2026' : 'HJ 633-2012'),
  dayQuality: (ymd) => (ymd < SWITCH_YMD ? GB3095_2012 : ymd >= 20310101 ? Q2026F : Q2026T),
  named: false,
};

function planOf(year: number, named: EditionSet | undefined): YearPlan {
  if (named) {
    const q: QualityEdition = { standard: named.quality, phase: named.quality === 'GB 3095-2026' ? (named.phase ?? 'transitional') : null };
    return { dayAqi: () => named.aqi, dayQuality: () => q, annual: q, assessment: named.assessment, named: true };
  }
  const end = qualityStandardOn(`${String(year).padStart(4, '0')}-12-31`);
  return { ...BY_DATE, annual: end.standard === 'GB 3095-2012' ? GB3095_2012 : end.phase === 'final' ? Q2026F : Q2026T, assessment: end.standard === 'GB 3095-2012' ? 'HJ 663-2013' : 'HJ 663-2026' };
}

/**
 * A named edition set against the days it is asked for: RangeError when a day is after an edition was withdrawn (an
 * edition no longer in force is not applied to later data); true when a day is before the edition (a comparison).
 */
function namedComparison(named: EditionSet, minYmd: number, maxYmd: number): boolean {
  const last = dateOfYmd(maxYmd);
  for (const [name, phase] of [[named.aqi, null], [named.quality, named.phase], [named.assessment, null]] as const)
    if (coverage(name, last, phase) === 'withdrawn')
      throw new RangeError(`${name}${phase ? `（${phase}）` : ''} 不适用于 ${last}（该日已不在其施行期内）/ ${name}${phase ? ` (${phase})` : ''} does not apply to ${last}: it is no longer in force on that day`);
  const first = dateOfYmd(minYmd);
  return [[named.aqi, null], [named.quality, named.phase], [named.assessment, null]].some(([name, phase]) => coverage(name as AqiStandard, first, phase as Phase | null) === 'before');
}

/** HJ 663-2013 statistics of one pollutant's year, judged against the 表1 二级 limits of `q` (shared by both paths). */
function pollutantYear(key: DayPollutantKey, validity: YearValidity, meanValue: number | null, pct: number | null, exceedanceDays: number, q: QualityEdition): PollutantYear {
  const pollutant = DAY_KEY_POLLUTANT[key];
  const spec = ANNUAL_STATISTICS[key];
  let attains: boolean | null = null;
  if (validity.ok && pct !== null) {
    const meanOk = meanValue === null || !exceedsLimit(pollutant, 'annual', meanValue, 2, q);
    attains = meanOk && !exceedsLimit(pollutant, spec.dailyTime, pct, 2, q);
  }
  return {
    pollutant,
    validDays: validity.validDays,
    shortMonths: validity.shortMonths,
    meetsValidity: validity.ok,
    mean: meanValue,
    percentileRank: spec.percentile,
    percentile: pct,
    exceedanceDays,
    annualLimit: spec.mean ? limitOf(pollutant, 'annual', 2, q) : null,
    dailyLimit: limitOf(pollutant, spec.dailyTime, 2, q),
    attains,
  };
}

interface DayCounts {
  validDays: number;
  goodDays: number;
  exceedanceDays: number;
  heavyPollutionDays: number;
  levelDays: Record<Category, number>;
  periods: AqiPeriod[];
}

/**
 * The day counts by the level table of each day's AQI edition (优良 AQI ≤ 100, 超标 > 100, 重污染 > 200; the same
 * bounds in HJ 633-2012 表2 and HJ 633-2026 表1) over the days that have an AQI (dayAqi); `dayAt(i)` gives day i,
 * `ymdAt(i)` its date code. AqiInputError names the day.
 */
function countDays(n: number, dayAt: (i: number) => DayRecord, ymdAt: (i: number) => number, plan: YearPlan): DayCounts {
  const levelDays = { 优: 0, 良: 0, 轻度污染: 0, 中度污染: 0, 重度污染: 0, 严重污染: 0 } as Record<Category, number>;
  const c: DayCounts = { validDays: 0, goodDays: 0, exceedanceDays: 0, heavyPollutionDays: 0, levelDays, periods: [] };
  const periods = new Map<AqiStandard, { min: number; max: number; days: number; validDays: number; goodDays: number }>();
  for (let i = 0; i < n; i++) {
    const ymd = ymdAt(i);
    const standard = plan.dayAqi(ymd);
    let p = periods.get(standard);
    if (!p) periods.set(standard, (p = { min: ymd, max: ymd, days: 0, validDays: 0, goodDays: 0 }));
    p.days += 1;
    if (ymd < p.min) p.min = ymd;
    if (ymd > p.max) p.max = ymd;
    let aqi: number | null;
    try {
      aqi = dayAqi(dayAt(i), standard);
    } catch (e) {
      if (e instanceof AqiInputError) throw new AqiInputError(`days[${i}].o3_8h_max`, e.message);
      throw e;
    }
    if (aqi === null) continue;
    c.validDays += 1;
    p.validDays += 1;
    // A published AQI of 0 under HJ 633-2026 (range 1–500) is counted as 优, as under 2012.
    levelDays[(standard === 'HJ 633-2026' && aqi >= 1 ? levelOf2026(aqi) : levelOf(aqi)).category] += 1;
    if (aqi <= 100) {
      c.goodDays += 1;
      p.goodDays += 1;
    } else c.exceedanceDays += 1;
    if (aqi > 200) c.heavyPollutionDays += 1;
  }
  c.periods = [...periods.entries()].sort((a, b) => a[1].min - b[1].min).map(([standard, p]) => ({ standard, from: dateOfYmd(p.min), to: dateOfYmd(p.max), days: p.days, validDays: p.validDays, goodDays: p.goodDays }));
  return c;
}

/** The stated rule for a year whose days fall under both AQI editions (docs/methods/air-assessment.md). */
export const SPANNING_YEAR_RULE = {
  zh: '跨越标准更替的年份：每日 AQI 按当日施行的版本计算（2026-03-01 前 HJ 633-2012，自该日起 HJ 633-2026），优良天数比例 = 全年优良天数 / 全年有效天数；年均浓度与百分位数由全年日值统计，对照该年 12 月 31 日施行的 GB 3095 限值评价达标；各日超标按当日施行的限值。此为 ecoplan 的约定：生态环境部尚未公布 2026 年度的评价办法。',
  en: 'A year spanning the switch of editions: each day’s AQI by the edition in force that day (HJ 633-2012 before 2026-03-01, HJ 633-2026 from then on); good-day ratio = good days of the year / valid days of the year; annual means and percentiles from all the year’s daily values, judged against the GB 3095 limits in force on 31 December; daily exceedances against the limits in force that day. This is ecoplan’s rule: the ministry has not published how 2026 is assessed.',
} as const;

function assemble(year: number, days: number, c: DayCounts, pollutants: Record<DayPollutantKey, PollutantYear>, plan: YearPlan, comparison: boolean): AnnualStatistics {
  const all = Object.values(pollutants);
  const editions = c.periods.map((p) => p.standard);
  return {
    standards: {
      aqi: editions.length ? editions.join(' + ') : plan.dayAqi(year * 10000 + 1231),
      quality: plan.annual.standard,
      phase: plan.annual.phase,
      assessment: plan.assessment,
      assessmentMethod: plan.assessment === 'HJ 663-2026' ? { ...HJ663_2026_GAP } : null,
    },
    comparison,
    rule: editions.length > 1 ? { ...SPANNING_YEAR_RULE } : null,
    aqiPeriods: c.periods,
    year,
    days,
    validDays: c.validDays,
    incompleteDays: days - c.validDays,
    goodDays: c.goodDays,
    goodRatio: c.validDays ? roundGB(div(int(c.goodDays * 100), int(c.validDays)), 1) : null,
    exceedanceDays: c.exceedanceDays,
    heavyPollutionDays: c.heavyPollutionDays,
    levelDays: c.levelDays,
    so2Mean: pollutants.so2.mean,
    no2Mean: pollutants.no2.mean,
    pm10Mean: pollutants.pm10.mean,
    pm25Mean: pollutants.pm25.mean,
    co95: pollutants.co.percentile,
    o3_90: pollutants.o3_8h_max.percentile,
    so2_98: pollutants.so2.percentile,
    no2_98: pollutants.no2.percentile,
    pm10_95: pollutants.pm10.percentile,
    pm25_95: pollutants.pm25.percentile,
    pollutants,
    meetsValidity: all.every((p) => p.meetsValidity),
    attainsAll: all.some((p) => p.attains === null) ? null : all.every((p) => p.attains),
  };
}

/** Options of annualStatistics. */
export interface AnnualOptions {
  /**
   * Compute every day and judge the year by this edition set instead of the editions in force (each day its own, the
   * year by 31 December's). A later edition named for earlier days is a comparison (result.comparison); an edition
   * named for days after its withdrawal is refused (RangeError).
   */
  editions?: EditionSet;
}

/**
 * Annual statistics of one calendar year of daily values by HJ 633 (daily AQI), HJ 663 (annual means, percentiles of
 * 附录A; the 2013 method for both editions) and GB 3095 (表1 二级 limits, 表4 validity), each day by the editions in
 * force that day unless options.editions names a set. Dates must be distinct and in one year (RangeError otherwise).
 * A pollutant's statistics use the days that have it; the day counts use days with an AQI (given, or computed:
 * HJ 633-2012 from all six pollutants, HJ 633-2026 by its 5.3.1). Statistics are rounded once, at the end, by GB/T 8170.
 * Throws AqiInputError when an HJ 633-2012 day without a given AQI has o3_8h_max above 800 and no o3_1h_max (表1 注(3)).
 *
 * Calculated on integers of 0.001 (AnnualAccumulator) when every concentration is non-negative with at most three
 * decimals, which is exact; otherwise, and for values that are not numbers, by annualStatisticsExact. Both give the
 * same result (tests/standards/air-annual-fast.test.ts compares them on random years).
 */
export function annualStatistics(days: readonly DayRecord[], options: AnnualOptions = {}): AnnualStatistics {
  if (days.length === 0) throw new RangeError('至少需要一天的数据 / at least one day is required');
  if (!days.every(numericRecord)) return annualStatisticsExact(days, options);
  const acc = new AnnualAccumulator();
  for (const d of days) acc.add(d);
  return acc.result(options);
}

/**
 * The reference calculation of annualStatistics on exact fractions (src/standards/rounding.ts), value by value as
 * HJ 663-2013 and GB/T 8170-2008 state it; same contract as annualStatistics.
 */
export function annualStatisticsExact(days: readonly DayRecord[], options: AnnualOptions = {}): AnnualStatistics {
  if (days.length === 0) throw new RangeError('至少需要一天的数据 / at least one day is required');
  const years = new Set(days.map((d) => parseDate(d.date).year));
  if (years.size !== 1) throw new RangeError(`所有日期须在同一年 / all dates must be in one year: ${[...years].join(', ')}`);
  if (new Set(days.map((d) => d.date)).size !== days.length) throw new RangeError('日期重复 / duplicate dates');
  const year = [...years][0]!;
  const ymds = days.map((d) => ymdOf(d.date));
  const plan = planOf(year, options.editions);
  const comparison = options.editions ? namedComparison(options.editions, Math.min(...ymds), Math.max(...ymds)) : false;
  const counts = countDays(days.length, (i) => days[i]!, (i) => ymds[i]!, plan);

  const pollutants = {} as Record<DayPollutantKey, PollutantYear>;
  for (const key of DAY_POLLUTANT_KEYS) {
    const pollutant = DAY_KEY_POLLUTANT[key];
    const spec = ANNUAL_STATISTICS[key];
    const present = days.map((d, i) => [d, ymds[i]!] as const).filter(([d]) => d[key] !== undefined && d[key] !== null);
    const values = present.map(([d]) => d[key]!);
    const validity = yearValidity(present.map(([d]) => d.date));
    const meanValue = spec.mean && values.length ? roundConcentration(pollutant, mean(values.map(exact))) : null;
    const pct = values.length ? roundConcentration(pollutant, percentileExact(values, spec.percentile)) : null;
    const exceedanceDays = present.filter(([d, ymd]) => exceedsLimit(pollutant, spec.dailyTime, d[key]!, 2, plan.dayQuality(ymd))).length;
    pollutants[key] = pollutantYear(key, validity, meanValue, pct, exceedanceDays, plan.annual);
  }
  return assemble(year, days.length, counts, pollutants, plan, comparison);
}

// ---- Integer path. A concentration with at most three decimals is an integer m of 0.001 units; sums, the 附录A
// interpolation (scaled by 100) and the GB/T 8170 rounding are then exact in doubles while below 2^53.

const MILLI = 1000;
/** Largest milli value taken on the integer path: 366 days of it, ×10 for one decimal, stay below 2^53. */
const MAX_MILLI = 1e12;

/**
 * v as a whole number of 0.001 when v ≥ 0 and the decimal v is written as (exact(v)) has at most three decimals,
 * else −1. m/1000 === v proves it: m/1000 is the double nearest to the decimal m/1000, which has at most 13
 * significant digits, and decimals of at most 15 digits map to distinct doubles, so v's shortest text is that decimal.
 */
export function milliOf(v: number): number {
  const m = Math.round(v * MILLI);
  return v >= 0 && m <= MAX_MILLI && m / MILLI === v ? m + 0 : -1; // + 0 turns −0 into 0
}

/**
 * num/den rounded to `decimals` places by the 进舍规则 of GB/T 8170-2008 (half to the even digit), for integers
 * num ≥ 0 and den > 0 with num·10^decimals below 2^53; the same double roundGB gives for the fraction num/den.
 */
export function roundRatioGB(num: number, den: number, decimals: number): number {
  const scale = 10 ** decimals;
  const n = num * scale;
  let q = Math.floor(n / den);
  let r = n - q * den; // the floating quotient may be one off; correct it on exact integers
  if (r < 0) {
    q -= 1;
    r += den;
  } else if (r >= den) {
    q += 1;
    r -= den;
  }
  if (2 * r > den || (2 * r === den && q % 2 === 1)) q += 1;
  return q / scale;
}

const FIELDS = [...DAY_POLLUTANT_KEYS, 'o3_1h_max', 'aqi'] as const;
const STRIDE = FIELDS.length; // 8 numbers a day
const AQI_FIELD = 7;

/** Whether every field of a day record is a number, null or absent (what AnnualAccumulator stores). */
function numericRecord(d: DayRecord): boolean {
  for (const f of FIELDS) {
    const v = d[f];
    if (v !== undefined && v !== null && typeof v !== 'number') return false;
  }
  return true;
}

let scratch = new Float64Array(366);

/**
 * A year of day records kept column-wise in typed arrays (69 bytes a day), so that a caller streaming many stations
 * keeps no day objects. result() is annualStatistics of the records added, in the order added. add() checks the
 * date (parseDate) and takes numbers or null/absent for the values (TypeError otherwise).
 */
export class AnnualAccumulator {
  private n = 0;
  private values = new Float64Array(366 * STRIDE);
  private present = new Uint8Array(366);
  /** year·10000 + month·100 + day. */
  private ymd = new Int32Array(366);
  private years: number[] = [];

  /** Days added. */
  get size(): number {
    return this.n;
  }

  add(day: DayRecord): void {
    const { year, month, day: dom } = parseDate(day.date);
    const i = this.n;
    if (i === this.present.length) this.grow();
    let bits = 0;
    for (let f = 0; f < STRIDE; f++) {
      const v = day[FIELDS[f]!];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number') throw new TypeError(`${day.date} ${FIELDS[f]}: not a number: ${String(v)}`);
      this.values[i * STRIDE + f] = v;
      bits |= 1 << f;
    }
    this.present[i] = bits;
    this.ymd[i] = year * 10000 + month * 100 + dom;
    if (!this.years.includes(year)) this.years.push(year);
    this.n = i + 1;
  }

  private grow(): void {
    const cap = this.present.length * 2;
    const values = new Float64Array(cap * STRIDE);
    values.set(this.values);
    const present = new Uint8Array(cap);
    present.set(this.present);
    const ymd = new Int32Array(cap);
    ymd.set(this.ymd);
    [this.values, this.present, this.ymd] = [values, present, ymd];
  }

  /** Day i as a record (the date text is canonical, as parseDate accepted it). */
  private record(i: number): DayRecord {
    const code = this.ymd[i]!;
    const date = `${String(Math.floor(code / 10000)).padStart(4, '0')}-${String(Math.floor(code / 100) % 100).padStart(2, '0')}-${String(code % 100).padStart(2, '0')}`;
    const out: DayRecord = { date };
    const bits = this.present[i]!;
    for (let f = 0; f < STRIDE; f++) if (bits & (1 << f)) out[FIELDS[f]!] = this.values[i * STRIDE + f]!;
    return out;
  }

  /** annualStatistics of the days added (same errors, same result). */
  result(options: AnnualOptions = {}): AnnualStatistics {
    const n = this.n;
    if (n === 0) throw new RangeError('至少需要一天的数据 / at least one day is required');
    // Concentrations the integer path cannot take exactly: the exact reference on the same records.
    for (let i = 0; i < n; i++) {
      const bits = this.present[i]!;
      for (let f = 0; f < 6; f++) if (bits & (1 << f) && milliOf(this.values[i * STRIDE + f]!) < 0) return annualStatisticsExact(Array.from({ length: n }, (_, j) => this.record(j)), options);
    }
    if (this.years.length !== 1) throw new RangeError(`所有日期须在同一年 / all dates must be in one year: ${this.years.join(', ')}`);
    const seen = new Uint8Array(1232); // month·100 + day
    for (let i = 0; i < n; i++) {
      const md = this.ymd[i]! % 10000;
      if (seen[md]) throw new RangeError('日期重复 / duplicate dates');
      seen[md] = 1;
    }
    const year = this.years[0]!;
    const plan = planOf(year, options.editions);
    let minYmd = Infinity;
    let maxYmd = -Infinity;
    for (let i = 0; i < n; i++) [minYmd, maxYmd] = [Math.min(minYmd, this.ymd[i]!), Math.max(maxYmd, this.ymd[i]!)];
    const comparison = options.editions ? namedComparison(options.editions, minYmd, maxYmd) : false;
    // dayAqi reads only the given AQI unless it is absent and (HJ 633-2012) all six pollutants or (HJ 633-2026) any are there.
    const counts = countDays(
      n,
      (i) => {
        const bits = this.present[i]!;
        if (bits & (1 << AQI_FIELD)) return { date: '', aqi: this.values[i * STRIDE + AQI_FIELD]! };
        const complete = (bits & 63) === 63;
        return complete || ((bits & 63) !== 0 && plan.dayAqi(this.ymd[i]!) === 'HJ 633-2026') ? this.record(i) : { date: '' };
      },
      (i) => this.ymd[i]!,
      plan,
    );

    if (scratch.length < n) scratch = new Float64Array(n);
    const pollutants = {} as Record<DayPollutantKey, PollutantYear>;
    for (let f = 0; f < 6; f++) {
      const key = DAY_POLLUTANT_KEYS[f]!;
      const pollutant = DAY_KEY_POLLUTANT[key];
      const spec = ANNUAL_STATISTICS[key];
      const decimals = REPORT_DECIMALS[pollutant];
      // The 二级 daily limit of each day's edition: a year has at most two (before and from 2026-03-01).
      const limitBefore = limitOf(pollutant, spec.dailyTime, 2, plan.dayQuality(year * 10000 + 101)) * MILLI;
      const limitAfter = limitOf(pollutant, spec.dailyTime, 2, plan.dayQuality(year * 10000 + 1231)) * MILLI;
      const split = plan.named ? Infinity : SWITCH_YMD;
      const monthDays = Array.from({ length: 12 }, () => 0);
      let count = 0;
      let sum = 0;
      let exceedanceDays = 0;
      for (let i = 0; i < n; i++) {
        if (!(this.present[i]! & (1 << f))) continue;
        const m = milliOf(this.values[i * STRIDE + f]!);
        scratch[count++] = m;
        sum += m;
        if (m > (this.ymd[i]! >= split ? limitAfter : limitBefore)) exceedanceDays += 1; // GB 3095 表1: above the limit exceeds it, equal meets it
        monthDays[(Math.floor(this.ymd[i]! / 100) % 100) - 1]! += 1;
      }
      // GB 3095 表4 validity (2012 = 2026), as yearValidity.
      const shortMonths = monthDays.flatMap((k, j) => (k < monthlyMinDays(j + 1) ? [j + 1] : []));
      const validity: YearValidity = { validDays: count, monthDays, shortMonths, ok: count >= VALIDITY.annualMinDays && shortMonths.length === 0 };
      let meanValue: number | null = null;
      let pct: number | null = null;
      if (count > 0) {
        // HJ 663-2013 annual mean: sum/count in 0.001 units, rounded once by GB/T 8170.
        if (spec.mean) meanValue = roundRatioGB(sum, count * MILLI, decimals);
        // HJ 663-2013 附录A: k = 1 + (count − 1)·p/100, s = ⌊k⌋, m_p = X(s) + (X(s+1) − X(s))·(k − s); with p whole,
        // (k − s) = r/100 for r = (count − 1)·p mod 100, so 100·m_p is an integer of 0.001 units.
        const x = scratch.subarray(0, count).sort();
        const t = (count - 1) * spec.percentile;
        const s = 1 + Math.floor(t / 100);
        const r = t % 100;
        const xs = x[s - 1]!;
        const scaled = s >= count ? xs * 100 : xs * 100 + (x[s]! - xs) * r;
        pct = roundRatioGB(scaled, 100 * MILLI, decimals);
      }
      pollutants[key] = pollutantYear(key, validity, meanValue, pct, exceedanceDays, plan.annual);
    }
    return assemble(year, n, counts, pollutants, plan, comparison);
  }
}
