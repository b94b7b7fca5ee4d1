// Plans uploaded in the console (规划管理): a zipped plan folder or a plan workbook is checked like `plan validate`,
// kept as a draft, previewed, and published beside the other plans (its publisher becomes its administrator) or
// discarded. Every refusal names the file and place, and keeps nothing.
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRawFolder } from '../src/planfolder/read.js';
import { planWorkbook } from '../src/planfolder/workbookExport.js';
import { appWithAccounts, type Session } from './helpers/app.js';
import { EXAMPLE_COUNTY_DIR, zipPlanFolder } from './helpers/planFolder.js';
import { bombSheet, small, zipOf } from './helpers/zipBomb.js';

const COUNTY = 'example-county-2024-2035';

/** The folder's files as a zip, under a top folder as archivers make it; `edit` may change or add entries. */
const zipFolder = (dir: string, edit?: (files: Record<string, Uint8Array>) => void) => zipPlanFolder(dir, 'county', edit);

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
const upload = (who: string, bytes: Buffer, name = 'plan.zip') => {
  const s: Session = ctx.sessions[who] ?? null;
  const b = '----ecoplan';
  const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`), bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  return ctx.app.inject({ method: 'POST', url: '/api/v1/plan-drafts', payload, headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), 'content-type': `multipart/form-data; boundary=${b}` } });
};
const call = (method: 'GET' | 'POST', url: string, who: string) => {
  const s: Session = ctx.sessions[who] ?? null;
  return ctx.app.inject({ method, url, headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {} });
};
const drafts = async () => Number((await ctx.store.db.selectFrom('plan_drafts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  ctx = await appWithAccounts([
    ['admin', 'admin', null],
    ['reviewer', 'reviewer', 'sthjj'],
  ]);
});
afterAll(() => ctx.close());

describe('refused uploads keep nothing, and say where', () => {
  it('refuses anyone but an administrator', async () => {
    expect((await upload('anonymous', zipFolder(EXAMPLE_COUNTY_DIR))).statusCode).toBe(401);
    expect((await upload('reviewer', zipFolder(EXAMPLE_COUNTY_DIR))).statusCode).toBe(403);
  });

  it('a path leaving the folder, a file that does not belong, no plan.yaml', async () => {
    const evil = await upload('admin', zipFolder(EXAMPLE_COUNTY_DIR, (f) => (f['county/../../etc/cron.d/x.yaml'] = new TextEncoder().encode('a: 1'))));
    expect(evil.statusCode).toBe(400);
    expect(evil.json().problems[0]).toMatchObject({ file: 'county/../../etc/cron.d/x.yaml' });
    expect(evil.json().problems[0].message).toContain('规划文件夹之外');
    const script = await upload('admin', zipFolder(EXAMPLE_COUNTY_DIR, (f) => (f['county/run.sh'] = new TextEncoder().encode('rm -rf /'))));
    expect(script.json().problems).toEqual([expect.objectContaining({ file: 'run.sh', messageEn: expect.stringContaining('does not belong in a plan folder') })]);
    const none = await upload('admin', Buffer.from(zipSync({ 'readme.md': new TextEncoder().encode('x') })));
    expect(none.json().problems[0].messageEn).toContain('no plan.yaml');
    expect(await drafts()).toBe(0);
  });

  it('a zip bomb is refused unread, and a file that is no archive at all', async () => {
    const bomb = zipOf([small('plan.yaml', 'id: x\n'), { ...bombSheet(200), name: 'indicators.yaml' }]);
    const res = await upload('admin', bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('INFLATES_TOO_LARGE');
    const pdf = await upload('admin', Buffer.from('%PDF-1.4 not a plan'), 'plan.pdf');
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json().message).toContain('既不是 Excel 工作簿（.xlsx）也不是 .zip 压缩包');
    expect(await drafts()).toBe(0);
  });

  it('an invalid plan folder: every problem with its file and line', async () => {
    const broken = zipFolder(EXAMPLE_COUNTY_DIR, (f) => {
      const text = new TextDecoder().decode(f['county/indicators.yaml']).replace('targets: {"2027": "≥20.0", "2035": "≥22.0"}', 'targets: {"2027": "大约二十", "2035": "≥22.0"}');
      f['county/indicators.yaml'] = new TextEncoder().encode(text);
    });
    const res = await upload('admin', broken);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PLAN_INVALID');
    const p = res.json().problems[0];
    expect(p).toMatchObject({ file: 'indicators.yaml' });
    expect(p.line).toBeGreaterThan(1);
    expect(p.field).toContain('targets');
    expect(await drafts()).toBe(0);
  });

  it('an invalid workbook: the sheet, row and column', async () => {
    const raw = loadRawFolder(EXAMPLE_COUNTY_DIR);
    if (!raw.ok) throw new Error('invalid');
    const files = structuredClone(raw.files);
    files['indicators.yaml'][1]!.targets['2027'] = '大约二十';
    const res = await upload('admin', await planWorkbook(files), '规划.xlsx');
    expect(res.statusCode).toBe(400);
    const p = res.json().problems[0];
    expect(p.sheet).toBeTruthy();
    expect(p.row).toBeGreaterThan(1);
    expect(p.column).toMatch(/^[A-Z]+$/);
    expect(await drafts()).toBe(0);
  });
});

describe('a draft: previewed, published, its publisher its administrator', () => {
  let id: string;

  it('keeps a valid zipped folder as a draft and previews it', async () => {
    const res = await upload('admin', zipFolder(EXAMPLE_COUNTY_DIR), 'county.zip');
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().draft.id;
    expect(res.json().draft).toMatchObject({ planId: COUNTY, kind: 'folder', status: 'draft', uploadedBy: 'admin', planExists: false });
    const preview = (await call('GET', `/api/v1/plan-drafts/${id}`, 'admin')).json().preview;
    expect(preview.indicators).toHaveLength(21);
    expect(preview.horizons).toEqual(['2027', '2035']);
    expect(preview.regions.filter((g: { level: string }) => g.level === 'town')).toHaveLength(7);
    expect(preview.boundaries).toMatchObject({ file: expect.stringContaining('.geojson') });
    expect(preview.files).toContain('plan.yaml');
    // Not loaded yet.
    expect((await call('GET', '/api/v1/plans', 'anonymous')).json().plans.map((p: { id: string }) => p.id)).not.toContain(COUNTY);
  });

  it('publishes it beside the default plan, with its boundaries; the publisher administers it; audited', async () => {
    const res = await call('POST', `/api/v1/plan-drafts/${id}/publish`, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().draft).toMatchObject({ status: 'published', decidedBy: 'admin' });
    const plans = (await call('GET', '/api/v1/plans', 'anonymous')).json().plans;
    expect(plans.find((p: { id: string }) => p.id === COUNTY)).toMatchObject({ isDefault: false });
    expect((await call('GET', `/api/v1/plans/${COUNTY}/indicators`, 'anonymous')).json().indicators).toHaveLength(21);
    expect((await call('GET', `/api/v1/plans/${COUNTY}/boundaries/info`, 'anonymous')).json().boundaries).not.toBeNull();
    expect((await call('GET', `/api/v1/plans/${COUNTY}/users`, 'admin')).statusCode).toBe(200);
    const actions = (await ctx.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'plan.draft.%').orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(['plan.draft.upload', 'plan.draft.publish']);
    expect((await call('POST', `/api/v1/plan-drafts/${id}/publish`, 'admin')).json().code).toBe('DRAFT_DECIDED');
  });

  it('a second upload of a loaded plan can only be discarded: it changes by a revision', async () => {
    const res = await upload('admin', zipFolder(EXAMPLE_COUNTY_DIR), 'county-again.zip');
    expect(res.json().draft.planExists).toBe(true);
    const again = res.json().draft.id as string;
    const refused = await call('POST', `/api/v1/plan-drafts/${again}/publish`, 'admin');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'PLAN_EXISTS' });
    expect((await call('POST', `/api/v1/plan-drafts/${again}/discard`, 'admin')).json().draft.status).toBe('discarded');
    expect((await call('GET', '/api/v1/plan-drafts', 'admin')).json().drafts.map((d: { status: string }) => d.status)).toEqual(['discarded', 'published']);
  });

  it('takes a plan workbook too', async () => {
    const raw = loadRawFolder(EXAMPLE_COUNTY_DIR);
    if (!raw.ok) throw new Error('invalid');
    const files = structuredClone(raw.files);
    files['plan.yaml'].id = 'example-county-b';
    const res = await upload('admin', await planWorkbook(files), '示例县规划.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().draft).toMatchObject({ planId: 'example-county-b', kind: 'workbook', sourceName: '示例县规划.xlsx' });
  });
});
