// The target language: every target text of a plan's indicator table parses into a typed target and
// renders back to the same Chinese text (docs/target-language.md). Pure: no I/O.

/** A numeric bound. `implicit` is a bare number ("100", "25"): the bound follows the indicator's direction. */
export interface ThresholdTarget {
  kind: 'threshold';
  comparator: 'gte' | 'lte' | 'implicit';
  value: number;
  /** Decimals as written, so "≥85.0" renders back with its trailing zero. */
  decimals: number;
}

export interface StateTarget {
  kind: 'state';
  state: StateCode;
}

export interface RelativeTarget {
  kind: 'relative';
  rule: RelativeRule;
  /** What the value is compared with. */
  reference: 'baseline' | 'previousYear';
}

/** The higher authority assigns the figure for each year; it is entered as data, then evaluated as a threshold. */
export interface AssignedTarget {
  kind: 'assigned';
  assignment: AssignmentCode;
}

/** Several conditions that must all hold, written one after another. */
export interface AllTarget {
  kind: 'all';
  separator: string;
  parts: (StateTarget | RelativeTarget | AssignedTarget | ThresholdTarget)[];
}

/** One threshold per kind of region (城市 / 县城). */
export interface SplitTarget {
  kind: 'split';
  parts: { regionType: 'city' | 'county'; label: string; target: ThresholdTarget }[];
}

export type Target = ThresholdTarget | StateTarget | RelativeTarget | AssignedTarget | AllTarget | SplitTarget;

interface Phrase<C extends string> {
  code: C;
  zh: string;
  en: string;
}

export const STATES = [
  { code: 'formulatedAndImplemented', zh: '制定实施', en: 'formulated and implemented' },
  { code: 'carriedOutEffectively', zh: '有效开展', en: 'carried out effectively' },
  { code: 'fullyImplemented', zh: '全面实施', en: 'fully implemented' },
  { code: 'established', zh: '建立', en: 'established' },
  { code: 'implemented', zh: '实施', en: 'implemented' },
  { code: 'notSignificant', zh: '不明显', en: 'not significant' },
  { code: 'noWorseThanClassV', zh: '无劣Ⅴ类水体', en: 'no water body worse than Class V' },
  { code: 'noBlackOdorousWater', zh: '无黑臭水体', en: 'no black and odorous water body' },
  { code: 'beingDrafted', zh: '在编', en: 'being drafted' },
] as const satisfies readonly Phrase<string>[];
export type StateCode = (typeof STATES)[number]['code'];

export const RELATIVE_RULES = [
  { code: 'notDecrease', zh: '不降低', en: 'not lower than the baseline', reference: 'baseline' },
  { code: 'graduallyDecrease', zh: '逐步下降', en: 'decreasing year by year', reference: 'previousYear' },
  { code: 'stableOrImproving', zh: '保持稳定或持续改善', en: 'stable or improving', reference: 'previousYear' },
  { code: 'areaNotDecrease', zh: '面积不减少', en: 'area not reduced', reference: 'baseline' },
  { code: 'natureUnchanged', zh: '性质不改变', en: 'nature unchanged', reference: 'baseline' },
  { code: 'functionNotReduced', zh: '功能不降低', en: 'function not degraded', reference: 'baseline' },
] as const satisfies readonly (Phrase<string> & { reference: RelativeTarget['reference'] })[];
export type RelativeRule = (typeof RELATIVE_RULES)[number]['code'];

export const ASSIGNMENTS = [
  { code: 'assessmentTask', zh: '完成上级规定的考核任务', en: 'meet the assessment task set by the higher authority' },
  { code: 'targetTask', zh: '完成上级规定的目标任务', en: 'meet the target set by the higher authority' },
  { code: 'controlTarget', zh: '完成上级管控目标', en: 'meet the control target set by the higher authority' },
  { code: 'annualAuditPlan', zh: '完成年度审核计划', en: 'complete the annual audit plan' },
] as const satisfies readonly Phrase<string>[];
export type AssignmentCode = (typeof ASSIGNMENTS)[number]['code'];

const SPLIT_LABELS = { 城市: { regionType: 'city', en: 'cities' }, 县城: { regionType: 'county', en: 'county towns' } } as const;

export class TargetParseError extends Error {
  constructor(
    readonly text: string,
    readonly expected: string,
  ) {
    super(`无法解析目标值“${text}” / cannot parse target "${text}": ${expected}`);
    this.name = 'TargetParseError';
  }
}

const EXPECTED =
  '期望数值（如 ≥74.6、≤25、100）、状态（' +
  STATES.map((s) => s.zh).join('、') +
  '）、相对目标（' +
  RELATIVE_RULES.map((r) => r.zh).join('、') +
  '）、上级下达目标（' +
  ASSIGNMENTS.map((a) => a.zh).join('、') +
  '）、以逗号或空格连接的组合，或“城市: ≥x 县城: ≥y” / expected a number, a state, a relative or assigned target, a combination of them, or a city/county split';

const THRESHOLD_RE = /^(≥|≤)?(\d+(?:\.(\d+))?)$/;

function parseThreshold(text: string): ThresholdTarget | null {
  const m = THRESHOLD_RE.exec(text);
  if (!m) return null;
  const comparator = m[1] === '≥' ? 'gte' : m[1] === '≤' ? 'lte' : 'implicit';
  return { kind: 'threshold', comparator, value: Number(m[2]), decimals: m[3]?.length ?? 0 };
}

function parseSingle(text: string): AllTarget['parts'][number] | null {
  const state = STATES.find((s) => s.zh === text);
  if (state) return { kind: 'state', state: state.code };
  const rel = RELATIVE_RULES.find((r) => r.zh === text);
  if (rel) return { kind: 'relative', rule: rel.code, reference: rel.reference };
  const asg = ASSIGNMENTS.find((a) => a.zh === text);
  if (asg) return { kind: 'assigned', assignment: asg.code };
  return parseThreshold(text);
}

/** Parses one target text of the indicator table. Throws TargetParseError naming what was expected. */
export function parseTarget(text: string): Target {
  if (text !== text.trim() || text === '') throw new TargetParseError(text, '目标值不能为空或首尾带空格 / must not be empty or padded');
  const split = /^(城市|县城)[:：] ?(\S+) (城市|县城)[:：] ?(\S+)$/.exec(text);
  if (split) {
    const parts: SplitTarget['parts'] = [];
    for (const [label, body] of [
      [split[1], split[2]],
      [split[3], split[4]],
    ] as const) {
      const t = parseThreshold(body!);
      if (!t) throw new TargetParseError(text, `“${label}”后应为数值门槛 / a threshold after "${label}"`);
      parts.push({ regionType: SPLIT_LABELS[label as keyof typeof SPLIT_LABELS].regionType, label: label!, target: t });
    }
    if (parts[0]!.regionType === parts[1]!.regionType) throw new TargetParseError(text, '城市与县城各一次 / city and county once each');
    return { kind: 'split', parts };
  }
  const single = parseSingle(text);
  if (single) return single;
  for (const separator of [',', '，', ' ']) {
    if (!text.includes(separator)) continue;
    const pieces = text.split(separator);
    const parts = pieces.map(parseSingle);
    if (parts.every((p) => p !== null)) return { kind: 'all', separator, parts: parts as AllTarget['parts'] };
  }
  throw new TargetParseError(text, EXPECTED);
}

function renderThreshold(t: ThresholdTarget): string {
  const sign = t.comparator === 'gte' ? '≥' : t.comparator === 'lte' ? '≤' : '';
  return sign + t.value.toFixed(t.decimals);
}

/** Renders a target back to the table's Chinese wording; renderTarget(parseTarget(s)) === s. */
export function renderTarget(t: Target): string {
  switch (t.kind) {
    case 'threshold':
      return renderThreshold(t);
    case 'state':
      return STATES.find((s) => s.code === t.state)!.zh;
    case 'relative':
      return RELATIVE_RULES.find((r) => r.code === t.rule)!.zh;
    case 'assigned':
      return ASSIGNMENTS.find((a) => a.code === t.assignment)!.zh;
    case 'all':
      return t.parts.map(renderTarget).join(t.separator);
    case 'split':
      return t.parts.map((p) => `${p.label}: ${renderThreshold(p.target)}`).join(' ');
  }
}

/** English wording of a target, for the console's English switch. */
export function renderTargetEn(t: Target): string {
  switch (t.kind) {
    case 'threshold':
      return renderThreshold(t);
    case 'state':
      return STATES.find((s) => s.code === t.state)!.en;
    case 'relative':
      return RELATIVE_RULES.find((r) => r.code === t.rule)!.en;
    case 'assigned':
      return ASSIGNMENTS.find((a) => a.code === t.assignment)!.en;
    case 'all':
      return t.parts.map(renderTargetEn).join('; ');
    case 'split':
      return t.parts.map((p) => `${SPLIT_LABELS[p.label as keyof typeof SPLIT_LABELS]?.en ?? p.label}: ${renderThreshold(p.target)}`).join('; ');
  }
}

/** The state a qualitative cell names, or null: used for baselines such as 在编 or 建立. */
export function stateCodeOf(text: string): StateCode | null {
  return STATES.find((s) => s.zh === text)?.code ?? null;
}

export function stateLabel(code: StateCode): { zh: string; en: string } {
  const s = STATES.find((x) => x.code === code)!;
  return { zh: s.zh, en: s.en };
}
