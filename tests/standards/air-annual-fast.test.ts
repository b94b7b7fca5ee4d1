// The integer path of the HJ 663-2013 annual statistics (AnnualAccumulator, milliOf, roundRatioGB) against the
// exact-fraction reference (annualStatisticsExact), on seeded random years with ties, limits and edge day counts.
import { describe, expect, it } from 'vitest';
import { AnnualAccumulator, annualStatistics, annualStatisticsExact, milliOf, roundRatioGB, type DayRecord } from '../../src/standards/airAssessment.js';
import { div, int, roundGB } from '../../src/standards/rounding.js';
import { annualOf, dayValues, newDayBuffer, StationYear, type StationDay } from '../../src/monitoring/air.js';

/** mulberry32: a small seeded generator, so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function datesOf(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** A value of one of several shapes: few distinct integers (ties), limits and their neighbours, 1 and 3 decimals. */
function value(r: () => number, limit: number): number {
  const k = r();
  if (k < 0.3) return Math.floor(r() * 6) + limit - 3; // ties around the 24-hour limit
  if (k < 0.4) return [limit, limit + 0.001, limit - 0.001, limit + 0.5, limit - 0.5][Math.floor(r() * 5)]!;
  if (k < 0.7) return Math.round(r() * limit * 20) / 10;
  if (k < 0.9) return Math.round(r() * limit * 2000) / 1000;
  return Math.floor(r() * limit * 2);
}

const LIMITS = { so2: 150, no2: 80, pm10: 150, pm25: 75, co: 4, o3_8h_max: 160 } as const;

function randomYear(r: () => number, n: number, opts: { aqi: number; missing: number }): DayRecord[] {
  const all = datesOf(r() < 0.5 ? 2023 : 2024);
  // n distinct dates in a random order (the statistics must not depend on the order)
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, n).map((date) => {
    const d: DayRecord = { date };
    for (const [k, limit] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
      const m = r();
      if (m < opts.missing) d[k] = r() < 0.5 ? null : undefined;
      else d[k] = k === 'co' ? Math.round(value(r, limit) * 10) / 10 : value(r, limit);
    }
    if (r() < 0.5) d.o3_1h_max = Math.round(r() * 300);
    if (r() < opts.aqi) d.aqi = Math.floor(r() * 320);
    return d;
  });
}

/** Same result, including -0 against 0 (toEqual) and the key order of the output (JSON). */
function expectSame(days: DayRecord[]) {
  const fast = annualStatistics(days);
  const exact = annualStatisticsExact(days);
  expect(fast).toEqual(exact);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(exact));
}

describe('HJ 663-2013 annual statistics: integer path = exact reference', () => {
  it('on 300 seeded random years of 1–366 days, with ties, limits, gaps, given and computed AQIs', () => {
    const r = rng(20261127);
    const counts = [1, 2, 3, 4, 10, 11, 19, 20, 21, 101, 323, 324, 325, 364, 365, 366];
    for (let t = 0; t < 300; t++) {
      // the edge counts twice (366 only in 2024; in 2023 it takes all 365 dates), then random counts
      const n = t < counts.length * 2 ? counts[t % counts.length]! : 1 + Math.floor(r() * 366);
      const days = randomYear(r, n, { aqi: [0, 0.5, 1][t % 3]!, missing: [0, 0.02, 0.3][Math.floor(t / 3) % 3]! });
      expectSame(days);
    }
  });

  it('on a year of one value on every day (all ties) and on strictly increasing values', () => {
    const dates = datesOf(2023);
    expectSame(dates.map((date) => ({ date, so2: 7, no2: 7, pm10: 7, pm25: 75, co: 4, o3_8h_max: 160 })));
    expectSame(dates.map((date, i) => ({ date, so2: i, no2: i / 10, pm10: i / 1000, pm25: 75 + i / 1000, co: i / 100, o3_8h_max: 100 + i })));
  });

  it('falls back to the reference for values it cannot take exactly: more decimals, negative, huge, strings', () => {
    const base = { so2: 10, no2: 30, pm10: 60, pm25: 30, co: 1, o3_8h_max: 150 };
    const dates = datesOf(2023).slice(0, 40);
    for (const odd of [{ pm25: 35.0005 }, { co: 0.1 + 0.2 }, { so2: 1e13 }, { no2: -0 }, { pm10: 1e9 }])
      expectSame(dates.map((date, i) => ({ date, ...base, ...(i % 7 === 0 ? odd : {}) })));
    // A string: the integer path hands the year to the reference, which refuses it in the daily AQI.
    const withString = dates.map((date, i) => ({ date, ...base, ...(i === 3 ? { pm25: '31' } : {}) })) as unknown as DayRecord[];
    expect(() => annualStatisticsExact(withString)).toThrow('not a finite number: 31');
    expect(() => annualStatistics(withString)).toThrow('not a finite number: 31');
    // A negative concentration: the reference's own answer (the daily AQI refuses it).
    const negative = dates.map((date, i) => ({ date, ...base, ...(i === 5 ? { so2: -1 } : {}) }));
    expect(() => annualStatisticsExact(negative)).toThrow(RangeError);
    expect(() => annualStatistics(negative)).toThrow(RangeError);
  });

  it('refuses the same inputs with the same messages', () => {
    const good = { so2: 10, no2: 30, pm10: 60, pm25: 30, co: 1, o3_8h_max: 150 };
    const cases: DayRecord[][] = [
      [],
      [{ date: '2023-12-31' }, { date: '2024-01-01' }],
      [{ date: '2023-12-31' }, { date: '2023-12-31' }],
      [{ date: '2023-02-29' }],
      [{ date: '2023-06-01', ...good, o3_8h_max: 801 }],
      [{ date: '2023-06-01', aqi: 12.5 }],
    ];
    for (const days of cases) {
      let expected: unknown = null;
      try {
        annualStatisticsExact(days);
      } catch (e) {
        expected = e;
      }
      expect(expected).toBeInstanceOf(Error);
      expect(() => annualStatistics(days)).toThrow(expected as Error);
    }
    expect(annualStatistics([{ date: '2023-06-01', ...good, o3_8h_max: 801, o3_1h_max: 900 }])).toEqual(annualStatisticsExact([{ date: '2023-06-01', ...good, o3_8h_max: 801, o3_1h_max: 900 }]));
  });

  it('AnnualAccumulator refuses a value that is not a number', () => {
    const acc = new AnnualAccumulator();
    expect(() => acc.add({ date: '2023-01-01', pm25: '30' } as unknown as DayRecord)).toThrow(TypeError);
  });
});

describe('integers of 0.001 (milliOf) and GB/T 8170 rounding of a ratio (roundRatioGB)', () => {
  it.each([
    [0, 0],
    [0.1, 100], // the double nearest 0.1 is written 0.1
    [75.001, 75001],
    [1e9, 1e12],
    [-0, 0],
  ])('milliOf(%s) = %s', (v, m) => {
    expect(Object.is(milliOf(v), m)).toBe(true);
  });

  it.each([0.0001, 1000.0000001, 2.5000001, 0.1 + 0.2, -1, 1e9 + 0.001, NaN, Infinity])('milliOf(%s) = −1 (not exactly three decimals, negative or too large)', (v) => {
    expect(milliOf(v)).toBe(-1);
  });

  it('equals roundGB of the exact fraction on random and exactly-half ratios', () => {
    const r = rng(8170);
    for (let t = 0; t < 20000; t++) {
      const den = 1 + Math.floor(r() * (t % 2 ? 366_000 : 100_000));
      const decimals = t % 3;
      // every fifth: an exact half at the last kept digit
      const num = t % 5 === 0 ? ((2 * Math.floor(r() * 1e6) + 1) * den) / 2 / 10 ** decimals : Math.floor(r() * 1e13);
      if (!Number.isInteger(num)) continue;
      expect(roundRatioGB(num, den, decimals)).toBe(roundGB(div(int(num), int(den)), decimals));
    }
    // By hand: 25/10 = 2.5 → 2 (even); 35/10 = 3.5 → 4; 6.25 % at 1 decimal → 6.2; 2500001/1000000 → 3.
    expect([roundRatioGB(25, 10, 0), roundRatioGB(35, 10, 0), roundRatioGB(625, 100, 1), roundRatioGB(2500001, 1000000, 0)]).toEqual([2, 4, 6.2, 3]);
  });
});

describe('a station year streamed (StationYear) = annualOf = the exact reference', () => {
  function day(date: string, r: () => number): StationDay {
    const buf = newDayBuffer();
    for (let c = 0; c < 6; c++)
      for (let s = 0; s < 24; s++) if (r() > 0.05) buf[c * 24 + s] = c === 4 ? Math.round(r() * 30) / 10 : c === 3 ? Math.round(r() * 1200) / 10 : Math.round(r() * 250);
    return dayValues(date, buf);
  }

  it('on 20 seeded random station years', () => {
    const r = rng(663);
    for (let t = 0; t < 20; t++) {
      const days = datesOf(2023)
        .filter(() => r() > 0.05)
        .map((date) => day(date, r));
      const y = new StationYear();
      for (const d of days) y.add(d);
      const records = days.map((d) => ({ date: d.date, so2: d.so2, no2: d.no2, pm10: d.pm10, pm25: d.pm25, co: d.co, o3_8h_max: d.o3_8h_max, o3_1h_max: d.o3_1h_max, aqi: d.aqi }));
      expect(y.result()).toEqual(annualStatisticsExact(records));
      expect(annualOf(days)).toEqual(y.result());
      expect([y.days, y.aqiDays]).toEqual([days.length, days.filter((d) => d.aqi !== null).length]);
    }
    expect(new StationYear().result()).toBeNull();
  });
});

describe('daily means take the exact path for values of more than three decimals', () => {
  it('24 hours of PM2.5 at 2.5000001 average 2.5000001, which rounds up to 3 (not 2.5 → 2)', () => {
    const buf = newDayBuffer();
    for (let s = 0; s < 24; s++) buf[3 * 24 + s] = 2.5000001;
    expect(dayValues('2023-05-01', buf).pm25).toBe(3);
  });
});
