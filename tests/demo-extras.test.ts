// Demo mode is not half empty: `serve --demo` adds a year of monitoring data and an open
// reporting round to the example dataset, once, and the monitoring API says which years have data.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MONITORING, loadDemo, loadDemoExtras } from '../src/cli/demo.js';
import { ensureDemoUsers } from '../src/cli/users.js';
import { buildApp } from '../src/server/app.js';
import { listRounds } from '../src/store/rounds.js';
import { seededDatabase } from './helpers/store.js';

let app: FastifyInstance;
let store: Awaited<ReturnType<typeof seededDatabase>>;
let first: Awaited<ReturnType<typeof loadDemoExtras>>;

beforeAll(async () => {
  store = await seededDatabase();
  app = await buildApp({ db: store.db, webDir: '/nonexistent' });
  // Before: no monitoring year at all.
  expect((await app.inject({ method: 'GET', url: '/api/v1/monitoring/years' })).json()).toEqual({ air: [], water: [] });
  await loadDemo(store.db, store.plan);
  await ensureDemoUsers(store.db, store.plan);
  first = await loadDemoExtras(store.db, store.plan);
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

describe('serve --demo extras', () => {
  it('loads 2024 monitoring data: air and water years say so', async () => {
    expect(DEMO_MONITORING.year).toBe(2024);
    expect(first.monitoring).toContain('2024');
    const years = (await app.inject({ method: 'GET', url: '/api/v1/monitoring/years' })).json();
    expect(years).toEqual({ air: [2024], water: [2024] });
    const annual = (await app.inject({ method: 'GET', url: '/api/v1/monitoring/air/annual?year=2024' })).json() as { stations: unknown[] };
    expect(annual.stations.length).toBe(DEMO_MONITORING.stations);
  });

  it('opens the 2025 round, by the demo administrator, with a deadline ahead', async () => {
    expect(first.round).toBe(2025);
    const rounds = await listRounds(store.db, store.plan.meta.id);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ year: 2025, status: 'open', opened_by: 'admin' });
    expect(Date.parse(rounds[0]!.deadline)).toBeGreaterThan(Date.now());
  });

  it('adds nothing on a second start', async () => {
    expect(await loadDemoExtras(store.db, store.plan)).toEqual({ monitoring: null, round: null });
    expect(await listRounds(store.db, store.plan.meta.id)).toHaveLength(1);
  });
});
