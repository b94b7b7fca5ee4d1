// The assessment scheme (考核方案) of a plan: who is assessed, weights by domain and indicator, the scoring rule of
// each target kind, deductions, veto items, grade bands and the composite index. Declared as plan data in
// plans/<plan>/assessment.yaml; this module validates it against the plan and builds the typed scheme. Pure: the
// folder reader does the I/O. The format is documented in docs/assessment.md.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Plan } from '../plan/model.js';
import { problemsFromZod, type PlanProblem } from '../plan/problems.js';
import { STATES } from '../plan/targets.js';

import { ASSESSMENT_FILE } from '../plan/schema.js';

export { ASSESSMENT_FILE };

/** Target kinds of the target language (docs/target-language.md) a rule can be declared for. */
export const TARGET_KINDS = ['threshold', 'split', 'state', 'relative', 'assigned', 'all'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * Scoring rules. Each gives a fraction of an item's points in [0, 1]; an attained target always gets 1.
 * - attainedOnly: 1 when attained, else 0;
 * - progressRatio: the share of the way from the baseline to the target covered by the value (linear, clamped);
 * - progressLevel: a credit per UNSD progress level, as the evaluation classifies it (docs/methods/progress.md);
 * - stateCredit: a credit per reported state (e.g. 在编 on the way to 制定实施);
 * - assignedRatio: value ÷ assigned figure (assigned ÷ value when lower is better), clamped.
 */
export const RULES = ['attainedOnly', 'progressRatio', 'progressLevel', 'stateCredit', 'assignedRatio'] as const;
export type RuleName = (typeof RULES)[number];

/** Which rules make sense for which target kind. */
export const RULES_FOR_KIND: Record<TargetKind, readonly RuleName[]> = {
  threshold: ['attainedOnly', 'progressRatio', 'progressLevel'],
  split: ['attainedOnly', 'progressRatio', 'progressLevel'],
  state: ['attainedOnly', 'stateCredit'],
  relative: ['attainedOnly', 'progressLevel'],
  assigned: ['attainedOnly', 'assignedRatio', 'progressLevel'],
  all: ['attainedOnly', 'progressLevel'],
};

export const RULE_LABELS: Record<RuleName, { zh: string; en: string }> = {
  attainedOnly: { zh: '达标得满分，未达标不得分', en: 'full marks when attained, none otherwise' },
  progressRatio: { zh: '达标得满分，未达标按基准值至目标值的完成比例得分', en: 'full marks when attained, else the share of the way from baseline to target' },
  progressLevel: { zh: '达标得满分，未达标按进展等级（UNSD）得分', en: 'full marks when attained, else a credit per UNSD progress level' },
  stateCredit: { zh: '达到目标状态得满分，其他状态按方案规定比例得分', en: 'full marks in the target state, else a credit per reported state' },
  assignedRatio: { zh: '完成上级下达目标得满分，未完成按实际值与下达值之比得分', en: 'full marks when the assigned figure is met, else value ÷ assigned figure' },
};

export const PROGRESS_LEVEL_CODES = ['target_met', 'on_track', 'moderate', 'marginal', 'regression', 'not_assessable'] as const;

const bilingual = { name: z.string().min(1), nameEn: z.string().min(1) };
const weight = z.number().nonnegative();
const credit = z.number().min(0).max(1);
const codeKey = z.string().regex(/^\d+$/);

const domainWeights = z.array(
  z.strictObject({
    domain: z.string().min(1),
    weight,
    indicators: z.record(codeKey, weight),
  }),
);

const ruleSpec = z.strictObject({ rule: z.string().min(1), credit: z.record(z.string(), credit).optional() });

const schemeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.number().int().positive(),
  ...bilingual,
  default: z.boolean().optional(),
  /** Where each choice comes from: the plan's words, or ecoplan's choice where the plan is silent. */
  basis: z.string().min(1),
  regions: z.strictObject({ domains: domainWeights }),
  departments: z.strictObject({
    kinds: z.array(z.enum(['party', 'government', 'provincial', 'national'])).min(1),
    indicatorPoints: weight,
    projectPoints: weight,
    shareFactor: credit,
    domains: domainWeights,
  }),
  rules: z.record(z.string(), ruleSpec),
  progressLevels: z.strictObject(Object.fromEntries(PROGRESS_LEVEL_CODES.map((c) => [c, credit])) as Record<(typeof PROGRESS_LEVEL_CODES)[number], typeof credit>),
  projectCredit: z.strictObject({ onSchedule: credit, behind: credit, overdue: credit }),
  missing: z.strictObject({ credit }),
  deductions: z.array(
    z.strictObject({
      id: z.enum(['projectOverdue']),
      ...bilingual,
      points: z.number().positive(),
      max: z.number().positive(),
      subjects: z.array(z.enum(['region', 'department'])).min(1),
    }),
  ),
  vetoes: z.array(z.strictObject({ id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), ...bilingual })),
  grades: z.array(z.strictObject({ id: z.string().regex(/^[a-z]+$/), ...bilingual, min: z.number().min(0).max(100) })).min(2),
  index: z.strictObject({
    ...bilingual,
    categories: z.array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), ...bilingual, weight, indicators: z.record(codeKey, weight) })).min(1),
  }),
});

export const assessmentFileSchema = z.strictObject({ schemes: z.array(schemeSchema).min(1) });
export type RawAssessmentFile = z.infer<typeof assessmentFileSchema>;
type RawScheme = z.infer<typeof schemeSchema>;

/** Weights in hundredths of a point (integers), so that sums are exact. */
export interface WeightedIndicator {
  code: number;
  domainId: string;
  /** hundredths of a point */
  weight: number;
}

export interface RuleChoice {
  rule: RuleName;
  /** stateCredit: credit per state code */
  credit: Record<string, number>;
}

export interface Scheme {
  id: string;
  version: number;
  name: string;
  nameEn: string;
  isDefault: boolean;
  basis: string;
  /** sha-256 of the scheme's canonical JSON: a frozen result names the exact scheme it used. */
  hash: string;
  regions: { indicators: WeightedIndicator[]; domains: { domainId: string; weight: number }[] };
  departments: {
    kinds: string[];
    indicatorPoints: number;
    projectPoints: number;
    shareFactor: number;
    indicators: WeightedIndicator[];
  };
  rules: Record<TargetKind, RuleChoice>;
  progressLevels: Record<(typeof PROGRESS_LEVEL_CODES)[number], number>;
  projectCredit: { onSchedule: number; behind: number; overdue: number };
  missingCredit: number;
  deductions: { id: 'projectOverdue'; name: string; nameEn: string; points: number; max: number; subjects: ('region' | 'department')[] }[];
  vetoes: { id: string; name: string; nameEn: string }[];
  /** Highest band first; the last band is the one a veto forces. */
  grades: { id: string; name: string; nameEn: string; min: number }[];
  index: {
    name: string;
    nameEn: string;
    categories: { id: string; name: string; nameEn: string; weight: number; indicators: { code: number; weight: number; negative: boolean }[] }[];
  };
}

export type SchemeResult = { ok: true; schemes: Scheme[] } | { ok: false; problems: PlanProblem[] };

/** Exact hundredths of a weight; null when it has more than two decimals. */
function hundredths(x: number): number | null {
  const h = Math.round(x * 100);
  return Math.abs(h - x * 100) < 1e-6 ? h : null;
}
const show = (h: number) => (h / 100).toString();

export function canonicalHash(raw: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canon(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canon(raw))).digest('hex');
}

/** Validates assessment.yaml against its schema and against the plan; every problem in Chinese and English. */
export function buildSchemes(raw: unknown, plan: Plan): SchemeResult {
  const file = ASSESSMENT_FILE;
  const parsed = assessmentFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(file, parsed.error) };
  const problems: PlanProblem[] = [];
  const problem = (path: (string | number)[], message: string, messageEn: string) => problems.push({ file, path, message, messageEn });
  const seen = new Set<string>();
  const schemes: Scheme[] = [];
  parsed.data.schemes.forEach((s, i) => {
    const at = (...p: (string | number)[]) => ['schemes', i, ...p];
    if (seen.has(s.id)) problem(at('id'), `重复的方案编号“${s.id}”`, `duplicate scheme id "${s.id}"`);
    seen.add(s.id);
    const built = buildOne(s, plan, at, problem);
    if (built) schemes.push(built);
  });
  const defaults = parsed.data.schemes.filter((s) => s.default);
  if (defaults.length > 1) problem(['schemes'], `只能有一个默认方案（现有 ${defaults.length} 个 default: true）`, `only one scheme may be the default (${defaults.length} have default: true)`);
  if (problems.length) return { ok: false, problems };
  if (!defaults.length) schemes[0]!.isDefault = true;
  return { ok: true, schemes };
}

type Problem = (path: (string | number)[], message: string, messageEn: string) => void;

function buildOne(s: RawScheme, plan: Plan, at: (...p: (string | number)[]) => (string | number)[], problem: Problem): Scheme | null {
  let bad = false;
  const fail: Problem = (p, zh, en) => {
    bad = true;
    problem(p, zh, en);
  };
  const indicators = new Map(plan.indicators.map((x) => [x.code, x]));
  const domainIds = new Set(plan.domains.map((d) => d.id));

  const weights = (part: 'regions' | 'departments', list: RawScheme['regions']['domains'], total: number | null): { indicators: WeightedIndicator[]; domains: { domainId: string; weight: number }[] } => {
    const out: WeightedIndicator[] = [];
    const domains: { domainId: string; weight: number }[] = [];
    let sum = 0;
    const used = new Set<number>();
    list.forEach((d, j) => {
      const dw = hundredths(d.weight);
      if (dw === null) return fail(at(part, 'domains', j, 'weight'), '权重最多保留两位小数', 'a weight has at most two decimals');
      if (!domainIds.has(d.domain))
        fail(at(part, 'domains', j, 'domain'), `规划中没有领域“${d.domain}”（可选：${[...domainIds].join('、')}）`, `the plan has no domain "${d.domain}" (one of: ${[...domainIds].join(', ')})`);
      sum += dw;
      domains.push({ domainId: d.domain, weight: dw });
      let inner = 0;
      for (const [codeText, w] of Object.entries(d.indicators)) {
        const code = Number(codeText);
        const ind = indicators.get(code);
        const path = at(part, 'domains', j, 'indicators', codeText);
        if (!ind) {
          fail(path, `规划中没有指标 ${code}`, `indicator ${code} is not in the plan`);
          continue;
        }
        if (ind.domainId !== d.domain)
          fail(path, `指标 ${code}“${ind.name}”属于领域“${ind.domainId}”，不属于“${d.domain}”`, `indicator ${code} belongs to domain "${ind.domainId}", not "${d.domain}"`);
        if (used.has(code)) fail(path, `指标 ${code} 重复出现`, `indicator ${code} appears twice`);
        used.add(code);
        const iw = hundredths(w);
        if (iw === null) {
          fail(path, '权重最多保留两位小数', 'a weight has at most two decimals');
          continue;
        }
        inner += iw;
        out.push({ code, domainId: d.domain, weight: iw });
      }
      if (inner !== dw)
        fail(
          at(part, 'domains', j, 'indicators'),
          `领域“${d.domain}”内各指标权重之和为 ${show(inner)}，应等于该领域权重 ${show(dw)}`,
          `the indicator weights of domain "${d.domain}" add up to ${show(inner)}, not to the domain's weight ${show(dw)}`,
        );
    });
    if (total !== null && sum !== total)
      fail(at(part, 'domains'), `各领域权重之和为 ${show(sum)}，应为 ${show(total)}`, `the domain weights add up to ${show(sum)}, not ${show(total)}`);
    return { indicators: out, domains };
  };

  const regions = weights('regions', s.regions.domains, 10000);
  if (plan.meta.countyIndicators.length)
    for (const w of regions.indicators)
      if (!plan.meta.countyIndicators.includes(w.code))
        fail(at('regions'), `指标 ${w.code} 不在县级填报指标（plan.yaml countyIndicators）中，县区无此数据`, `indicator ${w.code} is not among the county indicators (plan.yaml countyIndicators): counties do not report it`);
  const deps = weights('departments', s.departments.domains, 10000);
  const ip = hundredths(s.departments.indicatorPoints);
  const pp = hundredths(s.departments.projectPoints);
  if (ip === null || pp === null || ip + pp !== 10000)
    fail(at('departments'), `indicatorPoints 与 projectPoints 之和为 ${s.departments.indicatorPoints + s.departments.projectPoints}，应为 100`, `indicatorPoints and projectPoints add up to ${s.departments.indicatorPoints + s.departments.projectPoints}, not 100`);

  const rules = {} as Record<TargetKind, RuleChoice>;
  for (const [kind, spec] of Object.entries(s.rules)) {
    if (!(TARGET_KINDS as readonly string[]).includes(kind)) {
      fail(at('rules', kind), `没有“${kind}”这种目标类型（可选：${TARGET_KINDS.join('、')}）`, `there is no target kind "${kind}" (one of: ${TARGET_KINDS.join(', ')})`);
      continue;
    }
    const allowed = RULES_FOR_KIND[kind as TargetKind];
    if (!(allowed as readonly string[]).includes(spec.rule)) {
      const known = (RULES as readonly string[]).includes(spec.rule);
      fail(
        at('rules', kind, 'rule'),
        known ? `规则“${spec.rule}”不适用于“${kind}”类目标（可选：${allowed.join('、')}）` : `未知的计分规则“${spec.rule}”（“${kind}”类目标可选：${allowed.join('、')}）`,
        known ? `rule "${spec.rule}" does not apply to "${kind}" targets (one of: ${allowed.join(', ')})` : `unknown scoring rule "${spec.rule}" (for "${kind}" targets: ${allowed.join(', ')})`,
      );
      continue;
    }
    const creditMap = spec.credit ?? {};
    if (spec.rule === 'stateCredit')
      for (const code of Object.keys(creditMap))
        if (!STATES.some((x) => x.code === code))
          fail(at('rules', kind, 'credit', code), `未知的状态“${code}”（可选：${STATES.map((x) => x.code).join('、')}）`, `unknown state "${code}" (one of: ${STATES.map((x) => x.code).join(', ')})`);
    rules[kind as TargetKind] = { rule: spec.rule as RuleName, credit: creditMap };
  }
  // Every target kind used by an assessed indicator needs a rule.
  for (const w of [...regions.indicators, ...deps.indicators]) {
    const ind = indicators.get(w.code);
    if (!ind) continue;
    for (const h of Object.values(ind.targets))
      if (!rules[h.kind] && !Object.keys(s.rules).includes(h.kind)) {
        fail(at('rules'), `缺少“${h.kind}”类目标的计分规则（指标 ${w.code} 的目标“${h.text}”）`, `no scoring rule for "${h.kind}" targets (indicator ${w.code}, target "${h.text}")`);
        break;
      }
  }

  const vetoIds = new Set<string>();
  s.vetoes.forEach((v, j) => {
    if (vetoIds.has(v.id)) fail(at('vetoes', j, 'id'), `重复的否决事项“${v.id}”`, `duplicate veto item "${v.id}"`);
    vetoIds.add(v.id);
  });

  const grades = s.grades;
  for (let j = 1; j < grades.length; j++)
    if (!(grades[j]!.min < grades[j - 1]!.min))
      fail(at('grades', j, 'min'), `等级须按下限从高到低排列：${grades[j]!.name} 的下限 ${grades[j]!.min} 不低于 ${grades[j - 1]!.name} 的 ${grades[j - 1]!.min}`, `grades go from the highest lower bound down: ${grades[j]!.id} (${grades[j]!.min}) is not below ${grades[j - 1]!.id} (${grades[j - 1]!.min})`);
  if (grades.at(-1)!.min !== 0) fail(at('grades', grades.length - 1, 'min'), '最低等级的下限须为 0，使每个得分都有等级', 'the lowest grade must start at 0 so that every score has a grade');

  // The composite index: category weights add up to 100, indicator weights to their category's.
  let catSum = 0;
  const categories: Scheme['index']['categories'] = [];
  s.index.categories.forEach((c, j) => {
    const cw = hundredths(c.weight);
    if (cw === null) return fail(at('index', 'categories', j, 'weight'), '权重最多保留两位小数', 'a weight has at most two decimals');
    catSum += cw;
    let inner = 0;
    const list: Scheme['index']['categories'][number]['indicators'] = [];
    for (const [codeText, w] of Object.entries(c.indicators)) {
      const code = Number(codeText);
      const ind = indicators.get(code);
      const path = at('index', 'categories', j, 'indicators', codeText);
      if (!ind) {
        fail(path, `规划中没有指标 ${code}`, `indicator ${code} is not in the plan`);
        continue;
      }
      if (!ind.direction) fail(path, `指标 ${code}“${ind.name}”是定性指标（无正负方向），不能进入功效系数指数`, `indicator ${code} is qualitative (no direction) and cannot enter the efficacy-coefficient index`);
      if (plan.meta.countyIndicators.length && !plan.meta.countyIndicators.includes(code))
        fail(path, `指标 ${code} 不在县级填报指标中，无法在县区间比较`, `indicator ${code} is not a county indicator and cannot be compared across counties`);
      const iw = hundredths(w);
      if (iw === null) {
        fail(path, '权重最多保留两位小数', 'a weight has at most two decimals');
        continue;
      }
      inner += iw;
      list.push({ code, weight: iw, negative: ind.direction === 'decrease' });
    }
    if (inner !== cw)
      fail(at('index', 'categories', j, 'indicators'), `分类“${c.id}”内各指标权重之和为 ${show(inner)}，应等于分类权重 ${show(cw)}`, `the indicator weights of category "${c.id}" add up to ${show(inner)}, not to its weight ${show(cw)}`);
    categories.push({ id: c.id, name: c.name, nameEn: c.nameEn, weight: cw, indicators: list });
  });
  if (catSum !== 10000) fail(at('index', 'categories'), `各分类权重之和为 ${show(catSum)}，应为 100`, `the category weights add up to ${show(catSum)}, not 100`);

  const deductionsOk = s.deductions.every((d, j) => {
    if (d.max < d.points) {
      fail(at('deductions', j, 'max'), `扣分上限 ${d.max} 小于单次扣分 ${d.points}`, `the cap ${d.max} is below one deduction of ${d.points}`);
      return false;
    }
    return true;
  });
  if (bad || !deductionsOk) return null;
  return {
    id: s.id,
    version: s.version,
    name: s.name,
    nameEn: s.nameEn,
    isDefault: s.default === true,
    basis: s.basis,
    hash: canonicalHash(s),
    regions,
    departments: { kinds: s.departments.kinds, indicatorPoints: ip!, projectPoints: pp!, shareFactor: s.departments.shareFactor, indicators: deps.indicators },
    rules,
    progressLevels: s.progressLevels,
    projectCredit: s.projectCredit,
    missingCredit: s.missing.credit,
    deductions: s.deductions.map((d) => ({ ...d, points: hundredths(d.points) ?? Math.round(d.points * 100), max: hundredths(d.max) ?? Math.round(d.max * 100) })),
    vetoes: s.vetoes,
    grades: s.grades,
    index: { name: s.index.name, nameEn: s.index.nameEn, categories },
  };
}

/** The scheme an id names, or the default one. */
export function pickScheme(schemes: readonly Scheme[], id?: string): Scheme | undefined {
  return id ? schemes.find((s) => s.id === id) : (schemes.find((s) => s.isDefault) ?? schemes[0]);
}
