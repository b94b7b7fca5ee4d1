// HJ 633-2026 环境空气质量指数（AQI）技术规定, in force from 2026-03-01 (replaces HJ 633-2012): individual indices
// (IAQI), the AQI, primary pollutants, levels, sensitive groups (表2), for the daily report (日报, 4.2.2) and the
// real-time report (实时报, 4.2.3), with the completeness rule of 5.3. Pure: no I/O.
// Source: the official e-version (MEE, 2026-02), transcribed in /work/shared/reference and docs/methods/aqi.md.
import { ceil, compare, div, exact, int, mul, roundGB, sub } from './rounding.js';
import { COLUMN_POLLUTANT, IAQI_STEPS, POLLUTANTS, type Category, type Column, type Level, type LevelInfo, type Pollutant } from './aqi.js';
import { LEVELS as LEVELS_2012 } from './aqi.js';

export const AQI_STANDARD_2026 = 'HJ 633-2026';

/**
 * HJ 633-2026 表3 空气质量分指数及对应的污染物项目浓度限值, concentration at each IAQI step of IAQI_STEPS (0, 50, 100,
 * 150, 200, 300, 400, 500), μg/m³ (CO mg/m³). Against HJ 633-2012 表1 only PM10 and PM2.5 at IAQI 100 differ (120 and
 * 60, were 150 and 75). so2_1h stops at IAQI 200 (注b), o3_8h at IAQI 300 (注c). The 1-hour columns of SO2, NO2, CO and
 * O3 are for the real-time report only (注a).
 */
export const BREAKPOINTS_2026: Readonly<Record<Column, readonly number[]>> = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800],
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  pm10_24h: [0, 50, 120, 250, 350, 420, 500, 600],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 160, 215, 265, 800],
  pm25_24h: [0, 35, 60, 115, 150, 250, 350, 500],
};

/** 表3 注b: an SO2 1-hour mean above 800 μg/m³ has IAQI 200; 注c: an O3 8-hour mean above 800 μg/m³ has IAQI 300. */
const CAPPED_ABOVE: Partial<Record<Column, { above: number; iaqi: number; note: 'b' | 'c' }>> = {
  so2_1h: { above: 800, iaqi: 200, note: 'b' },
  o3_8h: { above: 800, iaqi: 300, note: 'c' },
};

/** 4.2.2: concentrations are rounded by GB/T 8170 to whole μg/m³; CO (mg/m³) to one decimal. */
export function roundInput2026(column: Column, c: number): number {
  return roundGB(exact(c), column.startsWith('co_') ? 1 : 0);
}

/**
 * IAQI of one concentration by HJ 633-2026 4.2.4 式(1) on the column's row of 表3: the concentration is first rounded
 * by GB/T 8170 (4.2.2: whole μg/m³, CO one decimal; half to even, so 60.5 → 60), then
 * IAQI = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo)·(C − BP_Lo) + IAQI_Lo, rounded up (4.2.6 向上进位取整数).
 * so2_1h above 800 μg/m³ → 200 (注b); o3_8h above 800 μg/m³ → 300 (注c). Above the last breakpoint of a full column
 * the table ends: 500 (our decision, as for 2012; aboveTable2026 tells when). `c` ≥ 0, μg/m³ (CO mg/m³).
 */
export function subIndex2026(column: Column, c: number): number {
  if (!(c >= 0)) throw new RangeError(`${column}: concentration must be a non-negative number, got ${c}`);
  const value = exact(roundInput2026(column, c));
  const cap = CAPPED_ABOVE[column];
  if (cap && compare(value, int(cap.above)) > 0) return cap.iaqi;
  const bp = BREAKPOINTS_2026[column];
  for (let i = 1; i < bp.length; i++) {
    if (compare(value, int(bp[i]!)) <= 0) {
      const lo = int(bp[i - 1]!);
      const span = int(IAQI_STEPS[i]! - IAQI_STEPS[i - 1]!);
      return IAQI_STEPS[i - 1]! + Number(ceil(mul(div(span, sub(int(bp[i]!), lo)), sub(value, lo))));
    }
  }
  return 500;
}

/** Whether c (after the 4.2.2 rounding) lies above the last breakpoint of a column that runs to IAQI 500. */
export function aboveTable2026(column: Column, c: number): boolean {
  const bp = BREAKPOINTS_2026[column];
  return CAPPED_ABOVE[column] === undefined && compare(exact(roundInput2026(column, c)), int(bp[bp.length - 1]!)) > 0;
}

/**
 * HJ 633-2026 表1 空气质量指数及相关信息 (health effects and advice, as printed; read from the official e-version's page 2)
 * and 附录A (colours). Levels, names and colours are those of 2012; the AQI range starts at 1 (4.1.1 "范围为 1～500").
 * The sensitive groups of 表2 are in SENSITIVE_GROUPS.
 */
const TABLE1_2026: Record<number, { health: string; advice: string }> = {
  1: { health: '空气质量令人满意，基本无空气污染', advice: '各类人群可正常活动' },
  2: {
    health: '空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响',
    advice: '极少数异常敏感人群应减少户外活动',
  },
  3: {
    health: '敏感人群症状有轻度加剧，健康人群出现刺激症状',
    advice: '青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼',
  },
  4: {
    health: '进一步加剧敏感人群症状，可能对健康人群心血管系统、呼吸系统有影响',
    advice: '青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动',
  },
  5: {
    health: '心血管系统和呼吸系统患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状',
    advice: '青少年儿童、老年人和心血管系统疾病、呼吸系统疾病患者应停留在室内，停止户外运动，一般人群减少户外运动',
  },
  6: {
    health: '健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病',
    advice: '青少年儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动',
  },
};

export const LEVELS_2026: readonly LevelInfo[] = LEVELS_2012.map((l) => ({
  ...l,
  range: l.level === 1 ? ([1, 50] as [number, number]) : l.range,
  ...TABLE1_2026[l.level]!,
}));

/** Level, category and colour of an integer AQI 1–500 by HJ 633-2026 表1 and 附录A. */
export function levelOf2026(aqi: number): LevelInfo {
  if (!Number.isInteger(aqi) || aqi < 1) throw new RangeError(`HJ 633-2026 AQI must be an integer of at least 1, got ${aqi}`);
  return LEVELS_2026.find((l) => l.range[1] === null || aqi <= l.range[1])!;
}

/** HJ 633-2026 表2 空气污染物的敏感人群: whom to protect when a pollutant's IAQI is above 100. */
export const SENSITIVE_GROUPS: Readonly<Record<Pollutant, { zh: string; en: string }>> = {
  SO2: { zh: '患有哮喘的人、青少年儿童以及老年人', en: 'people with asthma, children and adolescents, and older adults' },
  NO2: { zh: '患有呼吸系统疾病（如哮喘）的人、青少年儿童以及老年人', en: 'people with respiratory diseases (such as asthma), children and adolescents, and older adults' },
  CO: { zh: '患有心血管系统疾病的人', en: 'people with cardiovascular diseases' },
  O3: { zh: '患有呼吸系统疾病（如哮喘）的人、青少年儿童、户外活动频繁的人以及老年人', en: 'people with respiratory diseases (such as asthma), children and adolescents, people often active outdoors, and older adults' },
  PM10: { zh: '患有心血管系统疾病或呼吸系统疾病（如哮喘）的人、青少年儿童、户外活动频繁的人以及老年人', en: 'people with cardiovascular or respiratory diseases (such as asthma), children and adolescents, people often active outdoors, and older adults' },
  'PM2.5': { zh: '患有心血管系统疾病或呼吸系统疾病（如哮喘）的人、青少年儿童、户外活动频繁的人以及老年人', en: 'people with cardiovascular or respiratory diseases (such as asthma), children and adolescents, people often active outdoors, and older adults' },
};

/** 4.2.2 日报: the six daily indicators (24-hour means of SO2, NO2, CO, PM10, PM2.5 and the O3 daily maximum 8-hour mean). */
export const DAILY_KEYS_2026 = ['so2_24h', 'no2_24h', 'co_24h', 'o3_8h', 'pm10_24h', 'pm25_24h'] as const;
/** 4.2.3 实时报: the six 1-hour means. */
export const HOURLY_KEYS_2026 = ['so2_1h', 'no2_1h', 'co_1h', 'o3_1h', 'pm10_1h', 'pm25_1h'] as const;
export type DailyKey2026 = (typeof DAILY_KEYS_2026)[number];
export type HourlyKey2026 = (typeof HOURLY_KEYS_2026)[number];
export type AqiKey2026 = DailyKey2026 | HourlyKey2026;

/** The 表3 column of each key: PM 1-hour means use the daily PM columns (式(1), BP_Hi/BP_Lo: "取表 3 中日平均的高位值/低位值"). */
export const KEY_COLUMN_2026: Readonly<Record<AqiKey2026, Column>> = {
  so2_24h: 'so2_24h',
  no2_24h: 'no2_24h',
  co_24h: 'co_24h',
  o3_8h: 'o3_8h',
  pm10_24h: 'pm10_24h',
  pm25_24h: 'pm25_24h',
  so2_1h: 'so2_1h',
  no2_1h: 'no2_1h',
  co_1h: 'co_1h',
  o3_1h: 'o3_1h',
  pm10_1h: 'pm10_24h',
  pm25_1h: 'pm25_24h',
};

/** A concentration, or null/absent = missing or invalid (缺测或无效, NA), or '/' = not in the monitoring plan (5.3.2, 表4/表5). */
export type Reading = number | null | '/';
export type Readings2026<K extends AqiKey2026> = Partial<Record<K, Reading>>;

export interface AqiResult2026 {
  standard: typeof AQI_STANDARD_2026;
  period: 'daily' | 'hourly';
  /** The AQI, 1–500; null = NA (5.3.1: a pollutant missing and the AQI of the others not above 100). */
  aqi: number | null;
  /** IAQI of every indicator with a concentration (published also when the AQI is NA). */
  iaqi: Partial<Record<AqiKey2026, number>>;
  /** The concentrations after the 4.2.2 rounding, as indexed. */
  concentrations: Partial<Record<AqiKey2026, number>>;
  /** 4.3.1: when the AQI is above 50, the pollutant(s) with the largest IAQI; ties on the integer IAQI are all listed. */
  primaryPollutants: Pollutant[];
  level: Level | null;
  category: Category | null;
  colour: LevelInfo['colour'] | null;
  /** 表2 sensitive groups of each pollutant whose IAQI is above 100. */
  sensitiveGroups: { pollutant: Pollutant; groups: string; groupsEn: string }[];
  /** Indicators missing or invalid (NA). */
  missing: AqiKey2026[];
  /** Indicators not in the monitoring plan ("/"; 5.3.2: publication unaffected). */
  notInPlan: AqiKey2026[];
  /** The maximum IAQI of the indicators given, before 5.3.1 decides whether it is published. */
  computedAqi: number;
  aboveTable: AqiKey2026[];
  notes: string[];
}

function combine2026<K extends AqiKey2026>(period: 'daily' | 'hourly', keys: readonly K[], readings: Readings2026<K>): AqiResult2026 {
  const iaqi: Partial<Record<AqiKey2026, number>> = {};
  const concentrations: Partial<Record<AqiKey2026, number>> = {};
  const missing: AqiKey2026[] = [];
  const notInPlan: AqiKey2026[] = [];
  const above: AqiKey2026[] = [];
  const notes: string[] = [];
  for (const k of keys) {
    const c = readings[k];
    if (c === '/') {
      notInPlan.push(k);
      continue;
    }
    if (c === undefined || c === null) {
      missing.push(k);
      continue;
    }
    const column = KEY_COLUMN_2026[k];
    concentrations[k] = roundInput2026(column, c);
    const v = subIndex2026(column, c);
    iaqi[k] = v;
    const cap = CAPPED_ABOVE[column];
    if (cap && concentrations[k]! > cap.above)
      notes.push(cap.note === 'b' ? `表3 注b：${k} = ${concentrations[k]} μg/m³ 高于 800，IAQI 按 200 计 / table 3 note b: ${k} above 800 μg/m³ has IAQI 200` : `表3 注c：${k} = ${concentrations[k]} μg/m³ 高于 800，IAQI 按 300 计 / table 3 note c: ${k} above 800 μg/m³ has IAQI 300`);
    if (aboveTable2026(column, c)) above.push(k);
  }
  const entries = Object.entries(iaqi) as [AqiKey2026, number][];
  if (entries.length === 0) throw new RangeError('至少需要一项污染物浓度 / at least one concentration is required');
  const computed = Math.max(...entries.map(([, v]) => v));
  // 4.1.1: the AQI ranges 1–500; only an all-zero set computes 0 (the text does not say what then: our decision, 1).
  const aqiValue = Math.max(1, computed);
  if (computed === 0) notes.push('各项 IAQI 均为 0；按 4.1.1 AQI 范围 1～500 取 1 / every IAQI is 0; the AQI is given as 1, the bottom of the 1–500 range of 4.1.1');
  const published = missing.length === 0 || aqiValue > 100;
  if (missing.length)
    notes.push(
      published
        ? `5.3.1：缺测 ${missing.join('、')}，其余污染物的 AQI ${aqiValue} 大于 100，照常发布 / 5.3.1: ${missing.join(', ')} missing; the AQI of the others, ${aqiValue}, is above 100 and is published`
        : `5.3.1：缺测 ${missing.join('、')}，其余污染物的 AQI ${aqiValue} 不大于 100，AQI、首要污染物、级别与类别记为 NA，仅发布浓度与分指数 / 5.3.1: ${missing.join(', ')} missing and the AQI of the others, ${aqiValue}, is not above 100: AQI, primary pollutant, level and category are NA; only concentrations and IAQIs are published`,
    );
  if (notInPlan.length) notes.push(`5.3.2：${notInPlan.join('、')} 不在监测计划内（/），不影响发布 / 5.3.2: ${notInPlan.join(', ')} not in the monitoring plan ("/"), publication unaffected`);
  const byPollutant = (test: (v: number) => boolean) => POLLUTANTS.filter((p) => entries.some(([k, v]) => COLUMN_POLLUTANT[KEY_COLUMN_2026[k]] === p && test(v)));
  const info = published ? levelOf2026(aqiValue) : null;
  return {
    standard: AQI_STANDARD_2026,
    period,
    aqi: published ? aqiValue : null,
    iaqi,
    concentrations,
    primaryPollutants: published && aqiValue > 50 ? byPollutant((v) => v === aqiValue) : [],
    level: info?.level ?? null,
    category: info?.category ?? null,
    colour: info?.colour ?? null,
    sensitiveGroups: byPollutant((v) => v > 100).map((p) => ({ pollutant: p, groups: SENSITIVE_GROUPS[p].zh, groupsEn: SENSITIVE_GROUPS[p].en })),
    missing,
    notInPlan,
    computedAqi: aqiValue,
    aboveTable: above,
    notes,
  };
}

/**
 * Daily AQI (日报) by HJ 633-2026 4.2.2, 4.2.4, 4.2.6, 4.3.1 and 5.3: the IAQI of the six daily indicators (the O3 daily
 * maximum 1-hour mean is not one of them), AQI = max IAQI, primary pollutants, level and category (表1), sensitive groups
 * (表2). An indicator absent or null is missing (5.3.1: the AQI is then published only when above 100, else null =
 * NA); '/' marks one not in the monitoring plan (5.3.2). Units μg/m³, CO mg/m³.
 */
export function dailyAqi2026(c: Readings2026<DailyKey2026>): AqiResult2026 {
  return combine2026('daily', DAILY_KEYS_2026, c);
}

/**
 * Real-time AQI (实时报) by HJ 633-2026 4.2.3: the six 1-hour means, SO2/NO2/CO/O3 on their 1-hour columns and PM10/PM2.5
 * on the daily PM columns (式(1)); so2_1h above 800 μg/m³ → IAQI 200 (注b). Completeness as dailyAqi2026.
 */
export function hourlyAqi2026(c: Readings2026<HourlyKey2026>): AqiResult2026 {
  return combine2026('hourly', HOURLY_KEYS_2026, c);
}
