// GB 3838-2002 地表水环境质量标准 表1 (basic items, classes Ⅰ–Ⅴ) and the single-factor assessment of
// 《地表水环境质量评价办法（试行）》(环办〔2011〕22号): class per item, section class, items exceeding class Ⅲ with
// their multiples, main pollutants, annual class from annual means, shares of sections.
// Pure: no I/O. Sources and decisions: docs/methods/water-quality.md.
import { compare, div, exact, int, mean, roundGB, sub, toNumber, type Rational } from './rounding.js';

export const WATER_STANDARD = 'GB 3838-2002';
export const WATER_METHOD = '环办〔2011〕22号';

/** Classes in order of quality; '劣V' is worse than class V (劣Ⅴ类). */
export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const;
export type WaterClass = (typeof WATER_CLASSES)[number];
export type Waterbody = 'river' | 'lake';

/** The basic items of GB 3838-2002 表1 except water temperature (which is a change limit, not a class limit). */
export const WATER_ITEMS = ['pH', 'DO', 'CODMn', 'COD', 'BOD5', 'NH3N', 'TP', 'TN', 'Cu', 'Zn', 'F', 'Se', 'As', 'Hg', 'Cd', 'Cr6', 'Pb', 'CN', 'phenol', 'petroleum', 'LAS', 'sulfide', 'fecalColiform'] as const;
export type WaterItem = (typeof WATER_ITEMS)[number];

export interface ItemLimits {
  /** Row number in GB 3838-2002 表1. */
  no: number;
  zh: string;
  en: string;
  unit: 'mg/L' | '个/L' | '无量纲';
  /** 'max': a value ≤ the limit meets the class; 'min': a value ≥ the limit meets it (DO); 'range': pH 6–9. */
  kind: 'max' | 'min' | 'range';
  /** Limits of classes Ⅰ–Ⅴ (for 'range', [low, high] shared by all classes). */
  limits: readonly number[];
  /** TP in lakes and reservoirs (湖、库). */
  lakeLimits?: readonly number[];
}

/**
 * GB 3838-2002 表1 地表水环境质量标准基本项目标准限值 (mg/L unless stated), rows 2–24. DO class Ⅰ is
 * "饱和率90%（或7.5）": the 7.5 mg/L alternative is used. TN (row 9) applies to lakes and reservoirs only.
 */
export const GB3838_TABLE1: Readonly<Record<WaterItem, ItemLimits>> = {
  pH: { no: 2, zh: 'pH值', en: 'pH', unit: '无量纲', kind: 'range', limits: [6, 9] },
  DO: { no: 3, zh: '溶解氧', en: 'dissolved oxygen', unit: 'mg/L', kind: 'min', limits: [7.5, 6, 5, 3, 2] },
  CODMn: { no: 4, zh: '高锰酸盐指数', en: 'permanganate index', unit: 'mg/L', kind: 'max', limits: [2, 4, 6, 10, 15] },
  COD: { no: 5, zh: '化学需氧量(COD)', en: 'chemical oxygen demand', unit: 'mg/L', kind: 'max', limits: [15, 15, 20, 30, 40] },
  BOD5: { no: 6, zh: '五日生化需氧量(BOD5)', en: 'five-day biochemical oxygen demand', unit: 'mg/L', kind: 'max', limits: [3, 3, 4, 6, 10] },
  NH3N: { no: 7, zh: '氨氮(NH3-N)', en: 'ammonia nitrogen', unit: 'mg/L', kind: 'max', limits: [0.15, 0.5, 1.0, 1.5, 2.0] },
  TP: { no: 8, zh: '总磷(以P计)', en: 'total phosphorus', unit: 'mg/L', kind: 'max', limits: [0.02, 0.1, 0.2, 0.3, 0.4], lakeLimits: [0.01, 0.025, 0.05, 0.1, 0.2] },
  TN: { no: 9, zh: '总氮(湖、库,以N计)', en: 'total nitrogen (lakes and reservoirs)', unit: 'mg/L', kind: 'max', limits: [0.2, 0.5, 1.0, 1.5, 2.0] },
  Cu: { no: 10, zh: '铜', en: 'copper', unit: 'mg/L', kind: 'max', limits: [0.01, 1.0, 1.0, 1.0, 1.0] },
  Zn: { no: 11, zh: '锌', en: 'zinc', unit: 'mg/L', kind: 'max', limits: [0.05, 1.0, 1.0, 2.0, 2.0] },
  F: { no: 12, zh: '氟化物(以F-计)', en: 'fluoride', unit: 'mg/L', kind: 'max', limits: [1.0, 1.0, 1.0, 1.5, 1.5] },
  Se: { no: 13, zh: '硒', en: 'selenium', unit: 'mg/L', kind: 'max', limits: [0.01, 0.01, 0.01, 0.02, 0.02] },
  As: { no: 14, zh: '砷', en: 'arsenic', unit: 'mg/L', kind: 'max', limits: [0.05, 0.05, 0.05, 0.1, 0.1] },
  Hg: { no: 15, zh: '汞', en: 'mercury', unit: 'mg/L', kind: 'max', limits: [0.00005, 0.00005, 0.0001, 0.001, 0.001] },
  Cd: { no: 16, zh: '镉', en: 'cadmium', unit: 'mg/L', kind: 'max', limits: [0.001, 0.005, 0.005, 0.005, 0.01] },
  Cr6: { no: 17, zh: '铬(六价)', en: 'chromium (hexavalent)', unit: 'mg/L', kind: 'max', limits: [0.01, 0.05, 0.05, 0.05, 0.1] },
  Pb: { no: 18, zh: '铅', en: 'lead', unit: 'mg/L', kind: 'max', limits: [0.01, 0.01, 0.05, 0.05, 0.1] },
  CN: { no: 19, zh: '氰化物', en: 'cyanide', unit: 'mg/L', kind: 'max', limits: [0.005, 0.05, 0.2, 0.2, 0.2] },
  phenol: { no: 20, zh: '挥发酚', en: 'volatile phenols', unit: 'mg/L', kind: 'max', limits: [0.002, 0.002, 0.005, 0.01, 0.1] },
  petroleum: { no: 21, zh: '石油类', en: 'petroleum', unit: 'mg/L', kind: 'max', limits: [0.05, 0.05, 0.05, 0.5, 1.0] },
  LAS: { no: 22, zh: '阴离子表面活性剂', en: 'anionic surfactants', unit: 'mg/L', kind: 'max', limits: [0.2, 0.2, 0.2, 0.3, 0.3] },
  sulfide: { no: 23, zh: '硫化物', en: 'sulfide', unit: 'mg/L', kind: 'max', limits: [0.05, 0.1, 0.2, 0.5, 1.0] },
  fecalColiform: { no: 24, zh: '粪大肠菌群', en: 'fecal coliform', unit: '个/L', kind: 'max', limits: [200, 2000, 10000, 20000, 40000] },
};

/**
 * Items that decide a section's class under the 评价办法 (一、(一)1): the 21 items of 表1 other than water
 * temperature, TN and fecal coliform.
 */
export const EVALUATED_ITEMS: readonly WaterItem[] = WATER_ITEMS.filter((i) => i !== 'TN' && i !== 'fecalColiform');

/**
 * Reference items, assessed separately and not counted in the class (评价办法 一、(一)1): fecal coliform, and TN for
 * lakes and reservoirs ("河流总氮除外": TN is not assessed for rivers at all).
 */
export function referenceItems(waterbody: Waterbody): WaterItem[] {
  return waterbody === 'lake' ? ['TN', 'fecalColiform'] : ['fecalColiform'];
}

/** Items whose exceedance multiple is not calculated (评价办法: 水温、pH值和溶解氧等项目不计算超标倍数). */
export const NO_MULTIPLE: readonly WaterItem[] = ['pH', 'DO'];

/** Cyanide and heavy metals, taken first as main pollutants when they exceed (评价办法, 主要污染指标的确定). */
export const PRIORITY_POLLUTANTS: readonly WaterItem[] = ['CN', 'Pb', 'Cr6', 'Hg', 'Cd', 'As', 'Cu', 'Zn', 'Se'];

/** The class-Ⅰ…Ⅴ limits of an item for a waterbody (TP differs in lakes and reservoirs). */
export function limitsOf(item: WaterItem, waterbody: Waterbody): readonly number[] {
  const row = GB3838_TABLE1[item];
  return waterbody === 'lake' && row.lakeLimits ? row.lakeLimits : row.limits;
}

/**
 * Class of one measured value by GB 3838-2002 表1: the best class whose limit the value meets (a limit is met when
 * the value equals it; DO meets a class at or above its limit; pH 6–9 meets every class). Worse than Ⅴ is '劣V'.
 * `value` in the item's unit (mg/L; fecal coliform 个/L; pH dimensionless).
 */
export function itemClass(item: WaterItem, value: number, waterbody: Waterbody): WaterClass {
  const row = GB3838_TABLE1[item];
  const v = exact(value);
  if (row.kind === 'range') return compare(v, exact(row.limits[0]!)) >= 0 && compare(v, exact(row.limits[1]!)) <= 0 ? 'I' : '劣V';
  const limits = limitsOf(item, waterbody);
  for (let i = 0; i < limits.length; i++) {
    const c = compare(v, exact(limits[i]!));
    if (row.kind === 'max' ? c <= 0 : c >= 0) return WATER_CLASSES[i]!;
  }
  return '劣V';
}

/** Rank of a class: 0 for Ⅰ … 5 for 劣Ⅴ. */
export function classRank(c: WaterClass): number {
  return WATER_CLASSES.indexOf(c);
}

/**
 * 超标倍数 against class Ⅲ by the 评价办法: (value − Ⅲ limit) / Ⅲ limit, rounded to 2 decimals by GB/T 8170 (our
 * reporting precision). null for items without a multiple (pH, DO) and for values within class Ⅲ.
 */
export function exceedanceMultiple(item: WaterItem, value: number, waterbody: Waterbody): number | null {
  if (NO_MULTIPLE.includes(item) || classRank(itemClass(item, value, waterbody)) <= 2) return null;
  const limit = exact(limitsOf(item, waterbody)[2]!);
  return roundGB(div(sub(exact(value), limit), limit), 2);
}

export type WaterValues = Partial<Record<WaterItem, number>>;

export interface Exceeding {
  item: WaterItem;
  class: WaterClass;
  /** null for pH and DO. */
  multiple: number | null;
}

export type SectionAssessment = '优' | '良好' | '轻度污染' | '中度污染' | '重度污染';

export interface SectionResult {
  standard: typeof WATER_STANDARD;
  method: typeof WATER_METHOD;
  waterbody: Waterbody;
  /** The worst class among the evaluated items given (单因子评价法). */
  class: WaterClass;
  /** Classes of the evaluated items given. */
  itemClasses: Partial<Record<WaterItem, WaterClass>>;
  /** Classes of the reference items given (fecal coliform; TN for lakes), not counted in `class`. */
  referenceClasses: Partial<Record<WaterItem, WaterClass>>;
  /** Items given that this waterbody does not assess (TN for rivers). */
  notAssessed: WaterItem[];
  /** Evaluated items worse than class Ⅲ, in 表1 order. */
  exceeding: Exceeding[];
  /** Up to three main pollutants when the class is worse than Ⅲ (评价办法, 主要污染指标的确定). */
  mainPollutants: WaterItem[];
  /** 水质状况 of the class (评价办法, 断面水质定性评价). */
  assessment: SectionAssessment;
  /** 表征颜色 of the class (评价办法). */
  colour: string;
}

/** 评价办法 断面水质定性评价: 水质状况 and 表征颜色 by class. */
export const SECTION_ASSESSMENT: Readonly<Record<WaterClass, { assessment: SectionAssessment; colour: string }>> = {
  I: { assessment: '优', colour: '蓝色' },
  II: { assessment: '优', colour: '蓝色' },
  III: { assessment: '良好', colour: '绿色' },
  IV: { assessment: '轻度污染', colour: '黄色' },
  V: { assessment: '中度污染', colour: '橙色' },
  劣V: { assessment: '重度污染', colour: '红色' },
};

/**
 * Main pollutants (主要污染指标) by the 评价办法: when the class is worse than Ⅲ, the three exceeding items with the
 * worst classes, ties broken by the larger exceedance multiple; cyanide and heavy metals that exceed come first.
 * Items without a multiple (pH, DO) rank after those with one in the same class (our decision).
 */
export function mainPollutants(exceeding: readonly Exceeding[]): WaterItem[] {
  const priority = (e: Exceeding) => (PRIORITY_POLLUTANTS.includes(e.item) ? 1 : 0);
  return [...exceeding]
    .sort((a, b) => priority(b) - priority(a) || classRank(b.class) - classRank(a.class) || (b.multiple ?? -1) - (a.multiple ?? -1))
    .slice(0, 3)
    .map((e) => e.item);
}

/**
 * A section's (断面) class by the single-factor method of the 评价办法 (二、评价方法 — 断面水质评价): the worst class among the evaluated
 * items given; items exceeding class Ⅲ with their multiples; main pollutants. At least one evaluated item must be
 * given (RangeError otherwise). For lakes and reservoirs TP uses the 湖、库 limits and TN is a reference item.
 */
export function assessSection(values: WaterValues, waterbody: Waterbody): SectionResult {
  const itemClasses: Partial<Record<WaterItem, WaterClass>> = {};
  const referenceClasses: Partial<Record<WaterItem, WaterClass>> = {};
  const notAssessed: WaterItem[] = [];
  const exceeding: Exceeding[] = [];
  const reference = referenceItems(waterbody);
  for (const item of WATER_ITEMS) {
    const value = values[item];
    if (value === undefined) continue;
    if (item === 'TN' && waterbody === 'river') {
      notAssessed.push(item);
      continue;
    }
    const cls = itemClass(item, value, waterbody);
    if (reference.includes(item)) {
      referenceClasses[item] = cls;
      continue;
    }
    itemClasses[item] = cls;
    if (classRank(cls) > 2) exceeding.push({ item, class: cls, multiple: exceedanceMultiple(item, value, waterbody) });
  }
  const ranks = Object.values(itemClasses).map(classRank);
  if (ranks.length === 0) throw new RangeError('至少需要一项参与评价的指标 / at least one evaluated item is required');
  const cls = WATER_CLASSES[Math.max(...ranks)]!;
  return {
    standard: WATER_STANDARD,
    method: WATER_METHOD,
    waterbody,
    class: cls,
    itemClasses,
    referenceClasses,
    notAssessed,
    exceeding,
    mainPollutants: classRank(cls) > 2 ? mainPollutants(exceeding) : [],
    ...SECTION_ASSESSMENT[cls],
  };
}

/**
 * Annual (or any period's) mean of each item over the samples that measured it, exactly, as the 评价办法 assesses
 * a year by its annual means (一、(二)3). Items no sample measured are absent. Returns doubles for assessSection.
 */
export function periodMeans(samples: readonly WaterValues[]): WaterValues {
  const out: WaterValues = {};
  for (const item of WATER_ITEMS) {
    const vals: Rational[] = samples.flatMap((s) => (s[item] === undefined ? [] : [exact(s[item])]));
    if (vals.length) {
      out[item] = toNumber(mean(vals));
    }
  }
  return out;
}

/** Class of a section over a period from its samples: the single-factor class of the items' period means. */
export function assessPeriod(samples: readonly WaterValues[], waterbody: Waterbody): SectionResult {
  return assessSection(periodMeans(samples), waterbody);
}

export type BasinAssessment = SectionAssessment;

export interface ClassShares {
  sections: number;
  counts: Record<WaterClass, number>;
  /** Share of sections in classes Ⅰ–Ⅲ, percent, 1 decimal (GB/T 8170). */
  goodShare: number;
  /** Share of sections worse than class Ⅴ, percent, 1 decimal. */
  inferiorVShare: number;
  /**
   * 评价办法 二、评价方法 — 河流、流域（水系）水质评价, 断面水质类别比例法, for 5 or more sections: 优 (Ⅰ–Ⅲ ≥ 90%), 良好 (75% ≤ Ⅰ–Ⅲ < 90%), 轻度污染
   * (Ⅰ–Ⅲ < 75%, 劣Ⅴ < 20%), 中度污染 (Ⅰ–Ⅲ < 75%, 20% ≤ 劣Ⅴ < 40%), 重度污染 (Ⅰ–Ⅲ < 60%, 劣Ⅴ ≥ 40%).
   * null with fewer than 5 sections (the 办法 then averages the sections' concentrations instead) and where the
   * 办法's bands leave a gap (60% ≤ Ⅰ–Ⅲ < 75% with 劣Ⅴ ≥ 40%).
   */
  assessment: BasinAssessment | null;
}

/** Shares of sections by class (评价办法 二、评价方法 — 河流、流域（水系）水质评价) from the sections' classes; comparisons on exact fractions. */
export function classShares(classes: readonly WaterClass[]): ClassShares {
  const counts = Object.fromEntries(WATER_CLASSES.map((c) => [c, 0])) as Record<WaterClass, number>;
  for (const c of classes) counts[c] += 1;
  const n = classes.length;
  if (n === 0) throw new RangeError('至少需要一个断面 / at least one section is required');
  const good = counts.I + counts.II + counts.III;
  const bad = counts['劣V'];
  const share = (k: number): Rational => div(int(k * 100), int(n));
  const atLeast = (k: number, pct: number) => compare(share(k), int(pct)) >= 0;
  let assessment: BasinAssessment | null = null;
  if (n >= 5) {
    if (atLeast(good, 90)) assessment = '优';
    else if (atLeast(good, 75)) assessment = '良好';
    else if (!atLeast(bad, 20)) assessment = '轻度污染';
    else if (!atLeast(bad, 40)) assessment = '中度污染';
    else if (!atLeast(good, 60)) assessment = '重度污染';
  }
  return { sections: n, counts, goodShare: roundGB(share(good), 1), inferiorVShare: roundGB(share(bad), 1), assessment };
}
