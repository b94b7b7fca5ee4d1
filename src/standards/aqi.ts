// HJ 633-2012 环境空气质量指数（AQI）技术规定（试行）: individual indices (IAQI), the AQI, primary pollutants,
// levels, categories and colours, for the daily report (日报) and the hourly real-time report (实时报).
// Pure: no I/O. Sources and the decisions on points the standard leaves open: docs/methods/aqi.md.
//
// HJ 633-2026 replaced this standard on 2026-03-01 (src/standards/aqi2026.ts; which edition a day takes:
// src/standards/editions.ts). This module is the 2012 edition, for data before that date; every result names it.
import { ceil, compare, div, exact, int, mul, sub } from './rounding.js';

export const AQI_STANDARD = 'HJ 633-2012';

export type Pollutant = 'SO2' | 'NO2' | 'PM10' | 'PM2.5' | 'CO' | 'O3';
export const POLLUTANTS: readonly Pollutant[] = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'];

/** A column of HJ 633-2012 表1: a pollutant and averaging time. */
export type Column = 'so2_24h' | 'so2_1h' | 'no2_24h' | 'no2_1h' | 'pm10_24h' | 'co_24h' | 'co_1h' | 'o3_1h' | 'o3_8h' | 'pm25_24h';

/** The IAQI row heads of HJ 633-2012 表1 (空气质量分指数). */
export const IAQI_STEPS = [0, 50, 100, 150, 200, 300, 400, 500] as const;

/**
 * HJ 633-2012 表1 空气质量分指数及对应的污染物项目浓度限值: the concentration at each IAQI step of IAQI_STEPS,
 * μg/m³ (CO mg/m³). so2_1h stops at IAQI 200 (注(2)), o3_8h at IAQI 300 (注(3)).
 */
export const BREAKPOINTS: Readonly<Record<Column, readonly number[]>> = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800],
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 160, 215, 265, 800],
  pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
};

/** The columns whose table stops short of IAQI 500 with a "not calculated above" note (表1 注(2), 注(3)). */
const NOT_CALCULATED_ABOVE: Partial<Record<Column, number>> = { so2_1h: 800, o3_8h: 800 };

export const COLUMN_POLLUTANT: Readonly<Record<Column, Pollutant>> = {
  so2_24h: 'SO2',
  so2_1h: 'SO2',
  no2_24h: 'NO2',
  no2_1h: 'NO2',
  pm10_24h: 'PM10',
  co_24h: 'CO',
  co_1h: 'CO',
  o3_1h: 'O3',
  o3_8h: 'O3',
  pm25_24h: 'PM2.5',
};

/**
 * IAQI of one concentration by HJ 633-2012 §4 式(1), IAQI_P = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo)·(C_P − BP_Lo)
 * + IAQI_Lo, on the column's row of 表1, rounded up to an integer (向上进位; see docs/methods/aqi.md for the source
 * of this rule). `c` in μg/m³ (CO mg/m³), ≥ 0, taken as the decimal it is written as.
 * Returns null where 表1 says the index is not calculated: so2_1h above 800 μg/m³ (注(2)) and o3_8h above 800 μg/m³
 * (注(3)). Above the last breakpoint of a full column the table ends; the index is capped at 500 (our decision;
 * aboveTable tells when).
 */
export function subIndex(column: Column, c: number): number | null {
  if (!(c >= 0)) throw new RangeError(`${column}: concentration must be a non-negative number, got ${c}`);
  const bp = BREAKPOINTS[column];
  const limit = NOT_CALCULATED_ABOVE[column];
  const value = exact(c);
  if (limit !== undefined && compare(value, int(limit)) > 0) return null;
  for (let i = 1; i < bp.length; i++) {
    if (compare(value, int(bp[i]!)) <= 0) {
      const lo = int(bp[i - 1]!);
      const span = int(IAQI_STEPS[i]! - IAQI_STEPS[i - 1]!);
      const rise = mul(div(span, sub(int(bp[i]!), lo)), sub(value, lo));
      return IAQI_STEPS[i - 1]! + Number(ceil(rise));
    }
  }
  return 500;
}

/** Whether c lies above the last breakpoint of a column that runs to IAQI 500 (the table gives no index there). */
export function aboveTable(column: Column, c: number): boolean {
  const bp = BREAKPOINTS[column];
  return NOT_CALCULATED_ABOVE[column] === undefined && compare(exact(c), int(bp[bp.length - 1]!)) > 0;
}

export type Level = 1 | 2 | 3 | 4 | 5 | 6;
export type Category = '优' | '良' | '轻度污染' | '中度污染' | '重度污染' | '严重污染';

export interface LevelInfo {
  level: Level;
  /** AQI range of the level, inclusive; the last has no upper bound in the standard (null). */
  range: [number, number | null];
  category: Category;
  categoryEn: string;
  colour: { name: string; nameEn: string; rgb: [number, number, number]; cmyk: [number, number, number, number]; hex: string };
  /** 对健康影响情况 and 建议采取的措施, in the edition's own wording. */
  health: string;
  advice: string;
}

/**
 * HJ 633-2012 表2 空气质量指数及相关信息 (levels, categories, health effects, advice) with the colours of
 * 附录A 表A.1 (RGB and CMYK).
 */
export const LEVELS: readonly LevelInfo[] = [
  {
    level: 1,
    range: [0, 50],
    category: '优',
    categoryEn: 'excellent',
    colour: { name: '绿色', nameEn: 'green', rgb: [0, 228, 0], cmyk: [40, 0, 100, 0], hex: '#00E400' },
    health: '空气质量令人满意，基本无空气污染',
    advice: '各类人群可正常活动',
  },
  {
    level: 2,
    range: [51, 100],
    category: '良',
    categoryEn: 'good',
    colour: { name: '黄色', nameEn: 'yellow', rgb: [255, 255, 0], cmyk: [0, 0, 100, 0], hex: '#FFFF00' },
    health: '空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响',
    advice: '极少数异常敏感人群应减少户外活动',
  },
  {
    level: 3,
    range: [101, 150],
    category: '轻度污染',
    categoryEn: 'lightly polluted',
    colour: { name: '橙色', nameEn: 'orange', rgb: [255, 126, 0], cmyk: [0, 52, 100, 0], hex: '#FF7E00' },
    health: '易感人群症状有轻度加剧，健康人群出现刺激症状',
    advice: '儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼',
  },
  {
    level: 4,
    range: [151, 200],
    category: '中度污染',
    categoryEn: 'moderately polluted',
    colour: { name: '红色', nameEn: 'red', rgb: [255, 0, 0], cmyk: [0, 100, 100, 0], hex: '#FF0000' },
    health: '进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响',
    advice: '儿童、老年人及心脏病、呼吸系统疾病患者避免长时间、高强度的户外锻炼，一般人群适量减少户外运动',
  },
  {
    level: 5,
    range: [201, 300],
    category: '重度污染',
    categoryEn: 'heavily polluted',
    colour: { name: '紫色', nameEn: 'purple', rgb: [153, 0, 76], cmyk: [10, 100, 40, 30], hex: '#99004C' },
    health: '心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状',
    advice: '儿童、老年人和心脏病、肺病患者应停留在室内，停止户外运动，一般人群减少户外运动',
  },
  {
    level: 6,
    range: [301, null],
    category: '严重污染',
    categoryEn: 'severely polluted',
    colour: { name: '褐红色', nameEn: 'maroon', rgb: [126, 0, 35], cmyk: [30, 100, 100, 30], hex: '#7E0023' },
    health: '健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病',
    advice: '儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动',
  },
];

/** Level, category and colour of an integer AQI ≥ 0 by HJ 633-2012 表2 and 附录A. */
export function levelOf(aqi: number): LevelInfo {
  if (!Number.isInteger(aqi) || aqi < 0) throw new RangeError(`AQI must be a non-negative integer, got ${aqi}`);
  return LEVELS.find((l) => l.range[1] === null || aqi <= l.range[1])!;
}

/** Daily report inputs (HJ 633-2012 §5 日报): 24-hour means, O3 daily maximum 1-hour and 8-hour means. */
export const DAILY_KEYS = ['so2_24h', 'no2_24h', 'pm10_24h', 'pm25_24h', 'co_24h', 'o3_1h', 'o3_8h'] as const;
/** Hourly report inputs (HJ 633-2012 §5 实时报): 1-hour means. */
export const HOURLY_KEYS = ['so2_1h', 'no2_1h', 'pm10_1h', 'pm25_1h', 'co_1h', 'o3_1h'] as const;
export type DailyKey = (typeof DAILY_KEYS)[number];
export type HourlyKey = (typeof HOURLY_KEYS)[number];
export type AqiKey = DailyKey | HourlyKey;

/**
 * Which column of 表1 an input key is indexed on. The table has one particulate row each (24-hour); hourly PM10
 * and PM2.5 are indexed on it (our reading, docs/methods/aqi.md).
 */
export const KEY_COLUMN: Readonly<Record<AqiKey, Column>> = {
  so2_24h: 'so2_24h',
  no2_24h: 'no2_24h',
  pm10_24h: 'pm10_24h',
  pm25_24h: 'pm25_24h',
  co_24h: 'co_24h',
  o3_1h: 'o3_1h',
  o3_8h: 'o3_8h',
  so2_1h: 'so2_1h',
  no2_1h: 'no2_1h',
  pm10_1h: 'pm10_24h',
  pm25_1h: 'pm25_24h',
  co_1h: 'co_1h',
};

export type DailyConcentrations = Partial<Record<DailyKey, number>>;
/** so2_24h may come with so2_1h: it is used only when so2_1h is above 800 μg/m³ (表1 注(2)). */
export type HourlyConcentrations = Partial<Record<HourlyKey | 'so2_24h', number>>;

export interface AqiResult {
  standard: typeof AQI_STANDARD;
  period: 'daily' | 'hourly';
  aqi: number;
  /** IAQI of every key that was indexed (keys set aside by the table's notes are absent). */
  iaqi: Partial<Record<AqiKey, number>>;
  /** Pollutants whose IAQI equals the AQI, when the AQI is above 50 (HJ 633-2012 §4, 首要污染物的确定); ties are all listed, in POLLUTANTS order. */
  primaryPollutants: Pollutant[];
  /** Pollutants with an IAQI above 100 (超标污染物, HJ 633-2012 §3 and §4). */
  exceedingPollutants: Pollutant[];
  level: Level;
  category: Category;
  colour: LevelInfo['colour'];
  /** Keys beyond the last breakpoint of their column, indexed as 500. */
  aboveTable: AqiKey[];
  /** The table notes that were applied, bilingual. */
  notes: string[];
}

export class AqiInputError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'AqiInputError';
  }
}

function combine(period: AqiResult['period'], iaqi: Partial<Record<AqiKey, number>>, above: AqiKey[], notes: string[]): AqiResult {
  const entries = Object.entries(iaqi) as [AqiKey, number][];
  if (entries.length === 0) throw new AqiInputError('(输入 / input)', '至少需要一项污染物浓度 / at least one concentration is required');
  const aqi = Math.max(...entries.map(([, v]) => v));
  const pollutantsWhere = (test: (v: number) => boolean) => POLLUTANTS.filter((p) => entries.some(([k, v]) => COLUMN_POLLUTANT[KEY_COLUMN[k]] === p && test(v)));
  const info = levelOf(aqi);
  return {
    standard: AQI_STANDARD,
    period,
    aqi,
    iaqi,
    primaryPollutants: aqi > 50 ? pollutantsWhere((v) => v === aqi) : [],
    exceedingPollutants: pollutantsWhere((v) => v > 100),
    level: info.level,
    category: info.category,
    colour: info.colour,
    aboveTable: above,
    notes,
  };
}

function indexAll(keys: readonly AqiKey[], values: Partial<Record<AqiKey, number>>): { iaqi: Partial<Record<AqiKey, number>>; above: AqiKey[] } {
  const iaqi: Partial<Record<AqiKey, number>> = {};
  const above: AqiKey[] = [];
  for (const k of keys) {
    const c = values[k];
    if (c === undefined) continue;
    const v = subIndex(KEY_COLUMN[k], c);
    if (v === null) continue;
    iaqi[k] = v;
    if (aboveTable(KEY_COLUMN[k], c)) above.push(k);
  }
  return { iaqi, above };
}

/**
 * Daily AQI by HJ 633-2012 §5 (日报) and §4: the IAQI of each given 24-hour mean and of the O3 daily maximum
 * 1-hour and 8-hour means, AQI = max IAQI (式(2)), primary pollutants, level and category (表2).
 * Units μg/m³, CO mg/m³; any key may be absent, at least one present.
 * 表1 注(3): an o3_8h above 800 μg/m³ is not indexed and O3 is indexed by o3_1h, which must then be given
 * (AqiInputError otherwise).
 */
export function dailyAqi(c: DailyConcentrations): AqiResult {
  const notes: string[] = [];
  const o3_8h = c.o3_8h;
  if (o3_8h !== undefined && subIndex('o3_8h', o3_8h) === null) {
    if (c.o3_1h === undefined)
      throw new AqiInputError('o3_8h', `o3_8h 为 ${o3_8h} μg/m³，高于 800：按 HJ 633-2012 表1 注(3) 臭氧分指数按 1 小时平均计算，须同时给出 o3_1h / o3_8h is ${o3_8h} μg/m³, above 800: by note (3) of table 1 ozone is indexed by its 1-hour mean, so o3_1h is required`);
    notes.push(`表1 注(3)：o3_8h = ${o3_8h} μg/m³ 高于 800，不计算其分指数，臭氧按 o3_1h 计 / note (3) of table 1: o3_8h above 800 μg/m³ is not indexed; ozone is indexed by o3_1h`);
  }
  const { iaqi, above } = indexAll(DAILY_KEYS, c);
  return combine('daily', iaqi, above, notes);
}

/**
 * Hourly (real-time) AQI by HJ 633-2012 §5 (实时报) and §4, on 1-hour means with the 1-hour columns of 表1
 * (SO2, NO2, CO, O3) and the particulate rows for PM10 and PM2.5. Units μg/m³, CO mg/m³.
 * 表1 注(2): an so2_1h above 800 μg/m³ is not indexed and SO2 is indexed by its 24-hour mean, so2_24h, which must then
 * be given (AqiInputError otherwise); so2_24h is not used otherwise.
 */
export function hourlyAqi(c: HourlyConcentrations): AqiResult {
  const notes: string[] = [];
  const { so2_24h, ...hourly } = c;
  const { iaqi, above } = indexAll(HOURLY_KEYS, hourly);
  const so2_1h = c.so2_1h;
  if (so2_1h !== undefined && subIndex('so2_1h', so2_1h) === null) {
    if (so2_24h === undefined)
      throw new AqiInputError('so2_1h', `so2_1h 为 ${so2_1h} μg/m³，高于 800：按 HJ 633-2012 表1 注(2) 二氧化硫分指数按 24 小时平均计算，须同时给出 so2_24h / so2_1h is ${so2_1h} μg/m³, above 800: by note (2) of table 1 SO2 is indexed by its 24-hour mean, so so2_24h is required`);
    iaqi.so2_24h = subIndex('so2_24h', so2_24h)!;
    if (aboveTable('so2_24h', so2_24h)) above.push('so2_24h');
    notes.push(`表1 注(2)：so2_1h = ${so2_1h} μg/m³ 高于 800，不计算其分指数，二氧化硫按 so2_24h 计 / note (2) of table 1: so2_1h above 800 μg/m³ is not indexed; SO2 is indexed by so2_24h`);
  }
  return combine('hourly', iaqi, above, notes);
}
