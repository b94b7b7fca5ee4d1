// Indicators 23 and 25: GDP at comparable prices (constant, deflated or chained), the formulas, rounding as table 1
// reports, and refusals of current prices and missing data; the forest sink function shared with GEP.
import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/carbon/activity.js';
import { computeIndicators } from '../../src/carbon/indicators.js';
import { carbonIntensity, constantGdp, energyIntensityDeclineRate } from '../../src/carbon/intensity.js';
import { forestCarbonSink } from '../../src/carbon/forestSink.js';
import { CarbonInputError } from '../../src/carbon/factors.js';

describe('GDP at constant prices', () => {
  it('takes a constant-price figure of the same base as it is', () => {
    expect(constantGdp(2022, 2020, { figures: [{ year: 2022, value: 1500, prices: 'constant', priceBaseYear: 2020 }] }).value).toBe(1500);
  });
  it('deflates current prices with a fixed-base index: 1800 × 100 ÷ 120 = 1500', () => {
    const g = constantGdp(2022, 2020, { figures: [{ year: 2022, value: 1800, prices: 'current' }], deflators: [{ year: 2022, baseYear: 2020, index: 120 }] });
    expect(g.value).toBeCloseTo(1500, 12);
    expect(g.how).toContain('定基价格指数 120');
  });
  it('chains the base year with real growth: 1000 × 1.086 × 1.015 = 1102.29', () => {
    const g = constantGdp(2022, 2020, { figures: [{ year: 2020, value: 1000, prices: 'current' }], realGrowth: [{ year: 2021, percent: 8.6 }, { year: 2022, percent: 1.5 }] });
    expect(g.value).toBeCloseTo(1102.29, 9);
  });
  it('refuses current prices without a deflator, naming what to provide', () => {
    try {
      constantGdp(2022, 2020, { figures: [{ year: 2022, value: 1800, prices: 'current' }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CarbonInputError);
      expect((e as CarbonInputError).code).toBe('GDP_CURRENT_PRICES');
      expect((e as CarbonInputError).message).toBe('2022 年 GDP 为现价，而此处须用 2020 年可比价：请提供定基价格指数（2020=100）或各年可比价增速');
    }
  });
  it('refuses constant prices of another base and a missing year', () => {
    expect(() => constantGdp(2022, 2020, { figures: [{ year: 2022, value: 1, prices: 'constant', priceBaseYear: 2015 }] })).toThrowError('缺少 2022 年 GDP（2020 年可比价）');
    expect(() => constantGdp(2022, 2020, { figures: [{ year: 2020, value: 1, prices: 'current' }], realGrowth: [{ year: 2022, percent: 3 }] })).toThrowError(/缺少 2022 年 GDP/);
  });
});

describe('the formulas', () => {
  const g = (year: number, value: number) => ({ year, value, priceBaseYear: 2020, how: '' });
  it('indicator 25: t CO2 ÷ 万元', () => {
    // 27 800 000 t ÷ 13 534 900 万元: 13 534 900 × 2.054 = 27 800 684.6, so 2.054 − 684.6 ÷ 13 534 900 = 2.054 − 0.00005058 = 2.05394942
    expect(carbonIntensity(27_800_000, g(2020, 13_534_900))).toBeCloseTo(2.05394942, 8);
  });
  it('indicator 23: (1 − (E1/G1) ÷ (E0/G0)) × 100', () => {
    // E/G: 100/1000 = 0.1 → 102/1050 = 0.0971428571; ratio 0.971428571; decline 2.857142857 %
    expect(energyIntensityDeclineRate({ energyTce: 100, gdp: g(2021, 1000) }, { energyTce: 102, gdp: g(2022, 1050) })).toBeCloseTo(2.857142857, 8);
    // a rise of intensity is a negative decline: 110/1000 vs 100/1000 → −10 %
    expect(energyIntensityDeclineRate({ energyTce: 100, gdp: g(2021, 1000) }, { energyTce: 110, gdp: g(2022, 1000) })).toBeCloseTo(-10, 9);
  });
  it('refuses GDPs of different price bases', () => {
    expect(() => energyIntensityDeclineRate({ energyTce: 1, gdp: g(2021, 1) }, { energyTce: 1, gdp: { ...g(2022, 1), priceBaseYear: 2015 } })).toThrowError('两年 GDP 的价格基年不同（2020、2015），不可比');
  });
});

describe('indicators from activity rows', () => {
  const REGIONS = [{ code: '440200', parent: null }];
  const r = (year: number, category: string, item: string, valueText: string, unit: string, sector: ActivityRecord['sector'] = 'macro', subsector: string | null = null): ActivityRecord => ({ regionCode: '440200', year, sector, category, subsector, item, valueText, unit, source: 't', note: null });
  const records = [
    r(2022, 'fuelCombustion', 'rawCoal', '0.01', '万吨', 'energy', 'industry'),
    r(2022, 'purchasedElectricity', 'electricity', '1', '亿千瓦时', 'energy'),
    r(2022, 'gdp', 'constant-2020', '2.5', '亿元'),
    r(2021, 'gdp', 'current', '2.6', '亿元'),
    r(2021, 'gdpDeflator', 'base-2020', '104', '指数'),
    r(2021, 'energyConsumption', 'total', '1.0', '万吨标准煤'),
    r(2022, 'energyConsumption', 'total', '9800', '吨标准煤'),
  ];
  it('computes both with provenance, rounded as table 1 reports', () => {
    const out = computeIndicators(records, { year: 2022, regionCode: '440200', regions: REGIONS });
    // 25: (190.02988488 + 53 660) t ÷ 25 000 万元 = 53 850.02988488 ÷ 25 000 = 2.154001195 → 2.154
    expect(out.indicator25).toMatchObject({ indicatorCode: 25, valueText: '2.154', unit: '吨/万元' });
    // 23: GDP 2021 = 26 000 × 100 ÷ 104 = 25 000 万元; E/G 10 000/25 000 = 0.4 → 9800/25 000 = 0.392: decline 2 %
    expect(out.indicator23).toMatchObject({ indicatorCode: 23, valueText: '2.00', unit: '%' });
    expect((out.indicator25 as { provenance: string }).provenance).toContain('÷ GDP 25000 万元');
    // The English view gets the same computation in English, with no Chinese left in it.
    const en = (out.indicator25 as { provenanceEn: string }).provenanceEn;
    expect(en).toContain('÷ GDP 25000 × 10⁴ yuan');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });
  it('answers a precise error per indicator when an input is missing', () => {
    const out = computeIndicators(records.filter((x) => x.category !== 'gdpDeflator'), { year: 2022, regionCode: '440200', regions: REGIONS });
    expect(out.indicator25).toMatchObject({ valueText: '2.154' });
    expect(out.indicator23).toEqual({ error: { code: 'GDP_CURRENT_PRICES', message: expect.stringContaining('2021 年 GDP 为现价'), messageEn: expect.stringContaining('current prices') } });
    const none = computeIndicators([], { year: 2022, regionCode: '440200', regions: REGIONS });
    expect(none.indicator25).toMatchObject({ error: { code: 'NO_ENERGY_DATA' } });
    expect(none.indicator23).toMatchObject({ error: { code: 'ENERGY_MISSING', message: '缺少 2022 年能源消费总量（energyConsumption）' } });
  });
});

describe('forestCarbonSink (shared with GEP)', () => {
  it('sums strata with shipped parameters and keeps their sources', () => {
    // fir: 20 000 m³/yr × 0.307 × 1.634 × 1.246 × 0.52 = 6500.4258592 t C
    // masson pine: (1 050 000 − 1 000 000)/5 = 10 000 m³/yr × 0.38 × 1.472 × 1.187 × 0.46 = 3054.217472 t C (0.38 × 1.472 = 0.55936; × 1.187 = 0.66396032; × 0.46 = 0.3054217472)
    const r = forestCarbonSink({ yearStart: 2015, yearEnd: 2020, strata: [{ forestType: 'chineseFir', volumeStartM3: 1_000_000, volumeEndM3: 1_100_000 }, { forestType: 'massonPine', volumeStartM3: 1_000_000, volumeEndM3: 1_050_000 }] });
    expect(r.strata[0]!.tCPerYear).toBeCloseTo(6500.4258592, 6);
    expect(r.strata[1]!.tCPerYear).toBeCloseTo(3054.217472, 6);
    // (6500.4258592 + 3054.217472) × 44/12 = 9554.6433312 × 11/3 = 35 033.6922144 t CO2
    expect(r.tCO2PerYear).toBeCloseTo(35033.6922144, 6);
    expect(r.method).toBe('stock-difference');
    expect(r.strata[0]!.params.bef).toMatchObject({ value: 1.634, key: 'forest.chineseFir.bef' });
  });
  it('accepts explicit parameters with a source, and a stock loss is negative', () => {
    // −1000 m³/yr × 0.5 × 1.5 × 1.2 × 0.5 = −450 t C; × 44/12 = −1650 t CO2
    const r = forestCarbonSink({ yearStart: 2020, yearEnd: 2021, strata: [{ forestType: '竹林', volumeStartM3: 5000, volumeEndM3: 4000, params: { density: 0.5, bef: 1.5, rootShoot: 0.2, carbonFraction: 0.5, source: '本地实测' } }] });
    expect(r.tCO2PerYear).toBeCloseTo(-1650, 9);
  });
  it('refuses bad input precisely', () => {
    expect(() => forestCarbonSink({ yearStart: 2020, yearEnd: 2020, strata: [] })).toThrowError('蓄积量调查年份无效：终止年（2020）须晚于起始年（2020）');
    expect(() => forestCarbonSink({ yearStart: 2019, yearEnd: 2020, strata: [{ forestType: 'oak', volumeStartM3: 1, volumeEndM3: 2 }] })).toThrowError(/^未知的森林类型“oak”/);
    expect(() => forestCarbonSink({ yearStart: 2019, yearEnd: 2020, strata: [{ forestType: 'mixed', volumeStartM3: -1, volumeEndM3: 2 }] })).toThrowError(/应为非负数/);
    expect(() => forestCarbonSink({ yearStart: 2019, yearEnd: 2020, strata: [{ forestType: 'x', volumeStartM3: 1, volumeEndM3: 2, params: { density: 1, bef: 1, rootShoot: 0, carbonFraction: 0.5, source: ' ' } }] })).toThrowError('x 的自定参数须注明来源');
  });
});
