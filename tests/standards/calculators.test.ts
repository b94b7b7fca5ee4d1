// The aqi, water and air-annual calculators as callers see them: validation through runCalculator (naming the key
// and the value), results, and `ecoplan calc aqi` on stdin (needs `npm run build:server`; `npm test` builds first).
// The HJ 633-2012 cases carry a date before 2026-03-01: without one the calculator takes the edition in force today
// (tests/standards/editions-calc.test.ts covers the choice of edition).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCalculator, type CalcIssue } from '../../src/calc/calculator.js';
import { findCalculator } from '../../src/calc/index.js';
import { CLI_CWD } from '../helpers/cli.js';

const calc = (name: string) => {
  const c = findCalculator(name);
  if (!c) throw new Error(`calculator ${name} is not registered`);
  return c;
};
const issues = (name: string, input: unknown): CalcIssue[] => {
  const r = runCalculator(calc(name), input);
  if (r.ok) throw new Error(`expected a validation failure, got ${JSON.stringify(r.output)}`);
  return r.issues;
};
const output = (name: string, input: unknown) => {
  const r = runCalculator(calc(name), input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.output as Record<string, unknown>;
};

describe('calculator aqi', () => {
  it('answers a daily set and validates against its output schema', () => {
    const out = output('aqi', { date: '2025-06-01', pm25_24h: 100, o3_8h: 120 });
    expect(out).toMatchObject({ standard: 'HJ 633-2012', period: 'daily', aqi: 132, iaqi: { pm25_24h: 132, o3_8h: 67 }, primaryPollutants: ['PM2.5'], level: 3, category: '轻度污染', colour: { hex: '#FF7E00' } });
    expect(calc('aqi').output.safeParse(out).success).toBe(true);
  });

  it('answers an array in order, and o3_1h alone as hourly', () => {
    const out = runCalculator(calc('aqi'), [{ date: '2025-06-01', so2_1h: 10, so2_24h: 500 }, { date: '2025-06-01', o3_1h: 200 }]);
    expect(out).toMatchObject({ ok: true, output: [{ period: 'hourly', aqi: 4, iaqi: { so2_1h: 4 } }, { period: 'hourly', aqi: 100 }] });
  });

  it('names an unknown key', () => {
    const [i] = issues('aqi', { pm25_24h: 10, pm2_5: 3 });
    expect(i!.message).toContain('pm2_5');
    expect(i!.messageEn).toContain('unknown key');
  });

  it('names a negative concentration and its value', () => {
    expect(issues('aqi', { pm25_24h: -1 })).toEqual([{ path: 'pm25_24h', message: 'pm25_24h 不能小于 0（值 / value: -1）', messageEn: 'pm25_24h must be at least 0 （值 / value: -1）' }]);
  });

  it('names a string and its value', () => {
    const [i] = issues('aqi', { co_24h: '1.2' });
    expect(i).toMatchObject({ path: 'co_24h' });
    expect(i!.message).toContain('"1.2"');
  });

  it('refuses mixing daily and hourly keys, except so2_24h beside so2_1h', () => {
    const list = issues('aqi', { so2_1h: 10, no2_24h: 30, pm25_24h: 40 });
    expect(list.map((i) => i.path)).toEqual(['no2_24h', 'pm25_24h']);
    expect(list[0]!.message).toContain('so2_1h');
    expect(issues('aqi', { no2_1h: 10, so2_24h: 30 }).map((i) => i.path)).toEqual(['so2_24h']);
  });

  it('asks for the companion value the table notes need', () => {
    expect(issues('aqi', { date: '2025-06-01', so2_1h: 801 })).toMatchObject([{ path: 'so2_1h' }]);
    expect(issues('aqi', { date: '2025-06-01', o3_8h: 900 })[0]!.message).toContain('900');
    expect(output('aqi', { date: '2025-06-01', so2_1h: 801, so2_24h: 151 })).toMatchObject({ aqi: 101, iaqi: { so2_24h: 101 } });
  });

  it('refuses an empty object and names the array element', () => {
    expect(issues('aqi', {})).toHaveLength(1);
    expect(issues('aqi', [{ pm25_24h: 1 }, { pm25_24h: -5 }])).toMatchObject([{ path: '[1].pm25_24h' }]);
  });
});

describe('calculator water', () => {
  it('answers a section', () => {
    const out = output('water', { waterbody: 'lake', values: { TP: 0.06, TN: 1.2, DO: 6.2, NH3N: 0.3 } });
    expect(out).toMatchObject({ class: 'IV', itemClasses: { TP: 'IV', DO: 'II', NH3N: 'II' }, referenceClasses: { TN: 'IV' }, exceeding: [{ item: 'TP', multiple: 0.2 }], mainPollutants: ['TP'] });
    expect(calc('water').output.safeParse(out).success).toBe(true);
  });

  it('names unknown items, bad values and a missing waterbody', () => {
    expect(issues('water', { waterbody: 'river', values: { COD: 10, Mn: 0.1 } })[0]!.message).toContain('Mn');
    expect(issues('water', { waterbody: 'river', values: { COD: -3 } })).toMatchObject([{ path: 'values.COD', message: 'values.COD 不能小于 0（值 / value: -3）' }]);
    expect(issues('water', { waterbody: 'river', values: { pH: 15 } })[0]!.message).toContain('15');
    expect(issues('water', { waterbody: 'sea', values: { COD: 1 } })[0]!.message).toContain('"sea"');
    expect(issues('water', { values: { COD: 1 } })[0]!.message).toContain('waterbody');
    expect(issues('water', { waterbody: 'river', values: { TN: 1 } })[0]!.path).toBe('values');
  });
});

describe('calculator air-annual', () => {
  it('answers a year and validates against its output schema', () => {
    const days = Array.from({ length: 3 }, (_, i) => ({ date: `2024-02-0${i + 1}`, so2: 8, no2: 20, pm10: 40, pm25: 20 + 30 * i, co: 0.8, o3_8h_max: 100 }));
    const out = output('air-annual', { days });
    // pm25 20, 50, 80: IAQI 29, 69, 107 → 2 good of 3 = 66.7 %; mean 50.
    expect(out).toMatchObject({ year: 2024, validDays: 3, goodDays: 2, goodRatio: 66.7, exceedanceDays: 1, pm25Mean: 50, meetsValidity: false });
    expect(calc('air-annual').output.safeParse(out).success).toBe(true);
  });

  it('takes one object only', () => {
    expect(issues('air-annual', [{ days: [] }])[0]!.messageEn).toContain('one JSON object');
  });

  it('names bad dates, duplicates, other years and bad values by their place', () => {
    const list = issues('air-annual', { days: [{ date: '2023-01-01' }, { date: '2023-02-30' }, { date: '2023-01-01' }, { date: '2024-01-02' }] });
    expect(list.map((i) => i.path)).toEqual(['days[1].date', 'days[2].date', 'days[3].date']);
    expect(list[0]!.message).toContain('"2023-02-30"');
    expect(issues('air-annual', { days: [{ date: '2023-01-01', pm25: -2 }] })).toMatchObject([{ path: 'days[0].pm25' }]);
    expect(issues('air-annual', { days: [{ date: '2023-01-01', aqi: 20.5 }] })).toMatchObject([{ path: 'days[0].aqi' }]);
    expect(issues('air-annual', { days: [{ date: '2023-01-01', pm2_5: 3 }] })[0]!.message).toContain('pm2_5');
    expect(issues('air-annual', { days: [] })[0]!.path).toBe('days');
  });
});

describe('ecoplan calc aqi', () => {
  const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
  const run = (stdin: string) => spawnSync(process.execPath, [BIN, 'calc', 'aqi'], { cwd: CLI_CWD, input: stdin, encoding: 'utf8', timeout: 30_000 });

  it('reads JSON on stdin and prints the result', () => {
    const r = run(JSON.stringify([{ date: '2025-06-01', pm25_24h: 100, o3_8h: 120 }, { date: '2025-06-01', no2_1h: 201 }]));
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ aqi: 132, primaryPollutants: ['PM2.5'] }, { period: 'hourly', aqi: 101, primaryPollutants: ['NO2'] }]);
  });

  it('exits 1 naming the key and the value', () => {
    const r = run('{"pm25_24h": -3}');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('pm25_24h 不能小于 0（值 / value: -3）');
  });
});

describe('POST /api/v1/calc/aqi, water, air-annual', () => {
  it('answers through the API and documents the routes', async () => {
    const { buildApp } = await import('../../src/server/app.js');
    const { seededDatabase } = await import('../helpers/store.js');
    const store = await seededDatabase();
    const app = await buildApp({ db: store.db, webDir: '/nonexistent' });
    try {
      const spec = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/calc/aqi', '/api/v1/calc/water', '/api/v1/calc/air-annual']));
      const aqi = await app.inject({ method: 'POST', url: '/api/v1/calc/aqi', payload: { date: '2025-06-01', pm10_24h: 151 } });
      expect(aqi.statusCode).toBe(200);
      expect(aqi.json()).toMatchObject({ aqi: 101, primaryPollutants: ['PM10'] });
      const water = await app.inject({ method: 'POST', url: '/api/v1/calc/water', payload: { waterbody: 'river', values: { DO: 1.5 } } });
      expect(water.json()).toMatchObject({ class: '劣V', exceeding: [{ item: 'DO', multiple: null }] });
      const bad = await app.inject({ method: 'POST', url: '/api/v1/calc/air-annual', payload: { days: [{ date: '2023-13-01' }] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'days[0].date' }] });
    } finally {
      await app.close();
      await store.db.destroy();
    }
  });
});
