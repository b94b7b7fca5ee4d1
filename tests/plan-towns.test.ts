// Town governments as reporting departments (issue 18): a county plan's 乡镇人民政府 / 街道办事处 (departments.yaml
// kind town) get what a city plan's county governments get — round tasks for plan.yaml countyIndicators in their own
// town, and writes scoped to that town, checked by the server. The load refuses a government on a region of the
// wrong level.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectiveIncludes, governedRegion, type Plan } from '../src/plan/model.js';
import { roundTasks } from '../src/plan/rounds.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { mayReportProgress } from '../src/projects/library.js';
import { mayWriteActivity } from '../src/server/routes/carbon.js';
import { mayWrite } from '../src/server/routes/observations.js';
import { currentObservations } from '../src/store/observations.js';
import { appWithCountyPlan, type Session } from './helpers/app.js';
import { brokenPlanFolder, EXAMPLE_COUNTY_DIR, SHAOGUAN_DIR } from './helpers/planFolder.js';

const COUNTY = 'example-county-2024-2035';
const C = `/api/v1/plans/${COUNTY}`;
/** departments.yaml of the example: the seven town governments and their towns. */
const TOWNS = {
  cgjd: '990121001',
  dhjd: '990121002',
  qsz: '990121101',
  bsz: '990121102',
  qxz: '990121103',
  ylx: '990121201',
  zpx: '990121202',
} as const;

const countyPlan = (): Plan => {
  const folder = readPlanFolder(EXAMPLE_COUNTY_DIR);
  if (!folder.result.ok) throw new Error(JSON.stringify(folder.result.problems.slice(0, 3)));
  return folder.result.plan;
};

describe('loading a plan with town governments', () => {
  const problemsOf = (edits: Parameters<typeof brokenPlanFolder>[0], from = EXAMPLE_COUNTY_DIR) => {
    const folder = readPlanFolder(brokenPlanFolder(edits, from));
    return folder.result.ok ? [] : folder.result.problems;
  };
  // 青山镇人民政府 is item 11 of departments.yaml (after nine units of the county).
  const qingshan = '- {id: qsz, name: 青山镇人民政府, nameEn: Qingshan Town Government, kind: town, region: "990121101"}';

  it('reads the example: seven town governments, each governing one of its towns', () => {
    const plan = countyPlan();
    const towns = plan.departments.filter((d) => d.kind === 'town');
    expect(Object.fromEntries(towns.map((d) => [d.id, governedRegion(d)]))).toEqual(TOWNS);
    for (const d of towns) expect(plan.regions.find((r) => r.code === d.region)).toMatchObject({ level: 'town', parent: plan.meta.region });
    expect(plan.meta.countyIndicators).toEqual([9, 17, 20]);
    // The collective entry stays: indicator 20 names it.
    expect(plan.indicators.find((i) => i.code === 20)!.departments).toContain('各乡镇人民政府（街道办事处）');
  });

  it('refuses a town government on the county, naming file, line and path in both languages', () => {
    const problems = problemsOf({ 'departments.yaml': (t) => t.replace(qingshan, qingshan.replace('"990121101"', '"990121"')) });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'departments.yaml',
        path: [11, 'region'],
        line: expect.any(Number),
        message: '乡镇人民政府（街道办事处）的行政区“990121”（示例县）是县级行政区，应为乡级行政区',
        messageEn: 'the region "990121" (Example County) of a town government is county-level; expected a town-level region',
      }),
    ]);
  });

  it('refuses a county government on a town', () => {
    const problems = problemsOf({ 'departments.yaml': (t) => t.replace(qingshan, qingshan.replace('kind: town', 'kind: county')) });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'departments.yaml',
        path: [11, 'region'],
        message: '县级人民政府的行政区“990121101”（青山镇）是乡级行政区，应为县级行政区',
        messageEn: 'the region "990121101" (Qingshan Town) of a county government is town-level; expected a county-level region',
      }),
    ]);
  });

  it('refuses a town government on an unknown region, or on none', () => {
    expect(problemsOf({ 'departments.yaml': (t) => t.replace(qingshan, qingshan.replace('"990121101"', '"990121109"')) })).toEqual([
      expect.objectContaining({ file: 'departments.yaml', path: [11, 'region'], messageEn: 'unknown region code "990121109"; expected a code from regions.yaml' }),
    ]);
    expect(problemsOf({ 'departments.yaml': (t) => t.replace(qingshan, qingshan.replace(', region: "990121101"', '')) })).toEqual([
      expect.objectContaining({ file: 'departments.yaml', path: [11, 'region'], message: '乡镇人民政府（街道办事处）须注明所辖行政区代码（region）', messageEn: 'a town government needs the code of its town-level region (region)' }),
    ]);
  });

  it('refuses a city plan’s county government marked as a town government', () => {
    // The first county government of the embedded city plan, whatever its name: its line is the first "kind: county".
    const problems = problemsOf({ 'departments.yaml': (t) => t.replace('kind: county,', 'kind: town,') }, SHAOGUAN_DIR);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'departments.yaml', path: [expect.any(Number), 'region'], messageEn: expect.stringMatching(/ of a town government is county-level; expected a town-level region$/) });
  });
});

describe('what a town government may do (the rules the routes apply)', () => {
  const plan = countyPlan();
  const reporter = (departmentId: string) => ({ role: 'reporter' as const, departmentId });

  it('gets a round task for each of countyIndicators in its own town, and no other', () => {
    const tasks = roundTasks(plan);
    for (const [id, town] of Object.entries(TOWNS))
      expect(tasks.filter((t) => t.departmentId === id)).toEqual([9, 17, 20].map((code) => ({ indicatorCode: code, regionCode: town, kind: 'value', departmentId: id })));
  });

  it('writes observations, carbon activity data and project progress for its own town only', () => {
    const user = { ...reporter('qsz'), id: 'u', username: 'qs', displayName: 'qs', planId: COUNTY } as Parameters<typeof mayWrite>[1];
    expect(mayWrite(plan, user, 9, TOWNS.qsz)).toBe(true);
    expect(mayWrite(plan, user, 9, TOWNS.bsz)).toBe(false);
    expect(mayWrite(plan, user, 9, plan.meta.region)).toBe(false);
    expect(mayWriteActivity(plan, reporter('qsz'), { sector: 'energy', regionCode: TOWNS.qsz })).toBe(true);
    expect(mayWriteActivity(plan, reporter('qsz'), { sector: 'energy', regionCode: TOWNS.bsz })).toBe(false);
    // A project led by 各乡镇人民政府（街道办事处）: the towns it names report its progress, the others do not.
    const collective = plan.departments.find((d) => d.kind === 'collective')!;
    expect(collectiveIncludes(collective, plan.departments.find((d) => d.id === 'qsz')!)).toBe(true);
    expect(collectiveIncludes(collective, { kind: 'county' })).toBe(false);
    const project = { leadIds: [collective.id], regions: [TOWNS.qsz] };
    expect(mayReportProgress(plan, reporter('qsz'), project)).toBe(true);
    expect(mayReportProgress(plan, reporter('bsz'), project)).toBe(false);
    expect(mayReportProgress(plan, reporter('bsz'), { leadIds: [collective.id], regions: [] })).toBe(true);
  });
});

describe('a round of the county plan through the API', () => {
  let app: FastifyInstance;
  let store: Awaited<ReturnType<typeof appWithCountyPlan>>['store'];
  let sessions: Record<string, Session> = {};
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } });
  const submissionCount = async () => Number((await store.db.selectFrom('submissions').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    ({ app, store, sessions } = await appWithCountyPlan([
      ['c-admin', 'admin', COUNTY, null],
      ...Object.keys(TOWNS).map((id) => [`t-${id}`, 'reporter', COUNTY, id] as const),
    ]));
    const opened = await call('POST', `${C}/rounds`, 'c-admin', { year: 2024, deadline: '2025-03-31' });
    expect(opened.statusCode, opened.body).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await store.db.destroy();
  });

  it('gives each town government 9, 17 and 20 for its own town, and its progress counts them', async () => {
    for (const [id, town] of Object.entries(TOWNS)) {
      const res = await call('GET', `${C}/rounds/2024/tasks`, `t-${id}`);
      expect(res.statusCode, res.body).toBe(200);
      const tasks = res.json().tasks as { indicatorCode: number; regionCode: string; departmentId: string; canEdit: boolean }[];
      expect(tasks.map((t) => [t.indicatorCode, t.regionCode, t.departmentId, t.canEdit])).toEqual([9, 17, 20].map((code) => [code, town, id, true]));
    }
    const progress = (await call('GET', `${C}/rounds/2024`, 'c-admin')).json() as { departments: { id: string; name: string; tasks: number }[] };
    for (const id of Object.keys(TOWNS)) expect(progress.departments.find((d) => d.id === id)).toMatchObject({ tasks: 3 });
    expect(progress.departments.find((d) => d.id === 'qsz')!.name).toBe('青山镇人民政府');
  });

  it('lets a town reporter save its own town’s value, and refuses another town and the county’s task, writing nothing', async () => {
    const before = await submissionCount();
    const own = await call('PUT', `${C}/rounds/2024/tasks/9/${TOWNS.qsz}/value`, 't-qsz', { value: '81.20', source: '青山镇林业站' });
    expect(own.statusCode, own.body).toBe(200);
    expect(await submissionCount()).toBe(before + 1);

    const other = await call('PUT', `${C}/rounds/2024/tasks/9/${TOWNS.bsz}/value`, 't-qsz', { value: '70.00', source: '越权' });
    expect(other.statusCode, other.body).toBe(403);
    const county = await call('PUT', `${C}/rounds/2024/tasks/9/990121/value`, 't-qsz', { value: '72.30', source: '越权' });
    expect(county.statusCode, county.body).toBe(403);
    expect(await submissionCount()).toBe(before + 1);
  });

  it('scopes direct entry the same way: its own town yes, another town or the county no', async () => {
    const entry = (region: string) => call('POST', `${C}/observations`, 't-qsz', { indicator: 17, region, year: 2024, value: '0.12', source: '青山镇农业站' });
    for (const region of [TOWNS.bsz, '990121']) {
      const res = await entry(region);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('OUT_OF_SCOPE');
    }
    expect((await currentObservations(store.db, COUNTY)).filter((o) => o.indicatorCode === 17)).toEqual([]);
    const own = await entry(TOWNS.qsz);
    expect(own.statusCode, own.body).toBe(200);
    expect((await currentObservations(store.db, COUNTY)).filter((o) => o.indicatorCode === 17).map((o) => o.regionCode)).toEqual([TOWNS.qsz]);
  });

  it('enters GEP inputs for its own town only', async () => {
    const facts = (region: string) => ({ facts: [{ kind: 'input', region, year: 2024, key: 'cooling_days', value: '120', unit: 'd', source: '县气象局' }] });
    for (const region of [TOWNS.bsz, '990121']) {
      const res = await call('PUT', `${C}/gep/inputs`, 't-qsz', facts(region));
      expect([res.statusCode, res.json().code]).toEqual([403, 'OUT_OF_SCOPE']);
    }
    const own = await call('PUT', `${C}/gep/inputs`, 't-qsz', facts(TOWNS.qsz));
    expect(own.statusCode, own.body).toBe(200);
  });
});
