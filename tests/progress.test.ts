// Progress (进展) by the UNSD SDG Progress Chart method (docs/methods/progress.md). Expected rates and ratios
// below were worked out independently (40-digit decimal arithmetic, not this code) and typed in; expected
// levels of the Open SDG cases are the ones its upstream tests publish.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCalculator } from '../src/calc/calculator.js';
import { findCalculator } from '../src/calc/index.js';
import { progressCalculator } from '../src/calc/progress.js';
import { CLI_CWD } from './helpers/cli.js';
import {
  assessProgress,
  cagr,
  classifyGrowth,
  classifyRatio,
  limitScale,
  PROGRESS_LEVELS,
  type ProgressInput,
  type ProgressOptions,
} from '../src/plan/progress.js';

type Point = [year: number, value: number];
const input = (baseline: Point, latest: Point, target: Point | null, direction: 'increase' | 'decrease', limit?: number): ProgressInput => ({
  baseline: { year: baseline[0], value: baseline[1] },
  latest: { year: latest[0], value: latest[1] },
  target: target && { year: target[0], value: target[1] },
  direction,
  ...(limit === undefined ? {} : { limit }),
});
const assess = (baseline: Point, latest: Point, target: Point | null, direction: 'increase' | 'decrease', options?: ProgressOptions & { limit?: number }) =>
  assessProgress(input(baseline, latest, target, direction, options?.limit), options);

describe('published and reference cases', () => {
  // open-sdg tests/data indicator 1.5.3: the feature test expects "Deterioration".
  it('Open SDG 1.5.3: 10 → 30 in one year against a target of 1 by 2030, lower is better → deterioration', () => {
    for (const scheme of ['unsd', 'statcan'] as const) {
      const r = assess([2015, 10], [2016, 30], [2030, 1], 'decrease', { scheme });
      expect(r.level).toBe('regression');
      expect(r.actualRate).toBeCloseTo(2.0, 12);
      expect(r.requiredRate).toBeCloseTo(-0.1423041, 6);
      expect(r.ratio).toBeCloseTo(-14.054409, 5);
    }
  });

  // open-sdg tests/data indicator 1.5.4: the feature test expects "On track".
  it('Open SDG 1.5.4: 5 → 6 in one year against 9 by 2030, higher is better → on track', () => {
    for (const scheme of ['unsd', 'statcan'] as const) {
      const r = assess([2015, 5], [2016, 6], [2030, 9], 'increase', { scheme });
      expect(r.level).toBe('on_track');
      expect(r.requiredRate).toBeCloseTo(0.03996367, 7);
      expect(r.ratio).toBeCloseTo(5.004546, 5);
    }
  });

  it('sdg-build fixture 1-1-1 (100 → 120, no target) deteriorates when lower is better', () => {
    const r = assess([2020, 100], [2021, 120], null, 'decrease');
    expect(r).toMatchObject({ level: 'regression', method: 'growth', requiredRate: null, ratio: null });
    expect(r.actualRate).toBeCloseTo(0.2, 12);
    // The same data, read the other way round, is substantial progress: direction is never defaulted.
    expect(assess([2020, 100], [2021, 120], null, 'increase').level).toBe('on_track');
  });

  it('sdg-build fixture 3-3-3 (1.55 → 1.82, 2015–2019): no target → deterioration; a target of 0 → not assessable', () => {
    const noTarget = assess([2015, 1.55], [2019, 1.82], null, 'decrease');
    expect(noTarget.level).toBe('regression');
    expect(noTarget.actualRate).toBeCloseTo(0.04096211, 7);
    // Open SDG replaces the 0 by 0.001 (→ deterioration); we do not invent a target value.
    const zero = assess([2015, 1.55], [2019, 1.82], [2030, 0], 'decrease');
    expect(zero).toMatchObject({ level: 'not_assessable', requiredRate: null, ratio: null });
    expect(zero.reason.zh).toContain('目标值为 0');
  });

  it.each([
    // [case, baseline, latest, target, direction, actual, required, ratio, UNSD level, StatCan level]
    ['D', 60, 66, 75, 'increase', 0.03228012, 0.04563955, 0.707284, 'moderate', 'moderate'],
    ['E', 60, 62, 75, 'increase', 0.01098989, 0.04563955, 0.240798, 'marginal', 'marginal'],
    ['F (PM2.5-like)', 30, 27, 25, 'decrease', -0.03451062, -0.0358075, 0.963782, 'on_track', 'on_track'],
    ['G', 30, 31, 25, 'decrease', 0.01098989, -0.0358075, -0.306916, 'regression', 'regression'],
  ] as const)('made-up case %s, 2020 → 2023 against a 2025 target', (_name, b, l, t, dir, actual, required, ratio, unsd, statcan) => {
    const r = assess([2020, b], [2023, l], [2025, t], dir);
    expect(r.level).toBe(unsd);
    expect(r.method).toBe('ratio');
    expect(r.actualRate).toBeCloseTo(actual, 7);
    expect(r.requiredRate).toBeCloseTo(required, 7);
    expect(r.ratio).toBeCloseTo(ratio, 5);
    expect(assess([2020, b], [2023, l], [2025, t], dir, { scheme: 'statcan' }).level).toBe(statcan);
  });

  it('case D reads as one sentence with its numbers', () => {
    expect(assess([2020, 60], [2023, 66], [2025, 75], 'increase').reason).toEqual({
      zh: '实际年均增长率 3.23%，达到目标所需 4.56%，比值 0.71，进展中等',
      en: 'actual annual growth 3.23%, 4.56% a year needed to reach the target, ratio 0.71: Fair progress, but acceleration needed',
    });
  });

  it('case H: PM2.5-like 30 → 24 against 25 is met', () => {
    expect(assess([2020, 30], [2023, 24], [2025, 25], 'decrease').level).toBe('target_met');
  });

  it.each([
    // [case, baseline, latest, limit, CAGR, UNSD level, StatCan level]
    ['I', 100, 104, undefined, 0.0131594, 'on_track', 'moderate'],
    ['J (forest cover)', 74.4, 74.6, 100, 0.00089526, 'marginal', 'marginal'],
    ['K (near the limit)', 98, 98.5, 100, 0.0016978, 'marginal', 'on_track'],
  ] as const)('no-target case %s: UNSD cut-offs 1 %% / 0.5 %% / −1 %%, StatCan 1.5 %% / 0.5 %% / 0 scaled by the limit', (_n, b, l, limit, rate, unsd, statcan) => {
    const r = assess([2020, b], [2023, l], null, 'increase', { limit });
    expect(r).toMatchObject({ level: unsd, method: 'growth', requiredRate: null, ratio: null });
    expect(r.actualRate).toBeCloseTo(rate, 7);
    expect(assess([2020, b], [2023, l], null, 'increase', { limit, scheme: 'statcan' }).level).toBe(statcan);
  });

  it("StatCan's natural-limit factor C", () => {
    expect(limitScale(74.4, 100)).toBeCloseTo(0.73098045, 7);
    expect(limitScale(98, 100)).toBeCloseTo(0.08579461, 7);
    expect(limitScale(100, 100)).toBe(0);
    expect(limitScale(250, 100)).toBe(1);
    // At the limit every cut-off above 0 vanishes: holding 100 % is on track for StatCan, limited for UNSD.
    expect(assess([2020, 100], [2023, 100], null, 'increase', { limit: 100, scheme: 'statcan' }).level).toBe('on_track');
    expect(assess([2020, 100], [2023, 100], null, 'increase', { limit: 100 }).level).toBe('marginal');
  });
});

describe('cut-offs, both sides of each', () => {
  it.each([
    [0.95, 'on_track'],
    [0.9499999, 'moderate'],
    [0.5, 'moderate'],
    [0.4999999, 'marginal'],
    [-0.1, 'marginal'],
    [-0.1000001, 'regression'],
    [5, 'on_track'],
    [0, 'marginal'],
  ] as const)('UNSD ratio %s → %s', (ratio, level) => expect(classifyRatio(ratio)).toBe(level));

  it.each([
    [0.95, 'on_track'],
    [0.9499999, 'moderate'],
    [0.6, 'moderate'],
    [0.5999999, 'marginal'],
    [0, 'marginal'],
    [-0.0000001, 'regression'],
  ] as const)('StatCan ratio %s → %s', (ratio, level) => expect(classifyRatio(ratio, 'statcan')).toBe(level));

  it.each([
    [0.01, 'on_track'],
    [0.0099999, 'moderate'],
    [0.005, 'moderate'],
    [0.0049999, 'marginal'],
    [-0.01, 'marginal'],
    [-0.0100001, 'regression'],
  ] as const)('UNSD growth without target %s → %s', (growth, level) => expect(classifyGrowth(growth)).toBe(level));

  it.each([
    [0.015, 'on_track'],
    [0.0149999, 'moderate'],
    [0.005, 'moderate'],
    [0.0049999, 'marginal'],
    [0, 'marginal'],
    [-0.0000001, 'regression'],
  ] as const)('StatCan growth without target %s → %s', (growth, level) => expect(classifyGrowth(growth, 'statcan')).toBe(level));

  it('a ratio that is a cut-off exactly in decimal arithmetic stays on it despite binary rounding', () => {
    // 100 → 110.25 in two years is 5 %/yr; 146.41 in four years needs 10 %/yr: ratio 0.5 exactly.
    const half = assess([2020, 100], [2022, 110.25], [2024, 146.41], 'increase');
    expect(half.ratio).toBeCloseTo(0.5, 12);
    expect(half.level).toBe('moderate');
    // 100 → 98.01 is −1 %/yr against +10 %/yr: ratio −0.1 exactly, still "limited or no progress".
    expect(assess([2020, 100], [2022, 98.01], [2024, 146.41], 'increase').level).toBe('marginal');
    expect(assess([2020, 100], [2022, 98], [2024, 146.41], 'increase').level).toBe('regression');
    // Actual = required: ratio 1.
    expect(assess([2020, 100], [2022, 110.25], [2024, 121.550625], 'increase').ratio).toBeCloseTo(1, 12);
  });

  it('growth of exactly ±1 %/yr and 0.5 %/yr lands as the cut-offs say, in both directions', () => {
    expect(assess([2020, 100], [2022, 102.01], null, 'increase').level).toBe('on_track');
    expect(assess([2020, 100], [2022, 101.0025], null, 'increase').level).toBe('moderate');
    expect(assess([2020, 100], [2022, 98.01], null, 'increase').level).toBe('marginal');
    expect(assess([2020, 100], [2022, 97.9], null, 'increase').level).toBe('regression');
    // Lower is better: a fall of 1 %/yr is substantial progress, a rise of 1 %/yr is at the edge of deterioration.
    expect(assess([2020, 100], [2022, 98.01], null, 'decrease').level).toBe('on_track');
    expect(assess([2020, 100], [2022, 102.01], null, 'decrease').level).toBe('marginal');
    expect(assess([2020, 100], [2022, 102.1], null, 'decrease').level).toBe('regression');
  });
});

describe('edge cases', () => {
  it('target met at the latest year: met, with the ratio still reported', () => {
    // Indicator 13, forest cover: 74.43 (2020) → 74.7 (2023) against ≥74.6 in 2025.
    const r = assess([2020, 74.43], [2023, 74.7], [2025, 74.6], 'increase');
    expect(r.level).toBe('target_met');
    expect(r.ratio).toBeCloseTo(2.646279, 5);
    expect(r.reason.zh).toBe('最新值 74.7（2023年）已达到2025年目标 74.6（越高越好），已达标');
  });

  it('target already met at the baseline (PM2.5 24 against 25, lower is better): met while it holds, deterioration once it slips', () => {
    const held = assess([2020, 24], [2023, 22], [2025, 25], 'decrease');
    expect(held).toMatchObject({ level: 'target_met', ratio: null });
    expect(assess([2020, 24], [2023, 25], [2025, 25], 'decrease').level).toBe('target_met');
    const slipped = assess([2020, 24], [2023, 26], [2025, 25], 'decrease');
    expect(slipped).toMatchObject({ level: 'regression', ratio: null });
    expect(slipped.actualRate).toBeCloseTo(0.02704002, 7);
    expect(slipped.requiredRate).toBeCloseTo(0.00819782, 7);
    expect(slipped.reason.zh).toContain('基期值 24（2020年）已达到目标 25');
  });

  it('required rate 0 (target equals the baseline): met if held, deterioration if lost', () => {
    // Indicator 3: 21.5 % with a target of ≥21.5.
    expect(assess([2020, 21.5], [2023, 21.5], [2025, 21.5], 'increase')).toMatchObject({ level: 'target_met', requiredRate: 0 });
    expect(assess([2020, 21.5], [2023, 21], [2025, 21.5], 'increase')).toMatchObject({ level: 'regression', requiredRate: 0, ratio: null });
  });

  it('baseline 0: no compound rate, so not assessable — unless the latest value meets the target', () => {
    const r = assess([2020, 0], [2023, 8], [2025, 10], 'increase');
    expect(r).toMatchObject({ level: 'not_assessable', actualRate: null, requiredRate: null, ratio: null });
    expect(r.reason.zh).toContain('基期值为 0');
    expect(assess([2020, 0], [2023, 12], [2025, 10], 'increase').level).toBe('target_met');
    expect(assess([2020, 0], [2023, 8], null, 'increase').level).toBe('not_assessable');
    // A baseline of 0 that met a target of 0 and lost it has slipped back.
    expect(assess([2020, 0], [2023, 2], [2025, 0], 'decrease').level).toBe('regression');
  });

  it('target 0: not assessable while unmet, met once reached', () => {
    expect(assess([2020, 10], [2023, 8], [2025, 0], 'decrease').level).toBe('not_assessable');
    expect(assess([2020, 10], [2023, 0], [2025, 0], 'decrease').level).toBe('target_met');
  });

  it('a latest value of 0 moving away from the target is a rate of −100 %/yr', () => {
    const r = assess([2020, 60], [2023, 0], [2025, 75], 'increase');
    expect(r.actualRate).toBe(-1);
    expect(r.level).toBe('regression');
    expect(cagr(60, 0, 3)).toBe(-1);
  });

  it.each([
    [2020, 'the same year'],
    [2018, 'an earlier year'],
  ])('latest year %s (%s) as the baseline year → not assessable', (year) => {
    const r = assess([2020, 60], [year, 66], [2025, 75], 'increase');
    expect(r).toMatchObject({ level: 'not_assessable', actualRate: null, ratio: null });
    expect(r.reason.zh).toContain('须晚于基期年份 2020');
    expect(assess([2020, 60], [year, 66], null, 'increase').level).toBe('not_assessable');
  });

  it('a target year not after the baseline year cannot give a required rate', () => {
    expect(assess([2020, 60], [2023, 66], [2020, 75], 'increase').level).toBe('not_assessable');
    expect(assess([2020, 60], [2023, 80], [2020, 75], 'increase').level).toBe('target_met');
  });

  it('negative values: the magnitudes compound, and direction still decides', () => {
    // −10 → −8, higher is better, target −5: both rates shrink the magnitude, the ratio is positive.
    const up = assess([2020, -10], [2023, -8], [2025, -5], 'increase');
    expect(up.actualRate).toBeCloseTo(-0.07168223, 7);
    expect(up.requiredRate).toBeCloseTo(-0.12944944, 7);
    expect(up.ratio).toBeCloseTo(0.553747, 5);
    expect(up.level).toBe('moderate');
    // −5 → −7, lower is better, target −10.
    const down = assess([2020, -5], [2023, -7], [2025, -10], 'decrease');
    expect(down.ratio).toBeCloseTo(0.798186, 5);
    expect(down.level).toBe('moderate');
    expect(assess([2020, -10], [2023, -12], [2025, -5], 'increase').level).toBe('regression');
    // Without a target, −10 → −8 is a rise, so progress when higher is better.
    expect(assess([2020, -10], [2023, -8], null, 'increase').level).toBe('on_track');
    expect(assess([2020, -10], [2023, -8], null, 'decrease').level).toBe('regression');
  });

  it('baseline and latest (or target) of opposite signs: no compound rate, not assessable', () => {
    const r = assess([2020, -2], [2023, 3], [2025, 5], 'increase');
    expect(r).toMatchObject({ level: 'not_assessable', actualRate: null });
    expect(r.reason.zh).toContain('符号相反');
    expect(assess([2020, 5], [2023, 3], [2025, -1], 'decrease').level).toBe('not_assessable');
    expect(assess([2020, -2], [2023, 3], null, 'increase').level).toBe('not_assessable');
    // Crossing into the target still counts as met.
    expect(assess([2020, -2], [2023, 6], [2025, 5], 'increase').level).toBe('target_met');
  });

  it('latest equal to the baseline: stagnation, in the "limited or no progress" band', () => {
    const r = assess([2020, 60], [2023, 60], [2025, 75], 'increase');
    expect(r).toMatchObject({ level: 'marginal', actualRate: 0, ratio: 0 });
    expect(r.reason.en).toContain('Limited or no progress');
    expect(assess([2020, 60], [2023, 60], null, 'decrease')).toMatchObject({ level: 'marginal', actualRate: 0 });
  });

  it('direction decrease: falling is progress, rising is deterioration', () => {
    expect(assess([2020, 136], [2023, 120], [2025, 110], 'decrease').level).toBe('on_track');
    expect(assess([2020, 136], [2023, 140], [2025, 110], 'decrease').level).toBe('regression');
    expect(assess([2020, 2.054], [2023, 1.9], null, 'decrease').level).toBe('on_track');
  });

  it('a baseline year other than 2020 (indicators 36, 37, base 2019) works from the explicit years', () => {
    // Indicator 36, public transport share: 25.41 (2019) → 30 (2023) against ≥40 in 2025.
    const r36 = assess([2019, 25.41], [2023, 30], [2025, 40], 'increase');
    expect(r36.actualRate).toBeCloseTo(0.04238739, 7);
    expect(r36.requiredRate).toBeCloseTo(0.07855564, 7);
    expect(r36.ratio).toBeCloseTo(0.539584, 5);
    expect(r36.level).toBe('moderate');
    // Indicator 37, green travel share: 72.36 (2019) already meets ≥70.
    expect(assess([2019, 72.36], [2023, 71], [2025, 70], 'increase').level).toBe('target_met');
    const slipped = assess([2019, 72.36], [2023, 69], [2025, 70], 'increase');
    expect(slipped.level).toBe('regression');
    expect(slipped.actualRate).toBeCloseTo(-0.01181642, 7);
    expect(slipped.requiredRate).toBeCloseTo(-0.00551116, 7);
  });

  it('values beyond a natural limit are data errors', () => {
    const r = assess([2020, 99], [2023, 100.5], [2025, 100], 'increase', { limit: 100 });
    expect(r.level).toBe('not_assessable');
    expect(r.reason.zh).toBe('最新值 100.5 超出自然界限 100，无法评估');
    expect(assess([2020, 99], [2023, 99.5], [2025, 101], 'increase', { limit: 100 }).reason.en).toContain('the target 101 is beyond the natural limit 100');
    // Lower is better: the limit is a floor.
    expect(assess([2020, 5], [2023, -1], null, 'decrease', { limit: 0 }).level).toBe('not_assessable');
    // At the limit is fine.
    expect(assess([2020, 99], [2023, 100], [2025, 100], 'increase', { limit: 100 }).level).toBe('target_met');
  });

  it('non-finite numbers are not assessable (the calculator refuses them earlier)', () => {
    expect(assess([2020, Number.NaN], [2023, 1], null, 'increase').level).toBe('not_assessable');
  });

  it('every level has a Chinese and an English label', () => {
    expect(Object.values(PROGRESS_LEVELS).map((l) => l.zh)).toEqual(['已达标', '进展顺利', '进展中等', '进展缓慢', '停滞或倒退', '无法评估']);
    for (const l of Object.values(PROGRESS_LEVELS)) expect(l.en.length).toBeGreaterThan(0);
  });
});

describe('the progress calculator', () => {
  const valid = { baseline: { year: 2020, value: 74.43 }, latest: { year: 2023, value: 74.52 }, target: { year: 2025, value: 74.6 }, direction: 'increase' };

  it('is registered and answers the Shaoguan forest-cover example', () => {
    expect(findCalculator('progress')).toBe(progressCalculator);
    const r = runCalculator(progressCalculator, valid);
    expect(r.ok).toBe(true);
    const out = progressCalculator.output.parse((r as { output: unknown }).output);
    expect(out.level).toBe('moderate');
    expect(out.actualRate).toBeCloseTo(0.00040290, 8);
    expect(out.requiredRate).toBeCloseTo(0.00045639, 8);
    expect(out.ratio).toBeCloseTo(0.882803, 5);
    expect(out.reason.zh).toBe('实际年均增长率 0.0403%，达到目标所需 0.0456%，比值 0.88，进展中等');
  });

  it('accepts a null target (growth method)', () => {
    const r = runCalculator(progressCalculator, { ...valid, target: null });
    expect(r).toMatchObject({ ok: true, output: { method: 'growth', requiredRate: null } });
  });

  it('rejects an unknown key, naming it', () => {
    const r = runCalculator(progressCalculator, { ...valid, limit: 100 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ path: '(输入 / input)', message: '未知的键：limit', messageEn: 'unknown key(s): limit' }]);
    const nested = runCalculator(progressCalculator, { ...valid, baseline: { year: 2020, value: 74.43, note: 'x' } });
    expect(nested).toMatchObject({ ok: false, issues: [{ path: 'baseline', message: '未知的键：note' }] });
  });

  it('rejects a string value, naming the key and the value', () => {
    const r = runCalculator(progressCalculator, { ...valid, baseline: { year: 2020, value: '74.43' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.path).toBe('baseline.value');
    expect(r.issues[0]!.message).toContain('baseline.value 类型错误');
    expect(r.issues[0]!.message).toContain('"74.43"');
    expect(r.issues[0]!.messageEn).toContain('expected number');
  });

  it('rejects years out of range or fractional, a bad direction, a missing target and an array', () => {
    const fails = (body: unknown) => {
      const r = runCalculator(progressCalculator, body);
      expect(r.ok).toBe(false);
      return r.ok ? [] : r.issues;
    };
    expect(fails({ ...valid, latest: { year: 1800, value: 1 } })[0]).toMatchObject({ path: 'latest.year', message: expect.stringContaining('不能小于 1900') });
    expect(fails({ ...valid, latest: { year: 2023.5, value: 1 } })[0]).toMatchObject({ path: 'latest.year' });
    expect(fails({ ...valid, target: { year: 2101, value: 1 } })[0]).toMatchObject({ path: 'target.year' });
    expect(fails({ ...valid, direction: 'up' })[0]).toMatchObject({ path: 'direction', message: expect.stringContaining('"up"') });
    const { target: _target, ...noTarget } = valid;
    expect(fails(noTarget)[0]).toMatchObject({ path: 'target', message: '缺少 target' });
    expect(fails([valid])[0]!.messageEn).toContain('not an array');
  });

  it('runs as `ecoplan calc progress` with JSON on stdin (needs npm run build:server)', () => {
    const bin = resolve(import.meta.dirname, '../bin/ecoplan.js');
    const run = (body: unknown) => spawnSync(process.execPath, [bin, 'calc', 'progress'], { cwd: CLI_CWD, input: JSON.stringify(body), encoding: 'utf8', timeout: 30_000 });
    const ok = run({ baseline: { year: 2020, value: 24 }, latest: { year: 2023, value: 22 }, target: { year: 2025, value: 25 }, direction: 'decrease' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ level: 'target_met', method: 'ratio', ratio: null });
    const bad = run({ ...valid, baseline: { year: 2020, value: 'x' } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('baseline.value');
    expect(bad.stderr).toContain('"x"');
  });
});
