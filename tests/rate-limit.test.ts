// Endpoints that compute on request are limited per client address, so no one can keep the server busy; plain reads
// of the plan are not. The limit is an option of the app (default 120 a minute); here it is 2.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { seededDatabase } from './helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;
beforeAll(async () => {
  store = await seededDatabase();
  app = await buildApp({ db: store.db, webDir: '/nonexistent', computeRateLimit: 2 });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

describe('rate limits of computing endpoints', () => {
  it('answers 429 with a bilingual message after the limit, per endpoint', async () => {
    const get = () => app.inject({ url: '/api/v1/monitoring/water/annual?year=2024' });
    expect((await get()).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(200);
    const third = await get();
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试（每分钟最多 2 次）' });
    expect(third.json().messageEn).toContain('at most 2 a minute');
    // another computing endpoint has its own count
    const calc = () => app.inject({ method: 'POST', url: '/api/v1/calc/aqi', payload: { pm25_24h: 35 } });
    expect((await calc()).statusCode).toBe(200);
    expect((await calc()).statusCode).toBe(200);
    expect((await calc()).statusCode).toBe(429);
    const gep = () => app.inject({ url: '/api/v1/plans/default/gep/regions?year=2023' });
    await gep();
    await gep();
    expect((await gep()).statusCode).toBe(429);
  });

  it('does not limit plain reads of the plan', async () => {
    for (let i = 0; i < 5; i++) expect((await app.inject({ url: '/api/v1/plans/default/indicators' })).statusCode).toBe(200);
  });
});
