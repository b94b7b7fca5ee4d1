// Formatting for the annual report: Chinese numerals for headings, values with their units, exact decimal
// differences and rates as percentages. Pure. Values are shown as reported (their decimal text), never through
// binary floating point; only ratios (rates) are computed in floating point and shown with two decimals.
import type { AttainmentStatus } from '../plan/evaluation.js';
import type { Indicator } from '../plan/model.js';
import { PROGRESS_LEVELS, type ProgressLevel } from '../plan/progress.js';
import { STATES } from '../plan/targets.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings never pass 99). */
export function zhNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`no Chinese numeral for ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

export const STATUS_ZH: Record<AttainmentStatus, string> = { attained: '达标', not_attained: '未达标', no_data: '无数据', not_applicable: '不适用' };

export const stateZh = (code: string | null): string => STATES.find((s) => s.code === code)?.zh ?? code ?? '';

export const progressZh = (level: ProgressLevel | undefined | null): string => (level ? PROGRESS_LEVELS[level].zh : '—');

/** The unit as it follows a number in running text: "74.80%", "23 微克/立方米", "5865.26 平方公里"; none for "—". */
export function withUnit(valueText: string, unit: string): string {
  if (unit === '—' || unit === '') return valueText;
  if (unit === '%') return `${valueText}%`;
  return `${valueText} ${unit}`;
}

/** The indicator's baseline as table 1 prints it, with its year where that is not the plan's base year. */
export function baselineText(ind: Indicator, baseYear: number): string {
  if (ind.baseline.noData) return '暂无统计数据';
  return ind.baseline.year === baseYear ? ind.baseline.text : `${ind.baseline.text}（${ind.baseline.year}年）`;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function scaled(text: string, scale: number): bigint {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const n = BigInt(m[2]! + (m[3] ?? '').padEnd(scale, '0'));
  return m[1] === '-' ? -n : n;
}

function decimalsOf(text: string): number {
  return DECIMAL.exec(text)?.[3]?.length ?? 0;
}

/** a − b exactly, with as many decimals as the longer operand: subtractDecimal("74.8", "74.70") === "0.10". */
export function subtractDecimal(a: string, b: string): string {
  const scale = Math.max(decimalsOf(a), decimalsOf(b));
  const d = scaled(a, scale) - scaled(b, scale);
  const negative = d < 0n;
  const digits = (negative ? -d : d).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** A ratio as a percentage with two decimals: 0.12345 → "12.35"; never "-0.00". */
export function percentText(ratio: number): string {
  const t = (ratio * 100).toFixed(2);
  return t === '-0.00' ? '0.00' : t;
}

/** An ISO timestamp as the report prints it: "2025-03-01 08:30:00 UTC"; empty stays empty. */
export function timestampText(iso: string): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** "2025年3月1日" from an ISO date. */
export function dateZh(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Joins items the Chinese way: 甲、乙和丙 is usual in prose, 、 alone is usual in lists of names. */
export const listZh = (items: readonly string[]): string => items.join('、');

/** What a report cell says when there is no figure. */
export const NO_DATA = '暂无数据';
/** The mark of demonstration data (示例数据) in the report. */
export const DEMO_LABEL = '示例数据';
