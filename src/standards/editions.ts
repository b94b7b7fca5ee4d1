// Editions of China's ambient-air standards as data, and which edition is in force on a day. Pure: no I/O.
//
// GB 3095-2026, HJ 633-2026 and HJ 663-2026 take effect on 2026-03-01 and withdraw (废止) GB 3095-2012 (with its 2018
// amendment), HJ 633-2012 and HJ 663-2013 from that day (the forewords of GB 3095-2026 and HJ 633-2026). Neither text
// has a clause for earlier data, so a day is computed by the edition in force on that day: the natural day (自然日,
// 00:00–24:00) in China Standard Time. GB 3095-2026 §4.4 has two phases for its 表1 limits: transitional
// (过渡阶段浓度限值) from 2026-03-01 to 2030-12-31 and final from 2031-01-01. Sources: docs/methods/aqi.md,
// docs/methods/air-assessment.md.

export const AQI_STANDARDS = ['HJ 633-2012', 'HJ 633-2026'] as const;
export const QUALITY_STANDARDS = ['GB 3095-2012', 'GB 3095-2026'] as const;
export const ASSESSMENT_STANDARDS = ['HJ 663-2013', 'HJ 663-2026'] as const;
export const PHASES = ['transitional', 'final'] as const;

export type AqiStandard = (typeof AQI_STANDARDS)[number];
export type QualityStandard = (typeof QUALITY_STANDARDS)[number];
export type AssessmentStandard = (typeof ASSESSMENT_STANDARDS)[number];
export type StandardName = AqiStandard | QualityStandard | AssessmentStandard;
/** GB 3095-2026 §4.4: transitional limits 2026-03-01…2030-12-31, final limits from 2031-01-01. */
export type Phase = (typeof PHASES)[number];

/** First day (CST natural day) of GB 3095-2026, HJ 633-2026 and HJ 663-2026; the 2012/2013 editions end the day before. */
export const SWITCH_DATE = '2026-03-01';
/** First day of GB 3095-2026's final 表1 limits (§4.4). */
export const FINAL_PHASE_DATE = '2031-01-01';

export interface Edition {
  standard: StandardName;
  title: string;
  titleEn: string;
  /** First day in force (CST natural day, YYYY-MM-DD); null: ecoplan uses it for all earlier data. */
  from: string | null;
  /** Last day in force; null: still in force. */
  to: string | null;
  /** Which edition replaces it / it replaces. */
  replaces: StandardName | null;
}

/**
 * Each edition and its days. The 2012/2013 editions have no start here: ecoplan has always computed earlier data by
 * them (HJ 633-2012 and GB 3095-2012 were implemented nationwide on 2016-01-01, in stages from 2012; data before that
 * are computed by them as a common yardstick, docs/methods/aqi.md).
 */
export const EDITIONS: Readonly<Record<StandardName, Edition>> = {
  'HJ 633-2012': { standard: 'HJ 633-2012', title: '环境空气质量指数（AQI）技术规定（试行）', titleEn: 'Technical regulation on ambient air quality index (on trial)', from: null, to: '2026-02-28', replaces: null },
  'HJ 633-2026': { standard: 'HJ 633-2026', title: '环境空气质量指数（AQI）技术规定', titleEn: 'Technical regulation on ambient air quality index', from: SWITCH_DATE, to: null, replaces: 'HJ 633-2012' },
  'GB 3095-2012': { standard: 'GB 3095-2012', title: '环境空气质量标准', titleEn: 'Ambient air quality standard', from: null, to: '2026-02-28', replaces: null },
  'GB 3095-2026': { standard: 'GB 3095-2026', title: '环境空气质量标准', titleEn: 'Ambient air quality standard', from: SWITCH_DATE, to: null, replaces: 'GB 3095-2012' },
  'HJ 663-2013': { standard: 'HJ 663-2013', title: '环境空气质量评价技术规范（试行）', titleEn: 'Technical regulation for ambient air quality assessment (on trial)', from: null, to: '2026-02-28', replaces: null },
  'HJ 663-2026': { standard: 'HJ 663-2026', title: '环境空气质量评价技术规范', titleEn: 'Technical regulation for ambient air quality assessment', from: SWITCH_DATE, to: null, replaces: 'HJ 663-2013' },
};

/** The label of results whose annual statistics follow HJ 663-2013 because the HJ 663-2026 text was not available. */
export const HJ663_2026_GAP = {
  zh: '按 HJ 663-2013 方法（HJ 663-2026 未核实）',
  en: 'by the HJ 663-2013 method (HJ 663-2026 not verified)',
} as const;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a text is 'YYYY-MM-DD' naming a real calendar day. */
export function isDateText(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The natural day 'YYYY-MM-DD' in China Standard Time (UTC+8, no daylight saving) of an instant (ms since epoch or Date). */
export function cstDate(instant: number | Date): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

function checkDate(date: string): void {
  if (!isDateText(date)) throw new RangeError(`不是有效日期 YYYY-MM-DD：${date} / not a calendar date YYYY-MM-DD: ${date}`);
}

/** The AQI edition in force on a CST natural day: HJ 633-2026 from 2026-03-01, HJ 633-2012 before. */
export function aqiStandardOn(date: string): AqiStandard {
  checkDate(date);
  return date >= SWITCH_DATE ? 'HJ 633-2026' : 'HJ 633-2012';
}

/** The quality standard and phase in force on a day: GB 3095-2012 before 2026-03-01; GB 3095-2026 transitional to 2030-12-31, final from 2031-01-01. */
export function qualityStandardOn(date: string): { standard: QualityStandard; phase: Phase | null } {
  checkDate(date);
  if (date < SWITCH_DATE) return { standard: 'GB 3095-2012', phase: null };
  return { standard: 'GB 3095-2026', phase: date >= FINAL_PHASE_DATE ? 'final' : 'transitional' };
}

/** The assessment specification in force on a day: HJ 663-2026 from 2026-03-01, HJ 663-2013 before. */
export function assessmentStandardOn(date: string): AssessmentStandard {
  checkDate(date);
  return date >= SWITCH_DATE ? 'HJ 663-2026' : 'HJ 663-2013';
}

/** The set of editions for one day, as results name them. */
export interface EditionSet {
  aqi: AqiStandard;
  quality: QualityStandard;
  /** GB 3095-2026 phase; null for GB 3095-2012. */
  phase: Phase | null;
  assessment: AssessmentStandard;
}

/** Every edition in force on a CST natural day. */
export function editionsOn(date: string): EditionSet {
  const q = qualityStandardOn(date);
  return { aqi: aqiStandardOn(date), quality: q.standard, phase: q.phase, assessment: assessmentStandardOn(date) };
}

/** Every edition in force at an instant (its CST natural day): 2026-02-28T16:00Z is 2026-03-01 00:00 CST. */
export function editionsAt(instant: number | Date): EditionSet {
  return editionsOn(cstDate(instant));
}

/** A standard's name as callers write it, normalised ('hj633-2026', 'HJ 633—2026' → 'HJ 633-2026'); null if unknown. */
export function standardByName(name: string): StandardName | null {
  const key = name
    .normalize('NFKC')
    .replace(/[\s_]/g, '')
    .replace(/[—–－]/g, '-')
    .toUpperCase();
  for (const s of Object.keys(EDITIONS) as StandardName[]) if (s.replace(/\s/g, '') === key) return s;
  return null;
}

/** The complete edition set a named edition belongs to (the 2012/2013 set or the 2026 set; phase as given). */
export function editionSetOf(name: StandardName, phase: Phase = 'transitional'): EditionSet {
  const y2026 = EDITIONS[name].from === SWITCH_DATE;
  return y2026
    ? { aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase, assessment: 'HJ 663-2026' }
    : { aqi: 'HJ 633-2012', quality: 'GB 3095-2012', phase: null, assessment: 'HJ 663-2013' };
}

/**
 * How a named edition stands to a day: 'inForce'; 'before' when the day is earlier than the edition (a later edition
 * applied to earlier data: a comparison, as the ministry re-assessed 2025 under GB 3095-2026); 'withdrawn' when the day
 * is after the edition was withdrawn (not computed: the edition no longer applies).
 * With a phase of GB 3095-2026: the final phase before 2031 is 'before'; the transitional phase from 2031 'withdrawn'.
 */
export function coverage(name: StandardName, date: string, phase?: Phase | null): 'inForce' | 'before' | 'withdrawn' {
  checkDate(date);
  const e = EDITIONS[name];
  if (e.from !== null && date < e.from) return 'before';
  if (e.to !== null && date > e.to) return 'withdrawn';
  if (name === 'GB 3095-2026' && phase === 'final' && date < FINAL_PHASE_DATE) return 'before';
  if (name === 'GB 3095-2026' && phase === 'transitional' && date >= FINAL_PHASE_DATE) return 'withdrawn';
  return 'inForce';
}

/** Chinese and English names of a phase. */
export const PHASE_LABEL: Readonly<Record<Phase, { zh: string; en: string }>> = {
  transitional: { zh: '过渡阶段（2026-03-01 至 2030-12-31）', en: 'transitional phase (2026-03-01 to 2030-12-31)' },
  final: { zh: '最终限值（2031-01-01 起）', en: 'final limits (from 2031-01-01)' },
};
