// Plan revisions (规划修订 at a mid-term review): which content is in force for a year, what a revision changes, and
// whether it may. Pure: the store supplies the facts (approved years per indicator, earlier revisions).
import { horizonsOf } from './horizons.js';
import type { Indicator, Plan } from './model.js';

/**
 * The content of a plan in force for a year: the latest approved version whose effective year is not after it.
 * The version first loaded is in force from the base year (and for any earlier year asked).
 */
export function planInForce(plan: Plan, year: number): Plan {
  if (!plan.earlier?.length) return plan;
  let chosen = plan.earlier[0]!;
  for (const p of [...plan.earlier, plan]) if ((p.revision?.effectiveYear ?? -Infinity) <= year) chosen = p;
  return chosen;
}

/** Fields whose change breaks an indicator's series (口径变化): values before and after are not comparable. */
export const DEFINITION_FIELDS = ['name', 'unit', 'direction'] as const;
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

export interface IndicatorChange {
  code: number;
  name: string;
  kind: 'added' | 'retired' | 'changed';
  /** Targets whose text changed, by horizon (added: every target; retired: none). */
  targets: { horizon: string; from: string | null; to: string | null }[];
  /** Definition fields that changed: the series is marked as not comparable across the revision. */
  definition: { field: DefinitionField; from: string | null; to: string | null }[];
  /** Responsible departments (names) before and after, when they changed. */
  departments: { from: string[]; to: string[] } | null;
  /** Other attributes that changed (binding, task area, progress assessment, English name, measure), by name. */
  other: string[];
}

export interface PlanDiff {
  indicators: IndicatorChange[];
  departments: { added: string[]; removed: string[] };
  projects: { added: { no: number; name: string }[]; removed: { no: number; name: string }[]; changed: { no: number; name: string; fields: string[] }[] };
  /** True when nothing a user would see changed. */
  empty: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function indicatorChange(a: Indicator | undefined, b: Indicator | undefined, horizons: string[]): IndicatorChange | null {
  const x = (b ?? a)!;
  if (!a) return { code: x.code, name: x.name, kind: 'added', targets: horizons.map((h) => ({ horizon: h, from: null, to: x.targets[h]?.text ?? null })), definition: [], departments: null, other: [] };
  if (!b) return { code: x.code, name: x.name, kind: 'retired', targets: [], definition: [], departments: null, other: [] };
  const targets = horizons.filter((h) => a.targets[h]?.text !== b.targets[h]?.text).map((h) => ({ horizon: h, from: a.targets[h]?.text ?? null, to: b.targets[h]?.text ?? null }));
  const definition = DEFINITION_FIELDS.filter((f) => a[f] !== b[f]).map((field) => ({ field, from: a[field], to: b[field] }));
  const departments = same(a.departments, b.departments) ? null : { from: a.departments, to: b.departments };
  const other: string[] = [];
  if (a.binding !== b.binding) other.push('binding');
  if (a.taskAreaId !== b.taskAreaId) other.push('taskArea');
  if (a.assessProgress !== b.assessProgress) other.push('progress');
  if (a.nameEn !== b.nameEn) other.push('nameEn');
  if (a.measure !== b.measure) other.push('measure');
  if (!targets.length && !definition.length && !departments && !other.length) return null;
  return { code: x.code, name: b.name, kind: 'changed', targets, definition, departments, other };
}

/** What a revision changes, indicator by indicator, and in departments and key projects. */
export function diffPlans(prev: Plan, next: Plan): PlanDiff {
  const horizons = horizonsOf(next);
  const codes = [...new Set([...prev.indicators, ...next.indicators].map((i) => i.code))].sort((a, b) => a - b);
  const byCode = (p: Plan) => new Map(p.indicators.map((i) => [i.code, i]));
  const [pa, pb] = [byCode(prev), byCode(next)];
  const indicators = codes.map((c) => indicatorChange(pa.get(c), pb.get(c), horizons)).filter((c): c is IndicatorChange => c !== null);
  const depA = new Set(prev.departments.map((d) => d.name));
  const depB = new Set(next.departments.map((d) => d.name));
  const projA = new Map(prev.projects.map((p) => [p.no, p]));
  const projB = new Map(next.projects.map((p) => [p.no, p]));
  const changed: PlanDiff['projects']['changed'] = [];
  for (const [no, b] of projB) {
    const a = projA.get(no);
    if (!a) continue;
    const fields = (['name', 'content', 'investmentText', 'startYear', 'endYear', 'categoryId', 'leads', 'regions'] as const).filter((f) => !same(a[f], b[f]));
    if (fields.length) changed.push({ no, name: b.name, fields: [...fields] });
  }
  const diff: PlanDiff = {
    indicators,
    departments: { added: [...depB].filter((d) => !depA.has(d)), removed: [...depA].filter((d) => !depB.has(d)) },
    projects: {
      added: [...projB.values()].filter((p) => !projA.has(p.no)).map((p) => ({ no: p.no, name: p.name })),
      removed: [...projA.values()].filter((p) => !projB.has(p.no)).map((p) => ({ no: p.no, name: p.name })),
      changed,
    },
    empty: false,
  };
  diff.empty = !indicators.length && !diff.departments.added.length && !diff.departments.removed.length && !diff.projects.added.length && !diff.projects.removed.length && !changed.length;
  return diff;
}

export interface RevisionProblem {
  code: string;
  zh: string;
  en: string;
}

export interface RevisionFacts {
  /** The latest year with an approved value, by indicator code (indicators without approved values are absent). */
  lastApprovedYear: ReadonlyMap<number, number>;
  /** The effective year of the latest approved revision (the base year when there is none). */
  lastEffectiveYear: number;
}

/**
 * Whether `next` may replace `prev` from `effectiveYear`. A revision changes what a plan aims at from then on; it
 * never changes what was measured or judged before: the frame (id, base year, period, horizons, regions) stays, a
 * continuing indicator keeps its baseline, and an indicator whose targets or definition change, or that is retired,
 * must have no approved value in or after the effective year (those evaluations stand as they were made).
 */
export function checkRevision(prev: Plan, next: Plan, effectiveYear: number, facts: RevisionFacts): RevisionProblem[] {
  const problems: RevisionProblem[] = [];
  const add = (code: string, zh: string, en: string) => problems.push({ code, zh, en });
  const m0 = prev.meta;
  const m1 = next.meta;
  if (m1.id !== m0.id) add('REVISION_OTHER_PLAN', `修订内容的规划 id 为“${m1.id}”，应为“${m0.id}”`, `the revised content is plan "${m1.id}", expected "${m0.id}"`);
  const frame: [string, string, unknown, unknown][] = [
    ['基准年', 'base year', m0.baseYear, m1.baseYear],
    ['规划期', 'period', m0.period, m1.period],
    ['目标年', 'horizons', m0.horizons.map((h) => h.year), m1.horizons.map((h) => h.year)],
    ['规划范围行政区代码', 'region code', m0.region, m1.region],
    ['行政区', 'regions', prev.regions.map((r) => r.code), next.regions.map((r) => r.code)],
  ];
  for (const [zh, en, a, b] of frame)
    if (!same(a, b))
      add('REVISION_CHANGES_FRAME', `修订不能改变${zh}（${JSON.stringify(a)} → ${JSON.stringify(b)}）；这样的变化是一部新规划`, `a revision cannot change the ${en} (${JSON.stringify(a)} → ${JSON.stringify(b)}); that is a new plan`);
  if (effectiveYear <= m0.baseYear || effectiveYear > m0.period.end)
    add('REVISION_YEAR_OUT_OF_RANGE', `生效年份 ${effectiveYear} 应在 ${m0.baseYear + 1}–${m0.period.end} 之间`, `the effective year ${effectiveYear} must be within ${m0.baseYear + 1}–${m0.period.end}`);
  if (effectiveYear < facts.lastEffectiveYear)
    add('REVISION_BEFORE_LAST', `生效年份 ${effectiveYear} 早于上一次修订的生效年份 ${facts.lastEffectiveYear}`, `the effective year ${effectiveYear} is before that of the last revision (${facts.lastEffectiveYear})`);
  const diff = diffPlans(prev, next);
  if (diff.empty) add('REVISION_EMPTY', '修订内容与现行规划相同，没有可修订之处', 'the revised content is the same as the plan in force: nothing to revise');
  const before = new Map(prev.indicators.map((i) => [i.code, i]));
  for (const ind of next.indicators) {
    const old = before.get(ind.code);
    if (old && old.baseline.text !== ind.baseline.text)
      add(
        'REVISION_CHANGES_BASELINE',
        `指标 ${ind.code}（${ind.name}）的现状值不能由修订改变（${old.baseline.text} → ${ind.baseline.text}）；更正历年数值请提交新版本数值`,
        `indicator ${ind.code} (${ind.nameEn}): a revision cannot change its baseline (${old.baseline.text} → ${ind.baseline.text}); correct a past value by a new version of it`,
      );
  }
  for (const c of diff.indicators) {
    if (c.kind === 'added') continue;
    const touchesEvaluation = c.kind === 'retired' || c.targets.length > 0 || c.definition.length > 0;
    const last = facts.lastApprovedYear.get(c.code);
    if (touchesEvaluation && last !== undefined && last >= effectiveYear)
      add(
        'REVISION_CHANGES_APPROVED',
        `指标 ${c.code}（${c.name}）已有 ${last} 年的审定数值，其目标或口径的修订最早自 ${last + 1} 年起生效（生效年份为 ${effectiveYear}）`,
        `indicator ${c.code} has an approved value for ${last}: a change of its targets or definition can take effect from ${last + 1} at the earliest (effective year given: ${effectiveYear})`,
      );
  }
  return problems;
}

/** Where an indicator's series breaks: the effective years of revisions that changed its definition. */
export function definitionBreaks(plan: Plan, code: number): { year: number; revision: number; fields: DefinitionField[] }[] {
  const versions = [...(plan.earlier ?? []), plan];
  const breaks: { year: number; revision: number; fields: DefinitionField[] }[] = [];
  for (let i = 1; i < versions.length; i++) {
    const a = versions[i - 1]!.indicators.find((x) => x.code === code);
    const b = versions[i]!.indicators.find((x) => x.code === code);
    if (!a || !b) continue;
    const fields = DEFINITION_FIELDS.filter((f) => a[f] !== b[f]);
    if (fields.length) breaks.push({ year: versions[i]!.revision!.effectiveYear, revision: versions[i]!.revision!.no, fields: [...fields] });
  }
  return breaks;
}

/** An indicator through the plan's approved versions: what was in force from which year (retired: absent from then). */
export function indicatorHistory(plan: Plan, code: number) {
  const versions = [...(plan.earlier ?? []), plan];
  return versions.map((p) => {
    const ind = p.indicators.find((x) => x.code === code);
    const r = p.revision;
    return {
      revision: r?.no ?? 0,
      effectiveYear: r?.effectiveYear ?? p.meta.baseYear,
      document: r?.document ?? null,
      reason: r?.reason ?? null,
      inForce: Boolean(ind),
      name: ind?.name ?? null,
      unit: ind?.unit ?? null,
      binding: ind?.binding ?? null,
      targets: ind ? horizonsOf(p).map((h) => ({ horizon: h, text: ind.targets[h]!.text })) : [],
      departments: ind?.departments ?? [],
    };
  });
}
