// Indicators 23 and 25 of a region and year from the stored facts: the inventory's energy-related CO2, total energy
// consumption and GDP (made comparable). Each result carries its provenance text for the reviewer. Pure.
import { exact, roundGB } from '../standards/rounding.js';
import type { ActivityRecord } from './activity.js';
import { CarbonInputError } from './factors.js';
import { carbonIntensity, constantGdp, energyIntensityDeclineRate, type ConstantGdp, type Deflator, type GdpFigure } from './intensity.js';
import { ActivityIndex, computeInventory, type InventoryOptions } from './inventory.js';
import { toBase } from './units.js';

export interface IndicatorValue {
  indicatorCode: 23 | 25;
  year: number;
  regionCode: string;
  value: number;
  /** Rounded as table 1 reports it (GB/T 8170): 25 with 3 decimals (2.054), 23 with 2 (1.46). */
  valueText: string;
  unit: string;
  /** How it was computed, with its numbers: Chinese, and the same in English. */
  provenance: string;
  provenanceEn: string;
}

/** The Chinese or the English half of a 'zh / en' text (GDP's `how`). */
const half = (text: string, lang: 'zh' | 'en') => {
  const i = text.lastIndexOf('/ ');
  return i < 0 ? text : lang === 'zh' ? text.slice(0, i).trim() : text.slice(i + 2).trim();
};

export interface IndicatorOutcome {
  indicator25: IndicatorValue | { error: { code: string; message: string; messageEn: string } };
  indicator23: IndicatorValue | { error: { code: string; message: string; messageEn: string } };
}

/** The macro series of a region read from its activity rows (GDP, deflators, real growth, energy). */
export function macroSeries(records: readonly ActivityRecord[], regionCode: string) {
  const own = records.filter((r) => r.regionCode === regionCode && r.sector === 'macro');
  const figures: GdpFigure[] = [];
  const deflators: Deflator[] = [];
  const realGrowth: { year: number; percent: number }[] = [];
  const energy = new Map<number, number>();
  for (const r of own) {
    const v = Number(r.valueText);
    if (r.category === 'gdp') {
      const wan = toBase(v, r.unit).value; // 万元
      if (r.item === 'current') figures.push({ year: r.year, value: wan, prices: 'current' });
      else figures.push({ year: r.year, value: wan, prices: 'constant', priceBaseYear: Number(r.item.slice(9)) });
    } else if (r.category === 'gdpDeflator') deflators.push({ year: r.year, baseYear: Number(r.item.slice(5)), index: v });
    else if (r.category === 'gdpRealGrowth') realGrowth.push({ year: r.year, percent: v });
    else if (r.category === 'energyConsumption') energy.set(r.year, toBase(v, r.unit).value);
  }
  return { figures, deflators, realGrowth, energy };
}

const fail = (e: unknown) => {
  if (e instanceof CarbonInputError) return { error: { code: e.code, message: e.message, messageEn: e.messageEn } };
  throw e;
};

/** Indicators 25 and 23 for a region and year; a missing input answers a precise error for that indicator. */
export function computeIndicators(records: readonly ActivityRecord[], opts: InventoryOptions & { priceBaseYear?: number }, index = new ActivityIndex(records)): IndicatorOutcome {
  const base = opts.priceBaseYear ?? 2020;
  const macro = macroSeries(records, opts.regionCode);
  const gdpOf = (year: number): ConstantGdp => constantGdp(year, base, macro);

  let indicator25: IndicatorOutcome['indicator25'];
  try {
    const inv = computeInventory(index, opts);
    if (!inv.lines.some((l) => l.category === 'fuelCombustion' || l.scope === 2))
      throw new CarbonInputError('NO_ENERGY_DATA', `${opts.year} 年没有能源活动数据，无法计算单位GDP二氧化碳排放`, `no energy activity data for ${opts.year}: CO2 per GDP cannot be computed`);
    const gdp = gdpOf(opts.year);
    const v = carbonIntensity(inv.totals.energyCO2, gdp);
    indicator25 = {
      indicatorCode: 25,
      year: opts.year,
      regionCode: opts.regionCode,
      value: v,
      valueText: roundGB(exact(v), 3).toFixed(3),
      unit: '吨/万元',
      provenance: `能源活动CO2 ${inv.totals.energyCO2.toFixed(0)} 吨（化石燃料燃烧＋调入电力−调出电力，电网因子 ${inv.gridLevel === 'south' ? '南方区域' : '全国'}，因子表 ${inv.factorVersion}${inv.rolledUp ? '，各县（市、区）合计' : ''}）÷ GDP ${gdp.value.toFixed(0)} 万元（${half(gdp.how, 'zh')}）`,
      provenanceEn: `energy CO2 ${inv.totals.energyCO2.toFixed(0)} t (fuel combustion + purchased − exported electricity; ${inv.gridLevel === 'south' ? 'southern regional' : 'national'} grid factor; factor table ${inv.factorVersion}${inv.rolledUp ? '; sum of the counties' : ''}) ÷ GDP ${gdp.value.toFixed(0)} × 10⁴ yuan (${half(gdp.how, 'en')})`,
    };
  } catch (e) {
    indicator25 = fail(e);
  }

  let indicator23: IndicatorOutcome['indicator23'];
  try {
    const e1 = macro.energy.get(opts.year);
    const e0 = macro.energy.get(opts.year - 1);
    if (e1 === undefined || e0 === undefined)
      throw new CarbonInputError('ENERGY_MISSING', `缺少 ${e1 === undefined ? opts.year : opts.year - 1} 年能源消费总量（energyConsumption）`, `total energy consumption (energyConsumption) of ${e1 === undefined ? opts.year : opts.year - 1} is missing`);
    const g1 = gdpOf(opts.year);
    const g0 = gdpOf(opts.year - 1);
    const v = energyIntensityDeclineRate({ energyTce: e0, gdp: g0 }, { energyTce: e1, gdp: g1 });
    indicator23 = {
      indicatorCode: 23,
      year: opts.year,
      regionCode: opts.regionCode,
      value: v,
      valueText: roundGB(exact(v), 2).toFixed(2),
      unit: '%',
      provenance: `(1 − (${e1.toFixed(0)} 吨标准煤 ÷ ${g1.value.toFixed(0)} 万元) ÷ (${e0.toFixed(0)} ÷ ${g0.value.toFixed(0)})) × 100，GDP 为 ${base} 年可比价（${opts.year}：${half(g1.how, 'zh')}；${opts.year - 1}：${half(g0.how, 'zh')}）`,
      provenanceEn: `(1 − (${e1.toFixed(0)} tce ÷ ${g1.value.toFixed(0)} × 10⁴ yuan) ÷ (${e0.toFixed(0)} ÷ ${g0.value.toFixed(0)})) × 100, GDP at constant ${base} prices (${opts.year}: ${half(g1.how, 'en')}; ${opts.year - 1}: ${half(g0.how, 'en')})`,
    };
  } catch (e) {
    indicator23 = fail(e);
  }
  return { indicator25, indicator23 };
}
