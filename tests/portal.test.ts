// The public portal as a visitor and a reviewer reach it: over HTTP and through `ecoplan portal export`.
// Expected values are worked out by hand from the plan's table 1 (indicator 13 森林覆盖率: baseline 74.43 in 2020,
// target ≥74.6 for 2025) and from the values seeded here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalModel } from '../src/portal/model.js';
import { PageContext } from '../src/portal/layout.js';
import { countiesPage, requiredPath } from '../src/portal/pages.js';
import { buildApp } from '../src/server/app.js';
import { recordObservations } from '../src/store/observations.js';
import type { ObservationInput } from '../src/plan/observations.js';
import { appWithAccounts, type Session } from './helpers/app.js';
import { CLI_CWD } from './helpers/cli.js';
import { SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';

const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');
let ctx: Awaited<ReturnType<typeof appWithAccounts>>;

const obs = (indicatorCode: number, regionCode: string, year: number, valueText: string, source = '省林业局发布'): ObservationInput => ({ indicatorCode, regionCode, year, kind: 'value', valueText, state: null, checks: [], source, note: null, reason: null });

/** Decodes the few entities the portal writes, so page text can be compared with the plan's own text. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

beforeAll(async () => {
  ctx = await appWithAccounts();
  const planId = ctx.store.plan.meta.id;
  // Approved: indicator 13 for the city in 2021 and 2022, and two counties in 2022.
  const approved = await recordObservations(ctx.store.db, planId, [obs(13, '440200', 2021, '74.50'), obs(13, '440200', 2022, '74.62'), obs(13, '440281', 2022, '80.10'), obs(13, '440232', 2022, '85.30')], { origin: 'import', recordedBy: 'seed', status: 'approved' });
  expect(approved.ok).toBe(true);
  // Provisional (a reporter's value awaiting review): never public.
  const provisional = await recordObservations(ctx.store.db, planId, [obs(14, '440200', 2022, '93.1111', '待审核来源')], { origin: 'import', recordedBy: 'seed', status: 'provisional' });
  expect(provisional.ok).toBe(true);
});
afterAll(() => ctx.close());

const get = (url: string) => ctx.app.inject({ method: 'GET', url });
const as = (who: string) => {
  const s = ctx.sessions[who] as Exclude<Session, null>;
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
};

describe('contract', () => {
  it('GET / answers 200 with HTML naming every indicator of the plan, without JavaScript and without a redirect', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).not.toMatch(/<script/i);
    const indicators = parseYaml(readFileSync(join(SHAOGUAN_DIR, 'indicators.yaml'), 'utf8')) as { code: number; name: string }[];
    expect(indicators).toHaveLength(45);
    const page = text(res.body);
    for (const ind of indicators) expect(page, `indicator ${ind.code}`).toContain(ind.name);
  });

  it('GET /open-data/indicators.csv: UTF-8 with BOM, one row per indicator, region and year of approved values only', async () => {
    const res = await get('/open-data/indicators.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    const header = lines[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const rows = lines.slice(1).map((l) => l.split(','));
    // The four approved values seeded above, and nothing else (the provisional 93.1111 is not public).
    expect(rows.map((r) => [r[col('indicator_code')], r[col('region_code')], r[col('year')], r[col('value')]]).sort()).toEqual(
      [
        ['13', '440200', '2021', '74.50'],
        ['13', '440200', '2022', '74.62'],
        ['13', '440232', '2022', '85.30'],
        ['13', '440281', '2022', '80.10'],
      ].sort(),
    );
    expect(res.body).not.toContain('93.1111');
    expect(res.body).not.toContain('seed'); // who recorded a value is not published
  });
});

/** The rows of a CSV the portal wrote (no field of the seeded data holds a comma or quote). */
const csvRows = (body: Buffer) => body.subarray(3).toString('utf8').trim().split('\r\n').map((l) => l.split(','));

/** The rows of a worksheet as text, empty cells as '' (as the CSV writes them). */
async function sheetRows(body: Buffer, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  expect(ws, `sheet ${name}`).toBeDefined();
  const rows: string[][] = [];
  ws!.eachRow({ includeEmpty: true }, (row) => {
    const width = ws!.columnCount;
    rows.push(Array.from({ length: width }, (_, i) => {
      const v = row.getCell(i + 1).value;
      return v === null || v === undefined ? '' : String(v);
    }));
  });
  return rows;
}

describe('open data as Excel', () => {
  it('the .xlsx opens with ExcelJS and holds the same rows as the CSV, header labelled in Chinese and English', async () => {
    for (const [csvUrl, xlsxUrl] of [
      ['/open-data/indicators.csv', '/open-data/indicators.xlsx'],
      ['/open-data/indicator-13.csv', '/open-data/indicator-13.xlsx'],
    ]) {
      const [c, x] = await Promise.all([get(csvUrl!), get(xlsxUrl!)]);
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const fromCsv = csvRows(c.rawPayload);
      const fromXlsx = await sheetRows(x.rawPayload, '指标值 values');
      expect(fromXlsx[0]![0]).toBe('指标序号 indicator_code');
      expect(fromXlsx[0]!.map((h) => h.split(' ').pop())).toEqual(fromCsv[0]);
      expect(fromXlsx.slice(1)).toEqual(fromCsv.slice(1));
      expect(fromXlsx).toHaveLength(5); // the header and the four approved values seeded above
      expect(fromXlsx.flat().join('|')).not.toContain('93.1111');
    }
  });

  it('a server with a worker pool writes the workbooks there, with the same rows', async () => {
    const threaded = await buildApp({ db: ctx.store.db, dbPath: ctx.store.path, workerThreads: 1, webDir: '/nonexistent', revisionTtlMs: 0 });
    try {
      const [c, x] = await Promise.all([threaded.inject({ method: 'GET', url: '/open-data/indicators.csv' }), threaded.inject({ method: 'GET', url: '/open-data/indicator-13.xlsx' })]);
      expect(x.statusCode).toBe(200);
      const rows = await sheetRows(x.rawPayload, '指标值 values');
      expect(rows.slice(1)).toEqual(csvRows(c.rawPayload).slice(1));
      const meta = await sheetRows(x.rawPayload, '元数据 metadata');
      expect(meta.find((r) => r[0] === 'unit')![1]).toBe('%');
    } finally {
      await threaded.close();
    }
  }, 60_000);
});

describe('pages', () => {
  it('the indicator page shows the values, the status of the evaluation year, the required path and the same data as a table', async () => {
    const res = await get('/indicators/13.html');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    // The chart is an accessible SVG with a title and description.
    expect(html).toMatch(/<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="c13-t c13-d"/);
    expect(html).toContain('<title id="c13-t">森林覆盖率：历年数值与目标</title>');
    // 2022 is the evaluation year (latest with approved data); 74.62 ≥ 74.6: attained. 2021: 74.50 < 74.6: not attained.
    const row = (year: number) => text(html.match(new RegExp(`<tr><th scope="row">${year}</th>.*?</tr>`))![0]);
    expect(row(2022)).toMatch(/74\.62%.*74\.50.*达标/);
    expect(row(2021)).toMatch(/74\.50%.*74\.46.*未达标/); // path 2021: 74.43 × (74.6/74.43)^(1/5) ≈ 74.4640
    expect(row(2020)).toMatch(/74\.43%.*74\.43/); // the plan's baseline
    expect(text(html)).toContain('市林业局');
    expect(html).toContain('href="../open-data/indicator-13.csv"');
  });

  it('the required path grows at the constant rate from the baseline to the target (docs/methods/progress.md)', () => {
    // 74.43 → 74.6 over 5 years: 74.43 × (74.6 / 74.43)^(i/5); for 2022 (i = 2) ≈ 74.4980 (worked by hand).
    const path = requiredPath({ year: 2020, value: 74.43 }, { year: 2025, value: 74.6 });
    expect(path).toHaveLength(6);
    expect(path[0]).toEqual({ year: 2020, value: 74.43 });
    expect(path[2]!.value).toBeCloseTo(74.498, 3);
    expect(path[5]!.value).toBeCloseTo(74.6, 10);
    // A baseline of zero cannot grow at a rate: a straight line.
    expect(requiredPath({ year: 2020, value: 0 }, { year: 2025, value: 10 }).map((p) => p.value)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('counties: a ranked bar chart and table, never a map without configured boundaries; a map with GeoJSON and its 审图号', async () => {
    const html = (await get('/counties.html')).body;
    expect(html).not.toContain('class="chart map"');
    expect(html).toContain('未配置经审核批准的行政区划边界');
    // 440232 乳源瑶族自治县 85.30 ranks before 440281 乐昌市 80.10 (forest cover: higher is better).
    const table = text(html.match(/<table><caption>森林覆盖率：各县（市、区）最新已审定值.*?<\/table>/)![0]);
    expect(table).toMatch(/1\s+乳源瑶族自治县\s+85\.30%\s+2022\s+2\s+乐昌市\s+80\.10%\s+2022/);

    const { loadPortalInput } = await import('../src/portal/load.js');
    const square = (x: number, y: number) => [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]];
    const geo = { geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '440281' }, geometry: { type: 'Polygon', coordinates: square(113.3, 25.1) } }, { type: 'Feature', properties: { code: '440232' }, geometry: { type: 'Polygon', coordinates: square(113.2, 24.8) } }] }, approvalNo: '粤S(2024)001号' };
    const model = buildPortalModel(await loadPortalInput(ctx.store.db, ctx.store.plan, 1, { geo }));
    const withMap = countiesPage(model, new PageContext({ lang: 'zh', large: false }, 'counties.html'));
    expect(withMap.match(/class="chart map"/g)).toHaveLength(1);
    expect(withMap).toContain('审图号：粤S(2024)001号');
  });

  it('English and large-text variants are paths whose links stay in the variant', async () => {
    const en = (await get('/en/indicators/13.html')).body;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Forest coverage');
    expect(en).toContain('href="../../en/indicators.html"'); // from en/indicators/13.html back to the English list
    const large = (await get('/large/')).body;
    expect(large).toContain('class="large"');
    expect(large).toContain('href="../large/indicators/13.html"');
    expect(large).toContain('标准字号');
    // The survey link stays in the variant too: /large/survey/, served by the server.
    expect(large).toContain('href="../large/survey/"');
  });

  it('an approval shows on the portal at once: the cache is keyed by the data version and invalidated by the approval', async () => {
    // Versions trusted for a minute: only the invalidation an approval triggers can make the page change in time.
    const { buildApp } = await import('../src/server/app.js');
    const app = await buildApp({ db: ctx.store.db, webDir: '/nonexistent', revisionTtlMs: 60_000 });
    try {
      const page = () => app.inject({ method: 'GET', url: '/indicators/14.html' });
      expect((await page()).body).not.toContain('66.66');
      const builds = app.portal.builds;
      expect((await page()).body).not.toContain('66.66');
      expect(app.portal.builds).toBe(builds); // served from the cache
      const res = await app.inject({ method: 'POST', url: '/api/v1/plans/default/observations', headers: as('reviewer'), payload: { indicator: 14, region: '440200', year: 2021, value: '66.66', source: '审定测试' } });
      expect(res.statusCode, res.body).toBe(200);
      expect((await page()).body).toContain('66.66');
      expect(app.portal.builds).toBe(builds + 1);
    } finally {
      await app.close();
    }
  });

  it('answers 404 as a page for an unknown portal path and leaves the API its JSON 404', async () => {
    const page = await get('/indicators/99.html');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const api = await get('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('ROUTE_NOT_FOUND');
    expect((await get('/../etc/passwd')).statusCode).toBe(404);
  });
});

describe('carbon headline', () => {
  const C = '/api/v1/plans/default/carbon';
  const clinker = (year: number, value: string, reason?: string) => ({ region: '440281', year, category: 'cementClinker', item: 'clinker', value, unit: '吨', source: '企业报表', ...(reason ? { reason } : {}) });
  const send = (method: 'POST' | 'PUT', url: string, who: string, payload: object) => ctx.app.inject({ method, url, payload, headers: as(who) });
  /** The home page's carbon tile, as text. */
  const tile = async (url = '/') => text(/<li>(?:(?!<li>).)*温室气体(?:(?!<li>).)*?<\/li>|<li>(?:(?!<li>).)*greenhouse gas(?:(?!<li>).)*?<\/li>/s.exec((await get(url)).body)?.[0] ?? '').replace(/\s+/g, ' ').trim();

  it('shows only an inventory a reviewer published, with the figures as published, until it is withdrawn', async () => {
    // Cement clinker in 乐昌市: 100,000 t in 2023 and 300,000 t in 2024, at 0.538 t CO2 per t (provincial guideline)
    // → 2023: 53,800 t = 5.4 万吨; 2024: 161,400 t = 16.1 万吨. No forest data: net = gross.
    expect((await send('PUT', `${C}/activity`, 'admin', { rows: [clinker(2023, '100000'), clinker(2024, '300000')] })).statusCode).toBe(200);
    expect(await tile()).toContain('尚无已发布的清单');

    expect((await send('POST', `${C}/publications/publish`, 'forestry', { year: 2023 })).statusCode).toBe(403);
    expect((await send('POST', `${C}/publications/publish`, 'reviewer', { year: 2019 })).json().code).toBe('NO_INVENTORY');
    const published = await send('POST', `${C}/publications/publish`, 'reviewer', { year: 2023 });
    expect(published.statusCode).toBe(200);
    expect(published.json().published).toMatchObject({ year: 2023, regionCode: '440200', lulucf: 0 });
    expect(published.json().published.gross).toBeCloseTo(53_800, 6);
    expect(await tile()).toMatch(/^5\.4 万吨二氧化碳当量：2023 年温室气体净排放（已发布清单；总排放 5\.4 万吨/);
    expect(await tile('/en/')).toMatch(/^5\.4 10,000 t CO2e: net greenhouse gas emissions 2023/);
    // 2024 is later but not published: nowhere on the home pages.
    for (const url of ['/', '/en/', '/large/', '/large/en/']) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('16.1');
      expect(body, url).not.toMatch(/2024 年温室气体|emissions 2024/);
    }

    // The activity data change after publication: the public keeps seeing what was published.
    expect((await send('PUT', `${C}/activity`, 'admin', { rows: [clinker(2023, '200000', '企业更正')] })).statusCode).toBe(200);
    expect(await tile()).toMatch(/^5\.4 万吨/);

    expect((await send('POST', `${C}/publications/withdraw`, 'reviewer', { year: 2023, reason: ' ' })).statusCode).toBe(400);
    expect((await send('POST', `${C}/publications/withdraw`, 'reviewer', { year: 2023, reason: '活动数据已更正，待重新发布' })).statusCode).toBe(200);
    expect(await tile()).toContain('尚无已发布的清单');
    expect((await send('POST', `${C}/publications/withdraw`, 'reviewer', { year: 2023, reason: '再撤一次' })).json().code).toBe('NOT_PUBLISHED');

    const events = await ctx.store.db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'carbon.%').where('action', 'in', ['carbon.publish', 'carbon.withdraw']).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['carbon.publish', 'carbon.withdraw']);
    expect(JSON.parse(events[1]!.detail!).reason).toBe('活动数据已更正，待重新发布');
    const record = (await ctx.app.inject({ method: 'GET', url: `${C}/publications`, headers: as('leader') })).json().events;
    expect(record.map((e: { year: number; action: string; by: string }) => [e.year, e.action, e.by])).toEqual([
      [2023, 'publish', 'reviewer'],
      [2023, 'withdraw', 'reviewer'],
    ]);
  });
});

describe('documents', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n规划文本测试\n'), Buffer.alloc(300, 32)]);
  function upload(who: string, fields: Record<string, string>, bytes: Buffer, name: string) {
    const boundary = '----ecoplanDoc';
    const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/portal/documents', payload, headers: { ...as(who), 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }

  it('a reviewer uploads, publishes and withdraws; each step is audited; a reporter cannot publish', async () => {
    const res = await upload('reviewer', { kind: 'plan', title: '规划文本（公开版）', titleEn: 'Plan text' }, PDF, 'plan.pdf');
    expect(res.statusCode, res.body).toBe(200);
    const { id } = res.json() as { id: string };
    expect((await get('/documents.html')).body).not.toContain('规划文本（公开版）');
    expect((await get(`/documents/${id}.pdf`)).statusCode).toBe(404);

    const reporter = await ctx.app.inject({ method: 'POST', url: `/api/v1/plans/default/portal/documents/${id}/publish`, headers: as('forestry'), payload: {} });
    expect(reporter.statusCode).toBe(403);
    const pub = await ctx.app.inject({ method: 'POST', url: `/api/v1/plans/default/portal/documents/${id}/publish`, headers: as('reviewer'), payload: {} });
    expect(pub.statusCode, pub.body).toBe(200);
    expect((await get('/documents.html')).body).toContain('规划文本（公开版）');
    const file = await get(`/documents/${id}.pdf`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const noReason = await ctx.app.inject({ method: 'POST', url: `/api/v1/plans/default/portal/documents/${id}/withdraw`, headers: as('reviewer'), payload: {} });
    expect(noReason.statusCode).toBe(400);
    const wd = await ctx.app.inject({ method: 'POST', url: `/api/v1/plans/default/portal/documents/${id}/withdraw`, headers: as('reviewer'), payload: { reason: '版本更新' } });
    expect(wd.statusCode).toBe(200);
    expect((await get('/documents.html')).body).not.toContain('规划文本（公开版）');
    expect((await get(`/documents/${id}.pdf`)).statusCode).toBe(404);

    const audit = await ctx.store.db.selectFrom('audit_log').select(['action', 'entity_id', 'detail']).where('entity', '=', 'portal_document').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['document.add', 'document.publish', 'document.withdraw']);
    expect(audit.every((a) => a.entity_id === id)).toBe(true);
    expect(JSON.parse(audit[2]!.detail!)).toMatchObject({ reason: '版本更新' });
  });

  it('refuses a file that is not a PDF or .docx, judged by its content', async () => {
    const res = await upload('reviewer', { kind: 'other', title: '伪装文件' }, Buffer.from('<html>not a pdf</html>'), 'fake.pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });
});

describe('rate limit', () => {
  it('limits the portal per client address like the other public computing routes', async () => {
    const { buildApp } = await import('../src/server/app.js');
    const app = await buildApp({ db: ctx.store.db, webDir: '/nonexistent', computeRateLimit: 3 });
    try {
      const codes = [];
      // A client address of its own: on PostgreSQL the counters are in the database, shared with the app above
      // (as instances share them), which has served this file's other requests from 127.0.0.1.
      for (let i = 0; i < 4; i++) codes.push((await app.inject({ method: 'GET', url: '/methods.html', remoteAddress: '198.51.100.7' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
    } finally {
      await app.close();
    }
  });
});

/** Every relative link (href, src) of every HTML file under `dir`, as a path relative to `dir`. */
function relativeLinks(dir: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) {
        const from = relative(dir, p).split('\\').join('/');
        for (const m of readFileSync(p, 'utf8').matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)) {
          const link = m[1]!;
          if (/^[a-z]+:/i.test(link) || link.startsWith('/')) continue;
          out.push({ from, to: posix.normalize(posix.join(posix.dirname(from), link)) });
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe('ecoplan portal export', () => {
  it('writes DIR/index.html and the whole site as static files whose relative links all resolve (the survey is served live)', () => {
    expect(existsSync(join(import.meta.dirname, '../dist/cli/main.js')), 'run npm run build:server first').toBe(true);
    const out = join(tempDir(), 'site');
    const db = join(dirname(out), 'export.db');
    const r = spawnSync(process.execPath, [BIN, 'portal', 'export', '--out', out, '--db', db], { cwd: CLI_CWD, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(out, 'index.html')).isFile()).toBe(true);
    const csv = readFileSync(join(out, 'open-data', 'indicators.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    for (const f of ['en/index.html', 'large/index.html', 'large/en/indicators/45.html', 'indicators/1.html', 'assets/portal.css', 'open-data/ecoplan-open-data.zip', 'open-data/indicator-45.xlsx']) expect(existsSync(join(out, f)), f).toBe(true);
    const links = relativeLinks(out);
    expect(links.length).toBeGreaterThan(1000);
    const broken = links.filter((l) => !/^(large\/)?(en\/)?survey\//.test(l.to) && !existsSync(join(out, l.to)));
    expect(broken).toEqual([]);
  }, 150_000);
});
