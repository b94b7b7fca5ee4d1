// The formula of indicators 44 and 45 (docs/methods/survey.md) on hand-worked examples, and the questionnaire rules:
// definitions checked with precise messages, and which edits a version with answers may take.
import { describe, expect, it } from 'vitest';
import { breakingChanges, starterDefinition, validateAnswers, validateDefinition, type Definition, type Response } from '../../src/survey/model.js';
import { classify, effectiveSampleSize, percentText, rate, wilson } from '../../src/survey/rates.js';

const def = starterDefinition();
const r = (county: string | null, answers: Response['answers']): { definition: Definition; response: Response } => ({ definition: def, response: { county, answers } });
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

describe('Wilson interval', () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17 (1998) 857–872,
  // table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i gives Newcombe’s [%f, %f]', (x, n, low, high) => {
    const ci = wilson(x / n, n);
    expect([round4(ci.low), round4(ci.high)]).toEqual([low, high]);
  });

  it('90 of 100: worked by hand', () => {
    // z² = 3.841459; centre = (0.9 + 0.019207) / 1.038415 = 0.885202; half = 1.887458 · √(0.0009 + 0.0000960) = 0.059568
    const ci = wilson(0.9, 100);
    expect([round4(ci.low), round4(ci.high)]).toEqual([0.8256, 0.9448]);
  });
});

describe('who counts', () => {
  it('satisfied: Likert points from countsFrom (4 and 5 of 5); unanswered left out of the denominator', () => {
    const items = [5, 4, 3, 2, 1, 4].map((p) => r('440203', { satisfaction: p, participation: ['none'] }));
    items.push(r('440203', { participation: ['none'] })); // skipped the question
    const s = rate('satisfaction', items);
    expect([s.counted, s.respondents, s.rate]).toEqual([3, 6, 0.5]);
  });

  it('participating: at least one chosen option marked counts; "none of these" does not', () => {
    expect(classify(def, 'participation', { county: null, answers: { participation: ['none'] } })).toBe(false);
    expect(classify(def, 'participation', { county: null, answers: { participation: ['green_travel'] } })).toBe(true);
    expect(classify(def, 'participation', { county: null, answers: { participation: ['sorting', 'none'] } })).toBe(true);
    expect(classify(def, 'participation', { county: null, answers: {} })).toBeNull();
    // A version without a question for the measure decides nothing.
    const noMeasure: Definition = { ...def, questions: def.questions.filter((q) => q.type === 'text') };
    expect(classify(noMeasure, 'satisfaction', { county: null, answers: {} })).toBeNull();
  });
});

describe('post-stratification by county population', () => {
  it('two counties, worked by hand', () => {
    // A (440203): 300 persons, 2 respondents, both satisfied; B (440204): 100 persons, 2 respondents, none.
    // p_w = 0.75·1 + 0.25·0 = 0.75; weights 0.375, 0.375, 0.125, 0.125: n_eff = 1 / 0.3125 = 3.2, deff = 4 / 3.2 = 1.25.
    // Wilson at n = 3.2: centre = (0.75 + 0.600228) / 2.200456 = 0.613614, half = 0.890707 · √0.152379 = 0.347695.
    const items = [r('440203', { satisfaction: 5 }), r('440203', { satisfaction: 4 }), r('440204', { satisfaction: 1 }), r('440204', { satisfaction: 3 }), r('440205', { satisfaction: 5 })];
    const pops = new Map([
      ['440203', 300],
      ['440204', 100],
    ]);
    const w = rate('satisfaction', items, pops);
    expect(w.rate).toBeCloseTo(0.75, 12);
    expect(w.effectiveN).toBeCloseTo(3.2, 12);
    expect(w.designEffect).toBeCloseTo(1.25, 12);
    expect(w.excluded).toBe(1); // 440205 has no population entered
    expect([round4(w.ci!.low), round4(w.ci!.high)]).toEqual([0.2659, 0.9613]);
    // Unweighted, the same five: 3 of 5.
    expect(rate('satisfaction', items).rate).toBe(0.6);
  });

  it('equal weights give the unweighted rate and n_eff = n', () => {
    expect(effectiveSampleSize([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(4, 12);
    const items = [r('440203', { satisfaction: 5 }), r('440204', { satisfaction: 1 })];
    const w = rate('satisfaction', items, new Map([['440203', 50], ['440204', 50]]));
    expect(w.rate).toBeCloseTo(0.5, 12);
    expect(w.effectiveN).toBeCloseTo(2, 12);
  });
});

describe('the value proposed', () => {
  it('is a percentage with one decimal, rounded half up', () => {
    expect(percentText(0.8855)).toBe('88.6');
    expect(percentText(2 / 3)).toBe('66.7');
    expect(percentText(1)).toBe('100.0');
    expect(percentText(0.5)).toBe('50.0');
  });
});

describe('definitions', () => {
  it('accepts the starter questionnaire', () => {
    expect(validateDefinition(starterDefinition()).ok).toBe(true);
  });

  it('names each problem by path in Chinese and English', () => {
    const bad = {
      title: { zh: '', en: 'T' },
      questions: [
        { id: 'Q1', type: 'single', text: { zh: '甲', en: 'A' }, options: [{ id: 'a', text: { zh: '是', en: 'yes' } }] },
        { id: 'sat', type: 'text', text: { zh: '乙', en: 'B' }, measures: 'satisfaction' },
        { id: 'lik', type: 'likert', text: { zh: '丙', en: 'C' }, points: 5, labels: [], measures: 'satisfaction' },
      ],
    };
    const v = validateDefinition(bad);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const byPath = Object.fromEntries(v.issues.map((i) => [i.path, i]));
    expect(byPath['title.zh']!.message).toBe('问卷标题缺少中文文本');
    expect(byPath['questions[0].id']!.messageEn).toContain('invalid key "Q1"');
    expect(byPath['questions[0].options']!.message).toBe('第 1 题（单选题）须有 2–20 个选项');
    expect(byPath['questions[1].measures']!.message).toBe('第 2 题（填空题）不能度量满意度：须为量表题或单选题');
    expect(byPath['questions[2].labels']!.message).toBe('第 3 题（量表题）须有 5 个级别标签（从低到高）');
    expect(byPath['questions[2].countsFrom']!.messageEn).toContain('countsFrom');
  });

  it('refuses a measured question where every option counts', () => {
    const d = starterDefinition();
    d.questions[1]!.options = d.questions[1]!.options!.map((o) => ({ ...o, counts: true }));
    const v = validateDefinition(d);
    expect(v.ok).toBe(false);
  });
});

describe('a version with answers', () => {
  it('may change its wording', () => {
    const after = structuredClone(def);
    after.title.zh = '新标题';
    after.questions[0]!.labels![0]!.en = 'Not satisfied';
    expect(breakingChanges(def, after)).toEqual([]);
  });

  it('may not change what the answers mean, each change named', () => {
    const after = structuredClone(def);
    after.questions[0]!.countsFrom = 3;
    after.questions[1]!.options![4]!.counts = true;
    after.questions[2]!.required = true;
    const out = breakingChanges(def, after).map((b) => b.path);
    expect(out).toEqual(['questions[0].countsFrom', 'questions[1].options', 'questions[2].required']);
    const fewer = { ...def, questions: def.questions.slice(0, 2) };
    expect(breakingChanges(def, fewer)[0]!.message).toContain('题目的增删或顺序不能更改');
  });
});

describe('answers', () => {
  const counties = ['440203', '440281'];
  it('keeps free text exactly as given and multiple choices in the questionnaire’s order', () => {
    const v = validateAnswers(def, counties, { county: '440281', answers: { satisfaction: '4', participation: ['planting', 'sorting'], suggestions: '  <b>x</b>  ' } });
    expect(v.ok && v.response).toEqual({ county: '440281', answers: { satisfaction: 4, participation: ['sorting', 'planting'], suggestions: '  <b>x</b>  ' } });
  });

  it('refuses unknown questions, options and over-long text', () => {
    const v = validateAnswers(def, counties, { county: '440281', answers: { satisfaction: 4, participation: ['bike'], suggestions: 'x'.repeat(2001), extra: 1 } });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues.map((i) => i.path).sort()).toEqual(['answers.extra', 'answers.participation', 'answers.suggestions']);
  });
});
