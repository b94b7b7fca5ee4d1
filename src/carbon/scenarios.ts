// Carbon-peak pathways: scenarios to 2035 from the Kaya drivers, sector measures as parameters, peak detection,
// gaps to targets, and the additive LMDI decomposition of a change. Pure.
//
// Kaya identity (Kaya 1990): C = P × (G/P) × (E/G) × (C/E)
//   P population (万人), G GDP at constant prices (亿元), E energy (万吨标准煤), C energy CO2 (万吨).
//   Units cancel: 万人 × 万元/人 × 万tce/亿元 × t/tce = 万t; and C/G in 万t/亿元 equals t/万元 (indicator 25).
// LMDI-I additive (Ang 2004, Energy Policy 32:1131–1139): ΔC = Σ_k L(C_T, C_0) × ln(x_k,T / x_k,0),
//   L(a, b) = (a − b)/(ln a − ln b), L(a, a) = a. The terms sum to ΔC with no residual.
import { z } from 'zod';
import { CarbonInputError, FactorSet, fuelCO2Factor, fuelOf } from './factors.js';

const yearMap = z.record(z.string().regex(/^\d{4}$/), z.number().finite()).describe('year → value; a year without a value keeps the last earlier one');
const rate = z.object({ from: z.number().int(), to: z.number().int(), percent: z.number().finite().describe('annual change, %') });

export const measureSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cleanEnergy'),
    label: z.string().min(1).max(200),
    capacityMW: yearMap.describe('cumulative capacity added since the base year, MW'),
    fullLoadHours: z.number().positive().max(8760),
    displacedFactor: z.number().nonnegative().describe('t CO2 per MWh of displaced generation'),
  }),
  z.object({
    kind: z.literal('coalReduction'),
    label: z.string().min(1).max(200),
    coalTce: yearMap.describe('coal replaced, 万吨标准煤 per year'),
    substitute: z.enum(['naturalGas', 'nonFossil']),
  }),
  z.object({ kind: z.literal('fixed'), label: z.string().min(1).max(200), reduction: yearMap.describe('万吨 CO2 per year') }),
]);
export type Measure = z.infer<typeof measureSchema>;

export const scenarioSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or -'),
  label: z.string().min(1).max(100),
  labelEn: z.string().max(100).default(''),
  baseYear: z.number().int().min(2005).max(2035),
  endYear: z.number().int().min(2006).max(2060).default(2035),
  base: z.object({
    population: z.number().positive().describe('万人'),
    gdp: z.number().positive().describe('亿元, constant prices of the price base year'),
    energy: z.number().positive().describe('万吨标准煤'),
    co2: z.number().positive().describe('万吨, energy-related CO2'),
  }),
  priceBaseYear: z.number().int().default(2020),
  drivers: z.object({
    population: z.array(rate),
    gdpPerCapita: z.array(rate),
    energyIntensity: z.array(rate),
    carbonIntensityOfEnergy: z.array(rate),
  }),
  measures: z.array(measureSchema).default([]),
  targets: z
    .object({
      peakBy: z.number().int().default(2030),
      intensity: z.array(z.object({ year: z.number().int(), reductionPercent: z.number().finite().describe('CO2/GDP reduction from the base year, %') })).default([]),
    })
    .default({ peakBy: 2030, intensity: [] }),
  plateauTolerancePercent: z.number().min(0).max(10).default(1),
});
export type ScenarioParams = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

export interface KayaYear {
  year: number;
  population: number;
  gdpPerCapita: number;
  energyIntensity: number;
  carbonIntensityOfEnergy: number;
  gdp: number;
  energy: number;
  co2: number;
  /** CO2 per unit of GDP, t/万元. */
  carbonIntensity: number;
  /** Reduction by the sector measures this year, 万t (already inside carbonIntensityOfEnergy). */
  measureReduction: number;
}

export type PeakStatus = 'peaked' | 'plateau' | 'notPeaked';

export interface Peak {
  peakYear: number;
  peakValue: number;
  status: PeakStatus;
  /** Years within the tolerance of the peak, when they span more than one year. */
  plateau: { from: number; to: number } | null;
  deadline: number;
  /** The peak is reached no later than the deadline and emissions have left it by the end (status peaked). */
  beforeDeadline: boolean;
}

/** The rate of a driver in a year: the last period covering it, else 0 %. */
function rateIn(rates: readonly { from: number; to: number; percent: number }[], year: number): number {
  let r = 0;
  for (const x of rates) if (year >= x.from && year <= x.to) r = x.percent;
  return r;
}

/** The value of a year map in a year: the latest year not after it; 0 before the first. */
function stepValue(map: Record<string, number>, year: number): number {
  let best = -Infinity;
  let v = 0;
  for (const [k, x] of Object.entries(map)) {
    const y = Number(k);
    if (y <= year && y > best) {
      best = y;
      v = x;
    }
  }
  return v;
}

/** CO2 per 吨标准煤 of a fuel (t CO2/tce) from the factor table: EF per unit ÷ coal equivalent per unit. */
function co2PerTce(code: string, factors: FactorSet): number {
  const fuel = fuelOf(code);
  return fuelCO2Factor(fuel, factors).value / factors.get(`fuel.${code}.coalEquivalent`).value;
}

/** Reduction of a measure in a year, 万吨 CO2. */
export function measureReduction(m: Measure, year: number, factors: FactorSet): number {
  switch (m.kind) {
    case 'cleanEnergy':
      // MW × h = MWh; × t/MWh = t; ÷ 10^4 = 万t
      return (stepValue(m.capacityMW, year) * m.fullLoadHours * m.displacedFactor) / 1e4;
    case 'coalReduction': {
      const coal = co2PerTce('rawCoal', factors);
      const sub = m.substitute === 'naturalGas' ? co2PerTce('naturalGas', factors) : 0;
      return stepValue(m.coalTce, year) * (coal - sub);
    }
    case 'fixed':
      return stepValue(m.reduction, year);
  }
}

/** Projects a scenario year by year from the base year to the end year. */
export function projectScenario(input: ScenarioInput, factors = new FactorSet()): KayaYear[] {
  const p = scenarioSchema.parse(input);
  if (p.endYear <= p.baseYear) throw new CarbonInputError('BAD_YEARS', `终止年（${p.endYear}）须晚于基年（${p.baseYear}）`, `the end year (${p.endYear}) must be after the base year (${p.baseYear})`);
  let P = p.base.population;
  let gpc = p.base.gdp / p.base.population;
  let ei = p.base.energy / p.base.gdp;
  // The carbon factor before measures evolves by its own rate; measures are applied on top each year.
  let ceiTrend = p.base.co2 / p.base.energy;
  const out: KayaYear[] = [];
  for (let year = p.baseYear; year <= p.endYear; year++) {
    if (year > p.baseYear) {
      P *= 1 + rateIn(p.drivers.population, year) / 100;
      gpc *= 1 + rateIn(p.drivers.gdpPerCapita, year) / 100;
      ei *= 1 + rateIn(p.drivers.energyIntensity, year) / 100;
      ceiTrend *= 1 + rateIn(p.drivers.carbonIntensityOfEnergy, year) / 100;
    }
    const gdp = P * gpc;
    const energy = gdp * ei;
    const reduction = year > p.baseYear ? p.measures.reduce((a, m) => a + measureReduction(m, year, factors), 0) : 0;
    const co2BeforeMeasures = energy * ceiTrend;
    if (reduction > co2BeforeMeasures)
      throw new CarbonInputError('MEASURES_EXCEED_EMISSIONS', `${year} 年措施减排量（${reduction.toFixed(1)} 万吨）超过排放量（${co2BeforeMeasures.toFixed(1)} 万吨）`, `in ${year} the measures (${reduction.toFixed(1)} 10^4 t) exceed the emissions (${co2BeforeMeasures.toFixed(1)} 10^4 t)`);
    const cei = (co2BeforeMeasures - reduction) / energy;
    const co2 = P * gpc * ei * cei;
    out.push({ year, population: P, gdpPerCapita: gpc, energyIntensity: ei, carbonIntensityOfEnergy: cei, gdp, energy, co2, carbonIntensity: co2 / gdp, measureReduction: reduction });
  }
  return out;
}

/**
 * The peak of a series: the year of its maximum (the first, if repeated). Status: notPeaked when the maximum is the
 * last year; plateau when the last value is still within `tolerancePercent` of the maximum; else peaked.
 */
export function detectPeak(series: readonly { year: number; value: number }[], opts: { deadline?: number; tolerancePercent?: number } = {}): Peak {
  if (!series.length) throw new CarbonInputError('EMPTY_SERIES', '排放序列为空', 'the emission series is empty');
  const deadline = opts.deadline ?? 2030;
  const tol = (opts.tolerancePercent ?? 1) / 100;
  let max = series[0]!;
  for (const x of series) if (x.value > max.value) max = x;
  const last = series[series.length - 1]!;
  const floor = max.value * (1 - tol);
  // Contiguous years around the peak within the tolerance.
  const i = series.indexOf(max);
  let a = i;
  let b = i;
  while (a > 0 && series[a - 1]!.value >= floor) a--;
  while (b < series.length - 1 && series[b + 1]!.value >= floor) b++;
  const status: PeakStatus = max === last ? 'notPeaked' : last.value >= floor ? 'plateau' : 'peaked';
  return {
    peakYear: max.year,
    peakValue: max.value,
    status,
    plateau: b > a ? { from: series[a]!.year, to: series[b]!.year } : null,
    deadline,
    beforeDeadline: status === 'peaked' && max.year <= deadline,
  };
}

const L = (a: number, b: number) => (a === b ? a : (a - b) / (Math.log(a) - Math.log(b)));

export interface LmdiResult {
  from: number;
  to: number;
  change: number;
  population: number;
  affluence: number;
  energyIntensity: number;
  carbonIntensity: number;
}

/** Additive LMDI-I of the change in CO2 between two years into the four Kaya effects (万t). */
export function lmdi(y0: KayaYear, y1: KayaYear): LmdiResult {
  for (const y of [y0, y1])
    for (const k of ['population', 'gdpPerCapita', 'energyIntensity', 'carbonIntensityOfEnergy', 'co2'] as const)
      if (!(y[k] > 0)) throw new CarbonInputError('LMDI_NON_POSITIVE', `LMDI 要求各因素为正：${y.year} 年 ${k} = ${y[k]}`, `LMDI needs positive factors: ${k} = ${y[k]} in ${y.year}`);
  const w = L(y1.co2, y0.co2);
  const term = (k: 'population' | 'gdpPerCapita' | 'energyIntensity' | 'carbonIntensityOfEnergy') => w * Math.log(y1[k] / y0[k]);
  return { from: y0.year, to: y1.year, change: y1.co2 - y0.co2, population: term('population'), affluence: term('gdpPerCapita'), energyIntensity: term('energyIntensity'), carbonIntensity: term('carbonIntensityOfEnergy') };
}

export interface ScenarioResult {
  name: string;
  label: string;
  labelEn: string;
  params: ScenarioParams;
  years: KayaYear[];
  peak: Peak;
  /** Peak year minus the deadline (≤ 0 is on time); null when not peaked by the end year. */
  peakGapYears: number | null;
  intensityGaps: { year: number; targetIntensity: number; projectedIntensity: number; gap: number; met: boolean }[];
  decomposition: LmdiResult;
}

/** Runs a scenario: projection, peak against the deadline, gaps to intensity targets, LMDI from base to end. */
export function runScenario(input: ScenarioInput, factors = new FactorSet()): ScenarioResult {
  const params = scenarioSchema.parse(input);
  const years = projectScenario(params, factors);
  const peak = detectPeak(years.map((y) => ({ year: y.year, value: y.co2 })), { deadline: params.targets.peakBy, tolerancePercent: params.plateauTolerancePercent });
  const base = years[0]!;
  const intensityGaps = params.targets.intensity.map((t) => {
    const y = years.find((x) => x.year === t.year);
    if (!y) throw new CarbonInputError('TARGET_OUT_OF_RANGE', `目标年 ${t.year} 不在情景年份 ${params.baseYear}–${params.endYear} 内`, `target year ${t.year} is outside ${params.baseYear}–${params.endYear}`);
    const target = base.carbonIntensity * (1 - t.reductionPercent / 100);
    return { year: t.year, targetIntensity: target, projectedIntensity: y.carbonIntensity, gap: y.carbonIntensity - target, met: y.carbonIntensity <= target };
  });
  return {
    name: params.name,
    label: params.label,
    labelEn: params.labelEn,
    params,
    years,
    peak,
    peakGapYears: peak.status === 'notPeaked' ? null : peak.peakYear - peak.deadline,
    intensityGaps,
    decomposition: lmdi(base, years[years.length - 1]!),
  };
}
