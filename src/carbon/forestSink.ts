// Forest carbon sink by the stock-difference method (《省级温室气体清单编制指南（试行）》第四章 土地利用变化和林业,
// 森林和其他木质生物质碳储量变化; IPCC 2006 Vol. 4 Ch. 2 Eq. 2.8 with Eq. 2.8's BCEF split into SVD × BEF). Pure.
//
// Shared with the GEP carbon-sequestration item (src/gep/): keep this signature stable.
//
//   ΔC  [t C/yr]   = (V_end − V_start) / (yearEnd − yearStart) × SVD × BEF × (1 + R) × CF
//   CO2 [t CO2/yr] = ΔC × 44/12
//
// V: growing stock volume (m³); SVD: basic wood density (t dry matter/m³); BEF: biomass expansion factor (stem →
// above-ground biomass); R: root-shoot ratio; CF: carbon fraction of dry matter (t C/t).
import { FOREST_TYPES } from './factorData.js';
import { CarbonInputError, FactorSet, type ResolvedFactor } from './factors.js';

export interface ForestParams {
  density: number;
  bef: number;
  rootShoot: number;
  carbonFraction: number;
}

export interface ForestStratum {
  /** A shipped forest type (chineseFir, massonPine, eucalyptus, broadleaf, mixed), or a label when `params` are given. */
  forestType: string;
  volumeStartM3: number;
  volumeEndM3: number;
  /** Explicit parameters (all four) with their source, instead of the type's shipped/overridden ones. */
  params?: ForestParams & { source: string };
}

export interface ForestSinkInput {
  yearStart: number;
  yearEnd: number;
  strata: ForestStratum[];
  /** Factors with a plan's local overrides; the shipped table when omitted. */
  factors?: FactorSet;
}

export interface ParamUsed {
  value: number;
  source: string;
  key: string | null;
}

export interface ForestStratumResult {
  forestType: string;
  volumeChangeM3PerYear: number;
  tCPerYear: number;
  tCO2PerYear: number;
  params: { density: ParamUsed; bef: ParamUsed; rootShoot: ParamUsed; carbonFraction: ParamUsed };
}

export interface ForestSinkResult {
  /** Net removal from the atmosphere, t CO2 per year: positive is a sink, negative a net loss of stock. */
  tCO2PerYear: number;
  tCPerYear: number;
  strata: ForestStratumResult[];
  method: 'stock-difference';
  formula: string;
  source: string;
}

export const FOREST_SINK_FORMULA = 'CO2 = (V_end − V_start)/(yearEnd − yearStart) × SVD × BEF × (1 + R) × CF × 44/12';
export const FOREST_SINK_SOURCE = '《省级温室气体清单编制指南（试行）》第四章 森林和其他木质生物质碳储量变化（蓄积量法）; IPCC 2006 Vol. 4 Ch. 2 §2.3.1.1 Eq. 2.8';

const fromFactor = (f: ResolvedFactor): ParamUsed => ({ value: f.value, source: f.source, key: f.key });

/** Net CO2 removals of forests from two growing-stock inventories (stock-difference method). */
export function forestCarbonSink(input: ForestSinkInput): ForestSinkResult {
  const years = input.yearEnd - input.yearStart;
  if (!Number.isInteger(input.yearStart) || !Number.isInteger(input.yearEnd) || years <= 0)
    throw new CarbonInputError('BAD_PERIOD', `蓄积量调查年份无效：终止年（${input.yearEnd}）须晚于起始年（${input.yearStart}）`, `invalid inventory years: the end year (${input.yearEnd}) must be after the start year (${input.yearStart})`);
  if (!input.strata.length) throw new CarbonInputError('NO_STRATA', '没有森林类型数据', 'no forest strata given');
  const factors = input.factors ?? new FactorSet();
  const strata = input.strata.map((s): ForestStratumResult => {
    for (const [k, v] of [['volumeStartM3', s.volumeStartM3], ['volumeEndM3', s.volumeEndM3]] as const)
      if (!Number.isFinite(v) || v < 0) throw new CarbonInputError('NEGATIVE_VOLUME', `${s.forestType} 的蓄积量（${k}）应为非负数，而不是 ${v}`, `${s.forestType}: growing stock ${k} must be a non-negative number, not ${v}`);
    let params: ForestStratumResult['params'];
    if (s.params) {
      for (const [k, v] of Object.entries(s.params)) if (k !== 'source' && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) throw new CarbonInputError('BAD_FOREST_PARAM', `${s.forestType} 的参数 ${k} 无效`, `${s.forestType}: invalid parameter ${k}`);
      if (!s.params.source?.trim()) throw new CarbonInputError('SOURCE_REQUIRED', `${s.forestType} 的自定参数须注明来源`, `${s.forestType}: explicit parameters need a source`);
      const p = (value: number): ParamUsed => ({ value, source: s.params!.source, key: null });
      params = { density: p(s.params.density), bef: p(s.params.bef), rootShoot: p(s.params.rootShoot), carbonFraction: p(s.params.carbonFraction) };
    } else {
      if (!FOREST_TYPES.some((t) => t.code === s.forestType))
        throw new CarbonInputError('UNKNOWN_FOREST_TYPE', `未知的森林类型“${s.forestType}”，可用：${FOREST_TYPES.map((t) => `${t.zh}（${t.code}）`).join('、')}，或给出自定参数`, `unknown forest type "${s.forestType}"; one of ${FOREST_TYPES.map((t) => t.code).join(', ')}, or give explicit params`);
      const g = (k: string) => fromFactor(factors.get(`forest.${s.forestType}.${k}`));
      params = { density: g('density'), bef: g('bef'), rootShoot: g('rootShoot'), carbonFraction: g('carbonFraction') };
    }
    const dv = (s.volumeEndM3 - s.volumeStartM3) / years;
    const tC = dv * params.density.value * params.bef.value * (1 + params.rootShoot.value) * params.carbonFraction.value;
    return { forestType: s.forestType, volumeChangeM3PerYear: dv, tCPerYear: tC, tCO2PerYear: (tC * 44) / 12, params };
  });
  const tC = strata.reduce((a, s) => a + s.tCPerYear, 0);
  return { tCO2PerYear: (tC * 44) / 12, tCPerYear: tC, strata, method: 'stock-difference', formula: FOREST_SINK_FORMULA, source: FOREST_SINK_SOURCE };
}
