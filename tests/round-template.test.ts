// The Excel round trip of a reporting round: a department's template, filled and uploaded as drafts; broken
// files refused with sheet, row, column and reason, and nothing written.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { buildApp } from '../src/server/app.js';
import { createUser } from '../src/store/users.js';
import { seededDatabase } from './helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;
const s: Record<string, { cookie: string; csrf: string }> = {};

beforeAll(async () => {
  store = await seededDatabase();
  const hash = await hashPassword('correct horse battery');
  for (const [username, role, departmentId] of [
    ['admin', 'admin', null],
    ['forestry', 'reporter', 'lyj'],
    ['water', 'reporter', 'swj'],
  ] as const)
    await createUser(store.db, { username, displayName: username, role, planId: store.plan.meta.id, departmentId, passwordHash: hash });
  app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000 });
  for (const u of ['admin', 'forestry', 'water']) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: 'correct horse battery' } });
    s[u] = { cookie: `ecoplan_session=${res.cookies.find((c) => c.name === 'ecoplan_session')!.value}`, csrf: res.json().csrfToken };
  }
  for (const year of [2023, 2024])
    await app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', payload: { year, deadline: `${year + 1}-03-31` }, headers: { cookie: s.admin!.cookie, 'x-csrf-token': s.admin!.csrf } });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

async function download(who: string, year = 2024): Promise<ExcelJS.Workbook> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/plans/default/rounds/${year}/template.xlsx`, headers: { cookie: s[who]!.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

function upload(who: string, bytes: Buffer, name = 'filled.xlsx', year = 2024) {
  const boundary = '----ecoplanTestBoundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url: `/api/v1/plans/default/rounds/${year}/import`, payload: body, headers: { cookie: s[who]!.cookie, 'x-csrf-token': s[who]!.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const bytesOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const submissions = async () => JSON.stringify(await store.db.selectFrom('submissions').selectAll().orderBy('id').execute());

/** Fills the forestry template's input cells: row by indicator code. */
function fill(wb: ExcelJS.Workbook, values: Record<number, [string, string]>) {
  const ws = wb.getWorksheet('填报')!;
  ws.eachRow((row, n) => {
    if (n < 3) return;
    const v = values[Number(row.getCell(1).value)];
    if (v) {
      row.getCell(9).value = v[0];
      row.getCell(12).value = v[1];
    }
  });
}

describe('the department template', () => {
  it('lists the department’s tasks, locks fixed cells and protects the sheet', async () => {
    const wb = await download('forestry');
    const ws = wb.getWorksheet('填报')!;
    const codes: number[] = [];
    ws.eachRow((row, n) => n >= 3 && codes.push(Number(row.getCell(1).value)));
    expect(codes).toEqual([13, 14, 15, 21]);
    expect(ws.getCell('B3').value).toBe('森林覆盖率');
    expect(ws.getCell('H3').value).toBe('≥74.6');
    expect(ws.getCell('A3').protection?.locked ?? true).toBe(true); // locked is Excel's default: absent means locked
    expect(ws.getCell('I3').protection?.locked).toBe(false);
    expect(ws.getCell('J5').dataValidation?.type).toBe('list'); // 15 外来入侵物种 takes a state
    expect(wb.getWorksheet('_meta')?.state).toBe('veryHidden');
    // The sheet is protected (the file's XML carries <sheetProtection sheet="1" …>).
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/rounds/2024/template.xlsx', headers: { cookie: s.forestry!.cookie } });
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<sheetProtection[^>]*sheet="1"/);
  });

  it('imports a filled template as drafts', async () => {
    const wb = await download('forestry');
    fill(wb, { 13: ['74.80', '林业统计'], 14: ['100', '林业统计'] });
    const res = await upload('forestry', await bytesOf(wb));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ drafts: 2 });
    const tasks = (await app.inject({ method: 'GET', url: '/api/v1/plans/default/rounds/2024/tasks', headers: { cookie: s.forestry!.cookie } })).json().tasks;
    expect(tasks.find((t: { indicatorCode: number }) => t.indicatorCode === 13).submission).toMatchObject({ status: 'draft', valueText: '74.80', source: '林业统计' });
  });
});

describe('broken uploads are refused precisely, and nothing is written', () => {
  const refused = async (who: string, bytes: Buffer, name?: string) => {
    const before = await submissions();
    const res = await upload(who, bytes, name);
    expect(await submissions()).toBe(before);
    return res;
  };

  it('text in a number cell', async () => {
    const wb = await download('forestry');
    fill(wb, { 13: ['七十四点八', '林业统计'], 14: ['100', '林业统计'] });
    const res = await refused('forestry', await bytesOf(wb));
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([expect.objectContaining({ sheet: '填报', row: 3, column: 'I', field: '数值', message: '数值“七十四点八”不是数字' })]);
  });

  it('a template of another round, and of another department', async () => {
    const old = await download('forestry', 2023);
    fill(old, { 13: ['74.8', 's'] });
    expect((await refused('forestry', await bytesOf(old))).json().message).toContain('这是其他年度调度（2023 年）的模板');
    const water = await download('water');
    expect((await refused('forestry', await bytesOf(water))).json().message).toContain('这是市水务局的模板');
  });

  it('an extra sheet, a formula in an input cell, a changed locked cell', async () => {
    const wb = await download('forestry');
    fill(wb, { 13: ['74.8', 's'] });
    wb.addWorksheet('我的草稿');
    wb.getWorksheet('填报')!.getCell('I4').value = { formula: 'I3*1.01' } as ExcelJS.CellFormulaValue;
    wb.getWorksheet('填报')!.getCell('B5').value = '外来物种';
    const problems = (await refused('forestry', await bytesOf(wb))).json().problems as { sheet: string; row: number; column: string; message: string }[];
    expect(problems.map((p) => [p.sheet, p.row, p.column])).toEqual(
      expect.arrayContaining([
        ['我的草稿', null, null],
        ['填报', 4, 'I'],
        ['填报', 5, 'B'],
      ]),
    );
    expect(problems.find((p) => p.column === 'B')!.message).toBe('锁定单元格被改动：应为“外来入侵物种”，实为“外来物种”');
  });

  it('a 20 MB file, a zip bomb, a renamed PDF', async () => {
    const big = await refused('forestry', Buffer.alloc(20 * 1024 * 1024, 1));
    expect(big.statusCode).toBe(413);
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(80 * 1024 * 1024, 0));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // 80 MB of sheet is more than the 50 MB a workbook may inflate to: refused as too large, before parsing.
    const refusedBomb = await refused('forestry', bomb);
    expect(refusedBomb.statusCode).toBe(413);
    expect(refusedBomb.json()).toMatchObject({ code: 'INFLATES_TOO_LARGE', message: 'filled.xlsx：解压后超过 50 MB（压缩包炸弹？），拒绝处理；文件没有被读取，也没有写入任何数据' });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1000, 32)]);
    expect((await refused('forestry', pdf, 'report.xlsx')).json().message).toBe('1 处问题，未导入任何数据：report.xlsx：是 PDF 文件，请上传 .xlsx 文件（按文件内容识别，与扩展名无关）');
  });

  it('a draft of a task already submitted: the whole file is refused', async () => {
    const boundary = '----ecoplanEvidence';
    const pdf = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.pdf"\r\n\r\n%PDF-1.7\n`), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    await app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value/evidence', payload: pdf, headers: { cookie: s.forestry!.cookie, 'x-csrf-token': s.forestry!.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    await app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value/submit', headers: { cookie: s.forestry!.cookie, 'x-csrf-token': s.forestry!.csrf } });
    const wb = await download('forestry');
    fill(wb, { 13: ['74.9', 's'], 21: ['22.6', 's'] });
    const res = await refused('forestry', await bytesOf(wb));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('AWAITING_REVIEW');
  });
});
