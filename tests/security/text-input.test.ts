// Issue 14, finding 6: characters XML 1.0 forbids. Input refuses them (a JSON field, a workbook cell), a value stored
// before that check still gives a Word report whose document.xml parses and an HTML report without raw NUL/BEL,
// and an uploaded file's name loses its right-to-left override.
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObservations } from '../../src/store/observations.js';
import { appWithAccounts } from '../helpers/app.js';
import { unzip } from '../reports/helpers.js';

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;

beforeAll(async () => {
  ctx = await appWithAccounts();
  const admin = ctx.sessions.admin!;
  const opened = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { year: 2024, deadline: '2025-03-31' } });
  expect(opened.statusCode, opened.body).toBe(200);
}, 60_000);
afterAll(async () => ctx?.close());

/** Parses XML strictly (saxes checks XML 1.0 characters and well-formedness); returns the first error or null. */
function xmlError(xml: string): string | null {
  const parser = new SaxesParser();
  let error: string | null = null;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

describe('finding 6: characters XML 1.0 forbids', () => {
  it('a draft whose source holds U+FFFE (or NUL, or a lone surrogate) is refused naming the field', async () => {
    const s = ctx.sessions.forestry!;
    for (const [source, code] of [['林业局\uFFFE年报', 'U+FFFE'], ['年报\u0000', 'U+0000'], ['年报\u0007', 'U+0007'], ['年报\uD800', 'U+D800']] as const) {
      const res = await ctx.app.inject({ method: 'PUT', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { value: '74.8', source } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_CHARACTER');
      expect(res.json().message).toContain(`字段 body.source 含有不允许的控制字符 ${code}`);
    }
    // Tab and line breaks are text.
    const ok = await ctx.app.inject({ method: 'PUT', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { value: '74.8', source: '林业局\t年报', note: '第一行\r\n第二行' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('a workbook cell holding one is refused with that reason, not the XML parser\'s words', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('活动数据');
    ws.addRow(['行政区', '年份', '类别', '分部门', '品种', '数值', '单位', '来源', '备注', '修改原因']);
    ws.addRow(['440200', 2022, 'gdp', '', 'current', '1500', '亿元', '统计\uFFFE年鉴', '', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----ecoplanText';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="碳.xlsx"\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const s = ctx.sessions.admin!;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/carbon/workbook', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems[0].message).toBe('碳.xlsx：单元格中含有不允许的控制字符（如 U+FFFE、U+0000；常由复制粘贴带入），请删除后重新保存');
  });

  it('a value stored before the check: the .docx opens (document.xml parses) and the HTML has no raw NUL or BEL', async () => {
    const out = await recordObservations(ctx.store.db, ctx.store.plan.meta.id, [{ indicatorCode: 13, regionCode: '440200', year: 2024, kind: 'value', valueText: '74.80', state: null, checks: [], source: '林业\uFFFE统计\u0000年报\u0007', note: null, reason: null }], { origin: 'import', recordedBy: 'legacy' });
    expect(out.ok).toBe(true);
    const docx = await ctx.app.inject({ method: 'GET', url: '/api/v1/plans/default/reports/2024.docx' });
    expect(docx.statusCode).toBe(200);
    const xml = unzip(docx.rawPayload)['word/document.xml']!;
    expect(xml).toContain('林业统计年报');
    expect(xmlError(xml)).toBeNull();
    const html = await ctx.app.inject({ method: 'GET', url: '/api/v1/plans/default/reports/2024.html' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('林业统计年报');
    expect(html.body).not.toMatch(/[\u0000\u0007\uFFFE]/);
  }, 60_000);

  it('an evidence file named with a right-to-left override keeps its name without it', async () => {
    const s = ctx.sessions.forestry!;
    const boundary = '----ecoplanRlo';
    const name = '验收报告\u202Efdp.exe';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n%PDF-1.7\n`), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value/evidence', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().fileName).toBe('验收报告fdp.exe');
  });
});
