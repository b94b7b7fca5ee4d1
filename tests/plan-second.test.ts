// A second plan beside Shaoguan's in one database: the synthetic county plan (plans/example-county-2024-2035, towns
// as its regions) runs a whole year through the API — a round, a reporter's value, review, the evaluation and the
// Word report — and the accounts of each plan see and change only their own plan (issue 18, items 4 and 5).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlanFolder } from '../src/planfolder/read.js';
import { currentObservations } from '../src/store/observations.js';
import type { Target } from '../src/plan/targets.js';
import { appWithCountyPlan, type Session } from './helpers/app.js';
import { brokenPlanFolder, EXAMPLE_COUNTY_DIR } from './helpers/planFolder.js';
import { textOf, unzip } from './reports/helpers.js';

const COUNTY = 'example-county-2024-2035';
const SHAOGUAN = 'shaoguan-2021-2035';
const C = `/api/v1/plans/${COUNTY}`;

let app: FastifyInstance;
let store: Awaited<ReturnType<typeof appWithCountyPlan>>['store'];
let sessions: Record<string, Session> = {};

beforeAll(async () => {
  // Both plans have a department with the id lyj (林业局): the plan, not the department id, decides.
  ({ app, store, sessions } = await appWithCountyPlan([
    ['c-admin', 'admin', COUNTY, null],
    ['c-reviewer', 'reviewer', COUNTY, 'sthjfj'],
    ['c-forestry', 'reporter', COUNTY, 'lyj'],
    ['s-admin', 'admin', SHAOGUAN, null],
    ['s-reviewer', 'reviewer', SHAOGUAN, 'sthjj'],
    ['s-forestry', 'reporter', SHAOGUAN, 'lyj'],
  ]));
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string | null, payload?: object) =>
  app.inject({ method, url, payload, headers: who ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });

/** Enters, submits and approves one task of the county's 2024 round. */
async function approved(task: string, who: string, body: object) {
  const url = `${C}/rounds/2024/tasks/${task}`;
  const put = await call('PUT', url, who, { source: '合成示例数据', ...body });
  expect(put.statusCode, put.body).toBe(200);
  expect((await call('POST', `${url}/submit`, who)).json()).toEqual({ status: 'submitted' });
  expect((await call('POST', `${url}/review`, 'c-reviewer', { action: 'approve' })).json()).toEqual({ status: 'approved' });
}

type Evaluated = { code: number; status: string; reason: { zh: string }; progress: { level: string; ratio: number | null; actualRate: number | null } | null };

describe('the county plan loaded beside Shaoguan’s', () => {
  it('is listed with its own regions: the county and its seven towns with 9-digit codes', async () => {
    const overview = (await call('GET', C, null)).json() as { meta: { name: string; region: string }; regions: { code: string; level: string; parent: string | null }[] };
    expect(overview.meta.name).toBe('示例县生态文明建设规划（2024-2035年）（合成示例）');
    expect(overview.meta.region).toBe('990121');
    const towns = overview.regions.filter((r) => r.level === 'town');
    expect(towns).toHaveLength(7);
    for (const t of towns) expect(t).toMatchObject({ code: expect.stringMatching(/^990121\d{3}$/), parent: '990121' });
    // The default plan is still Shaoguan's.
    expect((await call('GET', '/api/v1/plans/default', null)).json().meta.id).toBe(SHAOGUAN);
  });

  it('runs a round: opened by its admin, a reporter of its 林业局 reports, its reviewer approves', async () => {
    const opened = await call('POST', `${C}/rounds`, 'c-admin', { year: 2024, deadline: '2025-03-31' });
    expect(opened.statusCode, opened.body).toBe(200);
    // 21 indicators for the county, plus the figures higher authorities assign for 13, 14, 15 and 18, plus 9, 17 and
    // 20 (plan.yaml countyIndicators) for each of the seven towns from its town government: 25 + 21.
    expect(opened.json()).toMatchObject({ round: { year: 2024, status: 'open' }, tasks: 46 });
    // indicators.yaml: 县林业局 leads 9 (森林覆盖率) and 11 (湿地保护率); 12 is led by 县农业农村局.
    const listed = await call('GET', `${C}/rounds/2024/tasks`, 'c-forestry');
    expect(listed.statusCode, listed.body).toBe(200);
    const mine = listed.json().tasks as { indicatorCode: number; regionCode: string; canEdit: boolean; target: string }[];
    expect(mine.filter((t) => t.canEdit).map((t) => t.indicatorCode)).toEqual([9, 11]);
    // A 2024 round works towards the plan's near-term horizon, 2027 (indicators.yaml: 9 "≥72.20" in 2027, "≥72.50" in 2035).
    expect(mine.find((t) => t.indicatorCode === 9)!.target).toBe('≥72.20');
    expect(mine.every((t) => t.regionCode === '990121')).toBe(true);
    await approved('9/990121/value', 'c-forestry', { value: '72.30' });
    // The reviewer enters the rest of the year (reviewers may edit any task of their plan).
    await approved('5/990121/value', 'c-reviewer', { value: '92.5' });
    await approved('6/990121/value', 'c-reviewer', { value: '23' });
    await approved('3/990121/value', 'c-reviewer', { state: '全面实施' });
    await approved('19/990121/value', 'c-reviewer', { value: '94.8' });
    await approved('17/990121/value', 'c-reviewer', { value: '2.31' });
    await approved('13/990121/value', 'c-reviewer', { value: '1.84' });
    await approved('13/990121/assigned', 'c-reviewer', { value: '1.90' });
    const county = await currentObservations(store.db, COUNTY);
    expect(county.filter((o) => o.status === 'approved')).toHaveLength(8);
    expect(await currentObservations(store.db, SHAOGUAN)).toHaveLength(0);
  });

  it('evaluates 2024 against the 2027 targets, statuses and progress as worked out by hand', async () => {
    const res = await call('GET', `${C}/evaluation?year=2024`, null);
    expect(res.statusCode, res.body).toBe(200);
    const ev = new Map((res.json().indicators as (Evaluated & { horizon: string })[]).map((e) => [e.code, e]));
    // The plan's near-term horizon is 2027 (plan.yaml), the first target year not before 2024.
    expect(new Set([...ev.values()].map((e) => e.horizon))).toEqual(new Set(['2027']));
    // 9 森林覆盖率: 72.30 ≥ 72.20 → attained; already at the target → 已达标.
    expect(ev.get(9)).toMatchObject({ status: 'attained', progress: { level: 'target_met' } });
    // 5 优良天数比例: 92.5 < 93.0 → not attained. Progress (baseline 92.3 in 2023, target 93.0 in 2027, four years):
    // actual 92.5/92.3 − 1 = 0.21668 %/yr, required (93.0/92.3)^(1/4) − 1 = 0.18906 %/yr, ratio 1.1461 → on track
    // (ratio ≥ 0.95, 进展顺利; against a 2025 horizon it was 0.5725, moderate).
    expect(ev.get(5)).toMatchObject({ status: 'not_attained', progress: { level: 'on_track' } });
    expect(ev.get(5)!.progress!.ratio).toBeCloseTo(1.1461, 4);
    // 6 PM2.5: 23 > 22 → not attained. actual 23/24 − 1 = −4.1667 %, required (22/24)^(1/4) − 1 = −2.1518 %,
    // ratio 1.9364 ≥ 0.95 → on track (进展顺利).
    expect(ev.get(6)).toMatchObject({ status: 'not_attained', progress: { level: 'on_track' } });
    expect(ev.get(6)!.progress!.ratio).toBeCloseTo(1.9364, 4);
    // 3 河长制: the state 全面实施 as targeted.
    expect(ev.get(3)).toMatchObject({ status: 'attained', progress: null });
    // 19 城镇污水处理率, "城市: ≥97 县城: ≥95": a county is held to the 县城 part; 94.8 < 95 → not attained.
    expect(ev.get(19)!.status).toBe('not_attained');
    expect(ev.get(19)!.reason.zh).toBe('2024 年为 94.8%，未达到县城目标 ≥95');
    // Progress towards 95 by 2027: actual 94.8/93.5 − 1 = 1.3904 %/yr, required (95/93.5)^(1/4) − 1 = 0.39868 %/yr,
    // ratio 3.4875.
    expect(ev.get(19)!.progress).toMatchObject({ level: 'on_track' });
    expect(ev.get(19)!.progress!.ratio).toBeCloseTo(3.4875, 3);
    // 17 化肥使用量, 逐步下降: 2.31 below 2023's 2.35 → attained; no numeric target, so growth alone:
    // 2.31/2.35 − 1 = −1.70 %/yr in the desired direction, beyond 1 % → on track.
    expect(ev.get(17)).toMatchObject({ status: 'attained', progress: { level: 'on_track' } });
    expect(ev.get(17)!.progress!.actualRate).toBeCloseTo(-0.017021, 5);
    // 13 用水总量, 完成上级管控目标: 1.84 within the assigned 1.90 → attained.
    expect(ev.get(13)!.status).toBe('attained');
    // 1 生态文明建设规划: nothing reported → no data.
    expect(ev.get(1)!.status).toBe('no_data');
  });

  it('produces the Word report of the county plan, naming it and not Shaoguan', async () => {
    const res = await call('GET', `${C}/reports/2024.docx`, null);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const text = textOf(unzip(res.rawPayload)['word/document.xml']!);
    expect(text).toContain('示例县生态文明建设规划');
    expect(text).toContain('森林覆盖率');
    // The indicator tables are headed by the plan's target years and hold the 2027 targets (9: ≥72.20).
    expect(text).toContain('2027目标');
    expect(text).toContain('2035目标');
    expect(text).not.toContain('2025目标');
    expect(text).toContain('≥72.20');
    expect(text).not.toMatch(/韶关|440200/);
  });
});

describe('accounts belong to their plan', () => {
  const task = `${C}/rounds/2024/tasks/11/990121/value`;

  it("a Shaoguan account cannot write to the county plan, though its department id (lyj) is the county's too", async () => {
    for (const who of ['s-forestry', 's-reviewer', 's-admin']) {
      const res = await call('PUT', task, who, { value: '52.40', source: '越权' });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe('NO_ROLE_IN_PLAN');
    }
    expect((await call('POST', `${C}/rounds/2024/tasks/9/990121/value/review`, 's-reviewer', { action: 'return', comment: '越权' })).statusCode).toBe(403);
    expect((await call('POST', `${C}/rounds`, 's-admin', { year: 2025, deadline: '2026-03-31' })).statusCode).toBe(403);
    // Nothing was written: 11 has no value, 9 is still approved, no 2025 round.
    const county = await currentObservations(store.db, COUNTY);
    expect(county.find((o) => o.indicatorCode === 11)).toBeUndefined();
    expect(county.find((o) => o.indicatorCode === 9)).toMatchObject({ valueText: '72.30', status: 'approved' });
    expect(await store.db.selectFrom('rounds').select('year').where('plan_id', '=', COUNTY).execute()).toEqual([{ year: 2024 }]);
  });

  it("a county account cannot write to Shaoguan's plan, by its id or as the default", async () => {
    for (const planRef of [SHAOGUAN, 'default']) {
      const res = await call('POST', `/api/v1/plans/${planRef}/rounds`, 'c-admin', { year: 2024, deadline: '2025-03-31' });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('NO_ROLE_IN_PLAN');
    }
    expect(await store.db.selectFrom('rounds').select('year').where('plan_id', '=', SHAOGUAN).execute()).toEqual([]);
  });

  it('sees only its own plan’s round tasks and drafts; the other plan answers it as it answers the public', async () => {
    // A draft of the county's reporter: its own reviewer sees it, Shaoguan's does not.
    await call('PUT', task, 'c-forestry', { value: '52.40', source: '湿地调查' });
    const own = (await call('GET', `${C}/rounds/2024/tasks`, 'c-reviewer')).json().tasks as { indicatorCode: number; submission: { valueText: string } | null }[];
    expect(own.find((t) => t.indicatorCode === 11)!.submission).toMatchObject({ valueText: '52.40' });
    const foreign = await call('GET', `${C}/rounds/2024/tasks`, 's-reviewer');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('NO_ROLE_IN_PLAN');
    expect((await call('GET', '/api/v1/plans/default/rounds/2024/tasks', 'c-reviewer')).statusCode).toBe(403);
    // Public data stays public: the approved history shows no names to another plan's reviewer, as to anyone.
    const history = `${C}/observations/history?indicator=9&region=990121`;
    const mineHistory = (await call('GET', history, 'c-reviewer')).json().versions as { recordedBy: string | null }[];
    expect(mineHistory[0]!.recordedBy).not.toBeNull();
    const theirs = await call('GET', history, 's-reviewer');
    expect(theirs.statusCode).toBe(200);
    expect((theirs.json().versions as { recordedBy: string | null }[]).map((v) => v.recordedBy)).toEqual([null]);
  });
});

describe('the example folder and the town level', () => {
  const problemsOf = (edits: Parameters<typeof brokenPlanFolder>[0]) => {
    const folder = readPlanFolder(brokenPlanFolder(edits, EXAMPLE_COUNTY_DIR));
    return folder.result.ok ? [] : folder.result.problems;
  };

  it('uses every kind of target the target language has, and says it is synthetic', () => {
    const folder = readPlanFolder(EXAMPLE_COUNTY_DIR);
    if (!folder.result.ok) throw new Error('invalid');
    const targets = folder.result.plan.indicators.flatMap((i) => Object.values(i.targets) as Target[]);
    const kinds = new Set(targets.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['all', 'assigned', 'relative', 'split', 'state', 'threshold']);
    const comparators = new Set(targets.flatMap((t) => (t.kind === 'threshold' ? [t.comparator] : [])));
    expect([...comparators].sort()).toEqual(['gte', 'implicit', 'lte']);
    const references = new Set(targets.flatMap((t) => (t.kind === 'relative' ? [t.reference] : [])));
    expect([...references].sort()).toEqual(['baseline', 'previousYear']);
    expect(folder.result.plan.meta.name).toContain('合成示例');
    expect(folder.result.plan.meta.nameEn).toContain('synthetic');
    expect(folder.boundaries).toMatchObject({ source: 'synthetic', licence: 'synthetic', reviewNumber: null });
  });

  it('refuses a town code of 6 digits, one outside its parent, and a town type at county level', () => {
    // (projects.yaml names 990121201 too, so the changed code is also an unknown region there.)
    expect(problemsOf({ 'regions.yaml': (t) => t.replace('code: "990121201"', 'code: "990122"') })).toContainEqual(
      expect.objectContaining({ file: 'regions.yaml', path: [6, 'code'], message: '乡级行政区代码应为 9 位' }),
    );
    expect(problemsOf({ 'regions.yaml': (t) => t.replace('code: "990121201"', 'code: "990122201"') })).toContainEqual(
      expect.objectContaining({ file: 'regions.yaml', path: [6, 'code'], message: '乡级行政区代码“990122201”应以上级行政区代码“990121”开头' }),
    );
    const [wrongType] = problemsOf({ 'regions.yaml': (t) => t.replace('level: county, type: county}', 'level: county, type: township}') });
    expect(wrongType).toMatchObject({ file: 'regions.yaml', path: [0, 'type'], line: 4 });
  });

  it('a town needs its parent; only the plan’s own region may have none', () => {
    expect(problemsOf({ 'regions.yaml': (t) => t.replace(', parent: "990121"}', '}') })).toEqual([
      expect.objectContaining({ file: 'regions.yaml', path: [1, 'parent'], messageEn: 'a county- or town-level region needs a parent' }),
    ]);
  });
});
