// Monitoring across the switch of editions: an import of hourly data spanning February and March 2026,
// each day's AQI checked by the edition in force that day, the annual row of a year spanning the switch with its
// re-assessment under the 2026 editions, the daily comparison on request, and indicators 7/8 naming their editions.
// Every hour of a day carries the same value (so the 24-hour mean is that value) except the O3 spike days.
// Expected AQIs by hand from HJ 633-2012 表1 and HJ 633-2026 表3.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMonitoringFile } from '../../src/importers/monitoring.js';
import { buildApp } from '../../src/server/app.js';
import { tempDir } from '../helpers/planFolder.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;

/** Natural day D is the hours D T01 … D T23 and (D+1) T00. */
function dayRows(date: string, values: { so2?: number; no2?: number; pm10?: number | null; pm25: number; co?: number; o3?: number; o3Spike?: number }): string[] {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const rows: string[] = [];
  for (let slot = 1; slot <= 24; slot++) {
    const label = slot === 24 ? `${next}T00` : `${date}T${String(slot).padStart(2, '0')}`;
    const o3 = slot === 12 && values.o3Spike !== undefined ? values.o3Spike : (values.o3 ?? 100);
    const pm10 = values.pm10 === null ? '' : (values.pm10 ?? 40);
    rows.push(`T0001,${label},${values.so2 ?? 5},${values.no2 ?? 20},${pm10},${values.pm25},${values.co ?? 0.5},${o3}`);
  }
  return rows;
}

// The O3 spike: 450 μg/m³ at 11:00–12:00, 100 otherwise. 1-hour maximum 450; best 8-hour mean (7·100 + 450)/8 = 143.75 → 144.
// Constant IAQIs: SO2 5 → 5; NO2 20 → 25; PM10 40 → 40; CO 0.5 → 12.5 → 13; O3 8-hour 100 → 50; O3 1-hour 100 → 31.25 → 32.
const DAYS = [
  // HJ 633-2012: O3 1-hour 450 → 200 + 100·50/400 = 212.5 → 213 (8-hour 144 → 50 + 50·44/60 = 86.7 → 87); PM2.5 20 → 29.
  { date: '2026-02-26', v: { pm25: 20, o3Spike: 450 }, expect: { standard: 'HJ 633-2012', aqi: 213, category: '重度污染', primaryPollutants: ['O3'] } },
  // HJ 633-2012: PM2.5 61 → 50 + 50·26/40 = 82.5 → 83.
  { date: '2026-02-27', v: { pm25: 61 }, expect: { standard: 'HJ 633-2012', aqi: 83, category: '良', primaryPollutants: ['PM2.5'] } },
  { date: '2026-02-28', v: { pm25: 61 }, expect: { standard: 'HJ 633-2012', aqi: 83, category: '良', primaryPollutants: ['PM2.5'] } },
  // HJ 633-2026: PM2.5 61 → 100 + 50·1/55 = 100.9 → 101.
  { date: '2026-03-01', v: { pm25: 61 }, expect: { standard: 'HJ 633-2026', aqi: 101, category: '轻度污染', primaryPollutants: ['PM2.5'] } },
  // HJ 633-2026: PM2.5 30 → 42.9 → 43; the largest is O3 8-hour 50 → AQI 50, no primary pollutant.
  { date: '2026-03-02', v: { pm25: 30 }, expect: { standard: 'HJ 633-2026', aqi: 50, category: '优', primaryPollutants: [] } },
  // HJ 633-2026: the O3 1-hour maximum is not a daily indicator; O3 8-hour 144 → 87.
  { date: '2026-03-03', v: { pm25: 20, o3Spike: 450 }, expect: { standard: 'HJ 633-2026', aqi: 87, category: '良', primaryPollutants: ['O3'] } },
  // HJ 633-2026 5.3.1: PM10 missing; PM2.5 61 → 101 > 100, published.
  { date: '2026-03-04', v: { pm25: 61, pm10: null }, expect: { standard: 'HJ 633-2026', aqi: 101, category: '轻度污染', primaryPollutants: ['PM2.5'] } },
  // HJ 633-2026 5.3.1: PM10 missing; the others' AQI 50 ≤ 100 → NA.
  { date: '2026-03-05', v: { pm25: 20, pm10: null }, expect: { standard: 'HJ 633-2026', aqi: null, category: null, primaryPollutants: [] } },
] as const;

beforeAll(async () => {
  store = await seededDatabase();
  app = await buildApp({ db: store.db, webDir: '/nonexistent', revisionTtlMs: 0 });
  await store.db.insertInto('air_stations').values({ code: 'T0001', name: '测试站', region_code: '440203', region_method: 'test', lon: null, lat: null, level: 'national', uncertain: 0, source: 'test', note: null, is_demo: 0, created_at: new Date().toISOString() }).execute();
  const file = join(tempDir(), 'feb-mar-2026.csv');
  writeFileSync(file, ['station,time,so2,no2,pm10,pm25,co,o3', ...DAYS.flatMap((d) => dayRows(d.date, d.v))].join('\n') + '\n');
  const res = await importMonitoringFile(store.db, file, { by: { id: null, username: 'test' }, now: new Date('2026-12-31T00:00:00+08:00') });
  expect(res.ok, JSON.stringify(res.errors?.slice(0, 3))).toBe(true);
}, 60_000);
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

const get = async (url: string) => {
  const r = await app.inject({ method: 'GET', url });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('an import spanning February and March 2026, day by day', () => {
  it('each day’s AQI by the edition in force that day (station and city)', async () => {
    for (const url of ['/api/v1/monitoring/air/daily?year=2026&station=T0001', '/api/v1/monitoring/air/daily?year=2026&region=440200']) {
      const body = await get(url);
      expect(body).toMatchObject({ standard: null, comparison: false });
      expect(body.days.map((d: { date: string }) => d.date)).toEqual(DAYS.map((d) => d.date));
      for (const d of DAYS) expect(body.days.find((x: { date: string }) => x.date === d.date), d.date).toMatchObject({ ...d.expect, valid: d.expect.aqi !== null });
    }
  });

  it('every day re-indexed under HJ 633-2026 on request: a comparison for the February days', async () => {
    const body = await get('/api/v1/monitoring/air/daily?year=2026&station=T0001&standard=HJ%20633-2026');
    expect(body).toMatchObject({ standard: 'HJ 633-2026', comparison: true });
    // 26 Feb: O3 8-hour 144 → 87 (the 1-hour value no longer counts); 27, 28 Feb: PM2.5 61 → 101.
    expect(body.days.slice(0, 3)).toMatchObject([
      { date: '2026-02-26', standard: 'HJ 633-2026', aqi: 87 },
      { date: '2026-02-27', standard: 'HJ 633-2026', aqi: 101 },
      { date: '2026-02-28', standard: 'HJ 633-2026', aqi: 101 },
    ]);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/monitoring/air/daily?year=2026&station=T0001&standard=HJ%20633-2012' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('standard');
    expect((await app.inject({ method: 'GET', url: '/api/v1/monitoring/air/daily?year=2026&station=T0001&standard=HJ%20999' })).json().code).toBe('BAD_STANDARD');
  });
});

describe('the annual row of 2026: the stated rule, and the re-assessment beside it', () => {
  it('counts each day by its own edition and names both; re-assessed under HJ 633-2026 as a comparison', async () => {
    const body = await get('/api/v1/monitoring/air/annual?year=2026');
    const row = body.stations.find((s: { code: string }) => s.code === 'T0001');
    // Valid: all but 5 March (NA) = 7; good: 27, 28 Feb (83), 2 Mar (50), 3 Mar (87) = 4 → 4/7 = 57.1 %.
    expect(row).toMatchObject({ validDays: 7, goodDays: 4, goodRatio: 57.1, standards: { aqi: 'HJ 633-2012 + HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional', assessment: 'HJ 663-2026', assessmentMethod: { zh: '按 HJ 663-2013 方法（HJ 663-2026 未核实）' } } });
    expect(row.aqiPeriods).toEqual([
      { standard: 'HJ 633-2012', from: '2026-02-26', to: '2026-02-28', days: 3, validDays: 3, goodDays: 2 },
      { standard: 'HJ 633-2026', from: '2026-03-01', to: '2026-03-05', days: 5, validDays: 4, goodDays: 2 },
    ]);
    expect(row.rule.zh).toContain('当日施行');
    // Under HJ 633-2026 throughout: 26 Feb 87 (good), 27 and 28 Feb 101 → good 26 Feb, 2 and 3 Mar = 3 of 7 = 42.9 %.
    expect(row.reassessment).toMatchObject({ comparison: true, validDays: 7, goodDays: 3, goodRatio: 42.9, standards: { aqi: 'HJ 633-2026', quality: 'GB 3095-2026' } });
    // Eight days are far short of GB 3095 表4: attainment is not assessable either way.
    expect(row.reassessment.transitional).toEqual({ pm25Attains: null, attainsAll: null });
    expect(row.reassessment.final).toEqual({ pm25Attains: null, attainsAll: null, comparison: true });
  });
});

describe('indicators 7 and 8 name the editions of their value', () => {
  it('7 is not comparable across the switch, 8 is; both carry the re-assessment', async () => {
    const body = await get('/api/v1/plans/default/monitoring/indicators?year=2026');
    const city = body.values.filter((v: { region: string }) => v.region === '440200');
    const v7 = city.find((v: { indicatorCode: number }) => v.indicatorCode === 7);
    const v8 = city.find((v: { indicatorCode: number }) => v.indicatorCode === 8);
    expect(v7.editions).toMatchObject({ aqi: 'HJ 633-2012 + HJ 633-2026', quality: 'GB 3095-2026' });
    expect(v7.provenance.standard).toContain('HJ 633-2012 + HJ 633-2026');
    expect(v7.provenance.method).toContain('当日施行');
    expect(v7.comparability).toMatchObject({ comparableAcrossSwitch: false });
    expect(v8.comparability).toMatchObject({ comparableAcrossSwitch: true });
    expect(v7.reassessment).toMatchObject({ standard: 'HJ 633-2026', comparison: true });
    // 8 days are short of 表4: no value either way, and the reason names GB 3095-2026.
    expect(v7.value).toBeNull();
    expect(v7.provenance.excluded.map((e: { reason: string }) => e.reason).join()).toContain('GB 3095-2026 表4');
  });
});
