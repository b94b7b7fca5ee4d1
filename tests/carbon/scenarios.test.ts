// Peak pathways: the Kaya identity holds every year, LMDI terms sum exactly to the change, measures as worked out
// by hand, peak detection on synthetic series, gaps to targets, and refusals.
import { describe, expect, it } from 'vitest';
import { detectPeak, lmdi, projectScenario, runScenario, type KayaYear, type ScenarioInput } from '../../src/carbon/scenarios.js';

const flat = (percent: number) => [{ from: 2021, to: 2035, percent }];
const base: ScenarioInput = {
  name: 'test',
  label: '测试',
  baseYear: 2020,
  endYear: 2035,
  base: { population: 100, gdp: 1000, energy: 500, co2: 1000 },
  drivers: { population: flat(1), gdpPerCapita: flat(5), energyIntensity: flat(-3), carbonIntensityOfEnergy: flat(-2) },
};

describe('Kaya projection', () => {
  it('moves each driver by its rate: 2021 = 1000 × 1.01 × 1.05 × 0.97 × 0.98 = 1008.1113', () => {
    const [y0, y1] = projectScenario(base);
    expect(y0).toMatchObject({ year: 2020, population: 100, gdpPerCapita: 10, energyIntensity: 0.5, carbonIntensityOfEnergy: 2, co2: 1000, carbonIntensity: 1 });
    // P 101, G/P 10.5, E/G 0.485, C/E 1.96; GDP 1060.5, energy 514.3425
    expect(y1!.population).toBeCloseTo(101, 12);
    expect(y1!.gdp).toBeCloseTo(1060.5, 10);
    expect(y1!.energy).toBeCloseTo(514.3425, 10);
    expect(y1!.co2).toBeCloseTo(1008.1113, 10);
  });
  it('keeps the identity P × G/P × E/G × C/E = C in every year, with measures too', () => {
    const years = projectScenario({ ...base, measures: [{ kind: 'fixed', label: 'x', reduction: { '2025': 50, '2030': 120 } }] });
    expect(years).toHaveLength(16);
    for (const y of years) {
      expect(y.population * y.gdpPerCapita * y.energyIntensity * y.carbonIntensityOfEnergy).toBeCloseTo(y.co2, 9);
      expect(y.gdp * y.energyIntensity * y.carbonIntensityOfEnergy).toBeCloseTo(y.co2, 9);
      expect(y.co2 / y.gdp).toBeCloseTo(y.carbonIntensity, 12);
    }
  });
  it('applies measures as worked out by hand, holding a step value until the next year given', () => {
    // clean energy: 100 MW × 1000 h × 0.5 t/MWh = 50 000 t = 5 万t from 2023
    // coal → non-fossil: 10 万tce × (1.9002988488 ÷ 0.7143) t/tce = 10 × 2.66036518 = 26.6036518 万t from 2025
    // coal → gas: 10 × (2.66036518 − 0.0021621888 ÷ 0.00133 = 1.62570587) = 10 × 1.03465931 = 10.3465931 万t
    const years = projectScenario({
      ...base,
      measures: [
        { kind: 'cleanEnergy', label: 'pv', capacityMW: { '2023': 100 }, fullLoadHours: 1000, displacedFactor: 0.5 },
        { kind: 'coalReduction', label: 'coal', coalTce: { '2025': 10 }, substitute: 'nonFossil' },
        { kind: 'coalReduction', label: 'gas', coalTce: { '2030': 10 }, substitute: 'naturalGas' },
      ],
    });
    const r = (y: number) => years.find((x) => x.year === y)!.measureReduction;
    expect(r(2022)).toBe(0);
    expect(r(2023)).toBeCloseTo(5, 12);
    expect(r(2024)).toBeCloseTo(5, 12);
    expect(r(2025)).toBeCloseTo(5 + 26.6036518, 6);
    expect(r(2030)).toBeCloseTo(5 + 26.6036518 + 10.3465931, 6);
    const plain = projectScenario(base);
    expect(plain[5]!.co2 - years[5]!.co2).toBeCloseTo(5 + 26.6036518, 6);
  });
  it('refuses measures larger than the emissions, and an end before the base', () => {
    expect(() => projectScenario({ ...base, measures: [{ kind: 'fixed', label: 'x', reduction: { '2021': 5000 } }] })).toThrowError(/^2021 年措施减排量（5000.0 万吨）超过排放量/);
    expect(() => projectScenario({ ...base, endYear: 2020 })).toThrowError('终止年（2020）须晚于基年（2020）');
  });
});

describe('LMDI (additive, LMDI-I)', () => {
  const y = (year: number, p: number, g: number, e: number, c: number): KayaYear => ({ year, population: p, gdpPerCapita: g, energyIntensity: e, carbonIntensityOfEnergy: c, gdp: p * g, energy: p * g * e, co2: p * g * e * c, carbonIntensity: e * c, measureReduction: 0 });
  it('sums exactly to the change', () => {
    const years = projectScenario(base);
    const d = lmdi(years[0]!, years.at(-1)!);
    expect(d.population + d.affluence + d.energyIntensity + d.carbonIntensity).toBeCloseTo(d.change, 9);
  });
  it('gives the whole change to the only factor that moved (here population: 100 → 110)', () => {
    // C: 100 × 10 × 0.5 × 2 = 1000 → 1100; only ln(110/100) ≠ 0, so the population effect is 100
    const d = lmdi(y(2020, 100, 10, 0.5, 2), y(2025, 110, 10, 0.5, 2));
    expect(d.population).toBeCloseTo(100, 9);
    expect([d.affluence, d.energyIntensity, d.carbonIntensity]).toEqual([0, 0, 0]);
  });
  it('handles an unchanged total (L(a, a) = a): effects cancel', () => {
    // population × 2, energy intensity ÷ 2: C unchanged 1000; weight L = 1000; effects ±1000 ln 2 = ±693.147
    const d = lmdi(y(2020, 100, 10, 0.5, 2), y(2025, 200, 10, 0.25, 2));
    expect(d.change).toBe(0);
    expect(d.population).toBeCloseTo(693.1471806, 6);
    expect(d.energyIntensity).toBeCloseTo(-693.1471806, 6);
  });
  it('refuses a zero factor', () => {
    expect(() => lmdi(y(2020, 100, 10, 0.5, 2), y(2025, 100, 10, 0.5, 0))).toThrowError(/LMDI 要求各因素为正/);
  });
});

describe('peak detection on synthetic series', () => {
  const series = (start: number, values: number[]) => values.map((value, i) => ({ year: start + i, value }));
  it('no peak by 2035 when still rising at the end', () => {
    const p = detectPeak(series(2020, [100, 102, 104, 106, 108, 110, 112, 114, 116, 118, 120, 121, 122, 123, 124, 125]));
    expect(p).toMatchObject({ peakYear: 2035, peakValue: 125, status: 'notPeaked', beforeDeadline: false });
  });
  it('a peak in the first year (already declining)', () => {
    const p = detectPeak(series(2020, [100, 95, 90, 85]));
    expect(p).toMatchObject({ peakYear: 2020, status: 'peaked', plateau: null, beforeDeadline: true });
  });
  it('a plateau: equal maxima take the first year; the end still within tolerance', () => {
    // floor = 110 × (1 − 1 %) = 108.9: 2022–2025 lie within it, 105 does not
    const p = detectPeak(series(2020, [100, 105, 110, 110, 110, 110]));
    expect(p).toMatchObject({ peakYear: 2022, peakValue: 110, status: 'plateau', plateau: { from: 2022, to: 2025 }, beforeDeadline: false });
  });
  it('a plateau that then falls counts as peaked, with the plateau reported', () => {
    const p = detectPeak(series(2026, [100, 110, 109.5, 110.2, 100, 95]));
    expect(p).toMatchObject({ peakYear: 2029, status: 'peaked', plateau: { from: 2027, to: 2029 }, beforeDeadline: true });
  });
  it('compares the peak year with the deadline (2030 counts as on time)', () => {
    expect(detectPeak(series(2028, [1, 2, 3, 2, 1])).beforeDeadline).toBe(true); // peak 2030
    expect(detectPeak(series(2028, [1, 2, 3, 4, 1])).beforeDeadline).toBe(false); // peak 2031
    expect(detectPeak(series(2028, [1, 2, 3, 4, 1]), { deadline: 2031 }).beforeDeadline).toBe(true);
  });
  it('refuses an empty series', () => {
    expect(() => detectPeak([])).toThrowError('排放序列为空');
  });
});

describe('running a scenario', () => {
  it('reports the peak, the gap to an intensity target and the decomposition', () => {
    // Intensity falls by 1 − 0.97 × 0.98 = 4.94 % a year: 2025 = 0.9506^5 = 0.90364036² × 0.9506 = 0.816565901 × 0.9506 = 0.776227545;
    // target −20 % = 0.8 → met, gap −0.023772455
    const r = runScenario({ ...base, targets: { peakBy: 2030, intensity: [{ year: 2025, reductionPercent: 20 }] } });
    expect(r.intensityGaps[0]).toMatchObject({ year: 2025, targetIntensity: expect.closeTo(0.8, 12), projectedIntensity: expect.closeTo(0.776227545, 8), met: true });
    expect(r.intensityGaps[0]!.gap).toBeCloseTo(-0.023772455, 8);
    // Emissions grow 0.81 % a year (1.0081113): no peak by 2035
    expect(r.peak.status).toBe('notPeaked');
    expect(r.peakGapYears).toBeNull();
    expect(r.decomposition.from).toBe(2020);
  });
  it('refuses bad parameters and a target outside the years', () => {
    expect(() => runScenario({ ...base, name: 'bad name!' })).toThrowError();
    expect(() => runScenario({ ...base, targets: { peakBy: 2030, intensity: [{ year: 2040, reductionPercent: 10 }] } })).toThrowError('目标年 2040 不在情景年份 2020–2035 内');
  });
});
