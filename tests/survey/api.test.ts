// The staff side of the survey over HTTP: designing and versioning (a version with answers keeps its structure),
// who may do what, county populations for weighting, the Excel export and the paper import (all or nothing, each
// problem named by sheet, row and column), and the whole path to the evaluation: answers → results → proposal of
// indicators 44 and 45 into the open round → approval → the approved value in the evaluation everyone reads.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { starterDefinition } from '../../src/survey/model.js';
import { appWithAccounts, type Session } from '../helpers/app.js';
import { answer, caller } from './helpers.js';

const BITS = 4;
let app: FastifyInstance;
let sessions: Record<string, Session>;
let close: () => Promise<void>;
let db: Awaited<ReturnType<typeof appWithAccounts>>['store']['db'];
let call: ReturnType<typeof caller>;
let id: string;
const S = '/api/v1/plans/default/surveys';

beforeAll(async () => {
  ({ app, sessions, close, store: { db } } = await appWithAccounts(undefined, { survey: { powBits: BITS, rateLimit: 1000 } }));
  call = caller(app, sessions);
});
afterAll(() => close());

function upload(url: string, who: string, bytes: Buffer, name = 'paper.xlsx') {
  const boundary = '----ecoplanSurvey';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({ method: 'POST', url, payload, headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
const count = async () => Number((await db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('design', () => {
  it('reviewers and admins design; reporters and viewers do not; anonymous is asked to sign in', async () => {
    expect((await call('POST', S, 'forestry', { year: 2025 })).statusCode).toBe(403);
    expect((await call('POST', S, 'leader', { year: 2025 })).statusCode).toBe(403);
    expect((await call('POST', S, 'anonymous', { year: 2025 })).statusCode).toBe(401);
    const res = await call('POST', S, 'reviewer', { year: 2025, definition: starterDefinition() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'draft', currentVersion: 1, responses: 0, year: 2025 });
    id = res.json().id;
    expect((await call('GET', `${S}/${id}`, 'leader')).statusCode).toBe(200);
    expect((await call('GET', `${S}/${id}/results`, 'forestry')).statusCode).toBe(403);
  });

  it('refuses an invalid definition with every problem named', async () => {
    const before = (await call('GET', S, 'reviewer')).json().surveys.length;
    // The shape the API declares: a question type is one of four.
    const shape = await call('POST', S, 'reviewer', { year: 2025, definition: { title: { zh: '甲', en: 'A' }, questions: [{ id: 'q', type: 'rating', text: { zh: '乙', en: 'B' } }] } });
    expect(shape.statusCode).toBe(400);
    expect(shape.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/definition/questions/0/type' }] });
    expect(shape.json().message).toContain('body/definition/questions/0/type 无效选项：期望以下之一 "single"|"multiple"|"likert"|"text"');
    // What the shape cannot say: keys, the number of options.
    const res = await call('POST', S, 'reviewer', { year: 2025, definition: { title: { zh: '甲', en: 'A' }, questions: [{ id: 'Q1', type: 'single', text: { zh: '乙', en: 'B' }, options: [{ id: 'a', text: { zh: '是', en: 'Yes' } }] }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('DEFINITION_INVALID');
    expect(res.json().message).toContain('questions[0].id：第 1 题的编号“Q1”无效');
    expect(res.json().message).toContain('questions[0].options：第 1 题（单选题）须有 2–20 个选项');
    expect(res.json().messageEn).toContain('question 1: invalid key "Q1"');
    expect((await call('GET', S, 'reviewer')).json().surveys.length).toBe(before);
  });

  it('shows the preview the public will see, with submit disabled', async () => {
    const res = await call('GET', `${S}/${id}/preview`, 'reviewer');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-preview="1"');
    expect(res.body).toContain('您对本地生态文明建设的总体满意程度如何？');
  });

  it('edits freely before answers; afterwards only wording, and a new version for the rest', async () => {
    const def = starterDefinition();
    def.intro.zh = '匿名调查。';
    expect((await call('PUT', `${S}/${id}/definition`, 'reviewer', { definition: def })).statusCode).toBe(200);
    expect((await call('POST', `${S}/${id}/open`, 'reviewer')).statusCode).toBe(200);
    expect((await answer(app, id, '10.0.0.1', { county: '440203', 'q.satisfaction': '5', 'q.participation': 'sorting' }, BITS)).statusCode).toBe(200);

    const wording = structuredClone(def);
    wording.questions[0]!.text.zh = '您对本地生态文明建设的总体满意度如何？';
    expect((await call('PUT', `${S}/${id}/definition`, 'reviewer', { definition: wording })).statusCode).toBe(200);

    const structural = structuredClone(wording);
    structural.questions[0]!.countsFrom = 3;
    const refused = await call('PUT', `${S}/${id}/definition`, 'reviewer', { definition: structural });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('VERSION_IN_USE');
    expect(refused.json().message).toContain('第 1 版已有 1 份答卷');
    expect(refused.json().message).toContain('countsFrom 不能更改（4 → 3）');

    const v2 = await call('POST', `${S}/${id}/versions`, 'reviewer', { definition: structural });
    expect(v2.statusCode).toBe(200);
    expect(v2.json().currentVersion).toBe(2);
    expect(v2.json().versions.map((v: { version: number; responses: number }) => [v.version, v.responses])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    // A point-3 answer to version 2 counts as satisfied; the version-1 answer keeps version 1's rule.
    expect((await answer(app, id, '10.0.0.2', { county: '440203', 'q.satisfaction': '3', 'q.participation': 'none' }, BITS)).statusCode).toBe(200);
    const results = (await call('GET', `${S}/${id}/results`, 'reviewer')).json();
    expect(results.rates.satisfaction).toMatchObject({ respondents: 2, counted: 2 });
    expect(results.rates.participation).toMatchObject({ respondents: 2, counted: 1 });
    // Back to the starter rule for the rest of the file.
    expect((await call('POST', `${S}/${id}/versions`, 'reviewer', { definition: def })).json().currentVersion).toBe(3);
  });
});

describe('paper answers from Excel', () => {
  async function filled(rows: (string | number)[][]) {
    const res = await call('GET', `${S}/${id}/paper-template.xlsx`, 'reviewer');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('纸质答卷')!;
    expect(ws.getCell('A1').value).toBe('县（市、区）');
    expect(ws.getRow(2).values).toEqual([undefined, 'county', 'day', 'q.satisfaction', 'q.participation', 'q.suggestions']);
    rows.forEach((r, k) => (ws.getRow(3 + k).values = r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('refuses the whole file when any row is wrong, naming sheet, row and column', async () => {
    const before = await count();
    const file = await filled([
      ['乐昌市', '2025-11-02', 5, '垃圾分类、绿色出行（公交、骑行、步行）', '纸质答卷'],
      ['440299', '2025-11-31', 6, 'bike', ''],
    ]);
    const res = await upload(`${S}/${id}/import`, 'reviewer', file);
    expect(res.statusCode).toBe(400);
    const problems = res.json().problems as { sheet: string; row: number; column: string; message: string }[];
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'B'],
      [4, 'A'],
      [4, 'C'],
      [4, 'D'],
    ]);
    expect(problems[0]!.message).toBe('工作表“纸质答卷”第 4 行 B 列：填写日期“2025-11-31”无效，应为 YYYY-MM-DD');
    expect(problems[1]!.message).toContain('所在县（市、区）代码“440299”不在本规划范围内');
    expect(problems[3]!.message).toBe('工作表“纸质答卷”第 4 行 D 列：第 2 题含不存在的选项“bike”');
    expect(await count()).toBe(before);
  });

  it('imports a valid file as paper responses, names or codes alike', async () => {
    const before = await count();
    const file = await filled([
      ['乐昌市', '2025-11-02', 5, '垃圾分类、绿色出行（公交、骑行、步行）', '纸质答卷 <b>原文</b>'],
      ['440282', '2025-11-03', 2, 'none', ''],
    ]);
    const res = await upload(`${S}/${id}/import`, 'reviewer', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    expect(await count()).toBe(before + 2);
    const results = (await call('GET', `${S}/${id}/results`, 'reviewer')).json();
    expect(results.byChannel).toEqual({ web: 2, paper: 2 });
    expect(results.byDay.find((d: { day: string }) => d.day === '2025-11-02')).toEqual({ day: '2025-11-02', responses: 1 });
    expect(results.byCounty.find((c: { county: string }) => c.county === '440281')).toMatchObject({ name: '乐昌市', responses: 1 });
    expect(results.freeText.map((f: { text: string }) => f.text)).toContain('纸质答卷 <b>原文</b>');
  });
});

describe('results', () => {
  it('weights by the county populations entered, refusing unknown counties', async () => {
    const bad = await call('PUT', `${S}/${id}/populations`, 'reviewer', { populations: { '440203': 100, '999999': 5, '440204': -1 }, source: '七普' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('“999999”不是本规划的县（市、区）代码');
    expect(bad.json().message).toContain('440204 的人口“-1”须为正整数');
    const ok = await call('PUT', `${S}/${id}/populations`, 'reviewer', { populations: { '440203': 300000, '440281': 100000, '440282': 100000 }, source: '第七次全国人口普查' });
    expect(ok.statusCode).toBe(200);
    const r = (await call('GET', `${S}/${id}/results`, 'reviewer')).json();
    // 440203: 2 of 2 satisfied (points 5; 3 under version 2's rule), 440281: 1 of 1, 440282: 0 of 1 → 0.6·1 + 0.2·1 + 0.2·0.
    expect(r.weightedRates.satisfaction.rate).toBeCloseTo(0.8, 12);
    expect(r.rates.satisfaction).toMatchObject({ respondents: 4, counted: 3 });
    expect(r.populations.source).toBe('第七次全国人口普查');
  });

  it('exports the rates, every response with its free text as given, and the method', async () => {
    const res = await call('GET', `${S}/${id}/export.xlsx`, 'leader');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['结果 Results', '答卷 Responses', '方法 Method']);
    const responses = wb.getWorksheet('答卷 Responses')!;
    expect(responses.rowCount).toBe(5);
    expect(responses.getRow(4).getCell(8).value).toBe('纸质答卷 <b>原文</b>');
    expect(responses.getRow(4).getCell(7).value).toBe('垃圾分类、绿色出行（公交、骑行、步行）');
    const rates = wb.getWorksheet('结果 Results')!;
    const sat = rates.getRow(5).values as unknown[];
    expect(sat.slice(1, 6)).toEqual(['满意度（指标 44） / satisfaction (indicator 44)', '未加权 unweighted', 4, 3, 75]);
    // The method quotes the plan's own note on its survey indicators (table 1, note 5).
    const method = (wb.getWorksheet('方法 Method')!.getSheetValues() as unknown[][]).flatMap((r) => (Array.isArray(r) ? r.filter((v) => typeof v === 'string') : []));
    expect(method.find((l) => (l as string).startsWith('规划表 1 注 5：“公众对生态文明建设的满意度'))).toBeTruthy();
    expect(method.find((l) => (l as string).startsWith('满意度（指标 44） = '))).toBeTruthy();
  });
});

describe('the proposal of indicators 44 and 45', () => {
  it('needs the year’s round open', async () => {
    const res = await call('POST', `${S}/${id}/propose`, 'reviewer', {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NO_OPEN_ROUND');
  });

  it('goes into the open round with the method as evidence; once approved, the evaluation shows it', async () => {
    expect((await call('POST', '/api/v1/plans/default/rounds', 'admin', { year: 2025, deadline: '2026-03-31' })).statusCode).toBe(200);
    const res = await call('POST', `${S}/${id}/propose`, 'reviewer', { weighted: true });
    expect(res.statusCode).toBe(200);
    const out = res.json().results;
    expect(out.map((x: { indicatorCode: number; status: string; valueText: string }) => [x.indicatorCode, x.status, x.valueText])).toEqual([
      [44, 'submitted', '80.0'],
      // participation weighted: 440203 1 of 2 (0.6·0.5), 440281 1 of 1 (0.2), 440282 0 of 1 → 0.5
      [45, 'submitted', '50.0'],
    ]);
    expect(out[0].note).toContain('按县常住人口事后分层加权');
    const queue = (await call('GET', '/api/v1/plans/default/rounds/2025/tasks?status=submitted', 'reviewer')).json().tasks;
    const t44 = queue.find((t: { indicatorCode: number }) => t.indicatorCode === 44);
    expect(t44.submission).toMatchObject({ status: 'submitted', valueText: '80.0' });
    expect(t44.evidence[0].fileName).toBe('2025年问卷结果与方法.xlsx');
    // Before approval the public evaluation does not show it.
    const before = (await app.inject({ method: 'GET', url: '/api/v1/plans/default/evaluation?year=2025' })).json();
    expect(before.indicators.find((i: { code: number }) => i.code === 44).value?.valueText ?? null).not.toBe('80.0');
    const approve = await call('POST', '/api/v1/plans/default/rounds/2025/tasks/44/440200/value/review', 'reviewer', { action: 'approve' });
    expect(approve.statusCode).toBe(200);
    const after = (await app.inject({ method: 'GET', url: '/api/v1/plans/default/evaluation?year=2025' })).json();
    const i44 = after.indicators.find((i: { code: number }) => i.code === 44);
    expect(i44.value).toEqual({ valueText: '80.0', state: null, year: 2025 });
    expect(i44.status).toBe('attained'); // 80.0 against ≥80
  });

  const sub = (code: number) => db.selectFrom('submissions').selectAll().where('indicator_code', '=', code).where('region_code', '=', '440200').where('kind', '=', 'value').executeTakeFirstOrThrow();
  const tally = async () => ({
    evidence: Number((await db.selectFrom('evidence_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('a second proposal into the round needs a reason, kept on the submission, in the audit log and in the queue', async () => {
    const results = (await call('GET', `${S}/${id}/results`, 'reviewer')).json();
    expect(results.proposed).toEqual([
      { indicatorCode: 44, status: 'approved', reason: null },
      { indicatorCode: 45, status: 'submitted', reason: null },
    ]);
    // 45 is still awaiting review from the first proposal: return it so that both can be proposed again.
    expect((await call('POST', '/api/v1/plans/default/rounds/2025/tasks/45/440200/value/review', 'reviewer', { action: 'return', comment: '请按未加权重新计算' })).statusCode).toBe(200);
    const before = await tally();
    const refused = await call('POST', `${S}/${id}/propose`, 'reviewer', { weighted: false, reason: '   ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('REASON_REQUIRED');
    expect(refused.json().message).toContain('指标 44（已审定）、45（已退回）');
    expect(await tally()).toEqual(before);
    expect((await sub(45)).status).toBe('returned');

    const reason = '纸质答卷补录后重新计算（未加权）';
    const res = await call('POST', `${S}/${id}/propose`, 'reviewer', { weighted: false, reason });
    expect(res.statusCode).toBe(200);
    // unweighted: satisfaction 3 of 4 (75.0), participation 2 of 4 (50.0), from the four answers above
    expect(res.json().results.map((x: { valueText: string }) => x.valueText)).toEqual(['75.0', '50.0']);
    for (const code of [44, 45]) expect(await sub(code)).toMatchObject({ status: 'submitted', value_text: code === 44 ? '75.0' : '50.0', reason });
    const revise = await db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'in', ['submission.revise', 'submission.draft']).orderBy('seq', 'desc').limit(2).execute();
    expect(revise.map((r) => r.action).sort()).toEqual(['submission.draft', 'submission.revise']);
    for (const r of revise) expect(JSON.parse(r.detail!).reason).toBe(reason);
    const queue = (await call('GET', '/api/v1/plans/default/rounds/2025/tasks?status=submitted', 'reviewer')).json().tasks;
    expect(queue.find((t: { indicatorCode: number }) => t.indicatorCode === 44).submission.reason).toBe(reason);
    // Approved, the reason is the new version's reason in the value's history.
    expect((await call('POST', '/api/v1/plans/default/rounds/2025/tasks/44/440200/value/review', 'reviewer', { action: 'approve' })).statusCode).toBe(200);
    const history = (await call('GET', '/api/v1/plans/default/observations/history?indicator=44&region=440200', 'reviewer')).json();
    const versions = (history.versions as { year: number; kind: string; version: number; valueText: string; reason: string | null }[]).filter((v) => v.year === 2025 && v.kind === 'value');
    expect(versions.map((v) => [v.version, v.valueText, v.reason]).sort()).toEqual([
      [1, '80.0', null],
      [2, '75.0', reason],
    ]);
  });

  it('writes both indicators or neither: a refusal of 45 leaves 44 as it was', async () => {
    // 44 is approved (75.0) and 45 awaits review: proposing again writes 44 first, then 45 is refused.
    const before44 = await sub(44);
    const before = await tally();
    const res = await call('POST', `${S}/${id}/propose`, 'reviewer', { weighted: true, reason: '按人口加权重新提交' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('AWAITING_REVIEW');
    expect(await sub(44)).toEqual(before44);
    expect(await tally()).toEqual(before);
  });
});
