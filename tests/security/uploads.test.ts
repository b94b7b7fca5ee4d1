// Every upload route refuses the same way (src/server/upload.ts): a request without a file is 400 NO_FILE, a file
// over the route's limit is 413 FILE_TOO_LARGE naming that limit in both languages — and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithAccounts } from '../helpers/app.js';

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
beforeAll(async () => {
  ctx = await appWithAccounts();
  const admin = ctx.sessions.admin!;
  const opened = await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { year: 2024, deadline: '2025-03-31' } });
  expect(opened.statusCode).toBe(200);
}, 60_000);
afterAll(() => ctx?.close());

/** A multipart body with a text field and, when given, a file part of `size` bytes. */
function multipart(size: number | null) {
  const b = '----ecoplan-upload-test';
  const parts = [Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="title"\r\n\r\n说明\r\n`)];
  if (size !== null) parts.push(Buffer.from(`--${b}\r\ncontent-disposition: form-data; name="file"; filename="a.xlsx"\r\ncontent-type: application/octet-stream\r\n\r\n`), Buffer.alloc(size, 0x41), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

const MB = 1024 * 1024;
// Route, limit in MB (from the route's documented limit), and whether it asks for a workbook.
const ROUTES: [string, number, boolean][] = [
  ['/api/v1/plans/default/carbon/workbook', 5, true],
  ['/api/v1/plans/default/gep/import', 5, true],
  ['/api/v1/plans/default/projects/import?kind=library', 5, true],
  ['/api/v1/plans/default/rounds/2024/import?department=lyj', 5, true],
  ['/api/v1/plans/default/portal/documents', 20, false],
];

describe.each(ROUTES)('POST %s', (url, limitMb, workbook) => {
  const send = async (size: number | null) => {
    const admin = ctx.sessions.admin!;
    const { payload, type } = multipart(size);
    return ctx.app.inject({ method: 'POST', url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': type } });
  };
  const audit = async () => (await ctx.store.db.selectFrom('audit_log').select(ctx.store.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;

  it('answers 400 NO_FILE without a file', async () => {
    const res = await send(null);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'NO_FILE', message: workbook ? '请选择要上传的 .xlsx 文件' : '请选择要上传的文件' });
  });

  it(`answers 413 naming the ${limitMb} MB limit for a larger file, and writes nothing`, async () => {
    const before = await audit();
    const res = await send(limitMb * MB + 1);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: `文件过大，上限 ${limitMb} MB`, messageEn: `file too large; the limit is ${limitMb} MB` });
    expect(await audit()).toBe(before);
  });
});
