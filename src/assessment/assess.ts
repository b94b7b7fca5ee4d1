// The year's assessment (考核): a score, rank and grade for every county government and department, with a
// breakdown in which every point traces to an indicator (or project), its value, its target, the rule that
// scored it and the observation it came from (or the one that is missing); deductions, vetoes, the change from
// last year and the counties' composite index. Pure: approved observations, the project library and the vetoes
// come in as data. The rules are documented in docs/assessment.md.
import { evaluateIndicator, notInForce, regionType, type IndicatorEvaluation, type ObservationIndex, type UsedObservation } from '../plan/evaluation.js';
import { planInForce } from '../plan/revisions.js';
import { targetOf } from '../plan/horizons.js';
import type { Indicator, Plan, Region } from '../plan/model.js';
import { PROGRESS_LEVELS } from '../plan/progress.js';
import { STATES, type Target } from '../plan/targets.js';
import type { LibraryEntry, ProgressFact } from '../projects/library.js';
import { STATUSES } from '../projects/library.js';
import { endOfYear, projectWarnings, type ProjectWarning } from '../projects/rollups.js';
import { efficacyIndex, type EfficacyValue } from './efficacy.js';
import { apportion, competitionRanks, gradeOf } from './rank.js';
import { RULE_LABELS, type RuleName, type Scheme, type TargetKind } from './scheme.js';
import { subRegions } from '../plan/views.js';

export type SubjectKind = 'region' | 'department';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A veto (一票否决) as a reviewer entered it. */
export interface VetoRecord {
  id: string;
  year: number;
  subjectKind: SubjectKind;
  subjectCode: string;
  veto: string;
  evidence: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface IndicatorItem {
  kind: 'indicator';
  indicator: number;
  name: string;
  domainId: string;
  /** Lead (牵头) or share (配合) for departments; null for county governments. */
  role: 'lead' | 'share' | null;
  /** Points the item is worth and points earned (points ≤ maxPoints). */
  maxPoints: number;
  points: number;
  /** Share of maxPoints earned, 0–1, before rounding to hundredths of a point. */
  fraction: number;
  rule: RuleName | 'missing';
  status: IndicatorEvaluation['status'];
  value: { valueText: string | null; state: string | null; year: number } | null;
  target: { horizon: string; text: string; textEn: string };
  reason: Bilingual;
  observations: UsedObservation[];
  /** Set when the item earned the missing-data credit: what is missing. */
  missing: Bilingual | null;
}

export interface ProjectItem {
  kind: 'project';
  indicator: null;
  project: number;
  name: string;
  role: 'lead' | 'share';
  maxPoints: number;
  points: number;
  fraction: number;
  rule: 'projectSchedule';
  status: 'on_schedule' | 'behind' | 'overdue';
  reason: Bilingual;
  /** The progress report the status comes from (the latest up to the year), or null when none was reported. */
  report: { year: number; version: number; status: string; physicalProgress: number | null } | null;
}

export interface DeductionItem {
  kind: 'deduction';
  indicator: null;
  deduction: string;
  project: number | null;
  name: string;
  maxPoints: 0;
  /** Negative. */
  points: number;
  rule: 'deduction';
  reason: Bilingual;
}

export interface VetoItem {
  kind: 'veto';
  indicator: null;
  veto: string;
  name: string;
  maxPoints: 0;
  points: 0;
  rule: 'veto';
  reason: Bilingual;
  evidence: string;
  recordId: string;
  recordedBy: string;
  recordedAt: string;
}

export type AssessmentItem = IndicatorItem | ProjectItem | DeductionItem | VetoItem;

export interface AssessedSubject {
  kind: SubjectKind;
  code: string;
  name: string;
  nameEn: string;
  /** Sum of the items' points (hundredths exact). */
  score: number;
  rank: number;
  grade: string;
  gradeId: string;
  gradeEn: string;
  vetoed: boolean;
  items: AssessmentItem[];
  /** Items whose data is missing (counted in `items` too). */
  missingCount: number;
  /** Sum of the points by domain (indicator items only), for the radar. */
  byDomain: { domainId: string; points: number; maxPoints: number }[];
  previous: { score: number; rank: number; grade: string } | null;
  /** score − previous score, null without a previous year. */
  change: number | null;
  /** The composite index (regions only). */
  index: { value: number | null; rank: number | null; categories: { id: string; value: number | null }[] } | null;
}

export interface CompositeIndex {
  name: string;
  nameEn: string;
  categories: { id: string; name: string; nameEn: string; weight: number }[];
  regions: {
    code: string;
    name: string;
    value: number | null;
    rank: number | null;
    categories: { id: string; value: number | null }[];
    indicators: { code: number; value: number | null; scaled: number | null; basis: string }[];
  }[];
}

export interface AssessmentResult {
  scheme: { id: string; version: number; name: string; nameEn: string; hash: string };
  year: number;
  /** Regions first, then departments, each in rank order. */
  subjects: AssessedSubject[];
  index: CompositeIndex;
  previousYear: number | null;
}

export interface AssessmentInput {
  plan: Plan;
  scheme: Scheme;
  year: number;
  /** Approved observations only: the assessment never counts an unreviewed value. */
  observations: ObservationIndex;
  library: readonly LibraryEntry[];
  /** Current progress reports (latest version of each project and year). */
  progress: readonly ProgressFact[];
  vetoes: readonly VetoRecord[];
}

const h2p = (h: number) => h / 100;

/** Round half away from zero to an integer count of hundredths. */
const toHundredths = (points: number) => Math.sign(points) * Math.round(Math.abs(points) + 1e-9);

const stateZh = (code: string | null) => STATES.find((s) => s.code === code)?.zh ?? code ?? '';

interface Scored {
  fraction: number;
  rule: RuleName | 'missing';
  reason: Bilingual;
  missing: Bilingual | null;
}

/** The numeric target a threshold or split target sets for a region, or null. */
function numericTarget(t: Target, region: Region): number | null {
  if (t.kind === 'threshold') return t.value;
  if (t.kind === 'split') return t.parts.find((p) => p.regionType === regionType(region))?.target.value ?? null;
  return null;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The share of an indicator's points that its evaluation earns under the scheme's rule for its target kind.
 * Attained is always full marks; no data earns the scheme's missing-data credit.
 */
export function scoreEvaluation(scheme: Scheme, ind: Indicator, region: Region, e: IndicatorEvaluation): Scored {
  const target = targetOf(ind, e.horizon);
  const kind: TargetKind = target.kind;
  const choice = scheme.rules[kind];
  const rule = choice.rule;
  const label = RULE_LABELS[rule];
  if (e.status === 'no_data' || (e.status === 'not_applicable' && region.parent !== null)) {
    const missing = e.status === 'no_data' ? e.reason : { zh: `${region.name}未填报此指标`, en: `${region.nameEn} has not reported this indicator` };
    return {
      fraction: scheme.missingCredit,
      rule: 'missing',
      reason: { zh: `缺少数据，按方案得 ${pct(scheme.missingCredit)}：${missing.zh}`, en: `no data, credited ${pct(scheme.missingCredit)} by the scheme: ${missing.en}` },
      missing,
    };
  }
  if (e.status === 'attained') return { fraction: 1, rule, reason: { zh: `达标，得满分（${e.reason.zh}）`, en: `attained, full marks (${e.reason.en})` }, missing: null };
  // Not attained: partial credit by the rule.
  switch (rule) {
    case 'attainedOnly':
      return { fraction: 0, rule, reason: { zh: `未达标，不得分（${e.reason.zh}）`, en: `not attained, no marks (${e.reason.en})` }, missing: null };
    case 'progressLevel': {
      const level = e.progress?.level ?? 'not_assessable';
      const f = scheme.progressLevels[level];
      return {
        fraction: f,
        rule,
        reason: { zh: `未达标（${e.reason.zh}）；进展等级“${PROGRESS_LEVELS[level].zh}”，得 ${pct(f)}`, en: `not attained (${e.reason.en}); progress level "${PROGRESS_LEVELS[level].en}", credited ${pct(f)}` },
        missing: null,
      };
    }
    case 'stateCredit': {
      const state = e.value?.state ?? null;
      const f = state ? (choice.credit[state] ?? 0) : 0;
      return {
        fraction: f,
        rule,
        reason: { zh: `未达到目标状态（${e.reason.zh}）；状态“${stateZh(state)}”按方案得 ${pct(f)}`, en: `not in the target state (${e.reason.en}); state "${state ?? '—'}" credited ${pct(f)} by the scheme` },
        missing: null,
      };
    }
    case 'assignedRatio': {
      const assigned = e.observations.find((o) => o.kind === 'assigned' && o.year === e.value?.year);
      const v = e.value?.valueText != null ? Number(e.value.valueText) : null;
      const a = assigned?.valueText != null ? Number(assigned.valueText) : null;
      if (v === null || a === null || v <= 0 || a <= 0)
        return { fraction: 0, rule, reason: { zh: `未完成（${e.reason.zh}）；无法计算完成比例，不得分`, en: `not met (${e.reason.en}); no ratio can be computed, no marks` }, missing: null };
      const f = clamp01(ind.direction === 'decrease' ? a / v : v / a);
      return {
        fraction: f,
        rule,
        reason: {
          zh: `未完成上级下达目标（${e.reason.zh}）；${ind.direction === 'decrease' ? `下达值 ${a} ÷ 实际值 ${v}` : `实际值 ${v} ÷ 下达值 ${a}`} = ${pct(f)}`,
          en: `assigned figure missed (${e.reason.en}); ${ind.direction === 'decrease' ? `assigned ${a} ÷ value ${v}` : `value ${v} ÷ assigned ${a}`} = ${pct(f)}`,
        },
        missing: null,
      };
    }
    case 'progressRatio': {
      const t = numericTarget(target, region);
      const v = e.value?.valueText != null ? Number(e.value.valueText) : null;
      const base = e.observations
        .filter((o) => o.kind === 'value' && o.valueText !== null && e.value && o.year < e.value.year)
        .sort((a, b) => a.year - b.year)[0];
      if (t === null || v === null || !base)
        return {
          fraction: 0,
          rule,
          reason: { zh: `未达标（${e.reason.zh}）；无基准值，无法计算完成比例，不得分`, en: `not attained (${e.reason.en}); no baseline to measure progress from, no marks` },
          missing: null,
        };
      const b = Number(base.valueText);
      // The baseline already met the target (it lies on the target's far side, or on it): the value has slipped
      // back from an attained state, which no share of the way can credit.
      const baselineMet = ind.direction === 'decrease' ? b <= t : b >= t;
      if (baselineMet)
        return {
          fraction: 0,
          rule,
          reason: {
            zh: `未达标（${e.reason.zh}）；基准 ${base.year} 年 ${base.valueText} 已达到目标，现已退出达标，不得分`,
            en: `not attained (${e.reason.en}); the baseline ${base.valueText} (${base.year}) already met the target and the value has slipped back, no marks`,
          },
          missing: null,
        };
      const f = clamp01((v - b) / (t - b));
      return {
        fraction: f,
        rule,
        reason: {
          zh: `未达标（${e.reason.zh}）；完成比例 (${v} − ${b}) ÷ (${t} − ${b}) = ${pct(f)}（基准 ${base.year} 年 ${base.valueText}）`,
          en: `not attained (${e.reason.en}); share of the way (${v} − ${b}) ÷ (${t} − ${b}) = ${pct(f)} (baseline ${base.valueText} in ${base.year})`,
        },
        missing: null,
      };
    }
    default:
      return { fraction: 0, rule, reason: { zh: label.zh, en: label.en }, missing: null };
  }
}

/** Evaluations shared between subjects and years: one per indicator, region and year (nested maps, no key strings). */
class EvaluationMemo {
  private readonly memo = new Map<Indicator, Map<Region, Map<number, IndicatorEvaluation>>>();
  constructor(
    private readonly plan: Plan,
    private readonly index: ObservationIndex,
  ) {}
  get(ind: Indicator, region: Region, year: number): IndicatorEvaluation {
    let regions = this.memo.get(ind);
    if (!regions) this.memo.set(ind, (regions = new Map()));
    let years = regions.get(region);
    if (!years) regions.set(region, (years = new Map()));
    let e = years.get(year);
    if (!e) {
      // A revised plan: the indicator as it was in force that year (its targets then), or not applicable.
      const inForce = planInForce(this.plan, year);
      const then = inForce === this.plan ? ind : inForce.indicators.find((x) => x.code === ind.code);
      years.set(year, (e = then ? evaluateIndicator(inForce, then, region, year, this.index) : notInForce(this.plan, ind, year)));
    }
    return e;
  }
}

interface Draft {
  kind: SubjectKind;
  code: string;
  name: string;
  nameEn: string;
  items: AssessmentItem[];
  vetoed: boolean;
  index: AssessedSubject['index'];
}

function indicatorItems(
  scheme: Scheme,
  plan: Plan,
  memo: EvaluationMemo,
  region: Region,
  year: number,
  entries: readonly { ind: Indicator; weight: number; role: IndicatorItem['role'] }[],
  totalPoints: number,
): IndicatorItem[] {
  const evaluated = entries.map((x) => ({ ...x, e: memo.get(x.ind, region, year) }));
  // A target that does not apply to this kind of region (a 城市 threshold for a county) leaves the item out; its
  // weight goes to the others in proportion. A county that has not reported counts as missing, not as not applying.
  const applies = evaluated.filter((x) => !(x.e.status === 'not_applicable' && !(region.parent !== null && x.e.reason.en.startsWith('no data'))));
  const max = apportion(applies.map((x) => x.weight), totalPoints);
  return applies.map((x, i) => {
    const s = scoreEvaluation(scheme, x.ind, region, x.e);
    const maxPoints = max[i]!;
    const points = toHundredths(maxPoints * s.fraction);
    return {
      kind: 'indicator',
      indicator: x.ind.code,
      name: x.ind.name,
      domainId: x.ind.domainId,
      role: x.role,
      maxPoints: h2p(maxPoints),
      points: h2p(points),
      fraction: s.fraction,
      rule: s.rule,
      status: x.e.status,
      value: x.e.value,
      target: x.e.target,
      reason: s.reason,
      observations: x.e.observations,
      missing: s.missing,
    };
  });
}

interface ProjectState {
  entry: LibraryEntry;
  status: ProjectItem['status'];
  warning: ProjectWarning | null;
  report: ProjectItem['report'];
}

/** Projects under way in the year (started, not completed or terminated before it), with their status at its end. */
function projectStates(input: AssessmentInput, year: number): ProjectState[] {
  const active = input.library.filter((p) => !p.retired && p.startYear <= year);
  const reportsBefore = new Map<number, ProgressFact>();
  const reportsUpTo = new Map<number, ProgressFact>();
  for (const f of input.progress) {
    if (f.year < year && (reportsBefore.get(f.no)?.year ?? -1) < f.year) reportsBefore.set(f.no, f);
    if (f.year <= year && (reportsUpTo.get(f.no)?.year ?? -1) < f.year) reportsUpTo.set(f.no, f);
  }
  const running = active.filter((p) => {
    const s = reportsBefore.get(p.no)?.status;
    return s !== 'completed' && s !== 'terminated';
  });
  const warnings = projectWarnings(running, input.progress, { asOf: endOfYear(year), upTo: year });
  return running.map((entry) => {
    const own = warnings.filter((w) => w.projectNo === entry.no);
    const overdue = own.find((w) => w.kind === 'overdue');
    const behind = own.find((w) => w.kind === 'behind_schedule' || w.kind === 'stalled');
    const r = reportsUpTo.get(entry.no);
    return {
      entry,
      status: overdue ? 'overdue' : behind ? 'behind' : 'on_schedule',
      warning: overdue ?? behind ?? null,
      report: r ? { year: r.year, version: r.version, status: r.status, physicalProgress: r.physicalProgress } : null,
    };
  });
}

function projectItems(scheme: Scheme, states: readonly ProjectState[], deptId: string, totalPoints: number): ProjectItem[] {
  const own = states.filter((s) => s.entry.leadIds.includes(deptId));
  const roles = own.map((s) => (s.entry.leadIds[0] === deptId ? 'lead' : 'share') as 'lead' | 'share');
  const max = apportion(roles.map((r) => (r === 'lead' ? 100 : Math.round(scheme.departments.shareFactor * 100))), totalPoints);
  return own.map((s, i) => {
    const fraction = s.status === 'overdue' ? scheme.projectCredit.overdue : s.status === 'behind' ? scheme.projectCredit.behind : scheme.projectCredit.onSchedule;
    const statusText = s.report ? `${s.report.year} 年“${STATUSES[s.report.status as keyof typeof STATUSES]?.zh ?? s.report.status}”` : '尚无进展填报';
    return {
      kind: 'project',
      indicator: null,
      project: s.entry.no,
      name: s.entry.name,
      role: roles[i]!,
      maxPoints: h2p(max[i]!),
      points: h2p(toHundredths(max[i]! * fraction)),
      fraction,
      rule: 'projectSchedule',
      status: s.status,
      reason: s.warning
        ? { zh: `${s.warning.message}，得 ${pct(fraction)}`, en: `${s.warning.messageEn}; credited ${pct(fraction)}` }
        : { zh: `按期推进（${statusText}），得 ${pct(fraction)}`, en: `on schedule (${s.report ? `${s.report.year}: ${s.report.status}` : 'no report yet'}); credited ${pct(fraction)}` },
      report: s.report,
    };
  });
}

/** Adds deductions (capped, and never below a score of 0) and vetoes to a subject's items. */
function finish(scheme: Scheme, d: Draft, overdue: readonly ProjectState[], vetoes: readonly VetoRecord[]): void {
  let score = d.items.reduce((a, x) => a + Math.round(x.points * 100), 0);
  for (const rule of scheme.deductions) {
    if (!rule.subjects.includes(d.kind)) continue;
    let used = 0;
    for (const s of overdue) {
      const take = Math.min(rule.points, rule.max - used, score);
      if (take <= 0) break;
      used += take;
      score -= take;
      d.items.push({
        kind: 'deduction',
        indicator: null,
        deduction: rule.id,
        project: s.entry.no,
        name: `${rule.name}：${s.entry.no}. ${s.entry.name}`,
        maxPoints: 0,
        points: -h2p(take),
        rule: 'deduction',
        reason: {
          zh: `${s.warning?.message ?? s.entry.name}；扣 ${h2p(take)} 分（每项 ${h2p(rule.points)} 分，上限 ${h2p(rule.max)} 分）`,
          en: `${s.warning?.messageEn ?? s.entry.nameEn}; minus ${h2p(take)} (${h2p(rule.points)} each, at most ${h2p(rule.max)})`,
        },
      });
    }
  }
  for (const v of vetoes) {
    const item = scheme.vetoes.find((x) => x.id === v.veto);
    d.vetoed = true;
    d.items.push({
      kind: 'veto',
      indicator: null,
      veto: v.veto,
      name: item?.name ?? v.veto,
      maxPoints: 0,
      points: 0,
      rule: 'veto',
      reason: {
        zh: `一票否决：${item?.name ?? v.veto}（依据：${v.evidence}）；等级定为“${scheme.grades.at(-1)!.name}”，排在未被否决者之后`,
        en: `veto: ${item?.nameEn ?? v.veto} (evidence: ${v.evidence}); graded "${scheme.grades.at(-1)!.nameEn}" and ranked after every subject not vetoed`,
      },
      evidence: v.evidence,
      recordId: v.id,
      recordedBy: v.recordedBy,
      recordedAt: v.recordedAt,
    });
  }
}

function assessYear(input: AssessmentInput, year: number, memo: EvaluationMemo): { subjects: AssessedSubject[]; index: CompositeIndex } {
  const { plan, scheme } = input;
  const indicators = new Map(plan.indicators.map((x) => [x.code, x]));
  const city = plan.regions.find((r) => r.code === plan.meta.region)!;
  const counties = subRegions(plan);
  const states = projectStates(input, year);
  const overdue = states.filter((s) => s.status === 'overdue');
  const vetoesOf = (kind: SubjectKind, code: string) => input.vetoes.filter((v) => v.year === year && v.subjectKind === kind && v.subjectCode === code);

  // The counties' composite index (efficacy coefficient) over the year's approved values.
  const indexIndicators = scheme.index.categories.flatMap((c) => c.indicators.map((i) => ({ ...i, category: c.id })));
  const rows = efficacyIndex(
    indexIndicators,
    scheme.index.categories,
    counties.map((r) => ({
      code: r.code,
      values: new Map<number, EfficacyValue>(indexIndicators.map((i) => [i.code, input.observations.get(i.code, r.code, 'value', year)?.value ?? null])),
    })),
  );
  const rounded = rows.map((r) => ({ code: r.code, value: r.index === null ? -1 : Math.round(r.index * 100) }));
  const indexRanks = new Map(competitionRanks(rounded.filter((r) => r.value >= 0)).map((r) => [r.code, r.rank]));
  const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  const index: CompositeIndex = {
    name: scheme.index.name,
    nameEn: scheme.index.nameEn,
    categories: scheme.index.categories.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn, weight: h2p(c.weight) })),
    regions: rows.map((r) => ({
      code: r.code,
      name: counties.find((c) => c.code === r.code)!.name,
      value: round2(r.index),
      rank: indexRanks.get(r.code) ?? null,
      categories: r.categories.map((c) => ({ id: c.id, value: round2(c.index) })),
      indicators: r.indicators.map((i) => ({ code: i.code, value: i.value, scaled: round2(i.scaled), basis: i.basis })),
    })),
  };

  const drafts: Draft[] = [];
  for (const region of counties) {
    const entries = scheme.regions.indicators.map((w) => ({ ind: indicators.get(w.code)!, weight: w.weight, role: null }));
    const d: Draft = { kind: 'region', code: region.code, name: region.name, nameEn: region.nameEn, items: indicatorItems(scheme, plan, memo, region, year, entries, 10000), vetoed: false, index: null };
    const ix = index.regions.find((r) => r.code === region.code)!;
    d.index = { value: ix.value, rank: ix.rank, categories: ix.categories.map((c) => ({ id: c.id, value: c.value })) };
    const govIds = new Set(plan.departments.filter((x) => x.region === region.code).map((x) => x.id));
    finish(scheme, d, overdue.filter((s) => s.entry.regions.includes(region.code) || s.entry.leadIds.some((id) => govIds.has(id))), vetoesOf('region', region.code));
    drafts.push(d);
  }
  const weightOf = new Map(scheme.departments.indicators.map((w) => [w.code, w.weight]));
  for (const dept of plan.departments) {
    if (!scheme.departments.kinds.includes(dept.kind)) continue;
    const entries = plan.indicators
      .filter((ind) => ind.departmentIds.includes(dept.id) && weightOf.has(ind.code))
      .map((ind) => {
        const lead = ind.departmentIds[0] === dept.id;
        return { ind, weight: Math.round(weightOf.get(ind.code)! * (lead ? 1 : scheme.departments.shareFactor)), role: (lead ? 'lead' : 'share') as IndicatorItem['role'] };
      });
    const hasProjects = states.some((s) => s.entry.leadIds.includes(dept.id));
    if (!entries.length && !hasProjects) continue;
    const indicatorTotal = hasProjects ? (entries.length ? scheme.departments.indicatorPoints : 0) : 10000;
    const items: AssessmentItem[] = [
      ...indicatorItems(scheme, plan, memo, city, year, entries, indicatorTotal),
      ...projectItems(scheme, states, dept.id, 10000 - indicatorTotal),
    ];
    const d: Draft = { kind: 'department', code: dept.id, name: dept.name, nameEn: dept.nameEn, items, vetoed: false, index: null };
    finish(scheme, d, overdue.filter((s) => s.entry.leadIds.includes(dept.id)), vetoesOf('department', dept.id));
    drafts.push(d);
  }

  const subjects: AssessedSubject[] = [];
  for (const kind of ['region', 'department'] as const) {
    const group = drafts.filter((d) => d.kind === kind).map((d) => ({ d, code: d.code, value: d.items.reduce((a, x) => a + Math.round(x.points * 100), 0), group: d.vetoed ? 1 : 0 }));
    for (const r of competitionRanks(group)) {
      const score = h2p(r.value);
      const grade = r.d.vetoed ? scheme.grades.at(-1)! : gradeOf(scheme.grades, score);
      const byDomain = new Map<string, { points: number; maxPoints: number }>();
      for (const x of r.d.items) {
        if (x.kind !== 'indicator') continue;
        const m = byDomain.get(x.domainId) ?? { points: 0, maxPoints: 0 };
        m.points += Math.round(x.points * 100);
        m.maxPoints += Math.round(x.maxPoints * 100);
        byDomain.set(x.domainId, m);
      }
      subjects.push({
        kind,
        code: r.d.code,
        name: r.d.name,
        nameEn: r.d.nameEn,
        score,
        rank: r.rank,
        grade: grade.name,
        gradeId: grade.id,
        gradeEn: grade.nameEn,
        vetoed: r.d.vetoed,
        items: r.d.items,
        missingCount: r.d.items.filter((x) => x.kind === 'indicator' && x.missing).length,
        byDomain: plan.domains.filter((dm) => byDomain.has(dm.id)).map((dm) => ({ domainId: dm.id, points: h2p(byDomain.get(dm.id)!.points), maxPoints: h2p(byDomain.get(dm.id)!.maxPoints) })),
        previous: null,
        change: null,
        index: r.d.index,
      });
    }
  }
  return { subjects, index };
}

/**
 * The assessment of `input.year`, with each subject's change from the year before (assessed by the same scheme
 * on the same data) when that year is after the plan's base year.
 */
export function assess(input: AssessmentInput, opts: { previous?: boolean } = {}): AssessmentResult {
  return assessYears(input, [input.year], opts)[0]!;
}

/**
 * The assessments of several years on the same data, each year computed once (a year is also the year before of
 * the next one): what a series over the plan period costs (bench/assessment.js). `input.year` is ignored.
 */
export function assessYears(input: AssessmentInput, years: readonly number[], opts: { previous?: boolean } = {}): AssessmentResult[] {
  const memo = new EvaluationMemo(input.plan, input.observations);
  const done = new Map<number, { subjects: AssessedSubject[]; index: CompositeIndex }>();
  const yearOf = (y: number) => {
    let r = done.get(y);
    if (!r) done.set(y, (r = assessYear(input, y, memo)));
    return r;
  };
  const { scheme } = input;
  return years.map((year) => {
    const current = yearOf(year);
    // The annual report's chapter skips the year before (opts.previous false): it shows the ranking only.
    const previousYear = opts.previous !== false && year - 1 > input.plan.meta.baseYear ? year - 1 : null;
    // A year's subjects are shared when it is also the year before of another: the change goes on copies.
    let subjects = current.subjects;
    if (previousYear !== null) {
      const byKey = new Map(yearOf(previousYear).subjects.map((x) => [`${x.kind}|${x.code}`, x]));
      subjects = current.subjects.map((x) => {
        const p = byKey.get(`${x.kind}|${x.code}`);
        return p ? { ...x, previous: { score: p.score, rank: p.rank, grade: p.grade }, change: h2p(Math.round(x.score * 100) - Math.round(p.score * 100)) } : x;
      });
    }
    return { scheme: { id: scheme.id, version: scheme.version, name: scheme.name, nameEn: scheme.nameEn, hash: scheme.hash }, year, subjects, index: current.index, previousYear };
  });
}
