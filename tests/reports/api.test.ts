// GET /api/v1/plans/{plan}/reports/{year}.docx and .html through Fastify's inject, on the fixture dataset.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { errorBodySchema } from '../../src/server/errors.js';
import { contentDisposition } from '../../src/server/download.js';
import { fixtureStore, tableAfter, unzip } from './helpers.js';

let app: FastifyInstance;
let store: Awaited<ReturnType<typeof fixtureStore>>;

beforeAll(async () => {
  store = await fixtureStore();
  app = await buildApp({ db: store.db, webDir: '/nonexistent' });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

const FILE = '韶关市生态文明建设规划2024年度实施评估报告';

describe('report routes', () => {
  it('serves the Word report as an attachment with a UTF-8 file name and the data version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/reports/2024.docx' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ecoplan-report-2024.docx"; filename*=UTF-8''${encodeURIComponent(`${FILE}.docx`)}`);
    expect(res.headers['x-ecoplan-data-version']).toMatch(/^shaoguan-2021-2035@r1-[0-9a-f]{12}$/);
    const xml = unzip(res.rawPayload)['word/document.xml']!;
    expect(tableAfter(xml, '生态安全领域指标完成情况（2024年）').find((r) => r[0] === '12')).toContain('84.6');
    expect(xml).toContain(String(res.headers['x-ecoplan-data-version']));
    // The same request again is served from the cache: the same bytes.
    const again = await app.inject({ method: 'GET', url: '/api/v1/plans/default/reports/2024.docx' });
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
  });

  it('serves the same report as a printable HTML page', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/shaoguan-2021-2035/reports/2024.html' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`inline; filename="ecoplan-report-2024.html"; filename*=UTF-8''`);
    expect(res.body).toMatch(/^<!doctype html>/);
    expect(res.body).toContain(`<title>${FILE}</title>`);
    expect(res.body).toContain('@media print');
    expect((res.body.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(8);
  });

  it('reports a county with ?region=', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/reports/2024.html?region=440281' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<title>${FILE}（乐昌市）</title>`);
  });

  it('answers years outside the plan, bad years, unknown regions and plans with JSON errors', async () => {
    const err = async (url: string, status: number) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type']).toContain('application/json');
      return errorBodySchema.parse(res.json());
    };
    const late = await err('/api/v1/plans/default/reports/2036.docx', 400);
    expect(late).toMatchObject({ statusCode: 400, code: 'YEAR_OUT_OF_RANGE' });
    expect(late.message).toContain('年份 2036 超出规划范围（2020–2035）');
    expect(late.messageEn).toContain('outside the plan');
    expect((await err('/api/v1/plans/default/reports/2019.html', 400)).code).toBe('YEAR_OUT_OF_RANGE');
    expect((await err('/api/v1/plans/default/reports/24.docx', 400)).code).toBe('VALIDATION_FAILED');
    expect((await err('/api/v1/plans/default/reports/2024.docx?region=440299', 404)).message).toBe('未找到行政区 440299');
    expect((await err('/api/v1/plans/nope/reports/2024.docx', 404)).code).toBe('NOT_FOUND');
    expect((await err('/api/v1/plans/default/reports/2024.pdf', 404)).code).toBe('ROUTE_NOT_FOUND');
  });

  it('documents both routes in OpenAPI under 报告 Reports', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const [path, type] of [
      ['/api/v1/plans/{planId}/reports/{year}.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['/api/v1/plans/{planId}/reports/{year}.html', 'text/html'],
    ] as const) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op.tags).toEqual(['报告 Reports']);
      expect(Object.keys(op.responses['200'].content)).toEqual([type]);
      expect(op.responses['400']).toBeDefined();
    }
  });

  it('encodes file names per RFC 5987', () => {
    expect(contentDisposition('attachment', "a b(c)'.docx", 'x.docx')).toBe(`attachment; filename="x.docx"; filename*=UTF-8''a%20b%28c%29%27.docx`);
  });
});
