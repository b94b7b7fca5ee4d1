// The composite index by the efficacy-coefficient method (功效系数法), as the national green development index
// (绿色发展指数) computes its individual indices: each indicator is scaled across the assessed regions to 60–100,
// then the individual indices are averaged with the scheme's weights, by category and overall. Pure.
//
// Source: 《绿色发展指标体系》 and 《生态文明建设考核目标体系》 (发改环资〔2016〕2635号, 国家发展改革委、国家统计局、
// 环境保护部、中央组织部, 2016-12-12), applied in 《2016年生态文明建设年度评价结果公报》 (国家统计局等, 2017-12-26),
// 附注一、二. What could and could not be verified is written in docs/methods/assessment-index.md.

/** A region's value of one indicator: a number, `null` when it has no data, or 'na' when the indicator does not apply. */
export type EfficacyValue = number | null | 'na';

export interface EfficacyIndicator {
  code: number;
  category: string;
  /** Any positive unit (the scheme uses hundredths of a point). */
  weight: number;
  /** Lower is better (逆向指标). */
  negative: boolean;
}

export interface EfficacyRegion {
  code: string;
  values: ReadonlyMap<number, EfficacyValue>;
}

export interface ScaledValue {
  code: number;
  value: number | null;
  /** The individual index (个体指数), 60–100; null when the indicator does not apply to the region. */
  scaled: number | null;
  basis: 'scaled' | 'all_equal' | 'missing' | 'not_applicable';
}

export interface EfficacyRow {
  code: string;
  /** Weighted mean of the individual indices over the indicators that apply; null when none applies. */
  index: number | null;
  categories: { id: string; index: number | null }[];
  indicators: ScaledValue[];
}

/** Lowest individual index: the value at the worst observed region, and the one a missing value gets. */
export const EFFICACY_FLOOR = 60;
/** Span of the scale: the best observed region gets FLOOR + SPAN = 100. */
export const EFFICACY_SPAN = 40;

/**
 * The individual index of one value (绿色发展指数 个体指数):
 *   positive (正向) indicator: Y = (x − x_l) / (x_h − x_l) × 40 + 60
 *   negative (逆向) indicator: Y = (x_h − x) / (x_h − x_l) × 40 + 60
 * with x_h and x_l the highest and lowest value across the regions assessed. When every region has the same
 * value (x_h = x_l, which the formula leaves undefined) every region gets 100: ecoplan's choice, documented.
 */
export function individualIndex(x: number, high: number, low: number, negative: boolean): number {
  if (high === low) return EFFICACY_FLOOR + EFFICACY_SPAN;
  const share = negative ? (high - x) / (high - low) : (x - low) / (high - low);
  return share * EFFICACY_SPAN + EFFICACY_FLOOR;
}

/**
 * The composite index of each region. Missing values follow the 2016 公报 (附注二): an indicator without data
 * keeps its weight and gets the lowest individual index, 60; an indicator that does not apply to a region
 * (地域性指标) is left out and its weight spread over the region's other indicators (here: in proportion, which
 * is what dividing by the weights that apply does). A region with no applicable indicator has no index.
 */
export function efficacyIndex(indicators: readonly EfficacyIndicator[], categories: readonly { id: string }[], regions: readonly EfficacyRegion[]): EfficacyRow[] {
  const bounds = new Map<number, { high: number; low: number } | null>();
  for (const ind of indicators) {
    let high = -Infinity;
    let low = Infinity;
    for (const r of regions) {
      const v = r.values.get(ind.code);
      if (typeof v !== 'number') continue;
      if (v > high) high = v;
      if (v < low) low = v;
    }
    bounds.set(ind.code, high === -Infinity ? null : { high, low });
  }
  return regions.map((r) => {
    const scaledList: ScaledValue[] = [];
    const sums = new Map<string, { w: number; wy: number }>(categories.map((c) => [c.id, { w: 0, wy: 0 }]));
    let w = 0;
    let wy = 0;
    for (const ind of indicators) {
      const v = r.values.get(ind.code);
      if (v === 'na') {
        scaledList.push({ code: ind.code, value: null, scaled: null, basis: 'not_applicable' });
        continue;
      }
      const b = bounds.get(ind.code) ?? null;
      let y: number;
      let basis: ScaledValue['basis'];
      if (typeof v !== 'number' || !b) {
        y = EFFICACY_FLOOR;
        basis = 'missing';
      } else {
        y = individualIndex(v, b.high, b.low, ind.negative);
        basis = b.high === b.low ? 'all_equal' : 'scaled';
      }
      scaledList.push({ code: ind.code, value: typeof v === 'number' ? v : null, scaled: y, basis });
      w += ind.weight;
      wy += ind.weight * y;
      const c = sums.get(ind.category);
      if (c) {
        c.w += ind.weight;
        c.wy += ind.weight * y;
      }
    }
    return {
      code: r.code,
      index: w > 0 ? wy / w : null,
      categories: categories.map((c) => {
        const s = sums.get(c.id)!;
        return { id: c.id, index: s.w > 0 ? s.wy / s.w : null };
      }),
      indicators: scaledList,
    };
  });
}
