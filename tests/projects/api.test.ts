// The project library over HTTP: who may change what (sign-in, CSRF, roles, a reporter's own projects), versions
// with reasons, yearly progress, links shown on both sides, evidence, roll-ups, and the audit log.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBodySchema } from '../../src/server/errors.js';
import { projectDetailSchema, projectListSchema, summarySchema } from '../../src/server/routes/projects.js';
import { verifyAuditChain } from '../../src/store/users.js';
import { appWithAccounts, type Session } from '../helpers/app.js';

let store: Awaited<ReturnType<typeof appWithAccounts>>['store'];
let app: FastifyInstance;
let sessions: Record<string, Session>;
let close: () => Promise<void>;
const P = '/api/v1/plans/default';

beforeAll(async () => {
  ({ store, app, sessions, close } = await appWithAccounts());
});
afterAll(() => close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object, csrf = true) =>
  app.inject({ method, url, payload, headers: sessions[who] ? { cookie: sessions[who]!.cookie, ...(csrf ? { 'x-csrf-token': sessions[who]!.csrf } : {}) } : {} });
const audits = async (action: string) => (await store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute()).map((r) => ({ ...r, detail: JSON.parse(r.detail ?? 'null') }));
const counts = async () => ({
  versions: Number((await store.db.selectFrom('project_versions').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  progress: Number((await store.db.selectFrom('project_progress').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});
const list = async (query = '') => projectListSchema.parse((await app.inject({ method: 'GET', url: `${P}/projects${query}` })).json());
const detail = async (no: number) => projectDetailSchema.parse((await app.inject({ method: 'GET', url: `${P}/projects/${no}` })).json());

function multipart(url: string, who: string, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const boundary = '----ecoplanProjects';
  const parts = [
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const newProject = { category: 'culture', name: '丹霞山世界地质公园研学中心', content: '建设研学中心及配套设施', investment: '10.00', leads: ['市文广体旅局'], regions: ['440224'], startYear: 2024, endYear: 2026, reason: '市政府常务会议新增' };
const progress = { plannedInvestment: '1.00', completedInvestment: '0.80', physicalProgress: 40, status: 'in_progress' };

describe('authorisation', () => {
  it('refuses writes without sign-in (401), without the CSRF header (403) and to the wrong role (403); nothing is written', async () => {
    const before = await counts();
    expect((await call('POST', `${P}/projects`, 'anonymous', newProject)).statusCode).toBe(401);
    const noCsrf = await call('POST', `${P}/projects`, 'admin', newProject, false);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
    for (const who of ['water', 'leader']) {
      const r = await call('POST', `${P}/projects`, who, newProject);
      expect(r.statusCode).toBe(403);
      expect(errorBodySchema.parse(r.json()).code).toBe('FORBIDDEN');
      expect((await call('PUT', `${P}/projects/3`, who, { changes: { investment: '1.00' }, reason: 'x' })).statusCode).toBe(403);
      expect((await call('POST', `${P}/projects/3/retire`, who, { reason: 'x' })).statusCode).toBe(403);
      expect((await call('PUT', `${P}/projects/3/links`, who, { indicators: [9], reason: 'x' })).statusCode).toBe(403);
    }
    expect((await call('PUT', `${P}/projects/3/progress/2023`, 'leader', progress)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('lets a reporter write progress of the projects their department leads only (403 for another department’s)', async () => {
    const before = await counts();
    const other = await call('PUT', `${P}/projects/1/progress/2023`, 'water', progress); // 1 is led by 市林业局
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '无权填报：项目 1（南岭国家公园建设项目）由市林业局牵头' });
    expect((await multipart(`${P}/projects/1/evidence`, 'water', { name: 'a.pdf', bytes: Buffer.from('%PDF-1.7\n') }, { year: '2023' })).statusCode).toBe(403);
    expect((await call('PUT', `${P}/projects/8/progress/2023`, 'lechang', progress)).statusCode).toBe(403); // 新丰 only
    expect(await counts()).toEqual(before);
    const own = await call('PUT', `${P}/projects/3/progress/2023`, 'water', progress); // 3 碧道 is led by 市水务局
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().progress).toMatchObject({ year: 2023, version: 1, plannedInvestment: '1.00', completedInvestment: '0.80', cumulativeInvestment: '0.80', physicalProgress: 40, status: 'in_progress', recordedBy: 'water', isDemo: false });
    // 乐昌 reports its part of project 13 (各县（市、区）人民政府 lead, 乐昌 named).
    expect((await call('PUT', `${P}/projects/13/progress/2023`, 'lechang', { ...progress, completedInvestment: '0.10' })).statusCode).toBe(200);
  });
});

describe('dynamic management', () => {
  it('adds a project (201, number 25) and table 2 follows', async () => {
    const r = await call('POST', `${P}/projects`, 'reviewer', newProject);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().project).toMatchObject({ no: 25, version: 1, category: '生态文化体系建设重点工程', investmentText: '10.00', leads: ['市文广体旅局'], regions: ['440224'], retired: false, latest: null, completionRate: null });
    const l = await list();
    // culture 43.13 + 10.00 = 53.13; total 613.58
    expect(l.categoryTotals.map((c) => c.investmentText)).toEqual(['171.44', '242.64', '52.97', '93.40', '53.13']);
    expect(l.total).toMatchObject({ count: 25, investmentText: '613.58' });
    const [a] = await audits('project.add');
    expect(a).toMatchObject({ entity: 'project', entity_id: 'shaoguan-2021-2035#25', detail: { by: 'reviewer', reason: '市政府常务会议新增' } });
  });

  it('refuses bad input with the precise message and writes nothing', async () => {
    const before = await counts();
    const bad = async (body: object, message: string) => {
      const r = await call('POST', `${P}/projects`, 'admin', { ...newProject, ...body });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', message });
    };
    await bad({ investment: '-1' }, 'investment：投资估算不能为负数（-1）');
    await bad({ investment: 'abc' }, 'investment：投资估算“abc”不是数字（单位：亿元，如 12.30）');
    await bad({ startYear: 2026, endYear: 2025 }, 'endYear：结束年份 2025 早于开始年份 2026');
    await bad({ leads: ['市宇航局'] }, 'leads：未知的牵头单位“市宇航局”（不在规划的责任单位名单中）');
    await bad({ regions: ['999999'] }, 'regions：未知的行政区“999999”（应为规划范围内的行政区代码或名称）');
    await bad({ reason: ' ' }, 'reason：须填写新增原因');
    const p = await call('PUT', `${P}/projects/3/progress/2024`, 'water', { ...progress, physicalProgress: 120 });
    expect(p.json()).toMatchObject({ statusCode: 400, message: 'physicalProgress：形象进度 120% 超出 0–100', messageEn: 'physicalProgress: physical progress 120 % is outside 0–100' });
    const over = await call('PUT', `${P}/projects/3/progress/2024`, 'water', { ...progress, completedInvestment: '30.00' }); // 0.80 + 30.00 > 29.50
    expect(over.json().message).toBe('completedInvestment：累计完成投资 30.80 亿元超过项目总投资 29.50 亿元，须填写超概算说明（explanation）');
    const delayed = await call('PUT', `${P}/projects/3/progress/2024`, 'water', { ...progress, status: 'delayed' });
    expect(delayed.json().message).toBe('reason：状态为“延期”时须说明原因');
    expect(await counts()).toEqual(before);
  });

  it('revises a project as a new version with a reason; the old version stays', async () => {
    expect((await call('PUT', `${P}/projects/11`, 'admin', { changes: { investment: '150.00' }, reason: '' })).statusCode).toBe(400);
    const r = await call('PUT', `${P}/projects/11`, 'admin', { changes: { investment: '150.00', endYear: 2032 }, reason: '装机规模调整' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().project).toMatchObject({ no: 11, version: 2, investmentText: '150.00', endYear: 2032 });
    const d = await detail(11);
    expect(d.versions.map((v) => [v.version, v.by, v.reason])).toEqual([[1, '规划附表 / plan appendix', '规划文本附表（初始版本）/ as printed in the plan appendix'], [2, 'admin', '装机规模调整']]);
    expect(d.versions[1]!.changes).toEqual({ investment: { from: '200.00', to: '150.00' }, endYear: { from: 2030, to: 2032 } });
    expect((await store.db.selectFrom('project_versions').selectAll().where('project_no', '=', 11).execute()).length).toBe(1);
    const [a] = await audits('project.revise');
    expect(a!.detail).toMatchObject({ by: 'admin', reason: '装机规模调整', version: 2, before: { investmentText: '200.00' }, after: { investmentText: '150.00' } });
    // economy 242.64 − 50.00 = 192.64; total 613.58 − 50.00 = 563.58
    const s = summarySchema.parse((await app.inject({ method: 'GET', url: `${P}/projects-summary` })).json());
    expect(s.byCategory.find((c) => c.key === 'economy')!.investment).toBe('192.64');
    expect(s.total.investment).toBe('563.58');
    expect((await call('PUT', `${P}/projects/11`, 'admin', { changes: { investment: '150.00' }, reason: '再次保存' })).json().code).toBe('NO_CHANGE');
  });

  it('retires a project with a reason; it leaves the roll-ups and can no longer change', async () => {
    const r = await call('POST', `${P}/projects/25/retire`, 'reviewer', { reason: '并入项目 7' });
    expect(r.json().project).toMatchObject({ no: 25, version: 2, retired: true, retiredReason: '并入项目 7' });
    expect((await list()).total).toMatchObject({ count: 24, investmentText: '553.58' });
    expect((await list()).projects.some((p) => p.no === 25)).toBe(false);
    expect((await list('?includeRetired=true')).projects.find((p) => p.no === 25)).toMatchObject({ retired: true });
    expect((await call('PUT', `${P}/projects/25`, 'admin', { changes: { name: 'x' }, reason: 'y' })).json().code).toBe('RETIRED');
    expect((await audits('project.retire'))[0]!.detail).toMatchObject({ by: 'reviewer', reason: '并入项目 7' });
  });
});

describe('yearly progress', () => {
  it('keeps one current entry per year; a second save is a new version and needs a reason', async () => {
    const again = await call('PUT', `${P}/projects/3/progress/2023`, 'water', { ...progress, completedInvestment: '0.90' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'REASON_REQUIRED' });
    const ok = await call('PUT', `${P}/projects/3/progress/2023`, 'water', { ...progress, completedInvestment: '0.90', reason: '补录 12 月支出' });
    expect(ok.json().progress).toMatchObject({ version: 2, completedInvestment: '0.90', reason: '补录 12 月支出' });
    await call('PUT', `${P}/projects/3/progress/2024`, 'admin', { plannedInvestment: '2.00', completedInvestment: '1.10', physicalProgress: 55, status: 'in_progress', milestones: [{ name: '建成碧道 150 公里', date: '2024-10-31', done: true }] });
    const d = await detail(3);
    // cumulative: 2023 0.90; 2024 0.90 + 1.10 = 2.00 → 2.00 / 29.50 = 6.78 % → 6.8
    expect(d.progress.map((e) => [e.year, e.version, e.cumulativeInvestment])).toEqual([[2023, 2, '0.90'], [2024, 1, '2.00']]);
    expect(d.project).toMatchObject({ completionRate: '6.8', latest: { year: 2024, physicalProgress: 55, milestones: [{ name: '建成碧道 150 公里', date: '2024-10-31', done: true }] } });
    const entries = await audits('project.progress');
    expect(entries.map((e) => [e.detail.by, e.detail.year, e.detail.version, e.detail.reason])).toEqual([
      ['water', 2023, 1, null],
      ['lechang', 2023, 1, null],
      ['water', 2023, 2, '补录 12 月支出'],
      ['admin', 2024, 1, null],
    ]);
    const status = await list('?status=in_progress');
    expect(status.projects.map((p) => p.no)).toEqual([3, 13]);
  });

  it('summarises a year: planned and completed of the year, cumulative up to it', async () => {
    const s = summarySchema.parse((await app.inject({ method: 'GET', url: `${P}/projects-summary?year=2023` })).json());
    // 2023: project 3 planned 1.00, completed 0.90; project 13 planned 1.00, completed 0.10 → 2.00 / 1.00
    expect(s.total).toMatchObject({ planned: '2.00', completed: '1.00' });
    expect(s.byYear.find((y) => y.year === 2024)).toMatchObject({ planned: '2.00', completed: '1.10' });
    expect(s.byCategory.find((c) => c.key === 'space')).toMatchObject({ planned: '1.00', completed: '0.90', completionRate: '0.5' }); // 0.90 / 171.44 = 0.52 %
  });
});

describe('links and evidence', () => {
  it('shows links on both sides and versions them with a reason', async () => {
    expect((await detail(11)).links.map((l) => l.indicatorCode)).toEqual([23, 25]);
    const ind25 = (await app.inject({ method: 'GET', url: `${P}/indicators/25` })).json();
    expect(ind25.projects).toEqual([{ no: 11, name: '韶关市清洁能源项目', nameEn: 'Shaoguan clean energy projects' }]);
    expect((await call('PUT', `${P}/projects/11/links`, 'admin', { indicators: [25, 99], reason: 'x' })).json().message).toBe('indicators：未知的指标编号：99');
    const r = await call('PUT', `${P}/projects/11/links`, 'admin', { indicators: [25, 8], reason: '光伏替代燃煤' });
    expect(r.json().links.map((l: { indicatorCode: number; reason: string }) => [l.indicatorCode, l.reason])).toEqual([[8, '光伏替代燃煤'], [25, 'ecoplan 初始解读：清洁能源替代降低碳排放强度和能耗']]);
    expect((await app.inject({ method: 'GET', url: `${P}/indicators/8` })).json().projects.map((p: { no: number }) => p.no)).toEqual([11]);
    expect((await list('?indicator=8')).projects.map((p) => p.no)).toEqual([11]);
    expect((await audits('project.links'))[0]!.detail).toMatchObject({ before: [23, 25], after: [8, 25], reason: '光伏替代燃煤' });
  });

  it('stores evidence checked by content, downloads it for those in scope', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n% 碧道验收报告\n'), Buffer.alloc(100, 32)]);
    const bad = await multipart(`${P}/projects/3/evidence`, 'water', { name: 'fake.pdf', bytes: Buffer.from('hello') }, { year: '2023' });
    expect(bad.json()).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    const noYear = await multipart(`${P}/projects/3/evidence`, 'water', { name: 'a.pdf', bytes: pdf }, { year: '1999' });
    expect(noYear.json().message).toBe('year：年份“1999”无效（应在项目建设期限 2020–2025 内）');
    const up = await multipart(`${P}/projects/3/evidence`, 'water', { name: '碧道验收.pdf', bytes: pdf }, { year: '2023' });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().evidence.id as string;
    expect((await detail(3)).evidence).toEqual([{ id, year: 2023, fileName: '碧道验收.pdf', size: pdf.length, uploadedAt: expect.any(String), uploadedBy: 'water' }]);
    const dl = await call('GET', `${P}/projects/3/evidence/${id}`, 'water');
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect((await call('GET', `${P}/projects/3/evidence/${id}`, 'forestry')).statusCode).toBe(403);
    expect((await call('GET', `${P}/projects/3/evidence/${id}`, 'anonymous')).statusCode).toBe(401);
    expect((await audits('project.evidence'))[0]!.detail).toMatchObject({ by: 'water', year: 2023, file: '碧道验收.pdf' });
  });
});

describe('the list', () => {
  it('filters by category, department, region, text; the unfiltered list is cached and revalidated', async () => {
    expect((await list('?category=culture')).projects.map((p) => p.no)).toEqual([23, 24]);
    expect((await list(`?department=${encodeURIComponent('市林业局')}`)).projects.map((p) => p.no)).toEqual([1, 18]);
    expect((await list('?region=440233')).projects.map((p) => p.no)).toEqual([8, 15]);
    expect((await list('?region=440200')).projects).toHaveLength(17);
    expect((await list(`?q=${encodeURIComponent('碧道')}`)).projects.map((p) => p.no)).toEqual([3]);
    const first = await app.inject({ method: 'GET', url: `${P}/projects` });
    const again = await app.inject({ method: 'GET', url: `${P}/projects`, headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    await call('PUT', `${P}/projects/3/progress/2022`, 'water', progress);
    const changed = await app.inject({ method: 'GET', url: `${P}/projects`, headers: { 'if-none-match': first.headers.etag as string } });
    expect(changed.statusCode).toBe(200);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(store.db)).problem).toBeNull();
    expect(z.array(z.unknown()).parse(await audits('project.progress')).length).toBeGreaterThan(3);
  });
});
