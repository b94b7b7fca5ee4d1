// What a new user trips over first: the README's API examples must answer as written, and no
// page asks the server for a favicon it does not have.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { seededDatabase } from './helpers/store.js';

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

/** The routes the README's "接口 API" line names, as a reader would type them. */
function readmeRoutes(): string[] {
  const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith('- 接口 API'));
  expect(line, 'README has an "接口 API" line').toBeDefined();
  const codes = [...line!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/^GET /, ''));
  const prefix = codes.find((c) => /^\/api\/v1\/plans\/default$/.test(c));
  expect(prefix, 'the first route is the plan itself').toBeDefined();
  return codes.map((c) => c.replace(/^…/, prefix!).replace('{code}', '7').replace('{no}', '1'));
}

describe('README', () => {
  it('names API routes that answer 200 exactly as written (it once listed /indicators as if under /api/v1)', async () => {
    const routes = readmeRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const url of routes) {
      // A bare "/indicators" reads as a path of its own: every route is written in full.
      expect(url.startsWith('/api/'), url).toBe(true);
      const res = await app.inject({ method: 'GET', url });
      // The docs page may redirect to its own index; every data route answers 200.
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(url === '/api/docs' && res.statusCode === 302 ? 302 : 200);
    }
  });
});

describe('favicon', () => {
  it('is served at /favicon.ico and inlined into the printable report, so neither 404s', async () => {
    const icon = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    expect(icon.body).toContain('<svg');
    const report = await app.inject({ method: 'GET', url: '/api/v1/plans/default/reports/2024.html' });
    expect(report.statusCode).toBe(200);
    expect(report.body).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+">/);
  });
});
