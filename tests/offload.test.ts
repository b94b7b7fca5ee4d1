// Issue 14, finding 3: heavy computations (a year of station-hours, monitoring indicators, GEP accounts, the
// report) run in worker threads, so a trivial request is answered while they compute; their answers are the same as
// computed in the server's own thread, kept until the database changes (by this server or another process), and
// their refusals (404) arrive as the route's own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMonitoringFile } from '../src/importers/monitoring.js';
import { demoStations, syntheticAirCsv } from '../src/monitoring/synthetic.js';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/store/db.js';
import { audit } from '../src/store/users.js';
import { tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

const YEAR = 2023;
let store: Awaited<ReturnType<typeof seededDatabase>>;
let threaded: FastifyInstance;
let local: FastifyInstance;
let base: string;
const STATIONS = demoStations(6);

beforeAll(async () => {
  store = await seededDatabase();
  const now = new Date().toISOString();
  for (const s of STATIONS)
    await store.db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'test', note: null, is_demo: 1, created_at: now }).execute();
  const air = join(tempDir(), 'air.csv');
  writeFileSync(air, [...syntheticAirCsv(STATIONS.map((s) => s.code), YEAR, 'wide')].join(''));
  expect((await importMonitoringFile(store.db, air, { by: { id: null, username: 'test' }, skipInvalid: true, isDemo: true })).ok).toBe(true);
  threaded = await buildApp({ db: store.db, dbPath: store.location, workerThreads: 1, webDir: '/nonexistent', computeRateLimit: 10_000 });
  local = await buildApp({ db: store.db, webDir: '/nonexistent', computeRateLimit: 10_000 });
  base = await threaded.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await threaded?.close();
  await local?.close();
  await store.db.destroy();
});

const HEAVY = [
  `/api/v1/monitoring/air/annual?year=${YEAR}`,
  `/api/v1/monitoring/air/daily?year=${YEAR}&region=440200`,
  `/api/v1/plans/default/monitoring/indicators?year=${YEAR}`,
  `/api/v1/monitoring/water/annual?year=${YEAR}`,
  `/api/v1/plans/default/gep/account?region=440200&year=2022`,
  `/api/v1/plans/default/gep/regions?year=2022`,
];

describe('heavy requests off the request thread', () => {
  it('answers /health while the heaviest requests are still computing', async () => {
    // A fresh write: nothing computed before may be served from the cache.
    await audit(store.db, { userId: null, action: 'test.invalidate', entity: 'test' });
    const order: string[] = [];
    const heavy = HEAVY.slice(0, 3).map((u) => fetch(base + u).then(async (r) => (expect(r.status).toBe(200), await r.arrayBuffer(), order.push(u))));
    // The server has accepted the heavy requests before /health is asked.
    const connections = () => new Promise<number>((ok) => threaded.server.getConnections((_e, n) => ok(n)));
    await expect.poll(connections).toBeGreaterThanOrEqual(3);
    const health = await fetch(`${base}/api/v1/health`);
    expect(health.status).toBe(200);
    order.push('health');
    await Promise.all(heavy);
    expect(order[0]).toBe('health');
  });

  it('gives the same answers as computed in the server thread', async () => {
    for (const url of HEAVY) {
      const [a, b] = await Promise.all([threaded.inject({ url }), local.inject({ url })]);
      // (GEP without entered data answers its own 400: the same in both.)
      expect(a.statusCode, url).toBe(url.includes('/gep/') ? b.statusCode : 200);
      expect(a.json(), url).toEqual(b.json());
    }
    const [a, b] = await Promise.all([threaded.inject({ url: '/api/v1/plans/default/reports/2022.html' }), local.inject({ url: '/api/v1/plans/default/reports/2022.html' })]);
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toMatch(/^text\/html/);
    expect(a.headers['x-ecoplan-data-version']).toBe(b.headers['x-ecoplan-data-version']);
    expect(a.body).toBe(b.body);
    const x = await threaded.inject({ url: '/api/v1/plans/default/gep/export.xlsx' });
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refusals computed in a worker are the route’s own: 404 and 400 with both languages', async () => {
    const missing = await threaded.inject({ url: `/api/v1/monitoring/air/daily?year=${YEAR}&station=NOPE` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', message: '未找到站点“NOPE”', messageEn: 'station "NOPE" not found' });
    const both = await threaded.inject({ url: `/api/v1/monitoring/air/daily?year=${YEAR}` });
    expect(both.statusCode).toBe(400);
    expect(both.json().code).toBe('STATION_OR_REGION');
  });

  it('follows the data: a change by this server, or by another process, is in the next answer', async () => {
    const stationsOf = async () => ((await threaded.inject({ url: `/api/v1/monitoring/air/annual?year=${YEAR}` })).json() as { stations: { code: string }[] }).stations.map((s) => s.code).sort();
    const codes = STATIONS.map((s) => s.code).sort();
    expect(await stationsOf()).toEqual(codes);
    // Another process (as the CLI would be): its own connection to the file.
    const other = await openDatabase(store.location);
    await other.db.deleteFrom('air_days').where('station_code', '=', codes[0]!).execute();
    await other.db.destroy();
    expect(await stationsOf()).toEqual(codes.slice(1));
    // This server's own connection.
    await store.db.deleteFrom('air_days').where('station_code', '=', codes[1]!).execute();
    expect(await stationsOf()).toEqual(codes.slice(2));
  });
});
