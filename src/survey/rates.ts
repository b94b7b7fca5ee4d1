// Satisfaction (indicator 44) and participation (indicator 45) rates from survey responses, with a 95 % confidence
// interval, unweighted or post-stratified by county population. Pure. The method, and why, is docs/methods/survey.md.
import { COUNTY_TERM } from '../plan/views.js';
import type { Definition, Measure, Response } from './model.js';

/** z for a two-sided 95 % interval: the 0.975 quantile of the standard normal distribution. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion (E. B. Wilson, "Probable inference, the law of succession, and statistical
 * inference", JASA 22 (1927) 209–212): p̂ observed out of n, z the normal quantile. With weights, n is Kish's
 * effective sample size (see effectiveSampleSize). Stays inside [0, 1] and behaves at p̂ = 0 or 1, unlike p̂ ± z·SE.
 */
export function wilson(p: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Kish's effective sample size (Σw)² / Σw² (L. Kish, Survey Sampling, 1965, §11.7): n when all weights are equal. */
export function effectiveSampleSize(weights: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  return s2 === 0 ? 0 : (s * s) / s2;
}

/**
 * Whether one response counts for a measure: true (satisfied / participating), false (answered, does not count),
 * or null (the question was not answered, or this version has no question for the measure: not in the denominator).
 * Satisfaction: a Likert point at or above countsFrom, or a single-choice option marked counts. Participation: at
 * least one chosen option marked counts.
 */
export function classify(def: Definition, measure: Measure, r: Response): boolean | null {
  const q = def.questions.find((x) => x.measures === measure);
  if (!q) return null;
  const a = r.answers[q.id];
  if (a === undefined) return null;
  if (q.type === 'likert') return typeof a === 'number' && a >= q.countsFrom!;
  const counted = new Set(q.options!.filter((o) => o.counts).map((o) => o.id));
  const chosen = Array.isArray(a) ? a : [String(a)];
  return chosen.some((x) => counted.has(x));
}

export interface RateInput {
  definition: Definition;
  response: Response;
}

export interface Stratum {
  county: string;
  /** Population entered for the county (persons). */
  population: number;
  respondents: number;
  counted: number;
}

export interface Rate {
  measure: Measure;
  /** Responses whose answer decides the measure (the denominator) and those that count (the numerator). */
  respondents: number;
  counted: number;
  /** The rate as a proportion 0–1, and its 95 % interval. */
  rate: number | null;
  ci: Interval | null;
  weighted: boolean;
  /** With weights: Kish's effective sample size and the design effect n / n_eff; respondents left out because
   *  their county has no population entered (or they named none). */
  effectiveN?: number;
  designEffect?: number;
  excluded?: number;
  strata?: Stratum[];
}

/**
 * The rate of one measure over responses, each read with the definition of the version it answered.
 * `population` (county code → persons), when given, post-stratifies: each county's share of the respondents is
 * replaced by its share of the population, p_w = Σ_h (N_h / N) p̂_h over counties with respondents (N summed over
 * those counties only), each respondent weighted w_i = (N_h / N) / n_h; the interval is Wilson's at Kish's
 * effective sample size.
 */
export function rate(measure: Measure, items: readonly RateInput[], population?: ReadonlyMap<string, number>): Rate {
  const decided: { county: string | null; counts: boolean }[] = [];
  for (const it of items) {
    const c = classify(it.definition, measure, it.response);
    if (c !== null) decided.push({ county: it.response.county, counts: c });
  }
  if (!population) {
    const n = decided.length;
    const x = decided.filter((d) => d.counts).length;
    return { measure, respondents: n, counted: x, rate: n ? x / n : null, ci: n ? wilson(x / n, n) : null, weighted: false };
  }
  const strata = new Map<string, Stratum>();
  let excluded = 0;
  for (const d of decided) {
    const pop = d.county === null ? undefined : population.get(d.county);
    if (pop === undefined || pop <= 0) {
      excluded++;
      continue;
    }
    const s = strata.get(d.county!) ?? { county: d.county!, population: pop, respondents: 0, counted: 0 };
    s.respondents++;
    if (d.counts) s.counted++;
    strata.set(d.county!, s);
  }
  const list = [...strata.values()].sort((a, b) => a.county.localeCompare(b.county));
  const total = list.reduce((s, x) => s + x.population, 0);
  const n = list.reduce((s, x) => s + x.respondents, 0);
  const counted = list.reduce((s, x) => s + x.counted, 0);
  if (!n) return { measure, respondents: 0, counted: 0, rate: null, ci: null, weighted: true, effectiveN: 0, designEffect: undefined, excluded, strata: list };
  const p = list.reduce((s, x) => s + (x.population / total) * (x.counted / x.respondents), 0);
  const weights = list.flatMap((x) => Array<number>(x.respondents).fill(x.population / total / x.respondents));
  const nEff = effectiveSampleSize(weights);
  return { measure, respondents: n, counted, rate: p, ci: wilson(p, nEff), weighted: true, effectiveN: nEff, designEffect: n / nEff, excluded, strata: list };
}

/** A proportion as a percentage with one decimal, rounded half up (the form table 1's values take: 95.0). */
export function percentText(p: number): string {
  // The tiny offset keeps a value like 0.8855 (stored as 0.88549999…) rounding as written.
  return (Math.floor(p * 1000 + 0.5 + 1e-9) / 10).toFixed(1);
}

/** What the method's words take from the plan: its survey indicators, the note of its table 1 on them, its sub-regions. */
export interface MethodFacts {
  satisfaction: number | null;
  participation: number | null;
  /** The plan's own note on its survey indicators, quoted (e.g. table 1's note on how the survey is run). */
  note: { no: number; text: string } | null;
  term: { zh: string; en: string };
}

const NO_FACTS: MethodFacts = { satisfaction: null, participation: null, note: null, term: COUNTY_TERM };

/** The method in words (for the results page, the export and a proposal's evidence), naming the questions used. */
export function methodLines(def: Definition, facts: MethodFacts = NO_FACTS): string[] {
  const s = def.questions.find((q) => q.measures === 'satisfaction');
  const p = def.questions.find((q) => q.measures === 'participation');
  const countsOf = (q: NonNullable<typeof s>) =>
    q.type === 'likert' ? `第 ${q.countsFrom}–${q.points} 级（${q.labels!.slice(q.countsFrom! - 1).map((l) => l.zh).join('、')}）` : q.options!.filter((o) => o.counts).map((o) => `“${o.text.zh}”`).join('、');
  const code = (c: number | null) => (c === null ? '' : `（指标 ${c}）`);
  const { zh: t, en: te } = facts.term;
  return [
    '方法 / Method（docs/methods/survey.md）',
    s ? `满意度${code(facts.satisfaction)} = 题“${s.text.zh}”选择${countsOf(s)}的答卷数 ÷ 作答该题的答卷数。` : `满意度${code(facts.satisfaction)}：本问卷没有度量满意度的题。`,
    p ? `参与度${code(facts.participation)} = 题“${p.text.zh}”至少选择 ${countsOf(p)} 之一的答卷数 ÷ 作答该题的答卷数。` : `参与度${code(facts.participation)}：本问卷没有度量参与度的题。`,
    '未作答该题的答卷不计入分母；每份答卷按其所答版本的题目解读。Responses that skipped the question are left out of the denominator; each is read with the version it answered.',
    '95% 置信区间：Wilson 区间（Wilson 1927），z = 1.96。95 % interval: Wilson score interval, z = 1.96.',
    `按${t}人口加权（可选）：事后分层，各${t}的比率按其常住人口占有答卷的各${t}人口之和的比例加权；区间为 Wilson 区间，样本量取 Kish 有效样本量 (Σw)²/Σw²。未填${t}或该${t}未录入人口的答卷不计入加权结果。Optional weighting: post-stratification by ${te} population; Wilson interval at Kish’s effective sample size.`,
    facts.note
      ? `规划表 1 注 ${facts.note.no}：“${facts.note.text}”以上计算口径为 ecoplan 的选择。The plan's note ${facts.note.no} to table 1 is quoted; the formula above is ecoplan’s choice.`
      : '规划未规定计算口径，以上口径为 ecoplan 的选择。The plan sets no formula; the one above is ecoplan’s choice.',
  ];
}
