// Ambient air assessment: GB 3095-2012 环境空气质量标准 (limits of 表1, data validity of 表4) and HJ 663-2013
// 环境空气质量评价技术规范（试行） (annual statistics, percentiles of 附录A, city values from stations), with the
// daily AQI of HJ 633-2012 for good-day counts. Pure: no I/O. Sources and decisions: docs/methods/air-assessment.md.
//
// Note: GB 3095-2026, HJ 663-2026 and HJ 633-2026 replaced these on 2026-03-01; this module implements the 2012/2013
// editions, which govern data before that date.
import { AQI_STANDARD, AqiInputError, dailyAqi, levelOf, type Category } from './aqi.js';
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

/** The GB 3095-2012 表1 limit of a pollutant and averaging time for grade 1 (一级) or 2 (二级, default). */
export function limitOf(pollutant: AirPollutant, time: AveragingTime, grade: Grade = 2): number {
  const pair = GB3095_LIMITS[pollutant][time];
  if (!pair) throw new RangeError(`GB 3095-2012 表1 has no ${time} limit for ${pollutant}`);
  return pair[grade - 1]!;
}

/**
 * Whether a concentration exceeds the GB 3095-2012 表1 limit (value above the limit; equal meets it), compared as
 * the decimals written. μg/m³, CO mg/m³. Compare reported (rounded) values, as the 修约值比较法 of GB/T 8170-2008 does.
 */
export function exceedsLimit(pollutant: AirPollutant, time: AveragingTime, value: number, grade: Grade = 2): boolean {
  return compare(exact(value), exact(limitOf(pollutant, time, grade))) > 0;
}

/** 超标倍数 (C − S)/S against the GB 3095-2012 表1 limit, 2 decimals (GB/T 8170); null when not exceeding. */
export function exceedanceMultiple(pollutant: AirPollutant, time: AveragingTime, value: number, grade: Grade = 2): number | null {
  if (!exceedsLimit(pollutant, time, value, grade)) return null;
  const s = exact(limitOf(pollutant, time, grade));
  return roundGB(div(sub(exact(value), s), s), 2);
}

/**
 * GB 3095-2012 表4 污染物浓度数据有效性的最低要求 (数据统计的有效性规定), for the basic pollutants:
 * a 24-hour mean needs 20 hourly values; an 8-hour mean 6 hourly values; a 1-hour mean 45 minutes of sampling;
 * an annual mean 324 daily means a year and 27 a month (25 in February).
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
  /** GB 3095-2012 表4 (324 days, 27 a month, 25 in February). */
  meetsValidity: boolean;
  /** Annual mean at reporting precision (SO2, NO2, PM10, PM2.5); null for CO and O3 or without data. */
  mean: number | null;
  /** Percentile rank used (98, 95 or 90). */
  percentileRank: number;
  /** The percentile of daily values at reporting precision; null without data. */
  percentile: number | null;
  /** Days whose value exceeds the 二级 24-hour (O3: 8-hour) limit. */
  exceedanceDays: number;
  /** Whether the statistics meet the 二级 limits (mean ≤ annual limit and percentile ≤ daily limit); null when not
   * assessable (data not meeting validity, or no data). */
  attains: boolean | null;
}

export interface AnnualStatistics {
  standards: { quality: typeof QUALITY_STANDARD; assessment: typeof ASSESSMENT_STANDARD; aqi: typeof AQI_STANDARD };
  year: number;
  /** Day records given. */
  days: number;
  /** Days with an AQI: given, or computed from all six pollutants. */
  validDays: number;
  /** Days without an AQI and without all six pollutants (left out of the day counts). */
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
  /** Every pollutant meets GB 3095-2012 表4. */
  meetsValidity: boolean;
  /** Every pollutant attains its 二级 limits (null if any is not assessable). */
  attainsAll: boolean | null;
}

/** The AQI of one day record: the given one, else HJ 633-2012 daily AQI when all six pollutants are present. */
export function dayAqi(day: DayRecord): number | null {
  if (day.aqi !== undefined && day.aqi !== null) return day.aqi;
  const has = (k: DayPollutantKey) => day[k] !== undefined && day[k] !== null;
  if (!DAY_POLLUTANT_KEYS.every(has)) return null;
  const o3_1h = day.o3_1h_max ?? undefined;
  return dailyAqi({ so2_24h: day.so2!, no2_24h: day.no2!, pm10_24h: day.pm10!, pm25_24h: day.pm25!, co_24h: day.co!, o3_8h: day.o3_8h_max!, ...(o3_1h === undefined ? {} : { o3_1h }) }).aqi;
}

/**
 * Annual statistics of one calendar year of daily values by HJ 633-2012 (daily AQI), HJ 663-2013 (annual means,
 * percentiles of 附录A) and GB 3095-2012 (表1 二级 limits, 表4 validity). Dates must be distinct and in one year
 * (RangeError otherwise). A pollutant's statistics use the days that have it; the day counts use days with an AQI
 * (given, or computed from all six pollutants). Statistics are rounded once, at the end, by GB/T 8170.
 * Throws AqiInputError when a day without a given AQI has o3_8h_max above 800 and no o3_1h_max (HJ 633-2012 表1 注(3)).
 */
export function annualStatistics(days: readonly DayRecord[]): AnnualStatistics {
  if (days.length === 0) throw new RangeError('至少需要一天的数据 / at least one day is required');
  const years = new Set(days.map((d) => parseDate(d.date).year));
  if (years.size !== 1) throw new RangeError(`所有日期须在同一年 / all dates must be in one year: ${[...years].join(', ')}`);
  if (new Set(days.map((d) => d.date)).size !== days.length) throw new RangeError('日期重复 / duplicate dates');
  const year = [...years][0]!;

  const levelDays = { 优: 0, 良: 0, 轻度污染: 0, 中度污染: 0, 重度污染: 0, 严重污染: 0 } as Record<Category, number>;
  let validDays = 0;
  let goodDays = 0;
  let exceedanceDays = 0;
  let heavyPollutionDays = 0;
  days.forEach((day, i) => {
    let aqi: number | null;
    try {
      aqi = dayAqi(day);
    } catch (e) {
      if (e instanceof AqiInputError) throw new AqiInputError(`days[${i}].o3_8h_max`, e.message);
      throw e;
    }
    if (aqi === null) return;
    validDays += 1;
    levelDays[levelOf(aqi).category] += 1;
    if (aqi <= 100) goodDays += 1;
    else exceedanceDays += 1;
    if (aqi > 200) heavyPollutionDays += 1;
  });

  const pollutants = {} as Record<DayPollutantKey, PollutantYear>;
  for (const key of DAY_POLLUTANT_KEYS) {
    const pollutant = DAY_KEY_POLLUTANT[key];
    const spec = ANNUAL_STATISTICS[key];
    const present = days.filter((d) => d[key] !== undefined && d[key] !== null);
    const values = present.map((d) => d[key]!);
    const validity = yearValidity(present.map((d) => d.date));
    const meanValue = spec.mean && values.length ? roundConcentration(pollutant, mean(values.map(exact))) : null;
    const pct = values.length ? roundConcentration(pollutant, percentileExact(values, spec.percentile)) : null;
    let attains: boolean | null = null;
    if (validity.ok && pct !== null) {
      const meanOk = meanValue === null || !exceedsLimit(pollutant, 'annual', meanValue);
      attains = meanOk && !exceedsLimit(pollutant, spec.dailyTime, pct);
    }
    pollutants[key] = {
      pollutant,
      validDays: validity.validDays,
      shortMonths: validity.shortMonths,
      meetsValidity: validity.ok,
      mean: meanValue,
      percentileRank: spec.percentile,
      percentile: pct,
      exceedanceDays: values.filter((v) => exceedsLimit(pollutant, spec.dailyTime, v)).length,
      attains,
    };
  }
  const all = Object.values(pollutants);
  return {
    standards: { quality: QUALITY_STANDARD, assessment: ASSESSMENT_STANDARD, aqi: AQI_STANDARD },
    year,
    days: days.length,
    validDays,
    incompleteDays: days.length - validDays,
    goodDays,
    goodRatio: validDays ? roundGB(div(int(goodDays * 100), int(validDays)), 1) : null,
    exceedanceDays,
    heavyPollutionDays,
    levelDays,
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
