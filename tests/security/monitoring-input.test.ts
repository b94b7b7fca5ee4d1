// Issue 14, findings 4, 5 and 10 at the monitoring import, over HTTP and the CLI: "1e309" refused (and stored
// Infinity neither breaks the air endpoints nor survives `ecoplan monitoring repair --apply`), a row with a field
// too many refused naming file, row and both counts, a CSV mixing UTF-8 and GB18030 refused, broken .xlsx files
// (empty, truncated, a renamed PDF) answered 400 with the reason instead of 500, and a bound on concurrent imports.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { insertHours, storedHours as hoursStored } from '../helpers/airHours.js';
import { appWithAccounts, signInTo } from '../helpers/app.js';
import { tempDir } from '../helpers/planFolder.js';

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const HEADER = '站点编码,时间,SO2,NO2,PM10,PM2.5,CO,O3';

beforeAll(async () => {
  ctx = await appWithAccounts();
}, 60_000);
afterAll(async () => ctx?.close());

function multipart(name: string, bytes: Buffer, boundary = '----ecoplanSecurity') {
  return Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
}

function upload(name: string, bytes: Buffer, query = '') {
  const s = ctx.sessions.reviewer!;
  return ctx.app.inject({ method: 'POST', url: `/api/v1/monitoring/import${query}`, payload: multipart(name, bytes), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'multipart/form-data; boundary=----ecoplanSecurity' } });
}

const storedHours = async () => (await hoursStored(ctx.store.db)).length;

describe('finding 4: numbers that are not finite', () => {
  it('refuses 1e309 naming the row and column; with skipInvalid the row is skipped and nothing infinite is stored', async () => {
    const csv = `${HEADER}\n1669A,2024-01-01 01:00,5,20,40,1e309,0.5,60\n1669A,2024-01-01 02:00,5,20,40,30,0.5,60\n`;
    const res = await upload('小时.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ row: 2, column: 'F', reason: 'outOfRange', message: '文件“小时.csv”第 2 行 F 列（PM2.5）：超出可能的范围：“1e309”超出可表示的数值范围（不是有限的数）' });
    expect(await storedHours()).toBe(0);
    const skipped = await upload('小时.csv', Buffer.from(csv), '?skipInvalid=true');
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json()).toMatchObject({ imported: 1, skipped: 1 });
    const infinite = (await hoursStored(ctx.store.db)).filter((h) => [h.so2, h.no2, h.pm10, h.pm25, h.co, h.o3].some((v) => v !== null && !Number.isFinite(v)));
    expect(infinite).toEqual([]);
  });

  it('values stored as Infinity before the fix: the air endpoints still answer, and `monitoring repair --apply` removes them, audited', async () => {
    await insertHours(ctx.store.db, [
      { station_code: '1669A', hour: '2023-05-01T13', so2: 5, no2: 20, pm10: 40, pm25: Infinity, co: 0.5, o3: 60, import_id: 'legacy' },
      { station_code: '1669A', hour: '2023-05-01T14', pm25: Infinity, import_id: 'legacy' },
    ]);
    for (const url of ['/api/v1/monitoring/air/annual?year=2023', '/api/v1/monitoring/air/daily?year=2023&station=1669A', '/api/v1/plans/default/monitoring/indicators?year=2023'])
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    const db = ctx.store.path;
    const listed = spawnSync(process.execPath, [BIN, 'monitoring', 'repair', '--db', db], { encoding: 'utf8', timeout: 60_000 });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('空气 1669A 2023-05-01T13 pm25 = Infinity（导入 import legacy）');
    expect(listed.stdout).toContain('共 2 个；加 --apply 删除');
    const applied = spawnSync(process.execPath, [BIN, 'monitoring', 'repair', '--apply', '--by', 'ops', '--db', db], { encoding: 'utf8', timeout: 60_000 });
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('已删除 2 个不是有限数的数值');
    // The hour with other values keeps them; the hour that had only the infinite value is gone.
    const left = await hoursStored(ctx.store.db, { importId: 'legacy' });
    expect(left).toEqual([{ station_code: '1669A', hour: '2023-05-01T13', so2: 5, no2: 20, pm10: 40, pm25: null, co: 0.5, o3: 60, import_id: 'legacy' }]);
    const audit = await ctx.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'monitoring.repair').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ by: 'ops', removed: 2 });
  }, 60_000);
});

describe('finding 5: a row with more or fewer fields than the header', () => {
  it('is refused naming the file, the row and both counts; no value moves to another column', async () => {
    const csv = `${HEADER}\n1669A,2024-02-01 01:00,5,20,40,30,0.5,60\n1669A,2024-02-01 02:00,5,1,000,40,30,0.5,60\n1669A,2024-02-01 03:00,5,20,40\n`;
    const before = await storedHours();
    const res = await upload('二月.csv', Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { row: number; reason: string; message: string; messageEn: string }[];
    expect(errors.map((e) => [e.row, e.reason])).toEqual([
      [3, 'fieldCount'],
      [4, 'fieldCount'],
    ]);
    expect(errors[0]!.message).toBe('文件“二月.csv”第 3 行：字段数与表头不同：有 9 个字段，表头有 8 个（数值中未加引号的逗号，如 1,000？）；整行不导入');
    expect(errors[1]!.messageEn).toBe('"二月.csv" row 4: the number of fields differs from the header: 5 fields, the header has 8 (an unquoted comma in a number, such as 1,000?); the row is not imported');
    expect(await storedHours()).toBe(before);
  });
});

describe('finding 10: mixed encodings and broken .xlsx files', () => {
  it('a CSV whose lines mix UTF-8 and GB18030 is refused naming a line of each', async () => {
    const gb = Buffer.from('cad0b0cbd6d02c', 'hex'); // "市八中," in GB18030
    const bytes = Buffer.concat([Buffer.from('站点,时间,PM2.5\n'), gb, Buffer.from('2024-03-01 01:00,30\n市八中,2024-03-01 02:00,31\n')]);
    const res = await upload('混合.csv', bytes);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MIXED_ENCODING', message: '文件“混合.csv”混用了两种编码：第 1 行是 UTF-8，第 2 行是 GB18030（GBK）；请把整个文件另存为同一种编码（建议“CSV UTF-8”）后导入' });
    // GB18030 first, a UTF-8 line later.
    const gbFirst = Buffer.concat([Buffer.from('cad0b0cbd6d02c', 'hex'), Buffer.from('2024-03-01 01:00,30\n'), Buffer.from('市八中,2024-03-01 02:00,31\n')]);
    const res2 = await upload('混合2.csv', Buffer.concat([Buffer.from('d5beb5e32ccab1bce42c504d322e350a', 'hex'), gbFirst]));
    expect(res2.statusCode).toBe(400);
    expect(res2.json()).toMatchObject({ code: 'MIXED_ENCODING', message: '文件“混合2.csv”混用了两种编码：第 3 行是 UTF-8，第 1 行是 GB18030（GBK）；请把整个文件另存为同一种编码（建议“CSV UTF-8”）后导入' });
  });

  it('an empty, a truncated and a renamed-PDF .xlsx are answered 400 with the reason, over HTTP and on the CLI', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据').addRow(HEADER.split(','));
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const cases: [string, Buffer, string, string][] = [
      ['空.xlsx', Buffer.alloc(0), 'EMPTY_FILE', '空.xlsx：文件是空的（0 字节）'],
      ['截断.xlsx', good.subarray(0, Math.floor(good.length / 2)), 'DAMAGED_FILE', '截断.xlsx：文件已损坏或不完整（找不到压缩包目录，文件可能被截断），请重新保存为 .xlsx 后上传'],
      ['报告.xlsx', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 32)]), 'NOT_XLSX', '报告.xlsx：是 PDF 文件，请上传 .xlsx 文件（按文件内容识别，与扩展名无关）'],
    ];
    const dir = tempDir();
    for (const [name, bytes, code, message] of cases) {
      const res = await upload(name, bytes);
      expect([res.statusCode, res.json().code, res.json().message]).toEqual([400, code, message]);
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const r = spawnSync(process.execPath, [BIN, 'monitoring', 'import', path, '--db', join(dir, 'cli.db')], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});

describe('finding 1: a bound on imports running at once', () => {
  it('answers 503 with Retry-After and a bilingual reason while every slot is taken, and takes the import again once one frees', async () => {
    const app = await buildApp({ db: ctx.store.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0, importSlots: 1 });
    try {
      const s = (await signInTo(app, 'reviewer'))!;
      const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'multipart/form-data; boundary=----ecoplanSecurity' };
      // The first upload's body arrives slowly: it holds the only slot until its body ends.
      const body = new PassThrough();
      const first = app.inject({ method: 'POST', url: '/api/v1/monitoring/import', payload: body, headers });
      body.write(`------ecoplanSecurity\r\nContent-Disposition: form-data; name="file"; filename="慢.csv"\r\n\r\n${HEADER}\n`);
      while (app.importSlots.inUse < 1) await new Promise((ok) => setImmediate(ok));
      const busy = await app.inject({ method: 'POST', url: '/api/v1/monitoring/import', payload: multipart('快.csv', Buffer.from(`${HEADER}\n`)), headers });
      expect(busy.statusCode).toBe(503);
      expect(busy.headers['retry-after']).toBe('10');
      expect(busy.json()).toMatchObject({ code: 'IMPORTS_BUSY', message: '服务器正在处理其他导入（同时最多 1 个），请 10 秒后重试；本次没有读取文件，也没有写入任何数据' });
      body.end(`1669A,2024-04-01 01:00,5,20,40,30,0.5,60\r\n------ecoplanSecurity--\r\n`);
      expect((await first).statusCode).toBe(200);
      expect(app.importSlots.inUse).toBe(0);
      const again = await app.inject({ method: 'POST', url: '/api/v1/monitoring/import', payload: multipart('再.csv', Buffer.from(`${HEADER}\n1669A,2024-04-01 02:00,5,20,40,30,0.5,60\n`)), headers });
      expect(again.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
