// Issue 14, finding 10 (minor items) over HTTP: sign-in with Origin: null, evidence (a round's, a project's) read by
// a viewer or under another plan, the template bypassing the form's text limits, and a value just above 100 % passing the range.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithAccounts, TEST_PASSWORD } from '../helpers/app.js';

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
const headersOf = (who: string) => ({ cookie: ctx.sessions[who]!.cookie, 'x-csrf-token': ctx.sessions[who]!.csrf });

beforeAll(async () => {
  ctx = await appWithAccounts();
  const opened = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', headers: headersOf('admin'), payload: { year: 2024, deadline: '2025-03-31' } });
  expect(opened.statusCode, opened.body).toBe(200);
}, 60_000);
afterAll(async () => ctx?.close());

describe('finding 10', () => {
  it('a sign-in with Origin: null (a sandboxed frame) or a garbled origin is refused 403, not 500', async () => {
    for (const origin of ['null', 'not a url']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin }, payload: { username: 'admin', password: TEST_PASSWORD } });
      expect([res.statusCode, res.json().code]).toEqual([403, 'BAD_ORIGIN']);
    }
  });

  it('evidence is read by reviewers and its department, not by a viewer, and not under another plan', async () => {
    const boundary = '----ecoplanEvidence';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="验收.pdf"\r\n\r\n%PDF-1.7\n`), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const draft = await ctx.app.inject({ method: 'PUT', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value', headers: headersOf('forestry'), payload: { value: '74.8', source: '林业统计年报' } });
    expect(draft.statusCode, draft.body).toBe(200);
    const up = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value/evidence', payload, headers: { ...headersOf('forestry'), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(200);
    const id = up.json().id as string;
    const get = (who: string, plan = 'default') => ctx.app.inject({ method: 'GET', url: `/api/v1/plans/${plan}/evidence/${id}`, headers: headersOf(who) });
    expect((await get('forestry')).statusCode).toBe(200);
    expect((await get('reviewer')).statusCode).toBe(200);
    expect((await get('water')).statusCode).toBe(403);
    const viewer = await get('leader');
    expect([viewer.statusCode, viewer.json().code]).toEqual([403, 'FORBIDDEN']);
    expect((await get('reviewer', 'another-plan')).statusCode).toBe(404);
  });

  it('a project\'s evidence is read by admins, reviewers and the leading department, not by a viewer or another department', async () => {
    // Project 3 (碧道) is led by 市水务局 (the "water" reporter). The upload is a minimal PDF (judged by its bytes).
    const boundary = '----ecoplanProjectEvidence';
    const pdf = Buffer.from('%PDF-1.7\n% 碧道验收\n');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="year"\r\n\r\n2023\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="碧道验收.pdf"\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/projects/3/evidence', payload, headers: { ...headersOf('water'), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(201);
    const id = up.json().evidence.id as string;
    const get = (who: string, plan = 'default') =>
      ctx.app.inject({ method: 'GET', url: `/api/v1/plans/${plan}/projects/3/evidence/${id}`, headers: who === 'anonymous' ? {} : headersOf(who) });
    for (const who of ['water', 'reviewer', 'admin']) {
      const res = await get(who);
      expect(res.statusCode, who).toBe(200);
      expect(res.rawPayload.equals(pdf), who).toBe(true);
    }
    const viewer = await get('leader');
    expect([viewer.statusCode, viewer.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(viewer.json().message).toContain('领导（只读）账户不能下载佐证材料');
    expect(viewer.rawPayload.includes(pdf)).toBe(false);
    expect((await get('forestry')).statusCode).toBe(403);
    expect((await get('anonymous')).statusCode).toBe(401);
    expect((await get('reviewer', 'another-plan')).statusCode).toBe(404);
    // The viewer still sees that the file exists (the project's detail lists it), only not its content.
    const detail = await ctx.app.inject({ method: 'GET', url: '/api/v1/plans/default/projects/3', headers: headersOf('leader') });
    expect(detail.json().evidence.map((e: { id: string }) => e.id)).toContain(id);
  });

  it('a value of 100.0000000000000000001 % is above 100 and refused', async () => {
    const res = await ctx.app.inject({ method: 'PUT', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value', headers: headersOf('forestry'), payload: { value: '100.0000000000000000001', source: '林业统计年报' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('数值 100.0000000000000000001 超出取值范围 0–100');
  });

  it('the Excel template cannot store a source longer than the form allows (200 characters)', async () => {
    const tpl = await ctx.app.inject({ method: 'GET', url: '/api/v1/plans/default/rounds/2024/template.xlsx', headers: headersOf('forestry') });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报')!;
    const row = [...Array(ws.rowCount).keys()].map((k) => ws.getRow(k + 1)).find((r) => r.getCell(1).value === '13' && r.getCell(4).value === '440200')!;
    row.getCell(9).value = '74.8';
    row.getCell(12).value = '林'.repeat(201);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----ecoplanTemplate';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="填报.xlsx"\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds/2024/import', payload, headers: { ...headersOf('forestry'), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems).toEqual([expect.objectContaining({ sheet: '填报', row: row.number, column: 'L', message: '数据来源过长（201 个字符），最多 200 个字符' })]);
  });
});
