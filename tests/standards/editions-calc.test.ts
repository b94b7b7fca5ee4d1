// The calculators' edition contract as callers hit it: `ecoplan calc aqi|air-annual` on stdin (needs
// `npm run build:server`; `npm test` builds first) and POST /api/v1/calc/…; the choice by date, by name and by today,
// and the bad input. Expected AQIs by hand from HJ 633-2012 表1 and HJ 633-2026 表3.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runCalculator } from '../../src/calc/calculator.js';
import { findCalculator } from '../../src/calc/index.js';

const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const cli = (name: string, stdin: string) => spawnSync(process.execPath, [BIN, 'calc', name], { input: stdin, encoding: 'utf8', timeout: 30_000 });
/** Today in China Standard Time, computed here independently of the code under test. */
const todayCst = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const todaysAqiEdition = todayCst >= '2026-03-01' ? 'HJ 633-2026' : 'HJ 633-2012';

// PM2.5 61 μg/m³: HJ 633-2012 50 + 50·(61 − 35)/40 = 82.5 → 83 (良); HJ 633-2026 100 + 50·(61 − 60)/55 = 100.9 → 101 (轻度污染).
describe('ecoplan calc aqi: the edition of the date measured', () => {
  it('2026-06-01 → HJ 633-2026, 2025-06-01 → HJ 633-2012; output keys as before', () => {
    const r = cli('aqi', '{"date":"2026-06-01","pm25_24h":61}');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ standard: 'HJ 633-2026', basis: 'date', comparison: false, aqi: 101, level: 3, category: '轻度污染', primaryPollutants: ['PM2.5'] });
    const old = cli('aqi', '{"date":"2025-06-01","pm25_24h":61}');
    expect(JSON.parse(old.stdout)).toMatchObject({ standard: 'HJ 633-2012', aqi: 83, level: 2, category: '良', primaryPollutants: ['PM2.5'] });
  });

  it('the day on each side of 2026-03-01 00:00 CST', () => {
    const r = cli('aqi', JSON.stringify([{ date: '2026-02-28', pm25_24h: 61 }, { date: '2026-03-01', pm25_24h: 61 }]));
    expect(JSON.parse(r.stdout)).toMatchObject([
      { standard: 'HJ 633-2012', aqi: 83 },
      { standard: 'HJ 633-2026', aqi: 101 },
    ]);
  });

  it('"standard" forces an edition; neither date nor standard → the edition in force today', () => {
    expect(JSON.parse(cli('aqi', '{"standard":"HJ 633-2012","pm25_24h":61}').stdout)).toMatchObject({ standard: 'HJ 633-2012', basis: 'standard', aqi: 83 });
    const today = JSON.parse(cli('aqi', '{"pm25_24h":61}').stdout);
    expect(today).toMatchObject({ standard: todaysAqiEdition, basis: 'today', aqi: todaysAqiEdition === 'HJ 633-2026' ? 101 : 83 });
    expect(today.notes.join()).toContain(todayCst);
  });

  it('HJ 633-2026 named for 2025 data: allowed as a comparison, and the result says so', () => {
    const r = JSON.parse(cli('aqi', '{"date":"2025-06-01","standard":"HJ 633-2026","pm25_24h":61}').stdout);
    expect(r).toMatchObject({ standard: 'HJ 633-2026', comparison: true, aqi: 101 });
    expect(r.notes[0]).toContain('对比计算');
    expect(r.notes[0]).toContain('comparison');
  });

  it('refuses, naming the key: not a real day, an unknown standard, a withdrawn edition for later data', () => {
    const bad = cli('aqi', '{"date":"2026-02-29","pm25_24h":61}');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('date 不是有效日期');
    expect(bad.stderr).toContain('date is not a calendar date');
    const unknown = cli('aqi', '{"standard":"HJ 633-2020","pm25_24h":61}');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('未知的标准“HJ 633-2020”');
    expect(unknown.stderr).toContain('unknown standard "HJ 633-2020"');
    const withdrawn = cli('aqi', '{"date":"2026-06-01","standard":"HJ 633-2012","pm25_24h":61}');
    expect(withdrawn.status).toBe(1);
    expect(withdrawn.stderr).toContain('standard');
    expect(withdrawn.stderr).toContain('HJ 633-2012 不适用于 date 2026-06-01');
    expect(withdrawn.stderr).toContain('HJ 633-2012 does not apply to date 2026-06-01');
  });
});

describe('calculator aqi: HJ 633-2026 inputs', () => {
  const run = (input: unknown) => runCalculator(findCalculator('aqi')!, input, { today: '2026-12-06' });
  it('a daily O3 1-hour value is not indexed under HJ 633-2026, and the result says so', () => {
    // o3_8h 100 → 50; o3_1h 1000 would be IAQI 400.
    const r = run({ date: '2026-06-01', so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 100, pm10_24h: 40, pm25_24h: 20, o3_1h: 1000 });
    expect(r).toMatchObject({ ok: true, output: { standard: 'HJ 633-2026', period: 'daily', aqi: 50, exceedingPollutants: null } });
    const out = (r as { output: { iaqi: Record<string, number>; notes: string[] } }).output;
    expect(out.iaqi.o3_1h).toBeUndefined();
    expect(out.notes.join()).toContain('o3_1h');
  });

  it('takes null (missing) and "/" (not in the monitoring plan), and names a wrong value', () => {
    expect(run({ date: '2026-06-01', so2_24h: 5, no2_24h: 20, co_24h: '/', o3_8h: 100, pm10_24h: 40, pm25_24h: null })).toMatchObject({ ok: true, output: { aqi: null, missing: ['pm25_24h'], notInPlan: ['co_24h'], computedAqi: 50 } });
    const r = run({ date: '2026-06-01', pm25_24h: 'NA' });
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'pm25_24h' }] });
    expect((r as { issues: { message: string }[] }).issues[0]!.message).toContain('"/"');
  });

  it('validates against its output schema under both editions', () => {
    for (const date of ['2025-06-01', '2026-06-01']) {
      const r = run({ date, pm25_24h: 61, o3_8h: 120 });
      expect(r.ok).toBe(true);
      expect(findCalculator('aqi')!.output.safeParse((r as { output: unknown }).output).success).toBe(true);
    }
  });
});

/** A few days of 2026 either side of the switch. PM2.5 61: 83 before 1 March, 101 from it. */
const spanDays = ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'].map((date) => ({ date, so2: 5, no2: 20, pm10: 40, pm25: 61, co: 0.5, o3_8h_max: 100 }));

describe('ecoplan calc air-annual: year or standard', () => {
  it('by the days’ dates: each day its own edition, the year judged by GB 3095-2026 (transitional)', () => {
    const r = cli('air-annual', JSON.stringify({ year: 2026, days: spanDays }));
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ basis: 'date', comparison: false, goodDays: 2, validDays: 4, goodRatio: 50, standards: { aqi: 'HJ 633-2012 + HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional', assessment: 'HJ 663-2026' } });
    expect(out.standards.assessmentMethod.zh).toBe('按 HJ 663-2013 方法（HJ 663-2026 未核实）');
    expect(out.rule.en).toContain('in force that day');
  });

  it('standard GB 3095-2026 for 2025 days: a comparison; phase final as the ministry’s second re-assessment', () => {
    const days2025 = spanDays.map((d) => ({ ...d, date: d.date.replace('2026', '2025') }));
    const out = JSON.parse(cli('air-annual', JSON.stringify({ standard: 'GB 3095-2026', days: days2025 })).stdout);
    expect(out).toMatchObject({ basis: 'standard', comparison: true, goodDays: 0, standards: { aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional' } });
    const final = JSON.parse(cli('air-annual', JSON.stringify({ standard: 'GB 3095-2026', phase: 'final', days: days2025 })).stdout);
    expect(final).toMatchObject({ comparison: true, standards: { phase: 'final' }, pollutants: { pm25: { annualLimit: 25, dailyLimit: 50, exceedanceDays: 4 } } });
  });

  it('refuses, naming the key: a day outside year, an unknown standard, GB 3095-2012 for 2026, phase with 2012', () => {
    const outside = cli('air-annual', JSON.stringify({ year: 2025, days: spanDays }));
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain('days[0].date');
    expect(outside.stderr).toContain('not in year 2025');
    expect(cli('air-annual', JSON.stringify({ standard: 'GB 3095-2020', days: spanDays })).stderr).toContain('unknown standard "GB 3095-2020"');
    const withdrawn = cli('air-annual', JSON.stringify({ standard: 'GB 3095-2012', days: spanDays }));
    expect(withdrawn.status).toBe(1);
    expect(withdrawn.stderr).toContain('GB 3095-2012 不适用于');
    const phase = cli('air-annual', JSON.stringify({ standard: 'GB 3095-2012', phase: 'final', days: spanDays.slice(0, 2) }));
    expect(phase.stderr).toContain('phase');
  });
});

describe('POST /api/v1/calc/aqi and air-annual with editions', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const { buildApp } = await import('../../src/server/app.js');
    const { seededDatabase } = await import('../helpers/store.js');
    const store = await seededDatabase();
    app = await buildApp({ db: store.db, webDir: '/nonexistent' });
    close = async () => {
      await app.close();
      await store.db.destroy();
    };
  });
  afterAll(() => close());

  it('answers by date, by name, and refuses bad input naming the key', async () => {
    const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object });
    const a = await post('/api/v1/calc/aqi', [{ date: '2026-06-01', pm25_24h: 61 }, { date: '2025-06-01', pm25_24h: 61 }]);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject([{ standard: 'HJ 633-2026', aqi: 101 }, { standard: 'HJ 633-2012', aqi: 83 }]);
    const bad = await post('/api/v1/calc/aqi', { date: '2026-13-01', pm25_24h: 61 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'date' }] });
    const unknown = await post('/api/v1/calc/aqi', [{ pm25_24h: 1 }, { standard: 'HJ 999', pm25_24h: 61 }]);
    expect(unknown.json()).toMatchObject({ details: [{ path: '[1].standard' }] });
    expect(unknown.json().message).toContain('HJ 999');
    const annual = await post('/api/v1/calc/air-annual', { year: 2026, days: spanDays });
    expect(annual.json()).toMatchObject({ goodRatio: 50, standards: { aqi: 'HJ 633-2012 + HJ 633-2026' } });
    const withdrawn = await post('/api/v1/calc/air-annual', { standard: 'HJ 663-2013', days: spanDays });
    expect(withdrawn.statusCode).toBe(400);
    expect(withdrawn.json()).toMatchObject({ details: [{ path: 'standard' }] });
  });
});
