// Evaluation (评估) of every indicator for a year and a region: attainment (达标情况) against the target of the
// horizon that applies, progress (进展, see progress.ts and docs/methods/progress.md), early warning (预警) and
// roll-ups, each verdict with its reason and the observations it used. Pure: observations come in as data.
// The rules are documented in docs/methods/evaluation.md.
import { compareDecimalText } from './decimal.js';
import { horizonFor, isHorizon, targetOf } from './horizons.js';
import type { Horizon, Indicator, Plan, Region } from './model.js';
import type { Observation } from './observations.js';
import { planInForce } from './revisions.js';
import { assessProgress, type ProgressResult } from './progress.js';
import { RELATIVE_RULES, STATES, type RelativeTarget, type Target, type ThresholdTarget } from './targets.js';
import { unitEn } from './unitsEn.js';
import { planLevelTerm } from './views.js';

export type AttainmentStatus = 'attained' | 'not_attained' | 'no_data' | 'not_applicable';
export type WarningLevel = 'red' | 'yellow' | 'grey';

export interface Bilingual {
  zh: string;
  en: string;
}

/** An observation as an evaluation cites it. */
export interface UsedObservation {
  id: string;
  kind: 'value' | 'assigned';
  year: number;
  region: string;
  valueText: string | null;
  state: string | null;
  source: string;
  status: 'approved' | 'provisional';
  version: number;
  isDemo: boolean;
  /** True for the 现状值 of table 1, which the plan itself supplies for the city. */
  fromPlan: boolean;
}

export interface IndicatorEvaluation {
  code: number;
  name: string;
  unit: string;
  binding: boolean;
  domainId: string;
  taskAreaId: string;
  departmentIds: string[];
  horizon: Horizon;
  target: { horizon: Horizon; text: string; textEn: string };
  status: AttainmentStatus;
  reason: Bilingual;
  /** The value (or state) of the evaluated year, if reported. */
  value: { valueText: string | null; state: string | null; year: number } | null;
  progress: ProgressResult | null;
  /** Value expected at the horizon year if the trend since the baseline continues; null when not computable. */
  projection: { year: number; value: number; meetsTarget: boolean } | null;
  warning: { level: WarningLevel; reason: Bilingual } | null;
  observations: UsedObservation[];
  /** Uses demonstration data (示例数据) or observations not yet approved. */
  provisional: boolean;
}

export type StatusCounts = Record<AttainmentStatus, number> & { total: number; red: number; yellow: number; grey: number };

export interface EvaluationSummary {
  counts: StatusCounts;
  byDomain: ({ id: string; name: string } & StatusCounts)[];
  byTaskArea: ({ id: string; name: string; numeral: string } & StatusCounts)[];
  byKind: { binding: StatusCounts; reference: StatusCounts };
  byDepartment: ({ id: string; name: string } & StatusCounts)[];
  /**
   * 示范区 readiness: every binding indicator attained. `notAttained` lists only binding indicators judged not
   * attained; those that cannot be judged (no data, or not applicable to the region) are listed in `noData`.
   */
  readiness: {
    ready: boolean;
    bindingTotal: number;
    bindingAttained: number;
    notAttained: { code: number; name: string; status: AttainmentStatus }[];
    noData: { code: number; name: string; status: AttainmentStatus }[];
  };
}

export interface PlanEvaluation {
  year: number;
  region: string;
  regionName: string;
  horizon: Horizon | 'auto';
  indicators: IndicatorEvaluation[];
  summary: EvaluationSummary;
  /** How complete this year's evaluation is (a partial year is in progress, not failing). */
  coverage: YearCoverage;
  /** The version of a revised plan whose targets were applied (plan revisions); null for a plan never revised. */
  planRevision: { no: number; effectiveYear: number; document: string | null } | null;
}

/** The observations of one indicator, region and kind, by year. */
export class Series {
  readonly byYear = new Map<number, Observation>();
  private sorted: number[] | null = null;

  add(o: Observation): void {
    this.byYear.set(o.year, o);
    this.sorted = null;
  }

  get(year: number): Observation | undefined {
    return this.byYear.get(year);
  }

  /** Years with an observation, ascending. */
  years(): readonly number[] {
    return (this.sorted ??= [...this.byYear.keys()].sort((a, b) => a - b));
  }
}

const EMPTY = new Series();

/** Observations indexed by indicator, region and kind, so that evaluating many years and regions stays cheap. */
export class ObservationIndex {
  // indicator code → region code → series of values and of assigned figures (nested maps: no key strings to build).
  private readonly byCode = new Map<number, Map<string, { value: Series; assigned: Series }>>();

  constructor(observations: Iterable<Observation>) {
    for (const o of observations) {
      let regions = this.byCode.get(o.indicatorCode);
      if (!regions) this.byCode.set(o.indicatorCode, (regions = new Map()));
      let pair = regions.get(o.regionCode);
      if (!pair) regions.set(o.regionCode, (pair = { value: new Series(), assigned: new Series() }));
      pair[o.kind].add(o);
    }
  }

  of(code: number, region: string, kind: 'value' | 'assigned'): Series {
    return this.byCode.get(code)?.get(region)?.[kind] ?? EMPTY;
  }

  get(code: number, region: string, kind: 'value' | 'assigned', year: number): Observation | undefined {
    return this.of(code, region, kind).get(year);
  }

  years(code: number, region: string, kind: 'value' | 'assigned'): readonly number[] {
    return this.of(code, region, kind).years();
  }
}

/** Kept here too for callers that import it with the evaluation (src/plan/horizons.ts). */
export { horizonFor };

/** Split targets (城市/县城): the city and its districts count as 城市, counties and county-level cities as 县城. */
export function regionType(region: Region): 'city' | 'county' {
  return region.type === 'prefecture-city' || region.type === 'district' ? 'city' : 'county';
}

// Formatting a number is among the dearest steps of an evaluation (a CPU profile of bench/evaluation.js): the text
// of each threshold is made once per target object.
const thresholdTexts = new WeakMap<ThresholdTarget, string>();
function thresholdText(t: ThresholdTarget): string {
  let text = thresholdTexts.get(t);
  if (text === undefined) thresholdTexts.set(t, (text = t.value.toFixed(t.decimals)));
  return text;
}
const stateZh = (code: string | null) => STATES.find((s) => s.code === code)?.zh ?? code ?? '';
const stateEn = (code: string | null) => STATES.find((s) => s.code === code)?.en ?? code ?? '';
const ruleZh = (code: string) => RELATIVE_RULES.find((r) => r.code === code)?.zh ?? code;

interface Verdict {
  status: AttainmentStatus;
  reason: Bilingual;
  used: Observation[];
}

interface Context {
  plan: Plan;
  ind: Indicator;
  region: Region;
  year: number;
  values: Series;
  assigned: Series;
  baseline: Observation | undefined;
}

/** The reported value for a year, or the plan's own baseline for the city in its baseline year. */
function valueObservation(c: Context, year: number): Observation | undefined {
  return c.values.get(year) ?? (c.baseline && c.baseline.year === year ? c.baseline : undefined);
}

function comparator(t: ThresholdTarget, direction: Indicator['direction']): 'gte' | 'lte' {
  if (t.comparator !== 'implicit') return t.comparator;
  return direction === 'decrease' ? 'lte' : 'gte';
}

function meets(valueText: string, bound: string, cmp: 'gte' | 'lte'): boolean {
  const d = compareDecimalText(valueText, bound);
  return cmp === 'gte' ? d >= 0 : d <= 0;
}

const missing = (zh: string, en: string): Verdict => ({ status: 'no_data', reason: { zh, en }, used: [] });

/** The part of a split target (城市/县城) in a reason: Chinese before 目标, English after "the target". */
const SPLIT_PART = { city: { zh: '城市', en: ' for cities' }, county: { zh: '县城', en: ' for county towns' } } as const;

function evaluateThreshold(c: Context, t: ThresholdTarget, part?: 'city' | 'county'): Verdict {
  const obs = valueObservation(c, c.year);
  if (!obs || obs.valueText === null) return missing(`${c.year} 年尚无数值`, `no value reported for ${c.year}`);
  const cmp = comparator(t, c.ind.direction);
  const bound = thresholdText(t);
  const ok = meets(obs.valueText, bound, cmp);
  const sign = cmp === 'gte' ? '≥' : '≤';
  return {
    status: ok ? 'attained' : 'not_attained',
    reason: {
      zh: `${c.year} 年为 ${obs.valueText}${c.ind.unit === '—' ? '' : c.ind.unit}，${ok ? '达到' : '未达到'}${part ? SPLIT_PART[part].zh : ''}目标 ${sign}${bound}`,
      // The English reason names the unit in English (μg/m³, not 微克/立方米) and none when the plan gives none.
      en: `${obs.valueText}${c.ind.unit === '—' ? '' : ` ${unitEn(c.ind.unit)}`} in ${c.year} ${ok ? 'meets' : 'misses'} the target${part ? SPLIT_PART[part].en : ''} ${sign}${bound}`,
    },
    used: [obs],
  };
}

function evaluateState(c: Context, state: string): Verdict {
  const obs = valueObservation(c, c.year);
  if (!obs || obs.state === null) return missing(`${c.year} 年尚未填报状态`, `no state reported for ${c.year}`);
  const ok = obs.state === state;
  return {
    status: ok ? 'attained' : 'not_attained',
    reason: {
      zh: `${c.year} 年状态为“${stateZh(obs.state)}”，${ok ? '符合' : '不符合'}目标“${stateZh(state)}”`,
      en: `state in ${c.year} is "${stateEn(obs.state)}", ${ok ? 'as' : 'not as'} targeted ("${stateEn(state)}")`,
    },
    used: [obs],
  };
}

/** The reference a relative target compares with: the baseline (or the first reported year) or the previous year. */
function reference(c: Context, t: RelativeTarget): Observation | undefined {
  if (t.reference === 'previousYear') return valueObservation(c, c.year - 1);
  if (c.baseline && c.baseline.valueText !== null && c.baseline.year < c.year) return c.baseline;
  const first = c.values.years().find((y) => y < c.year && c.values.get(y)!.valueText !== null);
  return first === undefined ? undefined : c.values.get(first);
}

function evaluateRelative(c: Context, t: RelativeTarget): Verdict {
  if (t.rule === 'natureUnchanged' || t.rule === 'functionNotReduced') {
    const obs = valueObservation(c, c.year);
    if (!obs || obs.fromPlanBaseline) return missing(`${c.year} 年尚未确认“${ruleZh(t.rule)}”`, `"${t.rule}" not yet confirmed for ${c.year}`);
    const ok = obs.checks.includes(t.rule);
    return ok
      ? { status: 'attained', reason: { zh: `已确认${ruleZh(t.rule)}`, en: `${t.rule} confirmed` }, used: [obs] }
      : missing(`${c.year} 年尚未确认“${ruleZh(t.rule)}”`, `"${t.rule}" not yet confirmed for ${c.year}`);
  }
  const obs = valueObservation(c, c.year);
  if (!obs || obs.valueText === null) return missing(`${c.year} 年尚无数值`, `no value reported for ${c.year}`);
  const ref = reference(c, t);
  if (!ref || ref.valueText === null)
    return {
      ...missing(
        t.reference === 'previousYear' ? `缺少 ${c.year - 1} 年数值，无法与上一年比较` : '无基准值，也无更早年份的数值可作比较',
        t.reference === 'previousYear' ? `no value for ${c.year - 1} to compare with` : 'no baseline and no earlier value to compare with',
      ),
      used: [obs],
    };
  const d = compareDecimalText(obs.valueText, ref.valueText);
  const better = c.ind.direction === 'decrease' ? -d : d; // > 0: improved
  let ok: boolean;
  switch (t.rule) {
    case 'notDecrease':
    case 'areaNotDecrease':
      ok = d >= 0;
      break;
    case 'graduallyDecrease':
      ok = d < 0;
      break;
    case 'stableOrImproving':
      ok = better >= 0;
      break;
  }
  const refLabel = t.reference === 'previousYear' ? `${ref.year} 年` : `${ref.year} 年（${ref.fromPlanBaseline ? '基准值' : '首个数据年'}）`;
  return {
    status: ok ? 'attained' : 'not_attained',
    reason: {
      zh: `${c.year} 年为 ${obs.valueText}，${refLabel}为 ${ref.valueText}，${ok ? '符合' : '不符合'}“${ruleZh(t.rule)}”`,
      en: `${obs.valueText} in ${c.year} against ${ref.valueText} in ${ref.year}: ${ok ? 'meets' : 'misses'} "${t.rule}"`,
    },
    used: [obs, ref],
  };
}

function evaluateAssigned(c: Context): Verdict {
  const assigned = c.assigned.get(c.year);
  if (!assigned || assigned.valueText === null)
    return missing(`上级下达的 ${c.year} 年目标值尚未录入`, `the ${c.year} figure assigned by the higher authority has not been entered`);
  const obs = valueObservation(c, c.year);
  if (!obs || obs.valueText === null) return { ...missing(`${c.year} 年尚无数值`, `no value reported for ${c.year}`), used: [assigned] };
  const cmp = c.ind.direction === 'decrease' ? 'lte' : 'gte';
  const ok = meets(obs.valueText, assigned.valueText, cmp);
  const sign = cmp === 'gte' ? '≥' : '≤';
  return {
    status: ok ? 'attained' : 'not_attained',
    reason: {
      zh: `${c.year} 年为 ${obs.valueText}，上级下达目标 ${sign}${assigned.valueText}，${ok ? '已完成' : '未完成'}`,
      en: `${obs.valueText} in ${c.year} against the assigned ${sign}${assigned.valueText}: ${ok ? 'met' : 'missed'}`,
    },
    used: [obs, assigned],
  };
}

function evaluateTarget(c: Context, t: Target): Verdict {
  switch (t.kind) {
    case 'threshold':
      return evaluateThreshold(c, t);
    case 'state':
      return evaluateState(c, t.state);
    case 'relative':
      return evaluateRelative(c, t);
    case 'assigned':
      return evaluateAssigned(c);
    case 'split': {
      const type = regionType(c.region);
      const part = t.parts.find((p) => p.regionType === type);
      if (!part) return { status: 'not_applicable', reason: { zh: '该目标不适用于此类行政区', en: 'the target does not apply to this kind of region' }, used: [] };
      return evaluateThreshold(c, part.target, part.regionType);
    }
    case 'all': {
      const verdicts = t.parts.map((p) => evaluateTarget(c, p));
      const used = [...new Map(verdicts.flatMap((v) => v.used).map((o) => [o.id, o])).values()];
      const pick = (s: AttainmentStatus) => verdicts.filter((v) => v.status === s);
      const status: AttainmentStatus = pick('not_attained').length ? 'not_attained' : pick('no_data').length ? 'no_data' : 'attained';
      const shown = status === 'attained' ? verdicts : pick(status);
      return { status, reason: { zh: shown.map((v) => v.reason.zh).join('；'), en: shown.map((v) => v.reason.en).join('; ') }, used };
    }
  }
}

/** The numeric target of a horizon for progress and projection, if the target has one for this region. */
function numericTarget(c: Context, t: Target, horizonYear: number): { year: number; value: number; cmp: 'gte' | 'lte' } | null {
  if (t.kind === 'threshold') return { year: horizonYear, value: t.value, cmp: comparator(t, c.ind.direction) };
  if (t.kind === 'split') {
    const part = t.parts.find((p) => p.regionType === regionType(c.region));
    return part ? { year: horizonYear, value: part.target.value, cmp: comparator(part.target, c.ind.direction) } : null;
  }
  if (isAssigned(t)) {
    const assigned = c.assigned.get(horizonYear);
    return assigned?.value != null ? { year: horizonYear, value: assigned.value, cmp: c.ind.direction === 'decrease' ? 'lte' : 'gte' } : null;
  }
  return null;
}

const isAssigned = (t: Target) => t.kind === 'assigned' || (t.kind === 'all' && t.parts.some((p) => p.kind === 'assigned'));

function progressFor(c: Context, t: Target, horizonYear: number): { progress: ProgressResult | null; projection: IndicatorEvaluation['projection']; used: Observation[] } {
  if (!c.ind.direction || !c.ind.assessProgress) return { progress: null, projection: null, used: [] };
  let first: Observation | undefined;
  let latest: Observation | undefined;
  for (const y of c.values.years()) {
    if (y > c.year) break;
    const o = c.values.get(y)!;
    if (o.value === null) continue;
    first ??= o;
    latest = o;
  }
  const base = c.baseline && c.baseline.value !== null ? c.baseline : first;
  if (!base || !latest || base.value === null || latest.value === null || latest.year <= base.year) return { progress: null, projection: null, used: [] };
  const target = numericTarget(c, t, horizonYear);
  let progress = assessProgress({
    baseline: { year: base.year, value: base.value },
    latest: { year: latest.year, value: latest.value },
    target: target ? { year: target.year, value: target.value } : null,
    direction: c.ind.direction,
  });
  // An assigned target without the horizon year's figure falls back to the growth-rate classes, which can rate an
  // indicator that met this year's assigned figure "进展中等" (indicator 7 at 100 %): say so in the reason.
  if (!target && isAssigned(t) && progress.method === 'growth')
    progress = {
      ...progress,
      reason: {
        zh: `上级下达的 ${horizonYear} 年目标值尚未录入，进展只按 ${base.year} 年以来的年均增长率分级，与本年是否达标无关。${progress.reason.zh.replace(/^无数值目标[：，]/, '')}`,
        en: `the assigned figure for ${horizonYear} has not been entered, so progress is graded on the annual growth since ${base.year} alone, whatever this year's attainment; ${progress.reason.en.replace(/^no numeric target:? ?/, '')}`,
      },
    };
  let projection: IndicatorEvaluation['projection'] = null;
  if (target && progress.actualRate !== null && Number.isFinite(progress.actualRate) && target.year >= latest.year) {
    const value = latest.value * (1 + progress.actualRate) ** (target.year - latest.year);
    projection = { year: target.year, value, meetsTarget: target.cmp === 'gte' ? value >= target.value : value <= target.value };
  }
  return { progress, projection, used: [base, latest] };
}

function warningFor(e: IndicatorEvaluation, ind: Indicator, year: number): IndicatorEvaluation['warning'] {
  const kind = ind.binding ? '约束性' : '参考性';
  if (e.status === 'no_data') return { level: 'grey', reason: { zh: `${kind}指标 ${ind.code}“${ind.name}”缺少数据：${e.reason.zh}`, en: `indicator ${ind.code} lacks data: ${e.reason.en}` } };
  if (e.status === 'not_applicable') return null;
  const problems: Bilingual[] = [];
  if (e.status === 'not_attained') problems.push({ zh: `未达标（${e.reason.zh}）`, en: `not attained (${e.reason.en})` });
  if (e.projection && !e.projection.meetsTarget)
    problems.push({
      zh: `按现有趋势 ${e.projection.year} 年约为 ${round(e.projection.value, ind)}，将达不到目标 ${e.target.text}`,
      en: `on the current trend it would be about ${round(e.projection.value, ind)} in ${e.projection.year}, missing the target ${e.target.textEn}`,
    });
  if (e.progress?.level === 'regression') problems.push({ zh: `出现倒退（${e.progress.reason.zh}）`, en: `regressing (${e.progress.reason.en})` });
  // A state target (制定实施, 建立 …) is a milestone due by the horizon year: before it, a state on the way (在编 in
  // the base year) is not yet the target state but not a failure either — yellow, naming the year it is due.
  const horizonYear = Number(e.horizon);
  if (problems.length === 1 && e.status === 'not_attained' && isStateTarget(targetOf(ind, e.horizon)) && year < horizonYear)
    return {
      level: 'yellow',
      reason: {
        zh: `${kind}指标 ${ind.code}“${ind.name}”${year} 年尚未达到目标状态（${e.reason.zh}），须于 ${horizonYear} 年前达到`,
        en: `${ind.binding ? 'binding' : 'reference'} indicator ${ind.code} in ${year}: not yet in its target state (${e.reason.en}); due by ${horizonYear}`,
      },
    };
  if (problems.length)
    return {
      level: ind.binding ? 'red' : 'yellow',
      reason: { zh: `${kind}指标 ${ind.code}“${ind.name}”${year} 年${problems.map((p) => p.zh).join('；')}`, en: `${ind.binding ? 'binding' : 'reference'} indicator ${ind.code} in ${year}: ${problems.map((p) => p.en).join('; ')}` },
    };
  // Marginal growth is a concern only where the target asks for change; "maintain" targets (不降低, 面积不减少 …)
  // are met by standing still.
  if (ind.binding && e.progress?.level === 'marginal' && asksForChange(targetOf(ind, e.horizon)))
    return { level: 'yellow', reason: { zh: `约束性指标 ${ind.code}“${ind.name}”进展缓慢：${e.progress.reason.zh}`, en: `binding indicator ${ind.code} progresses marginally: ${e.progress.reason.en}` } };
  return null;
}

function isStateTarget(t: Target): boolean {
  const parts = t.kind === 'all' ? t.parts : [t];
  return parts.every((p) => p.kind === 'state');
}

function asksForChange(t: Target): boolean {
  const parts = t.kind === 'all' ? t.parts : [t];
  return parts.some((p) => p.kind === 'threshold' || p.kind === 'assigned' || p.kind === 'split' || (p.kind === 'relative' && p.rule === 'graduallyDecrease'));
}

function round(value: number, ind: Indicator): string {
  const decimals = Math.min(Math.max(ind.baseline.decimals ?? 2, 1), 4);
  return value.toFixed(decimals);
}

const cited = new WeakMap<Observation, UsedObservation>();

function cite(o: Observation): UsedObservation {
  let c = cited.get(o);
  if (!c) cited.set(o, (c = citation(o)));
  return c;
}

function citation(o: Observation): UsedObservation {
  return {
    id: o.id,
    kind: o.kind,
    year: o.year,
    region: o.regionCode,
    valueText: o.valueText,
    state: o.state,
    source: o.source,
    status: o.status,
    version: o.version,
    isDemo: o.isDemo,
    fromPlan: o.fromPlanBaseline === true,
  };
}

const baselines = new WeakMap<Indicator, Observation>();

/** The plan's 现状值 of an indicator as an observation of the plan's own region (plan.meta.region) in its baseline year. */
function planBaseline(plan: Plan, ind: Indicator, region: Region): Observation | undefined {
  if (region.code !== plan.meta.region || ind.baseline.noData) return undefined;
  let cached = baselines.get(ind);
  if (!cached) baselines.set(ind, (cached = baselineObservation(ind, region)));
  return cached;
}

function baselineObservation(ind: Indicator, region: Region): Observation {
  return {
    id: `plan-baseline-${ind.code}`,
    indicatorCode: ind.code,
    regionCode: region.code,
    year: ind.baseline.year,
    kind: 'value',
    version: 0,
    valueText: ind.baseline.value === null ? null : ind.baseline.text,
    value: ind.baseline.value,
    state: ind.baseline.state as Observation['state'],
    checks: [],
    source: '规划文本表1现状值 / plan table 1 baseline',
    note: ind.baseline.note,
    reason: null,
    status: 'approved',
    isDemo: false,
    recordedAt: '',
    recordedBy: 'plan',
    batchId: 'plan',
    fromPlanBaseline: true,
  };
}

/** Evaluates one indicator for a year and a region. */
export function evaluateIndicator(plan: Plan, ind: Indicator, region: Region, year: number, index: ObservationIndex, forceHorizon?: Horizon): IndicatorEvaluation {
  const horizon = forceHorizon ?? horizonFor(plan, year);
  const target = targetOf(ind, horizon);
  const c: Context = { plan, ind, region, year, values: index.of(ind.code, region.code, 'value'), assigned: index.of(ind.code, region.code, 'assigned'), baseline: planBaseline(plan, ind, region) };
  // One object, built once: evaluating every indicator × region × year allocates a lot (bench/evaluation.js).
  const e: IndicatorEvaluation = {
    code: ind.code,
    name: ind.name,
    unit: ind.unit,
    binding: ind.binding,
    domainId: ind.domainId,
    taskAreaId: ind.taskAreaId,
    departmentIds: ind.departmentIds,
    horizon,
    target: targetRef(ind, horizon),
    status: 'not_applicable',
    reason: NOT_APPLICABLE_BEFORE,
    value: null,
    progress: null,
    projection: null,
    warning: null,
    observations: [],
    provisional: false,
  };
  if (year < ind.baseline.year) {
    e.reason = { zh: `${year} 年早于基准年 ${ind.baseline.year}`, en: `${year} is before the baseline year` };
    return e;
  }
  // Counties are evaluated where they report: an indicator a county has never reported is assessed for the
  // city only (不适用), not flagged as missing.
  if (region.code !== plan.meta.region && !c.values.byYear.size && !c.assigned.byYear.size) {
    const level = planLevelTerm(plan);
    e.reason = { zh: `${region.name}无此指标数据，按${level.whole}评估`, en: `no data for ${region.nameEn}; evaluated for ${level.wholeEn}` };
    return e;
  }
  const verdict = evaluateTarget(c, target);
  const trend = progressFor(c, target, Number(horizon));
  const obs = valueObservation(c, year);
  const used: Observation[] = [];
  for (const o of verdict.used) if (!used.includes(o)) used.push(o);
  for (const o of trend.used) if (!used.includes(o)) used.push(o);
  used.sort((a, b) => a.year - b.year);
  e.status = verdict.status;
  e.reason = verdict.reason;
  e.value = obs ? { valueText: obs.valueText, state: obs.state, year: obs.year } : null;
  e.progress = trend.progress;
  e.projection = trend.projection;
  e.observations = used.map(cite);
  e.provisional = used.some((o) => o.isDemo || o.status !== 'approved');
  e.warning = warningFor(e, ind, year);
  return e;
}

const NOT_APPLICABLE_BEFORE: Bilingual = { zh: '', en: '' };

const targetRefs = new WeakMap<Indicator, Partial<Record<Horizon, IndicatorEvaluation['target']>>>();

/** The target an evaluation names, one shared object per indicator and horizon. */
function targetRef(ind: Indicator, horizon: Horizon): IndicatorEvaluation['target'] {
  let refs = targetRefs.get(ind);
  if (!refs) targetRefs.set(ind, (refs = {}));
  return (refs[horizon] ??= { horizon, text: targetOf(ind, horizon).text, textEn: targetOf(ind, horizon).textEn });
}

function emptyCounts(): StatusCounts {
  return { total: 0, attained: 0, not_attained: 0, no_data: 0, not_applicable: 0, red: 0, yellow: 0, grey: 0 };
}

/** Counts of a group, named: one object literal of a fixed shape (spreading counts into it made slow objects). */
function namedCounts<T extends object>(named: T): T & StatusCounts {
  return Object.assign(named, emptyCounts());
}

function add(c: StatusCounts, e: IndicatorEvaluation) {
  c.total++;
  switch (e.status) {
    case 'attained':
      c.attained++;
      break;
    case 'not_attained':
      c.not_attained++;
      break;
    case 'no_data':
      c.no_data++;
      break;
    case 'not_applicable':
      c.not_applicable++;
      break;
  }
  if (e.warning) {
    if (e.warning.level === 'red') c.red++;
    else if (e.warning.level === 'yellow') c.yellow++;
    else c.grey++;
  }
}

export function summarise(plan: Plan, evaluations: readonly IndicatorEvaluation[]): EvaluationSummary {
  const counts = emptyCounts();
  const byDomain = new Map(plan.domains.map((d) => [d.id, namedCounts({ id: d.id, name: d.name })]));
  const byTask = new Map(plan.domains.flatMap((d) => d.taskAreas).map((t) => [t.id, namedCounts({ id: t.id, name: t.name, numeral: t.numeral })]));
  const byDept = new Map(plan.departments.map((d) => [d.id, namedCounts({ id: d.id, name: d.name })]));
  const byKind = { binding: emptyCounts(), reference: emptyCounts() };
  for (const e of evaluations) {
    add(counts, e);
    add(byDomain.get(e.domainId)!, e);
    add(byTask.get(e.taskAreaId)!, e);
    add(e.binding ? byKind.binding : byKind.reference, e);
    for (const d of e.departmentIds) add(byDept.get(d)!, e);
  }
  const binding = evaluations.filter((e) => e.binding);
  const brief = (e: IndicatorEvaluation) => ({ code: e.code, name: e.name, status: e.status });
  const notAttained = binding.filter((e) => e.status === 'not_attained').map(brief);
  const noData = binding.filter((e) => e.status === 'no_data' || e.status === 'not_applicable').map(brief);
  const bindingAttained = binding.filter((e) => e.status === 'attained').length;
  return {
    counts,
    byDomain: [...byDomain.values()],
    byTaskArea: [...byTask.values()],
    byKind,
    byDepartment: [...byDept.values()].filter((d) => d.total > 0),
    readiness: { ready: binding.length > 0 && bindingAttained === binding.length, bindingTotal: binding.length, bindingAttained, notAttained, noData },
  };
}

/**
 * An indicator of the plan (as revised) in a year when it was not part of the plan in force: added by a later
 * revision, or retired by an earlier one. Not applicable, saying why.
 */
export function notInForce(plan: Plan, ind: Indicator, year: number): IndicatorEvaluation {
  const horizon = horizonFor(plan, year);
  return {
    code: ind.code, name: ind.name, unit: ind.unit, binding: ind.binding, domainId: ind.domainId, taskAreaId: ind.taskAreaId, departmentIds: ind.departmentIds,
    horizon, target: targetRef(ind, horizon), status: 'not_applicable',
    reason: { zh: `${year} 年不在当年施行的规划指标体系内（规划修订）`, en: `not in the plan in force in ${year} (plan revision)` },
    value: null, progress: null, projection: null, warning: null, observations: [], provisional: false,
  };
}

/** The evaluation of an indicator, by code, in an evaluation of a year; notInForce when the plan then had none. */
export function evaluationOf(plan: Plan, ev: PlanEvaluation, ind: Indicator): IndicatorEvaluation {
  return ev.indicators.find((e) => e.code === ind.code) ?? notInForce(plan, ind, ev.year);
}

/** Evaluates every indicator of the plan in force for a year (plan revisions), for a region. */
export function evaluatePlan(revised: Plan, index: ObservationIndex, opts: { year: number; region?: string; horizon?: Horizon }): PlanEvaluation {
  // A revised plan is evaluated by the content in force that year: its indicators, targets and definitions then.
  const plan = planInForce(revised, opts.year);
  const regionCode = opts.region ?? plan.meta.region;
  const region = plan.regions.find((r) => r.code === regionCode);
  if (!region) throw new RangeError(`unknown region ${regionCode}`);
  if (opts.horizon !== undefined && !isHorizon(plan, opts.horizon)) throw new RangeError(`${opts.horizon} is not a horizon of plan ${plan.meta.id}`);
  const horizon = opts.horizon ?? horizonFor(plan, opts.year);
  const indicators = plan.indicators.map((ind) => evaluateIndicator(plan, ind, region, opts.year, index, horizon));
  const coverage = yearCoverage({ year: opts.year, indicators });
  const r = plan.revision;
  const planRevision = r ? { no: r.no, effectiveYear: r.effectiveYear, document: r.document } : null;
  return { year: opts.year, region: region.code, regionName: region.name, horizon: opts.horizon ?? 'auto', indicators, summary: summarise(plan, indicators), coverage, planRevision };
}

/**
 * How complete a year's evaluation is. `applicable`: indicators evaluated for the region that year (not 不适用);
 * `decided`: those judged 达标 or 未达标; `approved`: decided ones whose own figures of that year are all approved.
 * `complete` when every applicable indicator is decided on approved figures; `partial` when some are (or some
 * figure of the year exists); `empty` otherwise. See docs/methods/evaluation.md, "Which year".
 */
export interface YearCoverage {
  year: number;
  applicable: number;
  decided: number;
  approved: number;
  state: 'complete' | 'partial' | 'empty';
}

export function yearCoverage(ev: { year: number; indicators: readonly IndicatorEvaluation[] }): YearCoverage {
  let applicable = 0;
  let decided = 0;
  let approved = 0;
  let figures = 0;
  for (const e of ev.indicators) {
    if (e.status === 'not_applicable') continue;
    applicable++;
    const own = e.observations.filter((o) => o.year === ev.year);
    if (own.length) figures++;
    if (e.status !== 'attained' && e.status !== 'not_attained') continue;
    decided++;
    if (own.every((o) => o.status === 'approved')) approved++;
  }
  const state = applicable > 0 && approved === applicable ? 'complete' : decided > 0 || figures > 0 ? 'partial' : 'empty';
  return { year: ev.year, applicable, decided, approved, state };
}

/**
 * The year a dashboard opens on: the latest year whose evaluation is complete; when no year is, the year with the
 * most indicators decided on approved figures (the later on a tie); with no data at all, the first year given.
 * A newer partial year (one value of 2025 approved) therefore never replaces a complete one.
 */
export function defaultEvaluationYear(years: readonly YearCoverage[]): { year: number; basis: 'complete' | 'most_covered' | 'no_data' } | null {
  if (!years.length) return null;
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const complete = sorted.filter((y) => y.state === 'complete').at(-1);
  if (complete) return { year: complete.year, basis: 'complete' };
  const best = sorted.reduce((m, y) => (y.approved >= m.approved ? y : m));
  if (best.approved > 0) return { year: best.year, basis: 'most_covered' };
  return { year: sorted[0]!.year, basis: 'no_data' };
}
