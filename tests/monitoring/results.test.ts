// Issue 21: an air import keeps each station-year's daily values and AQI (by the edition in force on each day), the
// API's annual statistics are kept too, and the endpoints answer from what is kept until the data change. The kept
// values equal the exact reference computation.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMonitoringFile } from '../../src/importers/monitoring.js';
import { annualRow } from '../../src/monitoring/air.js';
import { demoStations, syntheticAirCsv } from '../../src/monitoring/synthetic.js';
import { buildApp } from '../../src/server/app.js';
import { annualStatisticsExact } from '../../src/standards/airAssessment.js';
import { stationDaysOfYear } from '../../src/store/monitoring.js';
import { airAnnualStored, stationDaysOfYearStored } from '../../src/store/monitoringResults.js';
import { resolvePlan } from '../../src/store/plans.js';
import { tempDir } from '../helpers/planFolder.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;
const dir = tempDir();
const by = { id: null, username: 'test' };
const STATIONS = demoStations(3);
const get = async (url: string) => {
  const r = await app.inject({ url });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

beforeAll(async () => {
  store = await seededDatabase();
  const now = new Date().toISOString();
  for (const s of STATIONS)
    await store.db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'test', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'test', note: null, is_demo: 1, created_at: now }).execute();
  app = await buildApp({ db: store.db, webDir: '/nonexistent', computeRateLimit: 10_000 });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await store?.db.destroy();
});

describe('an import across the switch to the 2026 editions', () => {
  it('keeps each day’s AQI by the edition in force on it, and names the edition', async () => {
    // Four whole natural days, 2026-02-27 … 2026-03-02, every hour the same: SO2 10, NO2 20, PM10 50, PM2.5 55,
    // CO 1.0, O3 100. By hand: HJ 633-2012 表1 PM2.5 24h 35–75 → IAQI 50 + 20/40·50 = 75 (the others at most 50);
    // HJ 633-2026 表3 PM2.5 24h 35–60 → 50 + 20/25·50 = 90. Both 良 (level 2), PM2.5 primary.
    const code = STATIONS[0]!.code;
    const lines = ['station,time,so2,no2,pm10,pm25,co,o3'];
    for (let h = 1; h <= 4 * 24; h++) {
      const end = new Date(Date.UTC(2026, 1, 27, h)); // wall clock, hour-ending
      const label = `${end.toISOString().slice(0, 10)}T${end.toISOString().slice(11, 13)}`;
      lines.push(`${code},${label},10,20,50,55,1.0,100`);
    }
    const path = join(dir, 'switch.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const r = await importMonitoringFile(store.db, path, { by, now: new Date('2027-01-01T00:00:00+08:00') });
    expect(r).toMatchObject({ ok: true, rows: 96, imported: 96, years: [2026] });
    // Kept by the import itself (no request has been made).
    const kept = await store.db.selectFrom('monitoring_results').select(['kind', 'key']).where('kind', '=', 'station-days').execute();
    expect(kept.map((k) => k.key)).toContain(`2026|${code}`);
    const days = (await get(`/api/v1/monitoring/air/daily?year=2026&station=${code}`)).days;
    expect(days.map((d: { date: string; standard: string; aqi: number; level: number; primaryPollutants: string[] }) => [d.date, d.standard, d.aqi, d.level, d.primaryPollutants])).toEqual([
      ['2026-02-27', 'HJ 633-2012', 75, 2, ['PM2.5']],
      ['2026-02-28', 'HJ 633-2012', 75, 2, ['PM2.5']],
      ['2026-03-01', 'HJ 633-2026', 90, 2, ['PM2.5']],
      ['2026-03-02', 'HJ 633-2026', 90, 2, ['PM2.5']],
    ]);
    const annual = await get('/api/v1/monitoring/air/annual?year=2026');
    const row = annual.stations.find((s: { code: string }) => s.code === code);
    expect(row.aqiPeriods.map((p: { standard: string; days: number }) => [p.standard, p.days])).toEqual([
      ['HJ 633-2012', 2],
      ['HJ 633-2026', 2],
    ]);
    expect(row.standards.aqi).toBe('HJ 633-2012 + HJ 633-2026');
  });
});

describe('kept results', () => {
  it('equal the exact reference: days recomputed from the stored hours, annual statistics by exact fractions', async () => {
    const path = join(dir, 'year.csv');
    writeFileSync(path, [...syntheticAirCsv(STATIONS.map((s) => s.code), 2023, 'wide')].join(''));
    const r = await importMonitoringFile(store.db, path, { by, skipInvalid: true, reportPath: join(dir, 'skipped.csv') });
    expect(r).toMatchObject({ ok: true, years: [2023] });
    const kept = await stationDaysOfYearStored(store.db, 2023);
    const fromFacts = await stationDaysOfYear(store.db, 2023);
    expect([...kept.keys()].sort()).toEqual(STATIONS.map((s) => s.code).sort());
    for (const [code, days] of fromFacts) expect(kept.get(code), code).toEqual(days);
    const ref = (await resolvePlan(store.db, 'default'))!;
    const annual = await airAnnualStored(store.db, store.plan, ref.revision, 2023);
    for (const s of annual.stations) {
      const records = fromFacts.get(s.code)!.filter((d) => [d.so2, d.no2, d.pm10, d.pm25, d.co, d.o3_8h_max].some((v) => v !== null)).map((d) => ({ date: d.date, so2: d.so2, no2: d.no2, pm10: d.pm10, pm25: d.pm25, co: d.co, o3_8h_max: d.o3_8h_max, o3_1h_max: d.o3_1h_max, aqi: d.aqi }));
      const { code: _code, name: _name, region: _region, reassessment: _re, ...row } = s;
      expect(row, s.code).toEqual(annualRow(annualStatisticsExact(records)));
    }
  });

  it('are what the endpoints answer until the data change; then they are computed again', async () => {
    const url = '/api/v1/monitoring/air/annual?year=2023';
    const first = await get(url);
    // Mark the kept answer (same version): an endpoint that answers from it shows the mark.
    const row = await store.db.selectFrom('monitoring_results').select(['body']).where('kind', '=', 'air-annual').where('key', '=', `${store.plan.meta.id}|2023`).executeTakeFirstOrThrow();
    const marked = JSON.parse(new TextDecoder().decode(row.body));
    marked.stations[0].name = 'MARK';
    await store.db.updateTable('monitoring_results').set({ body: new TextEncoder().encode(JSON.stringify(marked)) }).where('kind', '=', 'air-annual').where('key', '=', `${store.plan.meta.id}|2023`).execute();
    expect((await get(url)).stations[0].name).toBe('MARK');
    // A data change (one more hour of a station): the kept answer is stale and not served.
    const path = join(dir, 'more.csv');
    writeFileSync(path, `station,time,pm25\n${STATIONS[0]!.code},2024-01-05T01,12\n`);
    const more = await importMonitoringFile(store.db, path, { by, now: new Date('2025-01-01T00:00:00+08:00') });
    expect(more.ok).toBe(true);
    const again = await get(url);
    expect(again.stations[0].name).toBe(first.stations[0].name);
    expect(again.stations[0].name).not.toBe('MARK');
  });
});
