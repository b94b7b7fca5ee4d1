// The HTTP API through fastify.inject: every answer is checked against the documented response schema.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/server/app.js';
import { errorBodySchema } from '../src/server/errors.js';
import { indicatorSchema, noteSchema, overviewSchema, projectSchema, categoryTotalSchema, totalSchema } from '../src/server/schemas.js';
import { seededDatabase } from './helpers/store.js';
import { libraryProjectSchema, projectDetailSchema, projectListSchema } from '../src/server/routes/projects.js';

let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  const store = await seededDatabase();
  app = await buildApp({ db: store.db, webDir: '/nonexistent' });
  close = async () => {
    await app.close();
    await store.db.destroy();
  };
});
afterAll(() => close());

async function get<T extends z.ZodType>(url: string, schema: T, status = 200): Promise<z.infer<T>> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/json');
  return schema.parse(res.json());
}
const indicators = z.object({ indicators: z.array(indicatorSchema.strict()) });
const codes = (r: z.infer<typeof indicators>) => r.indicators.map((x) => x.code);

describe('GET /api/v1/plans/default', () => {
  it('answers the overview: scope, domains with task areas, counts, table 2', async () => {
    const o = await get('/api/v1/plans/default', overviewSchema.strict());
    expect(o.meta.name).toBe('韶关市生态文明建设规划（2021-2035年）');
    expect(o.meta.area.text).toBe('18412.66');
    expect(o.regions.filter((r) => r.level === 'county')).toHaveLength(10);
    expect(o.counts).toEqual({ indicators: 45, binding: 24, reference: 21, local: 1 });
    expect(o.domains.map((d) => [d.name, d.taskAreas.length, d.indicatorCount])).toEqual([
      ['生态制度', 1, 6],
      ['生态安全', 3, 13],
      ['生态空间', 1, 3],
      ['生态经济', 2, 6],
      ['生态生活', 2, 14],
      ['生态文化', 1, 3],
    ]);
    expect(o.categoryTotals.map((c) => c.investmentText)).toEqual(['171.44', '242.64', '52.97', '93.40', '43.13']);
    expect(o.total.investmentText).toBe('603.58');
  });

  it('answers the same for the plan id', async () => {
    const a = await get('/api/v1/plans/shaoguan-2021-2035', overviewSchema);
    expect(a.meta.id).toBe('shaoguan-2021-2035');
    const list = await get('/api/v1/plans', z.object({ plans: z.array(z.object({ id: z.string(), isDefault: z.boolean() }).passthrough()) }));
    expect(list.plans).toEqual([expect.objectContaining({ id: 'shaoguan-2021-2035', isDefault: true })]);
  });
});

describe('GET /api/v1/plans/default/indicators', () => {
  it('lists the 45 indicators with the contract fields', async () => {
    const r = await get('/api/v1/plans/default/indicators', indicators);
    expect(codes(r)).toHaveLength(45);
    const pm = r.indicators.find((x) => x.code === 8)!;
    expect(pm).toMatchObject({ name: 'PM2.5年均浓度', unit: '微克/立方米', domain: '生态安全', taskArea: '生态环境质量改善', binding: true, local: false, direction: 'decrease', departments: ['市生态环境局'] });
    expect(pm.baseline).toMatchObject({ year: 2020, value: 24 });
    expect(pm.targets['2025']).toMatchObject({ text: '25', kind: 'threshold', comparator: 'implicit', value: 25 });
  });

  it('answers 304 to a client that has the current list, and gzip to one that accepts it', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/v1/plans/default/indicators' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"shaoguan-2021-2035-1-indicators"$/);
    const again = await app.inject({ method: 'GET', url: '/api/v1/plans/default/indicators', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const zipped = await app.inject({ method: 'GET', url: '/api/v1/plans/default/indicators', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(first.rawPayload.length / 3);
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(first.json());
  });

  it('filters by domain, task area, kind, department and search text', async () => {
    expect(codes(await get('/api/v1/plans/default/indicators?domain=security', indicators))).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(codes(await get(`/api/v1/plans/default/indicators?domain=${encodeURIComponent('生态文化')}`, indicators))).toEqual([43, 44, 45]);
    expect(codes(await get('/api/v1/plans/default/indicators?taskArea=risk', indicators))).toEqual([17, 18, 19]);
    expect(codes(await get('/api/v1/plans/default/indicators?binding=true', indicators))).toHaveLength(24);
    expect(codes(await get('/api/v1/plans/default/indicators?binding=false&domain=economy', indicators))).toEqual([26, 27, 28]);
    expect(codes(await get(`/api/v1/plans/default/indicators?department=${encodeURIComponent('市林业局')}`, indicators))).toEqual([13, 14, 15, 16, 21]);
    expect(codes(await get('/api/v1/plans/default/indicators?department=jtysj', indicators))).toEqual([36, 37]);
    expect(codes(await get('/api/v1/plans/default/indicators?q=PM2.5', indicators))).toEqual([8]);
    expect(codes(await get(`/api/v1/plans/default/indicators?q=${encodeURIComponent('污水')}`, indicators))).toEqual([30, 31]);
    expect(codes(await get('/api/v1/plans/default/indicators?q=nothing-matches', indicators))).toEqual([]);
  });

  it('rejects an invalid filter with a bilingual 400', async () => {
    const e = await get('/api/v1/plans/default/indicators?binding=maybe', errorBodySchema, 400);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toContain('请求参数无效');
    expect(e.messageEn).toContain('binding');
  });

  it('answers one indicator with the notes of 表1 注 that concern it', async () => {
    const r = await get('/api/v1/plans/default/indicators/13', z.object({ indicator: indicatorSchema, notes: z.array(noteSchema), projects: z.array(z.object({ no: z.number(), name: z.string(), nameEn: z.string() }).strict()) }).strict());
    expect(r.indicator.name).toBe('森林覆盖率');
    expect(r.notes.map((n) => n.no)).toEqual([3]);
    expect(r.notes[0]!.text).toContain('森林覆盖率');
    const none = await get('/api/v1/plans/default/indicators/46', errorBodySchema, 404);
    expect(none).toMatchObject({ code: 'NOT_FOUND', message: '未找到指标 46', messageEn: 'indicator 46 not found' });
    await get('/api/v1/plans/default/indicators/abc', errorBodySchema, 400);
  });
});

describe('GET /api/v1/plans/default/projects', () => {
  // The project library extends every Project with library fields and adds warnings.
  const projects = projectListSchema.extend({ projects: z.array(libraryProjectSchema.strict()), categoryTotals: z.array(categoryTotalSchema), total: totalSchema }).strict();

  it('lists the 24 key projects with table 2 computed from them', async () => {
    const r = await get('/api/v1/plans/default/projects', projects);
    expect(r.projects.map((p) => p.no)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(r.projects[10]).toMatchObject({ no: 11, name: '韶关市清洁能源项目', category: '生态经济体系建设重点工程', investment: 200, leads: ['市发改局'], startYear: 2020, endYear: 2030 });
    expect(r.categoryTotals.map((c) => [c.count, c.share])).toEqual([[5, 28.4], [6, 40.2], [8, 8.8], [3, 15.5], [2, 7.1]]);
    expect(r.total).toMatchObject({ count: 24, investment: 603.58 });
  });

  it('answers one project with its sub-items, and 404 for an unknown one', async () => {
    const r = await get('/api/v1/plans/default/projects/12', projectDetailSchema.extend({ project: projectSchema.passthrough() }).strict());
    expect(r.project.subItems).toHaveLength(5);
    const e = await get('/api/v1/plans/default/projects/25', errorBodySchema, 404);
    expect(e.messageEn).toBe('key project 25 not found');
  });
});

describe('several instances over one database', () => {
  it('serves a plan changed by another instance once its revision is re-read', async () => {
    const { readPlanFolder } = await import('../src/planfolder/read.js');
    const { seedPlan } = await import('../src/store/plans.js');
    const { brokenPlanFolder } = await import('./helpers/planFolder.js');
    const store = await seededDatabase();
    const fresh = await buildApp({ db: store.db, webDir: '/nonexistent', revisionTtlMs: 0 });
    try {
      const before = await fresh.inject({ method: 'GET', url: '/api/v1/plans/default/indicators/13' });
      expect(before.json().indicator.targets['2035'].text).toBe('≥75.0');
      // Another instance (here: the store directly) updates the plan: the target of 13 changes (表1 注3 foresees it).
      const changed = readPlanFolder(brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('"2035": "≥75.0"', '"2035": "≥75.5"') }));
      if (!changed.result.ok) throw new Error();
      await seedPlan(store.db, changed.result.plan, changed.contentHash, { isDefault: true });
      const after = await fresh.inject({ method: 'GET', url: '/api/v1/plans/default/indicators/13' });
      expect(after.json().indicator.targets['2035'].text).toBe('≥75.5');
      const list = await fresh.inject({ method: 'GET', url: '/api/v1/plans/default/indicators' });
      expect(list.headers.etag).toBe('"shaoguan-2021-2035-2-indicators"');
    } finally {
      await fresh.close();
      await store.db.destroy();
    }
  });
});

describe('errors and documentation', () => {
  it('answers unknown routes and plans with 404 JSON', async () => {
    const e = await get('/api/v1/nothing-here', errorBodySchema, 404);
    expect(e.code).toBe('ROUTE_NOT_FOUND');
    const p = await get('/api/v1/plans/beijing/indicators', errorBodySchema, 404);
    expect(p).toMatchObject({ code: 'NOT_FOUND', message: '未找到规划“beijing”' });
  });

  it('documents the API as OpenAPI at /api/docs', async () => {
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    const spec = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/plans/{planId}', '/api/v1/plans/{planId}/indicators', '/api/v1/plans/{planId}/indicators/{code}', '/api/v1/plans/{planId}/projects', '/api/v1/plans/{planId}/projects/{no}']),
    );
  });

  it('serves the public portal at /, not a redirect to the console', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers.location).toBeUndefined();
  });
});
