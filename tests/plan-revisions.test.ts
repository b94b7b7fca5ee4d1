// Plan revisions (规划修订): a new version of a plan's content from an effective year, with its reason and approving
// document, reviewed by a second person and audited. Years before it stay evaluated by the version then in force.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../src/plan/build.js';
import { evaluatePlan, ObservationIndex } from '../src/plan/evaluation.js';
import type { Plan } from '../src/plan/model.js';
import { checkRevision, definitionBreaks, diffPlans, planInForce } from '../src/plan/revisions.js';
import type { RawPlanFiles } from '../src/plan/schema.js';
import { loadRawFolder, readPlanFolder } from '../src/planfolder/read.js';
import { recordObservations } from '../src/store/observations.js';
import { loadPlan, seedPlan } from '../src/store/plans.js';
import { appWithAccounts, type Session } from './helpers/app.js';
import { SHAOGUAN_DIR } from './helpers/planFolder.js';
import { textOf, unzip } from './reports/helpers.js';

const raw = (): RawPlanFiles => {
  const f = loadRawFolder(SHAOGUAN_DIR);
  if (!f.ok) throw new Error('plan folder invalid');
  return structuredClone(f.files);
};
const build = (files: RawPlanFiles): Plan => {
  const b = buildPlan(files);
  if (!b.ok) throw new Error(JSON.stringify(b.problems.slice(0, 2)));
  return b.plan;
};
const withTarget = (files: RawPlanFiles, code: number, horizon: string, text: string) => {
  files['indicators.yaml'].find((x) => x.code === code)!.targets[horizon] = text;
  return files;
};
const noFacts = (baseYear = 2020) => ({ lastApprovedYear: new Map<number, number>(), lastEffectiveYear: baseYear });

describe('revisions, pure', () => {
  const original = build(raw());
  const revised = build(withTarget(raw(), 13, '2035', '≥75.5'));

  it('lists what a revision changes: targets from → to, added and retired indicators, definition changes', () => {
    const files = withTarget(raw(), 13, '2035', '≥75.5');
    const ind = files['indicators.yaml'];
    ind.find((x) => x.code === 12)!.unit = '分';
    // Retiring 45 takes it out of the projects' links and table 1's notes too.
    files['indicators.yaml'] = ind.filter((x) => x.code !== 45);
    for (const p of files['projects.yaml'].projects) if (p.links) p.links = p.links.indicators.some((c) => c !== 45) ? { ...p.links, indicators: p.links.indicators.filter((c) => c !== 45) } : undefined;
    for (const n of files['notes.yaml']) n.indicators = n.indicators.filter((c) => c !== 45);
    const d = diffPlans(original, build(files));
    expect(d.empty).toBe(false);
    expect(d.indicators.find((c) => c.code === 13)).toMatchObject({ kind: 'changed', targets: [{ horizon: '2035', from: '≥75.0', to: '≥75.5' }], definition: [] });
    expect(d.indicators.find((c) => c.code === 12)).toMatchObject({ kind: 'changed', targets: [], definition: [{ field: 'unit', from: '%', to: '分' }] });
    expect(d.indicators.find((c) => c.code === 45)).toMatchObject({ kind: 'retired' });
    expect(d.indicators).toHaveLength(3);
    expect(diffPlans(original, build(raw())).empty).toBe(true);
  });

  it('names a changed measure (where a computed value goes) among the other changes', () => {
    const files = raw();
    const x = files['indicators.yaml'].find((i) => i.measure === 'survey.participation')!;
    delete x.measure;
    expect(diffPlans(original, build(files)).indicators).toEqual([expect.objectContaining({ code: x.code, kind: 'changed', other: ['measure'], targets: [] })]);
  });

  it('picks the version in force by year: the original before the effective year, the revision from it on', () => {
    const plan: Plan = { ...revised, revision: { no: 1, effectiveYear: 2026, document: 'D', reason: 'R', approvedAt: 'x' }, earlier: [{ ...original, revision: { no: 0, effectiveYear: 2020, document: null, reason: null, approvedAt: null } }] };
    expect(planInForce(plan, 2025).indicators.find((x) => x.code === 13)!.targets['2035']!.text).toBe('≥75.0');
    expect(planInForce(plan, 2026).indicators.find((x) => x.code === 13)!.targets['2035']!.text).toBe('≥75.5');
    expect(planInForce(plan, 2019)).toBe(plan.earlier![0]);
    expect(planInForce(original, 2030)).toBe(original);
  });

  it('marks where an indicator’s definition changed, so its series is not compared across it', () => {
    const files = raw();
    files['indicators.yaml'].find((x) => x.code === 12)!.unit = '分';
    const plan: Plan = { ...build(files), revision: { no: 1, effectiveYear: 2027, document: 'D', reason: 'R', approvedAt: 'x' }, earlier: [{ ...original, revision: { no: 0, effectiveYear: 2020, document: null, reason: null, approvedAt: null } }] };
    expect(definitionBreaks(plan, 12)).toEqual([{ year: 2027, revision: 1, fields: ['unit'] }]);
    expect(definitionBreaks(plan, 13)).toEqual([]);
    expect(definitionBreaks(original, 12)).toEqual([]);
  });

  it('refuses what a revision cannot do, each with its reason', () => {
    const codes = (next: Plan, year: number, facts = noFacts()) => checkRevision(original, next, year, facts).map((p) => p.code);
    expect(codes(revised, 2026)).toEqual([]);
    expect(codes(build(raw()), 2026)).toEqual(['REVISION_EMPTY']);
    expect(codes(revised, 2020)).toEqual(['REVISION_YEAR_OUT_OF_RANGE']);
    expect(codes(revised, 2036)).toEqual(['REVISION_YEAR_OUT_OF_RANGE']);
    // An approved value of 2026 for indicator 13: its target can change from 2027 on, not 2026.
    const facts = { lastApprovedYear: new Map([[13, 2026]]), lastEffectiveYear: 2020 };
    const refused = checkRevision(original, revised, 2026, facts);
    expect(refused.map((p) => p.code)).toEqual(['REVISION_CHANGES_APPROVED']);
    expect(refused[0]!.zh).toContain('最早自 2027 年起生效');
    expect(codes(revised, 2027, facts)).toEqual([]);
    // Approved values of other indicators do not hold it back.
    expect(codes(revised, 2026, { lastApprovedYear: new Map([[12, 2026]]), lastEffectiveYear: 2020 })).toEqual([]);
    expect(codes(revised, 2026, { ...noFacts(), lastEffectiveYear: 2028 })).toEqual(['REVISION_BEFORE_LAST']);
    const baseline = withTarget(raw(), 13, '2035', '≥75.5');
    baseline['indicators.yaml'].find((x) => x.code === 13)!.baseline.text = '74.50';
    expect(codes(build(baseline), 2026)).toEqual(['REVISION_CHANGES_BASELINE']);
    const frame = withTarget(raw(), 13, '2035', '≥75.5');
    frame['plan.yaml'].baseYear = 2021;
    expect(codes(build(frame), 2026)).toContain('REVISION_CHANGES_FRAME');
  });
});

describe('revisions through the API', () => {
  let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
  const P = '/api/v1/plans/default';
  const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) => {
    const s: Session = ctx.sessions[who] ?? null;
    return ctx.app.inject({ method, url, payload, headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {} });
  };
  const record = (year: number, value: string, status: 'approved' | 'provisional') =>
    recordObservations(ctx.store.db, ctx.store.plan.meta.id, [{ indicatorCode: 13, regionCode: '440200', year, kind: 'value', valueText: value, state: null, checks: [], source: '市林业局', note: null, reason: null }], { origin: 'import', recordedBy: 'test', status });
  const ind13 = async (year: number, who = 'admin') => {
    const res = await call('GET', `${P}/evaluation?year=${year}&view=${who === 'anonymous' ? 'official' : 'staff'}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { indicators: { code: number; status: string; target: { text: string } }[] }).indicators.find((e) => e.code === 13)!;
  };
  const proposal = { effectiveYear: 2026, reason: '规划中期评估：森林覆盖率目标提高', document: '韶府函〔2026〕99号（示例）', targets: [{ code: 13, horizon: '2035', text: '≥75.5' }] };
  const auditActions = async () => (await ctx.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'plan.revision.%').orderBy('seq').execute()).map((r) => r.action);

  beforeAll(async () => {
    ctx = await appWithAccounts([
      ['admin', 'admin', null],
      ['admin2', 'admin', null],
      ['reviewer', 'reviewer', 'sthjj'],
      ['otherreviewer', 'reviewer', 'lyj'],
      ['forestry', 'reporter', 'lyj'],
    ]);
    expect((await record(2025, '74.8', 'approved')).ok).toBe(true);
    expect((await record(2026, '75.2', 'provisional')).ok).toBe(true);
  });
  afterAll(() => ctx.close());

  it('refuses a proposal from anyone but an administrator, and one touching a year with approved values, writing nothing', async () => {
    expect((await call('POST', `${P}/revisions`, 'anonymous', proposal)).statusCode).toBe(401);
    expect((await call('POST', `${P}/revisions`, 'forestry', proposal)).statusCode).toBe(403);
    expect((await call('POST', `${P}/revisions`, 'reviewer', proposal)).statusCode).toBe(403);
    const past = await call('POST', `${P}/revisions`, 'admin', { ...proposal, effectiveYear: 2025 });
    expect(past.statusCode).toBe(409);
    expect(past.json()).toMatchObject({ code: 'REVISION_CHANGES_APPROVED', problems: [{ code: 'REVISION_CHANGES_APPROVED' }] });
    expect(past.json().message).toContain('2025 年的审定数值');
    const badText = await call('POST', `${P}/revisions`, 'admin', { ...proposal, targets: [{ code: 13, horizon: '2035', text: '大约七十五' }] });
    expect(badText.statusCode).toBe(400);
    expect(badText.json()).toMatchObject({ code: 'REVISION_INVALID_PLAN', problems: [{ code: 'PLAN_PROBLEM' }] });
    expect(badText.json().problems[0].where).toContain('indicators.yaml');
    expect((await call('POST', `${P}/revisions`, 'admin', { ...proposal, reason: '   ' })).statusCode).toBe(400);
    expect((await call('GET', `${P}/revisions`, 'anonymous')).json()).toEqual({ revisions: [] });
    expect(await auditActions()).toEqual([]);
  });

  it('a 2035 target raised from 2026: 2025 is evaluated as before, 2026 by the new target once approved by someone else', async () => {
    expect(await ind13(2026)).toMatchObject({ status: 'attained', target: { text: '≥75.0' } });
    const proposed = await call('POST', `${P}/revisions`, 'admin', proposal);
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ revision: { no: 1, status: 'draft', effectiveYear: 2026, proposedBy: 'admin' }, diff: { indicators: [{ code: 13, targets: [{ horizon: '2035', from: '≥75.0', to: '≥75.5' }] }] } });
    // A draft changes nothing yet.
    expect(await ind13(2026)).toMatchObject({ status: 'attained', target: { text: '≥75.0' } });
    expect((await call('POST', `${P}/revisions`, 'admin', proposal)).json()).toMatchObject({ code: 'REVISION_DRAFT_OPEN' });
    // Four eyes: not its proposer, not a reviewer of another department.
    expect((await call('POST', `${P}/revisions/1/approve`, 'admin', {})).json()).toMatchObject({ code: 'REVISION_SELF_REVIEW' });
    expect((await call('POST', `${P}/revisions/1/approve`, 'otherreviewer', {})).statusCode).toBe(403);
    const approved = await call('POST', `${P}/revisions/1/approve`, 'reviewer', { note: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ revision: { no: 1, status: 'approved', decidedBy: 'reviewer', document: proposal.document } });
    expect(await ind13(2026)).toMatchObject({ status: 'not_attained', target: { text: '≥75.5' } });
    expect(await ind13(2025)).toMatchObject({ status: 'attained', target: { text: '≥74.6' } });
    // Each evaluation names the version it applied.
    const version = async (year: number) => (await call('GET', `${P}/evaluation?year=${year}`, 'anonymous')).json().planRevision;
    expect(await version(2025)).toEqual({ no: 0, effectiveYear: 2020, document: null });
    expect(await version(2026)).toEqual({ no: 1, effectiveYear: 2026, document: proposal.document });
    // The current plan shows the new target; the history of the indicator shows both and when each was in force.
    expect((await call('GET', `${P}/indicators/13`, 'anonymous')).json().indicator.targets['2035'].text).toBe('≥75.5');
    const history = (await call('GET', `${P}/indicators/13/history`, 'anonymous')).json();
    expect(history.versions.map((v: { revision: number; effectiveYear: number; targets: { text: string }[] }) => [v.revision, v.effectiveYear, v.targets[1]!.text])).toEqual([[0, 2020, '≥75.0'], [1, 2026, '≥75.5']]);
    expect(history.breaks).toEqual([]);
    const list = (await call('GET', `${P}/revisions`, 'anonymous')).json().revisions;
    expect(list.map((r: { no: number; status: string }) => [r.no, r.status])).toEqual([[0, 'original'], [1, 'approved']]);
    expect((await call('GET', `${P}/revisions/1`, 'anonymous')).json().diff.indicators).toHaveLength(1);
    expect(await auditActions()).toEqual(['plan.revision.propose', 'plan.revision.approve']);
    // Deciding again is refused.
    expect((await call('POST', `${P}/revisions/1/reject`, 'admin2', { note: 'x' })).json()).toMatchObject({ code: 'REVISION_NOT_DRAFT' });
  });

  it('the store reads the plan back with its earlier version, and the evaluation picks by year without the API', async () => {
    const plan = await loadPlan(ctx.store.db, ctx.store.plan.meta.id);
    expect(plan.revision).toMatchObject({ no: 1, effectiveYear: 2026 });
    expect(plan.earlier).toHaveLength(1);
    const index = new ObservationIndex([]);
    const t = (year: number) => evaluatePlan(plan, index, { year }).indicators.find((e) => e.code === 13)!.target.text;
    expect([t(2025), t(2026), t(2035)]).toEqual(['≥74.6', '≥75.5', '≥75.5']);
  });

  it('the Word report names the revisions and the version its year is evaluated by', async () => {
    const docText = async (year: number) => {
      const res = await call('GET', `${P}/reports/${year}.docx`, 'admin');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      return textOf(unzip(res.rawPayload)['word/document.xml']!);
    };
    const after = await docText(2026);
    expect(after).toContain('规划修订情况');
    expect(after).toContain('2035 年目标 ≥75.0→≥75.5');
    // The report's typesetting drops the spaces between Chinese and digits.
    expect(after).toContain(`依据第1次修订（${proposal.document}，自2026年起施行）`);
    expect(await docText(2025)).toContain('依据初次印发的版本');
  });

  it('a revision adding an indicator (whole plan body): rounds and evaluations before its effective year do not have it', async () => {
    const files = withTarget(raw(), 13, '2035', '≥75.5'); // the version in force, plus one new indicator
    const base = files['indicators.yaml'].find((x) => x.code === 44)!;
    files['indicators.yaml'].push({ ...structuredClone(base), code: 46, name: '生态文明教育基地数量', nameEn: 'Ecological civilization education bases', unit: '个', baseline: { text: '5' }, targets: { '2025': '≥5', '2035': '≥8' }, measure: undefined });
    const res = await call('POST', `${P}/revisions`, 'admin', { effectiveYear: 2028, reason: '新增指标', document: '韶府函〔2027〕8号（示例）', plan: files });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().diff.indicators).toEqual([expect.objectContaining({ code: 46, kind: 'added' })]);
    expect((await call('POST', `${P}/revisions/${res.json().revision.no}/approve`, 'reviewer', {})).statusCode).toBe(200);
    const codes = async (year: number) => ((await call('GET', `${P}/evaluation?year=${year}`, 'anonymous')).json().indicators as { code: number }[]).map((e) => e.code);
    expect(await codes(2027)).not.toContain(46);
    expect(await codes(2028)).toContain(46);
    const card = (await call('GET', `${P}/scorecard?from=2027&to=2028`, 'anonymous')).json();
    const row = card.indicators.find((x: { code: number }) => x.code === 46);
    expect(row.cells.map((c: { status: string }) => c.status)).toEqual(['not_applicable', 'no_data']);
    const tasks = async (year: number) => {
      const opened = await call('POST', `${P}/rounds`, 'admin', { year, deadline: `${year + 1}-03-31` });
      expect(opened.statusCode, opened.body).toBe(200);
      return opened.json().tasks as number;
    };
    expect((await tasks(2028)) - (await tasks(2027))).toBe(1);
    // The public portal lists it (the current plan) though the year it shows had no such indicator: 不适用, not a crash.
    for (const page of ['/', '/indicators.html', '/indicators/46.html']) {
      const res = await ctx.app.inject({ method: 'GET', url: page });
      expect(res.statusCode, page).toBe(200);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/indicators.html' })).body).toContain('生态文明教育基地数量');
  });

  it('a rejection needs a reason; a rejected revision changes nothing', async () => {
    const p2 = await call('POST', `${P}/revisions`, 'admin2', { ...proposal, effectiveYear: 2029, targets: [{ code: 12, horizon: '2035', text: '≥86.0' }] });
    expect(p2.statusCode, p2.body).toBe(201);
    expect((await call('POST', `${P}/revisions/3/reject`, 'admin', {})).json()).toMatchObject({ code: 'REVISION_REJECT_REASON' });
    expect((await call('POST', `${P}/revisions/3/reject`, 'admin', { note: '依据文件未印发' })).json()).toMatchObject({ revision: { status: 'rejected', decisionNote: '依据文件未印发' } });
    expect((await call('GET', `${P}/indicators/12`, 'anonymous')).json().indicator.targets['2035'].text).toBe('≥85.0');
  });

  it('starting again with a changed plan folder keeps the revised plan', async () => {
    const folder = readPlanFolder(SHAOGUAN_DIR);
    if (!folder.result.ok) throw new Error('invalid');
    expect(await seedPlan(ctx.store.db, folder.result.plan, 'another-hash', { isDefault: true })).toBe('revised');
    expect((await loadPlan(ctx.store.db, ctx.store.plan.meta.id)).indicators.find((x) => x.code === 13)!.targets['2035']!.text).toBe('≥75.5');
  });
});
