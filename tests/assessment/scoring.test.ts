// Scoring rules of the assessment on hand-worked examples: each rule of docs/assessment.md, the weights of the
// default scheme, deductions with their cap, vetoes, ranks with ties and the change from last year. Expected
// points are worked out by hand from the scheme (plans/shaoguan-2021-2035/assessment.yaml) and the targets of
// table 1, not read from the code's output.
import { describe, expect, it } from 'vitest';
import { assess, scoreEvaluation, type AssessmentInput, type VetoRecord } from '../../src/assessment/assess.js';
import type { Scheme } from '../../src/assessment/scheme.js';
import { evaluateIndicator, ObservationIndex } from '../../src/plan/evaluation.js';
import type { Observation } from '../../src/plan/observations.js';
import type { StateCode } from '../../src/plan/targets.js';
import type { LibraryEntry, ProgressFact } from '../../src/projects/library.js';
import { readPlanFolder } from '../../src/planfolder/read.js';
import { SHAOGUAN_DIR } from '../helpers/planFolder.js';

const folder = readPlanFolder(SHAOGUAN_DIR);
if (!folder.result.ok) throw new Error('plan invalid');
const plan = folder.result.plan;
const scheme = folder.schemes[0]!;
const CITY = '440200';
const SHIXING = '440222';
const XINFENG = '440233';

let n = 0;
function obs(code: number, year: number, value: string | null, extra: { region?: string; kind?: 'value' | 'assigned'; state?: StateCode } = {}): Observation {
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
    checks: [],
    source: '测试数据',
    note: null,
    reason: null,
    status: 'approved',
    isDemo: false,
    recordedAt: '2025-01-01T00:00:00Z',
    recordedBy: 'test',
    batchId: 'b',
  };
}

const ind = (code: number) => plan.indicators.find((x) => x.code === code)!;
const region = (code: string) => plan.regions.find((r) => r.code === code)!;
const score = (s: Scheme, code: number, regionCode: string, year: number, observations: Observation[]) =>
  scoreEvaluation(s, ind(code), region(regionCode), evaluateIndicator(plan, ind(code), region(regionCode), year, new ObservationIndex(observations)));

function input(observations: Observation[], extra: Partial<AssessmentInput> = {}): AssessmentInput {
  return { plan, scheme, year: 2024, observations: new ObservationIndex(observations), library: [], progress: [], vetoes: [], ...extra };
}

describe('scoring rules (each on a hand-worked example)', () => {
  it('attained earns full marks whatever the rule', () => {
    const s = score(scheme, 13, SHIXING, 2024, [obs(13, 2021, '70', { region: SHIXING }), obs(13, 2024, '75.0', { region: SHIXING })]);
    expect(s.fraction).toBe(1);
    expect(s.rule).toBe('progressRatio');
  });

  it('progressRatio: forest cover 70 → 73 against ≥74.6 covers 3 / 4.6 of the way', () => {
    const s = score(scheme, 13, SHIXING, 2024, [obs(13, 2021, '70', { region: SHIXING }), obs(13, 2024, '73', { region: SHIXING })]);
    expect(s.fraction).toBeCloseTo(3 / 4.6, 10);
    expect(s.reason.zh).toContain('(73 − 70) ÷ (74.6 − 70)');
  });

  it('progressRatio on a lower-is-better indicator: PM2.5 30 → 27 against 25 covers 3 / 5', () => {
    const s = score(scheme, 8, SHIXING, 2024, [obs(8, 2021, '30', { region: SHIXING }), obs(8, 2024, '27', { region: SHIXING })]);
    expect(s.fraction).toBeCloseTo(0.6, 10);
  });

  it('progressRatio when the baseline already met the target and the value slipped back earns nothing', () => {
    // PM2.5 24 (≤25 met) → 27: (27 − 24) ÷ (25 − 24) would be 300 %; the rule gives 0.
    const s = score(scheme, 8, SHIXING, 2024, [obs(8, 2021, '24', { region: SHIXING }), obs(8, 2024, '27', { region: SHIXING })]);
    expect(s.fraction).toBe(0);
    expect(s.reason.zh).toContain('已达到目标，现已退出达标');
  });

  it('progressRatio going the wrong way earns nothing (clamped at 0)', () => {
    const s = score(scheme, 13, SHIXING, 2024, [obs(13, 2021, '70', { region: SHIXING }), obs(13, 2024, '69', { region: SHIXING })]);
    expect(s.fraction).toBe(0);
  });

  it('assignedRatio: good-air days 90 % against an assigned 95 % earns 90/95', () => {
    const s = score(scheme, 7, CITY, 2024, [obs(7, 2024, '90'), obs(7, 2024, '95', { kind: 'assigned' })]);
    expect(s.rule).toBe('assignedRatio');
    expect(s.fraction).toBeCloseTo(90 / 95, 10);
  });

  it('assignedRatio on a lower-is-better indicator: carbon intensity 1.05 against an assigned ≤1.00 earns 1.00/1.05', () => {
    const s = score(scheme, 25, CITY, 2024, [obs(25, 2024, '1.05'), obs(25, 2024, '1.00', { kind: 'assigned' })]);
    expect(s.fraction).toBeCloseTo(1 / 1.05, 10);
  });

  it('stateCredit: a plan still being drafted (在编) earns the scheme’s 0.5; another state earns 0', () => {
    expect(score(scheme, 1, CITY, 2024, [obs(1, 2024, null, { state: 'beingDrafted' })]).fraction).toBe(0.5);
    expect(score(scheme, 1, CITY, 2024, [obs(1, 2024, null, { state: 'established' })]).fraction).toBe(0);
    expect(score(scheme, 1, CITY, 2024, [obs(1, 2024, null, { state: 'formulatedAndImplemented' })]).fraction).toBe(1);
  });

  it('progressLevel: 70 → 73 (2021–2024) against 74.6 in 2025 is UNSD "moderate" (ratio 0.88) and earns the 0.5 of that level', () => {
    // Actual CAGR (73/70)^(1/3) − 1 = 1.409 %; required (74.6/70)^(1/4) − 1 = 1.605 %; ratio 0.878 ∈ [0.5, 0.95).
    const levelScheme: Scheme = { ...scheme, rules: { ...scheme.rules, threshold: { rule: 'progressLevel', credit: {} } } };
    const s = score(levelScheme, 13, SHIXING, 2024, [obs(13, 2021, '70', { region: SHIXING }), obs(13, 2024, '73', { region: SHIXING })]);
    expect(s.rule).toBe('progressLevel');
    expect(s.fraction).toBe(0.5);
  });

  it('relative targets use the progress level: 92 → 91 against 不降低 is "marginal" and earns its 0.2', () => {
    // Indicator 16 (不降低 against the first reported year; table 1 has no baseline): no numeric target, so UNSD
    // §II.a grades the growth (91/92)^(1/3) − 1 = −0.36 %/yr, which lies in [−1 %, 0.5 %): marginal.
    const s = score(scheme, 16, CITY, 2024, [obs(16, 2021, '92'), obs(16, 2024, '91')]);
    expect(s.rule).toBe('progressLevel');
    expect(s.fraction).toBe(0.2);
  });

  it('attainedOnly: a combined target (面积不减少 性质不改变 功能不降低) not met earns 0', () => {
    const s = score(scheme, 20, CITY, 2024, [obs(20, 2021, '100'), obs(20, 2024, '99')]);
    expect(s.rule).toBe('attainedOnly');
    expect(s.fraction).toBe(0);
  });

  it('missing data earns the scheme’s missing credit (0) and says what is missing', () => {
    const s = score(scheme, 13, SHIXING, 2024, [obs(13, 2021, '70', { region: SHIXING })]);
    expect(s.rule).toBe('missing');
    expect(s.fraction).toBe(0);
    expect(s.missing?.zh).toContain('2024');
  });
});

describe('a county government’s score', () => {
  it('adds up the weighted items; every item names its indicator, value, target, rule and observation', () => {
    // 始兴县: forest cover 70 → 73 (≥74.6): 10 × 3/4.6 = 6.52; PM2.5 30 → 27 (≤25): 12 × 0.6 = 7.20; the other ten
    // indicators have no data (0). Score 13.72.
    const r = assess(input([obs(13, 2021, '70', { region: SHIXING }), obs(13, 2024, '73', { region: SHIXING }), obs(8, 2021, '30', { region: SHIXING }), obs(8, 2024, '27', { region: SHIXING })]));
    const s = r.subjects.find((x) => x.code === SHIXING)!;
    const byCode = new Map(s.items.map((i) => [i.indicator, i]));
    expect(byCode.get(13)!.points).toBe(6.52);
    expect(byCode.get(13)!.maxPoints).toBe(10);
    expect(byCode.get(8)!.points).toBe(7.2);
    expect(s.score).toBe(13.72);
    expect(s.missingCount).toBe(10);
    const item13 = byCode.get(13)!;
    expect(item13.kind === 'indicator' && item13.observations.map((o) => o.year)).toEqual([2021, 2024]);
    expect(item13.kind === 'indicator' && item13.target.text).toBe('≥74.6');
    expect(s.grade).toBe('不合格');
    expect(s.items.reduce((a, i) => a + Math.round(i.points * 100), 0)).toBe(1372);
  });

  it('a county with every indicator attained scores 100 and ranks first; equal scores share a rank', () => {
    const full = (code: string) => [
      obs(7, 2024, '99', { region: code }), obs(7, 2024, '95', { region: code, kind: 'assigned' }),
      obs(8, 2024, '20', { region: code }), obs(9, 2024, '100', { region: code }), obs(12, 2024, '90', { region: code }),
      obs(13, 2024, '80', { region: code }), obs(29, 2024, '100', { region: code }), obs(30, 2024, '96', { region: code }),
      obs(31, 2024, '61', { region: code }), obs(32, 2024, '100', { region: code }), obs(33, 2024, '100', { region: code }),
      obs(34, 2024, '17', { region: code }), obs(35, 2024, '100', { region: code }),
    ];
    const r = assess(input([...full(SHIXING), ...full(XINFENG)]));
    const regions = r.subjects.filter((s) => s.kind === 'region');
    expect(regions.slice(0, 2).map((s) => [s.code, s.score, s.rank, s.grade])).toEqual([
      [SHIXING, 100, 1, '优秀'],
      [XINFENG, 100, 1, '优秀'],
    ]);
    // The eight others have nothing: 0 points each, all tied at rank 3.
    expect(regions.slice(2).every((s) => s.score === 0 && s.rank === 3)).toBe(true);
  });
});

const project = (no: number, regions: string[], leadIds: string[], startYear: number, endYear: number): LibraryEntry => ({
  ...plan.projects[0]!,
  no,
  name: `测试项目${no}`,
  nameEn: `test project ${no}`,
  regions,
  leadIds,
  leads: leadIds,
  startYear,
  endYear,
  version: 1,
  retired: false,
  retiredReason: null,
});

const report = (no: number, year: number, status: ProgressFact['status']): ProgressFact => ({
  no,
  year,
  version: 1,
  plannedInvestment: '1.00',
  completedInvestment: '0.50',
  cumulativeInvestment: null,
  physicalProgress: status === 'completed' ? 100 : 50,
  status,
  reason: null,
  milestones: [],
  note: null,
  explanation: null,
  recordedAt: '2025-01-01T00:00:00Z',
  recordedBy: 'test',
  isDemo: false,
});

describe('deductions and vetoes', () => {
  const data = [obs(13, 2024, '80', { region: XINFENG }), obs(8, 2024, '20', { region: XINFENG })];
  // 新丰县 earns 10 + 12 = 22 from the two attained indicators.

  it('each overdue key project in the county takes 2 points, at most 6; completed and later projects take none', () => {
    const library = [101, 102, 103, 104].map((no) => project(no, [XINFENG], ['swj'], 2021, 2023));
    library.push(project(105, [XINFENG], ['swj'], 2021, 2024), project(106, [XINFENG], ['swj'], 2021, 2030));
    const progress = [report(105, 2024, 'completed'), report(101, 2024, 'in_progress')];
    const r = assess(input(data, { library, progress }));
    const s = r.subjects.find((x) => x.code === XINFENG)!;
    const deductions = s.items.filter((i) => i.kind === 'deduction');
    expect(deductions.map((d) => d.points)).toEqual([-2, -2, -2]);
    expect(s.score).toBe(16);
    expect(s.items.reduce((a, i) => a + Math.round(i.points * 100), 0)).toBe(1600);
  });

  it('the lead department of an overdue project loses its project points and 2 points more', () => {
    const library = [project(101, [], ['jtysj'], 2021, 2023)];
    const r = assess(input([], { library, progress: [] }));
    const dept = r.subjects.find((x) => x.code === 'jtysj')!;
    const projectItem = dept.items.find((i) => i.kind === 'project')!;
    expect(projectItem.kind === 'project' && projectItem.status).toBe('overdue');
    expect(projectItem.maxPoints).toBe(20);
    expect(projectItem.points).toBe(0);
    // Its indicators (36, 37 lead) have no data: 0 of 80. The deduction cannot take the score below 0.
    expect(dept.score).toBe(0);
    expect(dept.items.some((i) => i.kind === 'deduction')).toBe(false);
  });

  it('a veto grades the subject 不合格 and ranks it after everyone not vetoed, whatever its score', () => {
    const veto: VetoRecord = { id: 'v1', year: 2024, subjectKind: 'region', subjectCode: XINFENG, veto: 'majorIncident', evidence: '韶环函〔2024〕1号', note: null, recordedBy: 'reviewer', recordedAt: '2025-02-01T00:00:00Z' };
    const r = assess(input(data, { vetoes: [veto] }));
    const regions = r.subjects.filter((s) => s.kind === 'region');
    const s = regions.find((x) => x.code === XINFENG)!;
    expect(s.score).toBe(22);
    expect(s.grade).toBe('不合格');
    expect(s.vetoed).toBe(true);
    expect(s.rank).toBe(10);
    expect(regions.at(-1)!.code).toBe(XINFENG);
    const item = s.items.find((i) => i.kind === 'veto')!;
    expect(item.points).toBe(0);
    expect(item.kind === 'veto' && item.evidence).toBe('韶环函〔2024〕1号');
  });
});

describe('change from last year', () => {
  it('compares with the same scheme on the year before', () => {
    const data = [obs(13, 2023, '80', { region: XINFENG }), obs(13, 2024, '80', { region: XINFENG }), obs(8, 2024, '20', { region: XINFENG })];
    const r = assess(input(data));
    const s = r.subjects.find((x) => x.code === XINFENG)!;
    expect(r.previousYear).toBe(2023);
    expect(s.previous).toEqual({ score: 10, rank: 1, grade: '不合格' });
    expect(s.change).toBe(12);
  });
});
