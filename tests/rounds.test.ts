// The annual reporting round: tasks derived from the plan, the whole workflow, and an authorisation matrix
// over every state-changing route and role (denied requests write nothing).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundTasks } from '../src/plan/rounds.js';
import { currentObservations, observationHistory, recordObservations } from '../src/store/observations.js';
import { verifyAuditChain } from '../src/store/users.js';
import { appWithAccounts, type Session } from './helpers/app.js';

let store: Awaited<ReturnType<typeof appWithAccounts>>['store'];
let app: FastifyInstance;
let sessions: Record<string, Session>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, app, sessions, close } = await appWithAccounts());
});
afterAll(() => close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
  app.inject({ method, url, payload, headers: sessions[who] ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });
const T = '/api/v1/plans/default/rounds/2024/tasks';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% 省林业局森林资源公报\n'), Buffer.alloc(200, 32)]);

/** Uploads a file as multipart/form-data with the session's cookie and CSRF token. */
function attach(url: string, who: string, bytes: Buffer, name: string) {
  const boundary = '----ecoplanEvidence';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url, payload, headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('tasks', () => {
  it('are derived from the plan: lead department, county governments, assigned figures to the plan owner', () => {
    const tasks = roundTasks(store.plan);
    expect(tasks.filter((t) => t.kind === 'value' && t.regionCode === '440200')).toHaveLength(45);
    expect(tasks.filter((t) => t.kind === 'assigned').map((t) => t.indicatorCode)).toEqual([7, 22, 23, 24, 25, 26]);
    expect(tasks.filter((t) => t.regionCode !== '440200')).toHaveLength(10 * 12);
    const dept = (code: number, region = '440200', kind = 'value') => tasks.find((t) => t.indicatorCode === code && t.regionCode === region && t.kind === kind)!.departmentId;
    expect(dept(13)).toBe('lyj');
    expect(dept(28)).toBe('sthjj'); // first of 市生态环境局 市工信局 市住建管理局 市发改局
    expect(dept(6)).toBe('sthjj'); // 规划责任单位 is a collective term: the plan owner takes it
    expect(dept(7, '440200', 'assigned')).toBe('sthjj');
    expect(dept(30, '440281')).toBe('lcs');
  });
});

describe('workflow', () => {
  it('open → draft → submit → return → resubmit → approve → revise with a reason → approve', async () => {
    expect((await call('POST', '/api/v1/plans/default/rounds', 'admin', { year: 2024, deadline: '2025-03-31' })).json()).toMatchObject({ round: { year: 2024, status: 'open' }, tasks: 171 });
    const mine = (await call('GET', T, 'forestry')).json().tasks as { indicatorCode: number; canEdit: boolean }[];
    expect(mine.map((t) => t.indicatorCode)).toEqual([13, 14, 15, 21]);
    expect(mine.every((t) => t.canEdit)).toBe(true);

    const url = `${T}/13/440200/value`;
    expect((await call('PUT', url, 'forestry', { value: '74.7', source: '林业统计' })).json()).toMatchObject({ status: 'draft' });
    // 13 is binding: the plan's rule asks for evidence before it can be submitted.
    expect((await call('POST', `${url}/submit`, 'forestry')).json().code).toBe('EVIDENCE_REQUIRED');
    expect((await attach(`${url}/evidence`, 'forestry', PDF, '森林资源公报.pdf')).json()).toMatchObject({ fileName: '森林资源公报.pdf', contentType: 'application/pdf' });
    expect((await call('POST', `${url}/submit`, 'forestry')).json()).toEqual({ status: 'submitted' });
    expect((await call('PUT', url, 'forestry', { value: '74.8', source: '林业统计' })).json().code).toBe('AWAITING_REVIEW');
    expect((await call('POST', `${url}/review`, 'reviewer', { action: 'return' })).json().code).toBe('COMMENT_REQUIRED');
    expect((await call('POST', `${url}/review`, 'reviewer', { action: 'return', comment: '请附省林业局发布口径' })).json()).toEqual({ status: 'returned' });
    const returned = (await call('GET', `${T}?status=returned`, 'forestry')).json().tasks;
    expect(returned[0].submission).toMatchObject({ status: 'returned', reviewComment: '请附省林业局发布口径' });
    await call('PUT', url, 'forestry', { value: '74.72', source: '省林业局发布' });
    await call('POST', `${url}/submit`, 'forestry');
    expect((await call('POST', `${url}/review`, 'reviewer', { action: 'approve' })).json()).toEqual({ status: 'approved' });
    const official = (await currentObservations(store.db, store.plan.meta.id)).find((o) => o.indicatorCode === 13)!;
    expect(official).toMatchObject({ valueText: '74.72', status: 'approved', version: 1, source: '省林业局发布' });
    // The evaluation now uses it.
    const ev = (await call('GET', '/api/v1/plans/default/evaluation?year=2024', 'leader')).json();
    expect(ev.indicators.find((e: { code: number }) => e.code === 13)).toMatchObject({ status: 'attained', value: { valueText: '74.72' } });

    // A change after approval: a reason, a new review, a new version; the old one stays.
    expect((await call('PUT', url, 'forestry', { value: '74.65', source: '省林业局更正' })).json().code).toBe('REASON_REQUIRED');
    await call('PUT', url, 'forestry', { value: '74.65', source: '省林业局更正', reason: '省林业局更正发布' });
    await call('POST', `${url}/submit`, 'forestry');
    await call('POST', `${url}/review`, 'reviewer', { action: 'approve' });
    const history = await observationHistory(store.db, store.plan.meta.id, 13, '440200');
    expect(history.map((h) => [h.version, h.valueText, h.reason])).toEqual([
      [1, '74.72', null],
      [2, '74.65', '省林业局更正发布'],
    ]);
    const historyUrl = '/api/v1/plans/default/observations/history?indicator=13&region=440200';
    const anonymous = (await call('GET', historyUrl, 'anonymous')).json();
    expect(anonymous.versions.map((v: { valueText: string; recordedBy: string | null }) => [v.valueText, v.recordedBy])).toEqual([
      ['74.72', null],
      ['74.65', null],
    ]);
    expect((await call('GET', historyUrl, 'reviewer')).json().versions.map((v: { recordedBy: string | null }) => v.recordedBy)).toEqual(history.map((h) => h.recordedBy));
    expect(await verifyAuditChain(store.db)).toMatchObject({ problem: null });
    const actions = (await store.db.selectFrom('audit_log').select('action').where('action', 'like', 'submission.%').orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['submission.draft', 'submission.submit', 'submission.return', 'submission.draft', 'submission.submit', 'submission.approve', 'submission.revise', 'submission.submit', 'submission.approve']);
  });

  it('accepts evidence by its content, refuses other files, and lets only the department read it', async () => {
    const url = `${T}/21/440200/value`;
    await call('PUT', url, 'forestry', { value: '22.52', source: '自然保护地统计', checks: ['natureUnchanged', 'functionNotReduced'] });
    const fake = await attach(`${url}/evidence`, 'forestry', Buffer.from('just text, renamed'), '证明.pdf');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toContain('不是 PDF、PNG、JPEG 或 Excel（.xlsx）文件');
    const big = await attach(`${url}/evidence`, 'forestry', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(11 * 1024 * 1024)]), 'big.pdf');
    expect(big.statusCode).toBe(413);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const ok = (await attach(`${url}/evidence`, 'forestry', png, '现场照片.jpg')).json();
    expect(ok.contentType).toBe('image/png'); // the name said .jpg; the bytes decide
    expect((await attach(`${url}/evidence`, 'water', png, 'x.png')).statusCode).toBe(403);
    const listed = (await call('GET', T, 'forestry')).json().tasks.find((t: { indicatorCode: number }) => t.indicatorCode === 21);
    expect(listed).toMatchObject({ evidenceRequired: true, evidence: [{ id: ok.id, fileName: '现场照片.jpg' }] });
    const download = await call('GET', `/api/v1/plans/default/evidence/${ok.id}`, 'reviewer');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await call('GET', `/api/v1/plans/default/evidence/${ok.id}`, 'water')).statusCode).toBe(403);
  });

  it('shows progress by department', async () => {
    const p = (await call('GET', '/api/v1/plans/default/rounds/2024', 'reviewer')).json();
    expect(p.totals).toMatchObject({ tasks: 171, approved: 1, draft: 1, missing: 169 });
    expect(p.departments.find((d: { id: string }) => d.id === 'lyj')).toMatchObject({ name: '市林业局', tasks: 4, approved: 1, draft: 1, missing: 2 });
    // A reporter sees only their own department's progress.
    const own = (await call('GET', '/api/v1/plans/default/rounds/2024', 'forestry')).json();
    expect(own.departments.map((d: { id: string }) => d.id)).toEqual(['lyj']);
    expect(own.totals).toMatchObject({ tasks: 4, approved: 1 });
  });

  it('asks for an explanation of an implausible change before submitting', async () => {
    await recordObservations(store.db, store.plan.meta.id, [{ indicatorCode: 4, regionCode: '440200', year: 2023, kind: 'value', valueText: null, state: 'fullyImplemented', checks: [], source: 's', note: null, reason: null }], { origin: 'import', recordedBy: 't' });
    await recordObservations(store.db, store.plan.meta.id, [{ indicatorCode: 24, regionCode: '440200', year: 2023, kind: 'value', valueText: '130', state: null, checks: [], source: 's', note: null, reason: null }], { origin: 'import', recordedBy: 't' });
    const url = `${T}/24/440200/value`;
    const draft = (await call('PUT', url, 'water', { value: '80', source: '水资源公报' })).json();
    expect(draft.warnings[0].zh).toContain('较上年（130）变化 38.5%');
    expect((await call('POST', `${url}/submit`, 'water')).json().code).toBe('EXPLANATION_REQUIRED');
    await call('PUT', url, 'water', { value: '80', source: '水资源公报', note: '统计口径调整：剔除火电直流冷却用水' });
    await attach(`${url}/evidence`, 'water', PDF, '水资源公报.pdf');
    expect((await call('POST', `${url}/submit`, 'water')).json()).toEqual({ status: 'submitted' });
  });

  it('uses the plan’s per-indicator plausibility bound (12 moves slowly: 5 %)', async () => {
    await recordObservations(store.db, store.plan.meta.id, [{ indicatorCode: 12, regionCode: '440200', year: 2023, kind: 'value', valueText: '84.9', state: null, checks: [], source: 's', note: null, reason: null }], { origin: 'import', recordedBy: 't' });
    const res = (await call('PUT', `${T}/12/440200/value`, 'reviewer', { value: '90', source: '生态环境状况评价' })).json();
    expect(res.warnings[0].zh).toBe('较上年（84.9）变化 6.0%，超过 5%，提交前须在备注中说明原因');
  });

  it('compares with last year’s latest approved value, not a provisional correction', async () => {
    await recordObservations(store.db, store.plan.meta.id, [{ indicatorCode: 22, regionCode: '440200', year: 2023, kind: 'value', valueText: '90', state: null, checks: [], source: 's', note: null, reason: null }], { origin: 'import', recordedBy: 't' });
    await recordObservations(store.db, store.plan.meta.id, [{ indicatorCode: 22, regionCode: '440200', year: 2023, kind: 'value', valueText: '10', state: null, checks: [], source: 's', note: null, reason: '待核实的更正' }], { origin: 'import', recordedBy: 't', status: 'provisional' });
    const task = (await call('GET', `${T}?department=swj`, 'water')).json().tasks.find((t: { indicatorCode: number; kind: string }) => t.indicatorCode === 22 && t.kind === 'value');
    expect(task.lastYear).toEqual({ valueText: '90', state: null, year: 2023 });
    expect((await call('PUT', `${T}/22/440200/value`, 'water', { value: '91', source: '岸线统计' })).json().warnings).toEqual([]);
  });

  it('shows a value’s unreviewed versions and who entered them to staff only, never to the public or a viewer', async () => {
    const seed = (valueText: string, status: 'approved' | 'provisional', recordedBy: string) =>
      recordObservations(store.db, store.plan.meta.id, [{ indicatorCode: 23, regionCode: '440200', year: 2022, kind: 'value', valueText, state: null, checks: [], source: 's', note: null, reason: status === 'provisional' ? '待核实' : null }], { origin: 'import', recordedBy, status });
    await seed('61.5', 'approved', 'reviewer-a');
    await seed('99.9', 'provisional', 'reporter-b');
    const url = '/api/v1/plans/default/observations/history?indicator=23&region=440200';
    const seen = async (who: string) => (await call('GET', url, who)).json().versions.map((v: { valueText: string; recordedBy: string | null }) => `${v.valueText}:${v.recordedBy}`);
    expect(await seen('anonymous')).toEqual(['61.5:null']);
    expect(await seen('leader')).toEqual(['61.5:null']);
    expect(await seen('reviewer')).toEqual(['61.5:reviewer-a', '99.9:reporter-b']);
  });
});

describe('authorisation matrix', () => {
  const count = async () => {
    const s = await store.db.selectFrom('submissions').select(['status', 'value_text', 'updated_at']).execute();
    const r = await store.db.selectFrom('rounds').select('id').execute();
    const o = await store.db.selectFrom('observations').select('id').execute();
    const e = await store.db.selectFrom('evidence_files').select('id').execute();
    const u = await store.db.selectFrom('users').select(['username', 'password_hash']).execute();
    return JSON.stringify([s, r.length, o.length, e.length, u]);
  };
  // Each state-changing route with a body, and the roles that must be refused (and with which status).
  const routes: [string, 'POST' | 'PUT', string, object, Record<string, number>][] = [
    ['open a round', 'POST', '/api/v1/plans/default/rounds', { year: 2023, deadline: '2024-03-31' }, { anonymous: 401, leader: 403, forestry: 403, reviewer: 403 }],
    ['draft another department’s task', 'PUT', `${T}/8/440200/value`, { value: '23', source: 's' }, { anonymous: 401, leader: 403, forestry: 403, water: 403, lechang: 403 }],
    ['draft another county', 'PUT', `${T}/30/440282/value`, { value: '96', source: 's' }, { anonymous: 401, leader: 403, lechang: 403, forestry: 403 }],
    ['submit another department’s task', 'POST', `${T}/24/440200/value/submit`, {}, { anonymous: 401, leader: 403, forestry: 403, lechang: 403 }],
    ['review', 'POST', `${T}/24/440200/value/review`, { action: 'approve' }, { anonymous: 401, leader: 403, forestry: 403, water: 403, lechang: 403 }],
    ['enter an observation', 'POST', '/api/v1/plans/default/observations', { indicator: 8, region: '440200', year: 2024, value: '23', source: 's' }, { anonymous: 401, leader: 403, forestry: 403, lechang: 403 }],
    ['attach evidence to another department’s task', 'POST', `${T}/24/440200/value/evidence`, {}, { anonymous: 401, leader: 403, forestry: 403, lechang: 403 }],
    ['change a password without a session', 'POST', '/api/v1/auth/password', { currentPassword: 'x', newPassword: 'a long enough password' }, { anonymous: 401 }],
    ['sign out without a session', 'POST', '/api/v1/auth/logout', {}, { anonymous: 401 }],
    ['create a user', 'POST', '/api/v1/users', { username: 'mallory', displayName: 'm', role: 'admin', password: 'a long enough password' }, { anonymous: 401, leader: 403, forestry: 403, reviewer: 403 }],
  ];
  it.each(routes)('%s: refused for the wrong roles, and nothing is written', async (_name, method, url, payload, refused) => {
    for (const [who, status] of Object.entries(refused)) {
      const before = await count();
      const res = await call(method, url, who, payload);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(status);
      expect(await count()).toBe(before);
    }
  });

  it('refuses a write without the CSRF token even for an admin', async () => {
    const before = await count();
    const res = await app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', payload: { year: 2022, deadline: '2023-03-31' }, headers: { cookie: sessions.admin!.cookie } });
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});
