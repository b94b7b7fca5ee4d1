// The assessment over HTTP, as the console and any integrator use it: the contract (item points add up to each
// score), approved values only, vetoes (reviewers only, evidence required, audited), publishing (once, audited)
// and later data changes shown as differences. Expected scores are worked by hand from the default scheme.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationInput } from '../../src/plan/observations.js';
import { recordObservations } from '../../src/store/observations.js';
import { verifyAuditChain } from '../../src/store/users.js';
import { appWithAccounts, type Session } from '../helpers/app.js';

let store: Awaited<ReturnType<typeof appWithAccounts>>['store'];
let app: FastifyInstance;
let sessions: Record<string, Session>;
let close: () => Promise<void>;
const P = '/api/v1/plans/default';

const value = (code: number, region: string, year: number, valueText: string): ObservationInput => ({ indicatorCode: code, regionCode: region, year, kind: 'value', valueText, state: null, checks: [], source: '测试', note: null, reason: null });

beforeAll(async () => {
  ({ store, app, sessions, close } = await appWithAccounts());
  const planId = store.plan.meta.id;
  // 乐昌市 440281: good-air days 98 against an assigned 95 (attained, 12) and PM2.5 22 (≤25, attained, 12): 24.
  await recordObservations(store.db, planId, [value(7, '440281', 2024, '98'), { ...value(7, '440281', 2024, '95'), kind: 'assigned' }, value(8, '440281', 2024, '22')], { origin: 'import', recordedBy: 'test' });
  // 南雄市 440282: a provisional PM2.5 value that must not count.
  await recordObservations(store.db, planId, [value(8, '440282', 2024, '20')], { origin: 'import', recordedBy: 'test', status: 'provisional' });
});
afterAll(() => close());

const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  app.inject({ method, url, payload, headers: sessions[who] ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });

interface Subject {
  kind: string;
  code: string;
  score: number;
  rank: number;
  grade: string;
  vetoed: boolean;
  items: { kind: string; indicator: number | null; points: number }[];
}
const get = async (who = 'anonymous') => {
  const res = await call('GET', `${P}/assessment?year=2024`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { subjects: Subject[]; published: unknown; differences: { code: string; field: string; frozen: unknown; live: unknown }[]; frozen: { code: string; score: number }[] | null };
};

describe('GET /assessment', () => {
  it('answers the contract to anyone, from approved values only, item points adding up to each score', async () => {
    const body = await get();
    for (const s of body.subjects) expect(s.items.reduce((a, i) => a + Math.round(i.points * 100), 0)).toBe(Math.round(s.score * 100));
    const lechang = body.subjects.find((s) => s.code === '440281')!;
    expect([lechang.score, lechang.rank]).toEqual([24, 1]);
    expect(body.subjects.find((s) => s.code === '440282')!.score).toBe(0);
    expect(body.published).toBeNull();
  });

  it('refuses a year outside the plan and an unknown scheme', async () => {
    expect((await call('GET', `${P}/assessment?year=2020`, 'anonymous')).json()).toMatchObject({ statusCode: 400, code: 'YEAR_OUT_OF_RANGE' });
    expect((await call('GET', `${P}/assessment?year=2024&scheme=nope`, 'anonymous')).statusCode).toBe(404);
  });

  it('lists the schemes', async () => {
    const res = await call('GET', `${P}/assessment/schemes`, 'anonymous');
    expect((res.json() as { schemes: { id: string }[] }).schemes.map((s) => s.id)).toEqual(['shaoguan-default']);
  });
});

describe('vetoes', () => {
  const veto = { year: 2024, subjectKind: 'region', subjectCode: '440281', veto: 'majorIncident', evidence: '韶关市突发环境事件调查报告（2024）第3号' };

  it('are for reviewers and administrators only', async () => {
    expect((await call('POST', `${P}/assessment/vetoes`, 'anonymous', veto)).statusCode).toBe(401);
    expect((await call('POST', `${P}/assessment/vetoes`, 'lechang', veto)).statusCode).toBe(403);
  });

  it('need evidence: refused in both languages, nothing written', async () => {
    const res = await call('POST', `${P}/assessment/vetoes`, 'reviewer', { ...veto, evidence: '   ' });
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'INVALID_VETO', message: expect.stringContaining('evidence：一票否决须附依据'), messageEn: expect.stringContaining('evidence: a veto needs its evidence') });
    expect((await call('GET', `${P}/assessment/vetoes?year=2024`, 'anonymous')).json()).toEqual({ vetoes: [] });
  });

  it('refuse an unknown veto item or subject', async () => {
    expect((await call('POST', `${P}/assessment/vetoes`, 'reviewer', { ...veto, veto: 'badWeather' })).json().messageEn).toContain('has no veto item "badWeather"');
    expect((await call('POST', `${P}/assessment/vetoes`, 'reviewer', { ...veto, subjectCode: '440200' })).json().messageEn).toContain('"440200" is not an assessed region');
  });

  it('once entered, grade the subject 不合格 and rank it last; audited', async () => {
    const res = await call('POST', `${P}/assessment/vetoes`, 'reviewer', veto);
    expect(res.statusCode, res.body).toBe(201);
    const lechang = (await get()).subjects.find((s) => s.code === '440281')!;
    expect([lechang.score, lechang.grade, lechang.vetoed, lechang.rank]).toEqual([24, '不合格', true, 10]);
    const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'assessment.veto').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('publishing', () => {
  it('is for reviewers; freezes the result once; later data changes show as differences', async () => {
    expect((await call('POST', `${P}/assessment/publish`, 'lechang', { year: 2024 })).statusCode).toBe(403);
    const res = await call('POST', `${P}/assessment/publish`, 'reviewer', { year: 2024, note: '2024 年度考核结果' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await call('POST', `${P}/assessment/publish`, 'admin', { year: 2024 })).json()).toMatchObject({ statusCode: 409, code: 'ALREADY_PUBLISHED' });

    // An approved PM2.5 of 南雄市 (21, ≤25) arrives after publishing: 12 points the published result does not have.
    await recordObservations(store.db, store.plan.meta.id, [value(8, '440282', 2024, '21')], { origin: 'import', recordedBy: 'test', reason: '审定值' });
    const body = await get();
    expect(body.published).toMatchObject({ publishedBy: 'reviewer', note: '2024 年度考核结果' });
    expect(body.frozen!.find((s) => s.code === '440282')!.score).toBe(0);
    expect(body.subjects.find((s) => s.code === '440282')!.score).toBe(12);
    expect(body.differences).toEqual(expect.arrayContaining([expect.objectContaining({ code: '440282', field: 'score', frozen: 0, live: 12 })]));
    const audit = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'assessment.publish').execute();
    expect(audit).toHaveLength(1);
    expect((await verifyAuditChain(store.db)).problem).toBeNull();
  });
});

describe('downloads', () => {
  it('the assessment report is a Word file in the annual report’s house style, naming the ranking and each item', async () => {
    const { unzip, textOf } = await import('../reports/helpers.js');
    const res = await call('GET', `${P}/assessment/report.docx?year=2024`, 'anonymous');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = textOf(unzip(res.rawPayload)['word/document.xml']!);
    expect(text).toContain('2024年各县（市、区）人民政府考核结果');
    expect(text).toContain('乐昌市逐项得分');
    expect(text).toContain('正式结果与当前数据的差异');
    // The house style: the annual report's fonts (src/reports/docx.ts DOCX_FONTS).
    expect(unzip(res.rawPayload)['word/styles.xml']).toContain('仿宋_GB2312');
  });

  it('the Excel export has the ranking, every item and the index', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await call('GET', `${P}/assessment/export.xlsx?year=2024`, 'anonymous');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名 Ranking', '得分明细 Items', '综合指数 Index', '说明 About']);
    const ranking = wb.getWorksheet('排名 Ranking')!;
    const rows = ranking.getSheetValues().slice(2) as unknown[][];
    const nanxiong = rows.find((r) => r[2] === '440282')!;
    expect(nanxiong[4]).toBe(12);
    // Item points add up to the score in the sheet as well.
    const items = (wb.getWorksheet('得分明细 Items')!.getSheetValues().slice(2) as unknown[][]).filter((r) => r[1] === '南雄市');
    expect(items.reduce((a, r) => a + Math.round(Number(r[8]) * 100), 0)).toBe(1200);
  });
});
