// Evaluation: every target kind against every status, warnings, roll-ups and provenance. Observations are
// written by hand for each case; expected verdicts follow from the plan's targets and the rules in
// docs/methods/evaluation.md.
import { describe, expect, it } from 'vitest';
import { evaluateIndicator, evaluatePlan, horizonFor, ObservationIndex, type IndicatorEvaluation } from '../src/plan/evaluation.js';
import type { Horizon } from '../src/plan/model.js';
import type { Observation } from '../src/plan/observations.js';
import type { RelativeRule, StateCode } from '../src/plan/targets.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { SHAOGUAN_DIR } from './helpers/planFolder.js';

const folder = readPlanFolder(SHAOGUAN_DIR);
if (!folder.result.ok) throw new Error('plan invalid');
const plan = folder.result.plan;
const CITY = '440200';

let n = 0;
function obs(code: number, year: number, value: string | null, extra: { region?: string; kind?: 'value' | 'assigned'; state?: StateCode; checks?: RelativeRule[]; isDemo?: boolean; status?: 'approved' | 'provisional' } = {}): Observation {
  return {
    id: `o${++n}`,
    indicatorCode: code,
    regionCode: extra.region ?? CITY,
    year,
    kind: extra.kind ?? 'value',
    version: 1,
    valueText: value,
    value: value === null ? null : Number(value),
    state: extra.state ?? null,
    checks: extra.checks ?? [],
    source: '测试数据',
    note: null,
    reason: null,
    status: extra.status ?? 'approved',
    isDemo: extra.isDemo ?? false,
    recordedAt: '2025-01-01T00:00:00Z',
    recordedBy: 'test',
    batchId: 'b',
  };
}

function evaluate(code: number, year: number, observations: Observation[], region = CITY, horizon?: Horizon): IndicatorEvaluation {
  const ind = plan.indicators.find((x) => x.code === code)!;
  return evaluateIndicator(plan, ind, plan.regions.find((r) => r.code === region)!, year, new ObservationIndex(observations), horizon);
}
const status = (...args: Parameters<typeof evaluate>) => evaluate(...args).status;

describe('horizons', () => {
  it('uses 2025 targets through 2025 and 2035 targets after', () => {
    expect([2020, 2024, 2025, 2026, 2035].map((y) => horizonFor(plan, y))).toEqual(['2025', '2025', '2025', '2035', '2035']);
    expect(evaluate(30, 2026, [obs(30, 2026, '99.5')]).target.text).toBe('100');
    expect(status(30, 2026, [obs(30, 2026, '99.5')])).toBe('not_attained');
    expect(status(30, 2026, [obs(30, 2026, '99.5')], CITY, '2025')).toBe('attained');
  });
});

describe('thresholds', () => {
  it('≥ bound: 13 森林覆盖率 ≥74.6, exactly at and just below the bound', () => {
    expect(status(13, 2024, [obs(13, 2024, '74.6')])).toBe('attained');
    expect(status(13, 2024, [obs(13, 2024, '74.60')])).toBe('attained');
    expect(status(13, 2024, [obs(13, 2024, '74.59')])).toBe('not_attained');
    expect(status(13, 2024, [])).toBe('no_data');
  });

  it('a bare number follows the direction: 8 PM2.5 "25" is at most 25, 5 信息公开率 "100" at least 100', () => {
    expect(status(8, 2024, [obs(8, 2024, '25')])).toBe('attained');
    expect(status(8, 2024, [obs(8, 2024, '25.1')])).toBe('not_attained');
    expect(status(5, 2024, [obs(5, 2024, '100')])).toBe('attained');
    expect(status(5, 2024, [obs(5, 2024, '99.9')])).toBe('not_attained');
  });

  it('explains the verdict with the numbers', () => {
    expect(evaluate(8, 2024, [obs(8, 2024, '27')]).reason.zh).toBe('2024 年为 27微克/立方米，未达到目标 ≤25');
  });

  it('uses the plan baseline for the city in the baseline year', () => {
    const e = evaluate(13, 2020, []);
    expect(e.status).toBe('not_attained');
    expect(e.value).toEqual({ valueText: '74.43', state: null, year: 2020 });
    expect(e.observations[0]).toMatchObject({ fromPlan: true, valueText: '74.43' });
  });
});

describe('split targets (城市/县城)', () => {
  it('applies 城市 ≥99 to the city and districts, 县城 ≥95 to counties and county-level cities', () => {
    expect(status(30, 2024, [obs(30, 2024, '99')])).toBe('attained');
    expect(status(30, 2024, [obs(30, 2024, '98.9')])).toBe('not_attained');
    expect(status(30, 2024, [obs(30, 2024, '98.9', { region: '440203' })], '440203')).toBe('not_attained');
    expect(status(30, 2024, [obs(30, 2024, '95', { region: '440281' })], '440281')).toBe('attained');
    expect(status(30, 2024, [obs(30, 2024, '94.99', { region: '440232' })], '440232')).toBe('not_attained');
    expect(evaluate(30, 2024, [obs(30, 2024, '95', { region: '440281' })], '440281').reason.zh).toContain('县城目标 ≥95');
  });
});

describe('states', () => {
  it('18 建立: the same state attains, another does not, a number alone is no data', () => {
    expect(status(18, 2024, [obs(18, 2024, null, { state: 'established' })])).toBe('attained');
    expect(status(18, 2024, [obs(18, 2024, null, { state: 'beingDrafted' })])).toBe('not_attained');
    expect(status(18, 2024, [])).toBe('no_data');
    expect(status(1, 2020, [])).toBe('not_attained'); // 在编 in 2020 against 制定实施
  });
});

describe('relative targets', () => {
  it('不降低 (16, no baseline): against the first reported year', () => {
    expect(status(16, 2023, [obs(16, 2022, '95'), obs(16, 2023, '95')])).toBe('attained');
    expect(status(16, 2023, [obs(16, 2022, '95'), obs(16, 2023, '94.9')])).toBe('not_attained');
    const first = evaluate(16, 2022, [obs(16, 2022, '95')]);
    expect(first.status).toBe('no_data');
    expect(first.reason.zh).toBe('无基准值，也无更早年份的数值可作比较');
  });

  it('逐步下降 (41): strictly below the previous year', () => {
    expect(status(41, 2023, [obs(41, 2022, '12.5'), obs(41, 2023, '12.4')])).toBe('attained');
    expect(status(41, 2023, [obs(41, 2022, '12.5'), obs(41, 2023, '12.5')])).toBe('not_attained');
    expect(status(41, 2023, [obs(41, 2023, '12.4')])).toBe('no_data');
  });

  it('面积不减少 性质不改变 功能不降低 (20): area against the baseline, nature and function confirmed', () => {
    const both: RelativeRule[] = ['natureUnchanged', 'functionNotReduced'];
    expect(status(20, 2024, [obs(20, 2024, '5865.26', { checks: both })])).toBe('attained');
    expect(status(20, 2024, [obs(20, 2024, '5870', { checks: both })])).toBe('attained');
    expect(status(20, 2024, [obs(20, 2024, '5865.25', { checks: both })])).toBe('not_attained');
    const unconfirmed = evaluate(20, 2024, [obs(20, 2024, '5865.26', { checks: ['natureUnchanged'] })]);
    expect(unconfirmed.status).toBe('no_data');
    expect(unconfirmed.reason.zh).toBe('2024 年尚未确认“功能不降低”');
  });
});

describe('assigned targets', () => {
  it('7 优良天数比例: against the figure assigned for the year; no data while it is missing', () => {
    expect(status(7, 2024, [obs(7, 2024, '96.5'), obs(7, 2024, '95.0', { kind: 'assigned' })])).toBe('attained');
    expect(status(7, 2024, [obs(7, 2024, '94.9'), obs(7, 2024, '95.0', { kind: 'assigned' })])).toBe('not_attained');
    const waiting = evaluate(7, 2024, [obs(7, 2024, '96.5')]);
    expect(waiting.status).toBe('no_data');
    expect(waiting.reason.zh).toBe('上级下达的 2024 年目标值尚未录入');
  });

  it('24 用水量 (lower is better): assigned and 保持稳定或持续改善 must both hold', () => {
    const assigned = obs(24, 2024, '132', { kind: 'assigned' });
    expect(status(24, 2024, [obs(24, 2023, '131'), obs(24, 2024, '130'), assigned])).toBe('attained');
    expect(status(24, 2024, [obs(24, 2023, '129'), obs(24, 2024, '130'), assigned])).toBe('not_attained'); // worse than 2023
    expect(status(24, 2024, [obs(24, 2023, '131'), obs(24, 2024, '133'), assigned])).toBe('not_attained'); // above the assigned figure
    expect(status(24, 2024, [obs(24, 2024, '130'), assigned])).toBe('no_data'); // no 2023 value to compare with
  });
});

describe('not applicable', () => {
  it('before the baseline year, and for a county that never reports the indicator', () => {
    expect(status(13, 2019, [])).toBe('not_applicable');
    expect(status(36, 2019, [])).toBe('not_attained'); // 36's baseline year is 2019: 25.41 against ≥40
    expect(status(1, 2024, [], '440281')).toBe('not_applicable');
  });
});

describe('progress and warnings', () => {
  it('red: a binding indicator not attained, with the reason', () => {
    const e = evaluate(8, 2024, [obs(8, 2024, '27')]);
    expect(e.warning?.level).toBe('red');
    expect(e.warning?.reason.zh).toContain('约束性指标 8“PM2.5年均浓度”2024 年未达标');
    expect(e.progress?.level).toBe('regression'); // 24 → 27 against ≤25
  });

  it('yellow: a reference indicator not attained', () => {
    expect(evaluate(31, 2024, [obs(31, 2024, '58')]).warning?.level).toBe('yellow');
  });

  it('grey: data missing', () => {
    const e = evaluate(13, 2024, []);
    expect(e.warning).toEqual({ level: 'grey', reason: { zh: '约束性指标 13“森林覆盖率”缺少数据：2024 年尚无数值', en: 'indicator 13 lacks data: no value reported for 2024' } });
  });

  it('warns when the trend misses the target although the year is attained (37 绿色出行分担率)', () => {
    // 72.36 (2019) → 70.1 (2024): about −0.63 %/yr, so about 69.66 in 2025 against ≥70.
    const e = evaluate(37, 2024, [obs(37, 2024, '70.1')]);
    expect(e.status).toBe('attained');
    expect(e.projection).toMatchObject({ year: 2025, meetsTarget: false });
    expect(e.projection!.value).toBeCloseTo(70.1 * (70.1 / 72.36) ** (1 / 5), 6);
    expect(e.warning?.level).toBe('yellow');
    expect(e.warning?.reason.zh).toContain('将达不到目标 ≥70');
  });

  it('no warning on track, and none for rates of change', () => {
    const e = evaluate(13, 2024, [obs(13, 2024, '74.7')]);
    expect(e.warning).toBeNull();
    expect(e.progress?.level).toBe('target_met');
    expect(evaluate(27, 2024, [obs(27, 2024, '4.6')]).progress).toBeNull();
  });

  it('computes progress from the baseline to the latest year', () => {
    const e = evaluate(31, 2024, [obs(31, 2022, '57'), obs(31, 2024, '58')]);
    expect(e.progress).toMatchObject({ method: 'ratio' });
    expect(e.progress!.actualRate).toBeCloseTo((58 / 55.79) ** (1 / 4) - 1, 10);
    expect(e.progress!.requiredRate).toBeCloseTo((60 / 55.79) ** (1 / 5) - 1, 10);
  });
});

describe('provenance', () => {
  it('lists the observations and the target used, and marks demo data as provisional', () => {
    const e = evaluate(24, 2024, [obs(24, 2023, '131'), obs(24, 2024, '130', { isDemo: true }), obs(24, 2024, '132', { kind: 'assigned' })]);
    expect(e.target).toEqual({ horizon: '2025', text: '完成上级规定的目标任务,保持稳定或持续改善', textEn: expect.any(String) });
    expect(e.observations.map((o) => [o.year, o.kind, o.valueText])).toEqual(
      expect.arrayContaining([
        [2023, 'value', '131'],
        [2024, 'value', '130'],
        [2024, 'assigned', '132'],
      ]),
    );
    expect(e.provisional).toBe(true);
    expect(evaluate(13, 2024, [obs(13, 2024, '74.7', { status: 'provisional' })]).provisional).toBe(true);
  });
});

describe('roll-ups', () => {
  it('counts by status and warning for the plan, domains, kinds and departments, and readiness', () => {
    const observations = [obs(8, 2024, '27'), obs(13, 2024, '74.7'), obs(31, 2024, '58'), obs(18, 2024, null, { state: 'established' })];
    const r = evaluatePlan(plan, new ObservationIndex(observations), { year: 2024 });
    expect(r.summary.counts).toMatchObject({ total: 45, attained: 2, not_attained: 2, no_data: 41, red: 1, yellow: 1, grey: 41 });
    expect(r.summary.byKind.binding).toMatchObject({ total: 24, attained: 1, not_attained: 1, no_data: 22 });
    const security = r.summary.byDomain.find((d) => d.id === 'security')!;
    expect(security).toMatchObject({ total: 13, attained: 2, not_attained: 1 });
    const forestry = r.summary.byDepartment.find((d) => d.name === '市林业局')!;
    expect(forestry).toMatchObject({ total: 5, attained: 1, no_data: 4 });
    expect(r.summary.readiness).toMatchObject({ ready: false, bindingTotal: 24, bindingAttained: 1 });
    // Only PM2.5 (27 > 25) is judged not attained; the 22 binding indicators without 2024 data are unjudged.
    expect(r.summary.readiness.notAttained.map((x) => x.code)).toEqual([8]);
    expect(r.summary.readiness.noData).toHaveLength(22);
    // Coverage: 45 applicable, 4 judged, all on approved figures; partial, not complete.
    expect(r.coverage).toEqual({ year: 2024, applicable: 45, decided: 4, approved: 4, state: 'partial' });
    const unapproved = evaluatePlan(plan, new ObservationIndex([...observations.filter((o) => o.indicatorCode !== 13), obs(13, 2024, '74.7', { status: 'provisional' })]), { year: 2024 });
    expect(unapproved.coverage).toMatchObject({ decided: 4, approved: 3 });
  });

  it('is ready for the demonstration zone when every binding indicator is attained', () => {
    const both: RelativeRule[] = ['natureUnchanged', 'functionNotReduced'];
    const y = 2024;
    const observations = [
      obs(1, y, null, { state: 'formulatedAndImplemented' }), obs(2, y, null, { state: 'carriedOutEffectively' }), obs(3, y, '21.5'),
      obs(4, y, null, { state: 'fullyImplemented' }), obs(5, y, '100'), obs(6, y, '100'), obs(7, y, '97'), obs(7, y, '95', { kind: 'assigned' }),
      obs(8, y, '24'), obs(9, y, '100'), obs(10, y, null, { state: 'noWorseThanClassV' }), obs(11, y, null, { state: 'noBlackOdorousWater' }),
      obs(12, y, '85.0'), obs(13, y, '74.6'), obs(17, y, '100'), obs(19, y, null, { state: 'established' }),
      obs(20, y, '5865.26', { checks: both }), obs(21, y, '22.52', { checks: both }),
      obs(23, y - 1, '1.46'), obs(23, y, '1.5'), obs(23, y, '1.4', { kind: 'assigned' }),
      obs(24, y - 1, '131'), obs(24, y, '130'), obs(24, y, '132', { kind: 'assigned' }), obs(25, y, '1.9'), obs(25, y, '2.0', { kind: 'assigned' }),
      obs(29, y, '100'), obs(30, y, '99'), obs(32, y, '100'), obs(42, y, '98'),
    ];
    const r = evaluatePlan(plan, new ObservationIndex(observations), { year: y });
    expect(r.indicators.filter((e) => e.binding && e.status !== 'attained').map((e) => [e.code, e.reason.zh])).toEqual([]);
    expect(r.summary.readiness).toEqual({ ready: true, bindingTotal: 24, bindingAttained: 24, notAttained: [], noData: [] });
    // One binding indicator without data: not ready, and readiness names it as unjudged, not as not attained.
    const short = evaluatePlan(plan, new ObservationIndex(observations.filter((o) => o.indicatorCode !== 42)), { year: y });
    expect(short.summary.readiness).toMatchObject({ ready: false, bindingAttained: 23, notAttained: [], noData: [{ code: 42, name: '政府绿色采购比例', status: 'no_data' }] });
    // One binding indicator short of its target: named as not attained.
    const low = evaluatePlan(plan, new ObservationIndex([...observations.filter((o) => o.indicatorCode !== 42), obs(42, y, '50')]), { year: y });
    expect(low.summary.readiness).toMatchObject({ ready: false, bindingAttained: 23, notAttained: [{ code: 42, status: 'not_attained' }], noData: [] });
  });
});

describe('first-contact surprises', () => {
  it('does not flag the 2020 baseline 在编 red against the 2025 target 制定实施: yellow, due by 2025; red once the year is due', () => {
    // Indicator 1 (binding): baseline 在编, target 制定实施 for 2025. The plan's 现状值 is the city's 2020 value.
    const base = evaluate(1, 2020, []);
    expect(base.status).toBe('not_attained');
    expect(base.warning?.level).toBe('yellow');
    expect(base.warning?.reason.zh).toContain('须于 2025 年前达到');
    expect(evaluate(1, 2023, [obs(1, 2023, null, { state: 'beingDrafted' })]).warning?.level).toBe('yellow');
    // In 2025, the horizon year itself, still 在编: the milestone is missed.
    expect(evaluate(1, 2025, [obs(1, 2025, null, { state: 'beingDrafted' })]).warning?.level).toBe('red');
  });

  it('says why an indicator that met its assigned figure is graded on growth alone (indicator 7 at 100 %)', () => {
    const e = evaluate(7, 2024, [obs(7, 2024, '100'), obs(7, 2024, '98', { kind: 'assigned' })]);
    expect(e.status).toBe('attained');
    expect(e.progress?.method).toBe('growth');
    expect(e.progress?.reason.zh).toContain('上级下达的 2025 年目标值尚未录入');
    expect(e.progress?.reason.zh).toContain('与本年是否达标无关');
    expect(e.progress?.reason.en).toContain('the assigned figure for 2025 has not been entered');
    // With the 2025 figure entered, progress is measured against it and the caveat goes.
    const withTarget = evaluate(7, 2024, [obs(7, 2024, '100'), obs(7, 2024, '98', { kind: 'assigned' }), obs(7, 2025, '98', { kind: 'assigned' })]);
    expect(withTarget.progress?.reason.zh).not.toContain('尚未录入');
  });
});
