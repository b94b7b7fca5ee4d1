// Indicators 23 and 25 of the plan: the decline rate of energy consumption per unit of GDP (%) and CO2 per unit of
// GDP (吨/万元), both at comparable (constant) prices as the statistics on energy and carbon intensity require
// (国家统计局 单位GDP能耗 口径: GDP 按可比价格计算). Pure.
import { CarbonInputError } from './factors.js';

/** A GDP figure as reported: at current prices, or at the constant prices of a base year. In 万元. */
export interface GdpFigure {
  year: number;
  value: number;
  prices: 'current' | 'constant';
  /** For constant prices: the price base year (e.g. 2020). */
  priceBaseYear?: number;
}

/** A fixed-base GDP deflator (price index, base year = 100) for converting current to constant prices. */
export interface Deflator {
  year: number;
  baseYear: number;
  index: number;
}

export interface ConstantGdp {
  year: number;
  value: number;
  priceBaseYear: number;
  /** How it was obtained, for provenance. */
  how: string;
}

/**
 * GDP of `year` at constant `baseYear` prices. Accepts a constant-price figure of that base, a current-price
 * figure with a fixed-base deflator (constant = current × 100 / index), or the base year's figure chained with
 * real (comparable-price) growth rates. A current-price figure with no deflator is refused.
 */
export function constantGdp(
  year: number,
  baseYear: number,
  data: { figures: readonly GdpFigure[]; deflators?: readonly Deflator[]; realGrowth?: readonly { year: number; percent: number }[] },
): ConstantGdp {
  const same = data.figures.find((f) => f.year === year && f.prices === 'constant' && f.priceBaseYear === baseYear);
  if (same) return { year, value: same.value, priceBaseYear: baseYear, how: `${year} 年 GDP（${baseYear} 年可比价）/ reported at constant ${baseYear} prices` };
  // In the base year, current and constant prices coincide.
  const current = data.figures.find((f) => f.year === year && f.prices === 'current');
  if (current && year === baseYear) return { year, value: current.value, priceBaseYear: baseYear, how: `${year} 年现价 GDP（基年现价即可比价）/ base-year current prices` };
  const defl = data.deflators?.find((d) => d.year === year && d.baseYear === baseYear);
  if (current && defl) {
    if (defl.index <= 0) throw new CarbonInputError('BAD_DEFLATOR', `${year} 年价格指数应为正数`, `the ${year} deflator must be positive`);
    return { year, value: (current.value * 100) / defl.index, priceBaseYear: baseYear, how: `现价 ${current.value} 万元 × 100 ÷ 定基价格指数 ${defl.index}（${baseYear}=100）/ current prices deflated` };
  }
  // Chain the base year's GDP with real growth rates of every year after it.
  const base = data.figures.find((f) => f.year === baseYear && (f.prices === 'current' || f.priceBaseYear === baseYear));
  if (base && year > baseYear && data.realGrowth) {
    let v = base.value;
    const used: string[] = [];
    for (let y = baseYear + 1; y <= year; y++) {
      const gr = data.realGrowth.find((x) => x.year === y);
      if (!gr) {
        v = NaN;
        break;
      }
      v *= 1 + gr.percent / 100;
      used.push(`${y}:${gr.percent}%`);
    }
    if (Number.isFinite(v)) return { year, value: v, priceBaseYear: baseYear, how: `${baseYear} 年 GDP ${base.value} 万元按可比价增速连乘（${used.join('，')}）/ chained with real growth` };
  }
  if (current)
    throw new CarbonInputError(
      'GDP_CURRENT_PRICES',
      `${year} 年 GDP 为现价，而此处须用 ${baseYear} 年可比价：请提供定基价格指数（${baseYear}=100）或各年可比价增速`,
      `the ${year} GDP is at current prices but constant ${baseYear} prices are needed: give a deflator (${baseYear} = 100) or real growth rates`,
    );
  throw new CarbonInputError('GDP_MISSING', `缺少 ${year} 年 GDP（${baseYear} 年可比价）`, `no ${year} GDP at constant ${baseYear} prices`);
}

/** Indicator 25: CO2 per unit of GDP, t/万元 = energy-related CO2 (t) ÷ GDP (万元, constant prices). */
export function carbonIntensity(co2Tonnes: number, gdp: ConstantGdp): number {
  if (gdp.value <= 0) throw new CarbonInputError('BAD_GDP', `${gdp.year} 年 GDP 应为正数`, `the ${gdp.year} GDP must be positive`);
  return co2Tonnes / gdp.value;
}

/**
 * Indicator 23: decline rate of energy per unit of GDP from year t−1 to t, in %:
 *   (1 − (E_t / GDP_t) ÷ (E_{t−1} / GDP_{t−1})) × 100,
 * both GDPs at the same constant prices (a positive rate is a decline).
 */
export function energyIntensityDeclineRate(prev: { energyTce: number; gdp: ConstantGdp }, cur: { energyTce: number; gdp: ConstantGdp }): number {
  if (prev.gdp.priceBaseYear !== cur.gdp.priceBaseYear)
    throw new CarbonInputError('PRICE_BASE_MISMATCH', `两年 GDP 的价格基年不同（${prev.gdp.priceBaseYear}、${cur.gdp.priceBaseYear}），不可比`, `the two GDPs are at different price bases (${prev.gdp.priceBaseYear}, ${cur.gdp.priceBaseYear})`);
  for (const x of [prev, cur]) {
    if (x.gdp.value <= 0) throw new CarbonInputError('BAD_GDP', `${x.gdp.year} 年 GDP 应为正数`, `the ${x.gdp.year} GDP must be positive`);
    if (!(x.energyTce > 0)) throw new CarbonInputError('BAD_ENERGY', `${x.gdp.year} 年能源消费总量应为正数`, `the ${x.gdp.year} energy consumption must be positive`);
  }
  return (1 - cur.energyTce / cur.gdp.value / (prev.energyTce / prev.gdp.value)) * 100;
}
