// The ecosystem extent account (生态系统范围账户): area by type per region and year, the check of its sum
// against the region's area, and the change between two years — a full change matrix when transitions are
// entered (SEEA EA extent account layout: opening, additions, reductions, closing), else the net change. Pure.
import { GepError } from './errors.js';
import { ECO_TYPE_IDS, ECOSYSTEM_TYPES, isEcoType, type EcoType } from './spec.js';
import { convert, parseNumber } from './units.js';

export interface ExtentEntry {
  type: string;
  areaText: string;
  unit: string;
}

export type Extent = Partial<Record<EcoType, number>>;

/** Default tolerance of the area-sum check: 0.5 % of the region's area. */
export const DEFAULT_AREA_TOLERANCE = 0.005;

/** Parses extent rows (any area unit) into hectares by type; refuses unknown types, negatives, duplicates. */
export function parseExtent(entries: ExtentEntry[], where = ''): Extent {
  const out: Extent = {};
  for (const e of entries) {
    if (!isEcoType(e.type))
      throw new GepError('EXTENT_TYPE', `${where}未知的生态系统类型“${e.type}”，可用：${ECOSYSTEM_TYPES.map((t) => `${t.id}（${t.zh}）`).join('、')}`, `${where}unknown ecosystem type "${e.type}"; types: ${ECO_TYPE_IDS.join(', ')}`);
    if (out[e.type] !== undefined) throw new GepError('EXTENT_DUPLICATE', `${where}类型 ${e.type} 的面积重复`, `${where}type ${e.type} appears twice`);
    out[e.type] = convert(parseNumber(e.areaText, `${where}${e.type} 面积`), e.unit, 'hm²', `${where}${e.type} 面积`);
  }
  return out;
}

export const extentSum = (x: Extent) => ECO_TYPE_IDS.reduce((s, t) => s + (x[t] ?? 0), 0);

export interface AreaCheck {
  ok: boolean;
  sumHm2: number;
  regionHm2: number;
  difference: number;
  relative: number;
  tolerance: number;
}

/** Compares the sum of the extent with the region's area: |Σ − A| ≤ tolerance × A. */
export function checkAreaSum(extent: Extent, regionHm2: number, tolerance = DEFAULT_AREA_TOLERANCE): AreaCheck {
  const sum = extentSum(extent);
  const difference = sum - regionHm2;
  const relative = regionHm2 > 0 ? difference / regionHm2 : Number.POSITIVE_INFINITY;
  return { ok: Math.abs(relative) <= tolerance, sumHm2: sum, regionHm2, difference, relative, tolerance };
}

/** Throws a precise message when the check fails. */
export function assertAreaSum(extent: Extent, regionHm2: number, label: string, tolerance = DEFAULT_AREA_TOLERANCE): AreaCheck {
  const c = checkAreaSum(extent, regionHm2, tolerance);
  if (!c.ok)
    throw new GepError(
      'AREA_SUM',
      `${label}：各类型面积之和 ${c.sumHm2.toFixed(2)} 公顷与行政区面积 ${regionHm2.toFixed(2)} 公顷相差 ${c.difference.toFixed(2)} 公顷（${(c.relative * 100).toFixed(2)}%），超过允许误差 ${(tolerance * 100).toFixed(2)}%`,
      `${label}: the types sum to ${c.sumHm2.toFixed(2)} ha but the region has ${regionHm2.toFixed(2)} ha (difference ${c.difference.toFixed(2)} ha, ${(c.relative * 100).toFixed(2)} %), beyond the tolerance of ${(tolerance * 100).toFixed(2)} %`,
    );
  return c;
}

export interface Transition {
  from: EcoType;
  to: EcoType;
  areaHm2: number;
}

export interface ExtentChange {
  fromYear: number;
  toYear: number;
  kind: 'matrix' | 'net';
  /** Per type: opening, additions (from other types), reductions (to other types), closing, net change. */
  rows: { type: EcoType; opening: number; additions: number | null; reductions: number | null; closing: number; net: number }[];
  /** from → to → hm², only with kind 'matrix'. */
  matrix: Partial<Record<EcoType, Partial<Record<EcoType, number>>>> | null;
}

/**
 * The change between two extents. With transitions: the matrix must reproduce both extents (row sums = the
 * opening area of each type, column sums = the closing area) within the tolerance of the larger total; then
 * additions and reductions per type are the off-diagonal column and row sums. Without: the net change only.
 */
export function extentChange(fromYear: number, opening: Extent, toYear: number, closing: Extent, transitions: Transition[] | null, tolerance = DEFAULT_AREA_TOLERANCE): ExtentChange {
  const types = ECO_TYPE_IDS.filter((t) => (opening[t] ?? 0) > 0 || (closing[t] ?? 0) > 0 || transitions?.some((x) => x.from === t || x.to === t));
  if (!transitions?.length)
    return {
      fromYear,
      toYear,
      kind: 'net',
      matrix: null,
      rows: types.map((t) => ({ type: t, opening: opening[t] ?? 0, additions: null, reductions: null, closing: closing[t] ?? 0, net: (closing[t] ?? 0) - (opening[t] ?? 0) })),
    };
  const matrix: Partial<Record<EcoType, Partial<Record<EcoType, number>>>> = {};
  for (const x of transitions) {
    if (x.areaHm2 < 0) throw new GepError('NEGATIVE', `转移面积不能为负：${x.from}→${x.to}`, `transition area must not be negative: ${x.from}→${x.to}`);
    const row = (matrix[x.from] ??= {});
    row[x.to] = (row[x.to] ?? 0) + x.areaHm2;
  }
  const scale = Math.max(extentSum(opening), extentSum(closing));
  const problems: string[] = [];
  const problemsEn: string[] = [];
  for (const t of types) {
    const out = ECO_TYPE_IDS.reduce((s, u) => s + (matrix[t]?.[u] ?? 0), 0);
    const inn = ECO_TYPE_IDS.reduce((s, u) => s + (matrix[u]?.[t] ?? 0), 0);
    if (Math.abs(out - (opening[t] ?? 0)) > tolerance * scale) {
      problems.push(`${t} 行合计 ${out.toFixed(2)} ≠ ${fromYear} 年面积 ${(opening[t] ?? 0).toFixed(2)}`);
      problemsEn.push(`${t} row sum ${out.toFixed(2)} ≠ ${fromYear} area ${(opening[t] ?? 0).toFixed(2)}`);
    }
    if (Math.abs(inn - (closing[t] ?? 0)) > tolerance * scale) {
      problems.push(`${t} 列合计 ${inn.toFixed(2)} ≠ ${toYear} 年面积 ${(closing[t] ?? 0).toFixed(2)}`);
      problemsEn.push(`${t} column sum ${inn.toFixed(2)} ≠ ${toYear} area ${(closing[t] ?? 0).toFixed(2)}`);
    }
  }
  if (problems.length) throw new GepError('TRANSITION_MISMATCH', `转移矩阵与两年范围不符（公顷）：${problems.join('；')}`, `the transition matrix does not match the two extents (ha): ${problemsEn.join('; ')}`);
  return {
    fromYear,
    toYear,
    kind: 'matrix',
    matrix,
    rows: types.map((t) => {
      const additions = ECO_TYPE_IDS.filter((u) => u !== t).reduce((s, u) => s + (matrix[u]?.[t] ?? 0), 0);
      const reductions = ECO_TYPE_IDS.filter((u) => u !== t).reduce((s, u) => s + (matrix[t]?.[u] ?? 0), 0);
      return { type: t, opening: opening[t] ?? 0, additions, reductions, closing: closing[t] ?? 0, net: (closing[t] ?? 0) - (opening[t] ?? 0) };
    }),
  };
}
