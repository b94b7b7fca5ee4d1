// The monitoring API: who may import, the import answers (200 and 422, all or nothing), the read endpoints, and
// indicators proposed into the year's round, then approved by the reviewer like any reported value.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { importMonitoringFile } from '../../src/importers/monitoring.js';
import { DEMO_SECTIONS, demoStations, syntheticAirCsv, syntheticWaterSamples } from '../../src/monitoring/synthetic.js';
import { buildApp } from '../../src/server/app.js';
import { currentObservations } from '../../src/store/observations.js';
import { createUser, verifyAuditChain } from '../../src/store/users.js';
import { tempDir } from '../helpers/planFolder.js';
import { storedHours } from '../helpers/airHours.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;
const PASSWORD = 'correct horse battery';
const sessions: Record<string, { cookie: string; csrf: string } | null> = { anonymous: null };
const YEAR = 2023;

beforeAll(async () => {
  store = await seededDatabase();
  const hash = await hashPassword(PASSWORD);
  for (const [username, role, departmentId] of [
    ['admin', 'admin', null],
    ['reviewer', 'reviewer', 'sthjj'],
    ['reporter', 'reporter', 'sthjj'],
  ] as const)
    await createUser(store.db, { username, displayName: username, role, planId: store.plan.meta.id, departmentId, passwordHash: hash });
  app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0 });
  for (const u of ['admin', 'reviewer', 'reporter']) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: PASSWORD } });
    sessions[u] = { cookie: `ecoplan_session=${res.cookies.find((c) => c.name === 'ecoplan_session')!.value}`, csrf: res.json().csrfToken };
  }
  // A demo year: six national demo stations and the demo sections, through the importer.
  const dir = tempDir();
  const now = new Date().toISOString();
  for (const s of demoStations(6))
    await store.db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'test', note: null, is_demo: 1, created_at: now }).execute();
  for (const s of DEMO_SECTIONS)
    await store.db.insertInto('water_sections').values({ code: s.code, name: s.name, river: s.river, waterbody: 'river', assessment: s.drinkingWater ? '市考' : '省考', target_class: s.targetClass, drinking_water: s.drinkingWater ? 1 : 0, region_code: s.regionCode, region_method: 'demo', lon: null, lat: null, source: 'test', note: null, is_demo: 1, created_at: now }).execute();
  const air = join(dir, 'air.csv');
  writeFileSync(air, [...syntheticAirCsv(demoStations(6).map((s) => s.code), YEAR, 'wide')].join(''));
  const by = { id: null, username: 'test' };
  expect((await importMonitoringFile(store.db, air, { by, skipInvalid: true, isDemo: true })).ok).toBe(true);
  const water = join(dir, 'water.csv');
  writeFileSync(water, 'section,date,item,value\n' + [...syntheticWaterSamples(YEAR)].map((s) => `${s.section},${s.date},${s.item},${s.value}\n`).join(''));
  expect((await importMonitoringFile(store.db, water, { by, isDemo: true })).ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  app.inject({ method, url, payload, headers: sessions[who] ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });

function upload(who: string, name: string, text: string, fields: Record<string, string> = {}, csrf = true) {
  const boundary = '----ecoplanMonitoring';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const payload = Buffer.concat([Buffer.from(parts.join('')), Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(text), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const s = sessions[who];
  return app.inject({ method: 'POST', url: '/api/v1/monitoring/import', payload, headers: { ...(s ? { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) } : {}), 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
const hourCount = async () => (await storedHours(store.db)).length;

describe('POST /api/v1/monitoring/import', () => {
  const GOOD = 'station,time,pm25\n1669A,2024-01-01T01,20\n';
  it('refuses the anonymous (401), a reporter (403) and a missing CSRF token (403), writing nothing', async () => {
    const before = await hourCount();
    expect((await upload('anonymous', 'a.csv', GOOD)).statusCode).toBe(401);
    const r = await upload('reporter', 'a.csv', GOOD);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('无权操作') });
    expect((await upload('admin', 'a.csv', GOOD, {}, false)).json().code).toBe('CSRF_FAILED');
    expect(await hourCount()).toBe(before);
  });

  it('imports for a reviewer; a file with a bad row answers 422 with every error and writes nothing', async () => {
    const ok = await upload('reviewer', 'a.csv', GOOD, { kind: 'air', skipInvalid: 'false' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'air', layout: 'wide', rows: 1, imported: 1, duplicates: 0, skipped: 0, errors: [], counts: {}, reportFile: null });
    const before = await hourCount();
    const bad = await upload('admin', 'b.csv', 'station,time,pm25\n1669A,2024-01-01T02,21\n1669A,2024-01-01T03,-1\n');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'IMPORT_INVALID', counts: { negative: 1 }, errors: [{ row: 3, column: 'C', field: 'PM2.5', reason: 'negative' }] });
    expect(bad.json().message).toContain('未导入任何数据');
    expect(await hourCount()).toBe(before);
  });

  it('with skipInvalid=true imports the good rows; the skipped rows can be downloaded', async () => {
    const r = await upload('admin', 'c.csv', 'station,time,pm25\n1669A,2024-01-01T04,21\n1669A,2024-01-01T05,x\n', { skipInvalid: 'true' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ imported: 1, skipped: 1, counts: { notNumber: 1 } });
    expect(body.reportFile).toBe(`/api/v1/monitoring/imports/${body.importId}/report.csv`);
    const rep = await call('GET', body.reportFile, 'reviewer');
    expect(rep.statusCode).toBe(200);
    expect(rep.body).toContain('3,C,PM2.5,notNumber');
    expect((await call('GET', body.reportFile, 'reporter')).statusCode).toBe(403);
  });
});

describe('read endpoints', () => {
  it('stations and sections with sources and counts', async () => {
    const st = (await call('GET', '/api/v1/monitoring/air/stations', 'anonymous')).json();
    expect(st.stations.find((s: { code: string }) => s.code === '1672A')).toMatchObject({ name: '韶关学院', region: '440204', regionName: '浈江区', level: 'national', lon: 113.6735, lat: 24.7791, note: null });
    expect(st.stations.find((s: { code: string }) => s.code === 'DEMO0001').hours).toBeGreaterThan(8000);
    const se = (await call('GET', '/api/v1/monitoring/water/sections', 'anonymous')).json();
    expect(se.sections.find((s: { code: string }) => s.code === 'SGW01')).toMatchObject({ name: '高桥', river: '北江', waterbody: 'river', assessment: '国考', targetClass: 'II', drinkingWater: false, region: '440200', regionName: '韶关市', lon: null, samples: 0 });
  });

  it('daily AQI of a station and of the city; annual statistics; water classes', async () => {
    const st = (await call('GET', `/api/v1/monitoring/air/daily?year=${YEAR}&station=DEMO0001`, 'anonymous')).json();
    expect(st.days.length).toBeGreaterThan(350);
    expect(st.days[0]).toMatchObject({ date: `${YEAR}-01-01`, valid: expect.any(Boolean) });
    const cityDays = (await call('GET', `/api/v1/monitoring/air/daily?year=${YEAR}&region=440200`, 'anonymous')).json().days;
    expect(cityDays).toHaveLength(365);
    expect((await call('GET', `/api/v1/monitoring/air/daily?year=${YEAR}`, 'anonymous')).statusCode).toBe(400);
    expect((await call('GET', `/api/v1/monitoring/air/daily?year=${YEAR}&station=NOPE`, 'anonymous')).statusCode).toBe(404);
    const annual = (await call('GET', `/api/v1/monitoring/air/annual?year=${YEAR}`, 'anonymous')).json();
    expect(annual.stations.map((s: { code: string }) => s.code)).toEqual(['DEMO0001', 'DEMO0002', 'DEMO0003', 'DEMO0004', 'DEMO0005', 'DEMO0006']);
    expect(annual.regions[0]).toMatchObject({ region: '440200', regionName: '韶关市', stations: ['DEMO0001', 'DEMO0002', 'DEMO0003', 'DEMO0004', 'DEMO0005', 'DEMO0006'] });
    const water = (await call('GET', `/api/v1/monitoring/water/annual?year=${YEAR}`, 'anonymous')).json();
    // DEMO-W05 is made polluted (NH3N around 1.3 → Ⅳ), against a Ⅲ target.
    expect(water.sections.find((s: { code: string }) => s.code === 'DEMO-W05')).toMatchObject({ class: 'IV', meetsTarget: false, exceeding: [expect.objectContaining({ item: 'NH3N' })] });
    expect(water.shares[0]).toMatchObject({ region: '440200', sections: 8 });
  });
});

describe('indicators and their proposal into the round', () => {
  it('GET gives 7, 8, 9, 10, 29 for the city with provenance', async () => {
    const r = (await call('GET', `/api/v1/plans/default/monitoring/indicators?year=${YEAR}`, 'anonymous')).json();
    const cityValues = r.values.filter((v: { region: string }) => v.region === '440200');
    expect(cityValues.map((v: { indicatorCode: number }) => v.indicatorCode)).toEqual([7, 8, 9, 10, 29]);
    const v7 = cityValues[0];
    expect(v7.value).toMatch(/^\d+\.\d$/);
    expect(v7.provenance.used).toEqual(['DEMO0001', 'DEMO0002', 'DEMO0003', 'DEMO0004', 'DEMO0005', 'DEMO0006']);
    expect(v7.provenance.methodEn).toContain('valid days');
    expect(v7.provenance.excluded.map((e: { code: string }) => e.code)).toContain('1669A');
    // Six 省考 demo sections: five in Ⅰ–Ⅲ, DEMO-W05 in Ⅳ → 5/6 = 83.3 %; the 国考 sections have no samples.
    expect(cityValues[2]).toMatchObject({ indicatorCode: 9, value: '83.3', provenance: { sections: 6 } });
    expect(cityValues[3]).toMatchObject({ indicatorCode: 10, value: '0.0', state: 'noWorseThanClassV' });
  });

  it('propose: 409 without an open round; reporters may not; then submitted values a reviewer approves', async () => {
    const url = '/api/v1/plans/default/monitoring/indicators/propose';
    const none = await call('POST', url, 'reviewer', { year: YEAR });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'NO_OPEN_ROUND', message: expect.stringContaining('尚未开启') });
    expect((await call('POST', url, 'reporter', { year: YEAR })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/plans/default/rounds', 'admin', { year: YEAR, deadline: '2024-03-31' })).statusCode).toBe(200);
    const p = await call('POST', url, 'reviewer', { year: YEAR });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().round).toBe(YEAR);
    expect(p.json().proposed).toBeGreaterThanOrEqual(5);
    const tasks = (await call('GET', `/api/v1/plans/default/rounds/${YEAR}/tasks?status=submitted&limit=500`, 'reviewer')).json().tasks;
    const t7 = tasks.find((t: { indicatorCode: number; regionCode: string }) => t.indicatorCode === 7 && t.regionCode === '440200');
    expect(t7.submission).toMatchObject({ status: 'submitted', source: expect.stringContaining('监测数据自动计算') });
    expect(t7.submission.note).toContain('HJ 633-2012');
    expect(t7.submission.note).toContain('含示例数据');
    const t10 = tasks.find((t: { indicatorCode: number; regionCode: string }) => t.indicatorCode === 10 && t.regionCode === '440200');
    expect(t10.submission).toMatchObject({ valueText: null, state: 'noWorseThanClassV' });
    // Approval as for any reported value: the official observation carries the monitoring source.
    const review = await call('POST', `/api/v1/plans/default/rounds/${YEAR}/tasks/7/440200/value/review`, 'reviewer', { action: 'approve' });
    expect(review.statusCode, review.body).toBe(200);
    const obs = (await currentObservations(store.db, store.plan.meta.id, { year: YEAR })).find((o) => o.indicatorCode === 7 && o.regionCode === '440200' && o.kind === 'value')!;
    expect(obs).toMatchObject({ status: 'approved', valueText: t7.submission.valueText, source: t7.submission.source });
    // Proposing again does not overwrite: submitted and approved values are left alone and reported as skipped.
    const again = (await call('POST', url, 'reviewer', { year: YEAR })).json();
    expect(again.proposed).toBe(0);
    expect(again.skipped.some((s: { indicatorCode: number; reasonEn: string }) => s.indicatorCode === 8 && s.reasonEn.includes('awaiting review'))).toBe(true);
    expect((await verifyAuditChain(store.db)).problem).toBeNull();
  });
});
