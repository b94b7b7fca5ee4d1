// GB 3095-2012 (表1 limits, 表4 validity) and HJ 663-2013 (percentiles, annual statistics); expected values by hand.
import { describe, expect, it } from 'vitest';
import {
  annualStatistics,
  cityValue,
  cityValueExact,
  dailyMeanValid,
  dayAqi,
  eightHourMeanValid,
  exceedanceMultiple,
  exceedsLimit,
  hourlyMeanValid,
  limitOf,
  monthlyMinDays,
  percentile,
  roundConcentration,
  yearValidity,
  type DayRecord,
} from '../../src/standards/airAssessment.js';

/** Every date of a year, or of the given months. */
function dates(year: number, months?: number[]): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000))
    if (!months || months.includes(d.getUTCMonth() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}
/** The first n days of a month. */
const firstDays = (year: number, month: number, n: number) => Array.from({ length: n }, (_, i) => `${year}-${String(month).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`);

describe('GB 3095-2012 表1 limits', () => {
  it.each([
    ['SO2', 'annual', 20, 60],
    ['SO2', '24h', 50, 150],
    ['SO2', '1h', 150, 500],
    ['NO2', 'annual', 40, 40],
    ['NO2', '24h', 80, 80],
    ['NO2', '1h', 200, 200],
    ['CO', '24h', 4, 4],
    ['CO', '1h', 10, 10],
    ['O3', '8h', 100, 160],
    ['O3', '1h', 160, 200],
    ['PM10', 'annual', 40, 70],
    ['PM10', '24h', 50, 150],
    ['PM2.5', 'annual', 15, 35],
    ['PM2.5', '24h', 35, 75],
  ] as const)('%s %s: 一级 %s, 二级 %s', (p, t, g1, g2) => {
    expect([limitOf(p, t, 1), limitOf(p, t, 2), limitOf(p, t)]).toEqual([g1, g2, g2]);
  });

  it('has no annual CO or O3 limit', () => {
    expect(() => limitOf('CO', 'annual')).toThrow(RangeError);
    expect(() => limitOf('O3', 'annual')).toThrow(RangeError);
  });

  it.each([
    ['PM2.5', '24h', 75, false],
    ['PM2.5', '24h', 76, true],
    ['PM2.5', 'annual', 35, false],
    ['PM2.5', 'annual', 36, true],
    ['PM10', '24h', 150, false],
    ['PM10', '24h', 151, true],
    ['CO', '24h', 4, false],
    ['CO', '24h', 4.1, true],
    ['O3', '8h', 160, false],
    ['O3', '8h', 161, true],
    ['SO2', '1h', 500, false],
    ['SO2', '1h', 501, true],
    ['NO2', 'annual', 40, false],
    ['NO2', 'annual', 41, true],
  ] as const)('二级: %s %s %s exceeds: %s', (p, t, v, exceeds) => {
    expect(exceedsLimit(p, t, v)).toBe(exceeds);
  });

  it('judges grade 1 and gives multiples', () => {
    expect(exceedsLimit('PM2.5', '24h', 35, 1)).toBe(false);
    expect(exceedsLimit('PM2.5', '24h', 36, 1)).toBe(true);
    expect(exceedanceMultiple('PM2.5', '24h', 90)).toBe(0.2); // (90 − 75)/75
    expect(exceedanceMultiple('PM2.5', '24h', 75)).toBeNull();
  });
});

describe('GB 3095-2012 表4 validity', () => {
  it('needs 20 hours for a daily mean, 6 for an 8-hour mean, 45 minutes for an hourly mean', () => {
    expect([dailyMeanValid(19), dailyMeanValid(20), dailyMeanValid(24)]).toEqual([false, true, true]);
    expect([eightHourMeanValid(5), eightHourMeanValid(6)]).toEqual([false, true]);
    expect([hourlyMeanValid(44), hourlyMeanValid(45)]).toEqual([false, true]);
  });

  it('needs 27 days a month, 25 in February', () => {
    expect([monthlyMinDays(1), monthlyMinDays(2), monthlyMinDays(12)]).toEqual([27, 25, 27]);
  });

  it('needs 324 days a year with every month at its minimum', () => {
    // 27 days in ten months, 25 in February, 28 in January and March: 11·27 + 25 + 2 = 324.
    const months = (jan: number, feb: number) => [firstDays(2023, 1, jan), firstDays(2023, 2, feb), firstDays(2023, 3, 28), ...[4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => firstDays(2023, m, 27))].flat();
    expect(yearValidity(months(28, 25))).toMatchObject({ validDays: 324, shortMonths: [], ok: true });
    expect(yearValidity(months(27, 25))).toMatchObject({ validDays: 323, shortMonths: [], ok: false });
    expect(yearValidity(months(28, 24))).toMatchObject({ validDays: 323, shortMonths: [2], ok: false });
    // A full year without most of March: 365 − 31 + 26 = 360 days, but March is short.
    const noMarch = [...dates(2023).filter((d) => !d.startsWith('2023-03')), ...firstDays(2023, 3, 26)];
    expect(yearValidity(noMarch)).toMatchObject({ validDays: 360, shortMonths: [3], ok: false });
  });
});

describe('HJ 663-2013 附录A percentile: k = 1 + (n − 1)·p%, m = X(s) + (X(s+1) − X(s))·(k − s)', () => {
  it.each([
    [[1, 2, 3, 4, 5], 50, 3], // k = 3
    [[5, 3, 1, 4, 2], 90, 4.6], // k = 4.6: 4 + 1·0.6
    [[10, 20, 30, 40], 95, 38.5], // k = 3.85: 30 + 10·0.85
    [[10, 20, 30, 40], 90, 37], // k = 3.7
    [[7], 95, 7], // k = 1
    [[3, 9], 100, 9],
    [[3, 9], 0, 3],
    [[1.0, 1.1], 95, 1.095], // k = 1.95: 1.0 + 0.1·0.95
  ])('%o p%s = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 12);
  });

  it('on 1…365: p98 = 357.72, p95 = 346.8, p90 = 328.6', () => {
    const v = Array.from({ length: 365 }, (_, i) => 365 - i);
    expect(percentile(v, 98)).toBeCloseTo(357.72, 10); // k = 1 + 364·0.98
    expect(percentile(v, 95)).toBeCloseTo(346.8, 10); // k = 1 + 364·0.95 = 346.8
    expect(percentile(v, 90)).toBeCloseTo(328.6, 10); // k = 1 + 364·0.9 = 328.6
  });
});

describe('city values and reporting precision', () => {
  it('averages the stations that have a value and rounds by GB/T 8170', () => {
    expect(cityValue('PM2.5', [30, 33, null, 35])).toBe(33); // 98/3 = 32.67
    expect(cityValue('CO', [0.8, 0.9])).toBe(0.8); // 0.85 → even
    expect(cityValue('PM2.5', [35, 36])).toBe(36); // 35.5 → even
    expect(cityValue('PM2.5', [36, 37])).toBe(36); // 36.5 → even
    expect(cityValue('O3', [null, undefined])).toBeNull();
    expect(roundConcentration('CO', 1.095)).toBe(1.1);
  });

  it('gives the number the exact fractions give, whole units or not', () => {
    // A small deterministic generator: the same cases on every run.
    let seed = 21;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pollutants = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'] as const;
    for (let t = 0; t < 4000; t++) {
      const p = pollutants[t % 6]!;
      const n = 1 + Math.floor(rnd() * 40);
      const kind = t % 5;
      const values = Array.from({ length: n }, () => {
        if (rnd() < 0.1) return null;
        const units = Math.floor(rnd() * (kind === 4 ? 3e9 : 500));
        // station days (whole units), then values with more places, which must fall back to fractions
        return kind === 3 ? units / 100 : p === 'CO' ? units / 10 : units;
      });
      expect(cityValue(p, values)).toBe(cityValueExact(p, values));
    }
    // ties round to even; a value below the unit or one too large takes the exact way and gives the same
    expect(cityValue('CO', [0.1, 0.2])).toBe(cityValueExact('CO', [0.1, 0.2]));
    expect(cityValue('CO', [0.3, 0.2, 0.1, 0.2])).toBe(0.2);
    expect(cityValue('SO2', [2 ** 40, 1])).toBe(cityValueExact('SO2', [2 ** 40, 1]));
    expect(cityValue('NO2', [0.5, 0.5])).toBe(0);
    expect(cityValue('NO2', [1.5, 1])).toBe(cityValueExact('NO2', [1.5, 1]));
  });
});

describe('annual statistics', () => {
  const good: Omit<DayRecord, 'date'> = { so2: 10, no2: 30, pm10: 60, pm25: 30, co: 1.0, o3_8h_max: 150 };

  it('computes the day AQI from all six pollutants, or takes the given one', () => {
    // so2 10 → 10; no2 30 → 37.5 → 38; pm10 60 → 55; pm25 30 → 42.9 → 43; co 1.0 → 25; o3 150 → 91.7 → 92.
    expect(dayAqi({ date: '2023-01-01', ...good })).toBe(92);
    // o3_1h_max 250 → 100 + 50·50/100 = 125.
    expect(dayAqi({ date: '2023-01-01', ...good, o3_1h_max: 250 })).toBe(125);
    expect(dayAqi({ date: '2023-01-01', ...good, pm25: null })).toBeNull();
    expect(dayAqi({ date: '2023-01-01', aqi: 77 })).toBe(77);
  });

  it('counts good, exceedance and heavy days from given AQIs', () => {
    const aqis = [30, 50, 51, 100, 101, 150, 151, 200, 201, 301];
    const r = annualStatistics(aqis.map((aqi, i) => ({ date: `2023-01-${String(i + 1).padStart(2, '0')}`, aqi })));
    expect(r).toMatchObject({ year: 2023, days: 10, validDays: 10, incompleteDays: 0, goodDays: 4, goodRatio: 40, exceedanceDays: 6, heavyPollutionDays: 2 });
    expect(r.levelDays).toEqual({ 优: 2, 良: 2, 轻度污染: 2, 中度污染: 2, 重度污染: 1, 严重污染: 1 });
    expect(r.pm25Mean).toBeNull();
    expect(r.meetsValidity).toBe(false);
    expect(r.attainsAll).toBeNull();
  });

  it('rounds the good-day ratio to 0.1 % (1 of 16 = 6.25 → 6.2)', () => {
    const days = firstDays(2023, 1, 16).map((date, i) => ({ date, aqi: i === 0 ? 40 : 120 }));
    expect(annualStatistics(days)).toMatchObject({ goodDays: 1, validDays: 16, goodRatio: 6.2 });
  });

  it('leaves a day without an AQI and without all six pollutants out of the day counts, not out of its pollutants', () => {
    const r = annualStatistics([
      { date: '2023-05-01', ...good },
      { date: '2023-05-02', ...good, pm25: null, pm10: 80 },
    ]);
    expect(r).toMatchObject({ validDays: 1, incompleteDays: 1, goodDays: 1, goodRatio: 100, pm10Mean: 70, pm25Mean: 30 });
    expect(r.pollutants.pm25.validDays).toBe(1);
    expect(r.pollutants.pm10.validDays).toBe(2);
  });

  it('gives a full clean year its means, percentiles and attainment', () => {
    const r = annualStatistics(dates(2023).map((date) => ({ date, ...good })));
    expect(r).toMatchObject({ validDays: 365, goodDays: 365, goodRatio: 100, so2Mean: 10, no2Mean: 30, pm10Mean: 60, pm25Mean: 30, co95: 1, o3_90: 150, so2_98: 10, pm25_95: 30, meetsValidity: true, attainsAll: true });
  });

  it('finds 20 PM2.5 exceedance days, the 95th percentile above 75 and no attainment', () => {
    // 345 days at 30, 20 at 80 (IAQI 100 + 50·5/40 = 106.25 → 107). Mean 11950/365 = 32.74 → 33.
    // p95: k = 1 + 364·0.95 = 346.8, X(346) = X(347) = 80. Good days 345/365 = 94.52 % → 94.5.
    const r = annualStatistics(dates(2023).map((date, i) => ({ date, ...good, pm25: i < 20 ? 80 : 30 })));
    expect(r).toMatchObject({ goodDays: 345, exceedanceDays: 20, goodRatio: 94.5, pm25Mean: 33, pm25_95: 80, attainsAll: false });
    expect(r.pollutants.pm25).toMatchObject({ exceedanceDays: 20, mean: 33, percentile: 80, attains: false, meetsValidity: true });
    expect(r.pollutants.so2.attains).toBe(true);
  });

  it('judges the annual mean too: a mean of 36 fails although the 95th percentile is within 75', () => {
    const r = annualStatistics(dates(2023).map((date) => ({ date, ...good, pm25: 36 })));
    expect(r.pollutants.pm25).toMatchObject({ mean: 36, percentile: 36, attains: false });
  });

  it('does not assess a year that misses the validity rules', () => {
    const r = annualStatistics(dates(2023).filter((d) => !d.startsWith('2023-03')).map((date) => ({ date, ...good })));
    expect(r.pollutants.so2).toMatchObject({ validDays: 334, shortMonths: [3], meetsValidity: false, attains: null, mean: 10 });
    expect(r).toMatchObject({ meetsValidity: false, attainsAll: null });
  });

  it('rounds CO to 0.1 mg/m³ and O3 to whole μg/m³', () => {
    // CO: 1.0 on 347 days, 1.1 on 18: p95 k = 346.8 → X(346) = X(347) = 1.0 → 1.0.
    const r = annualStatistics(dates(2023).map((date, i) => ({ date, ...good, co: i < 18 ? 1.1 : 1.0, o3_8h_max: i < 37 ? 170 : 150 })));
    // O3: 37 days at 170, 328 at 150: p90 k = 328.6 → X(328) = 150, X(329) = 170 → 150 + 20·0.6 = 162 > 160.
    expect(r).toMatchObject({ co95: 1, o3_90: 162 });
    expect(r.pollutants.o3_8h_max).toMatchObject({ exceedanceDays: 37, attains: false });
  });

  it('refuses dates across years, duplicates and an O3 8-hour value above 800 without its 1-hour maximum', () => {
    expect(() => annualStatistics([{ date: '2023-12-31' }, { date: '2024-01-01' }])).toThrow(RangeError);
    expect(() => annualStatistics([{ date: '2023-12-31' }, { date: '2023-12-31' }])).toThrow(RangeError);
    expect(() => annualStatistics([{ date: '2023-02-29' }])).toThrow(RangeError);
    expect(() => annualStatistics([])).toThrow(RangeError);
    expect(() => annualStatistics([{ date: '2023-06-01', ...good, o3_8h_max: 801 }])).toThrow(/o3/);
    expect(annualStatistics([{ date: '2023-06-01', ...good, o3_8h_max: 801, o3_1h_max: 900 }]).exceedanceDays).toBe(1);
  });
});
