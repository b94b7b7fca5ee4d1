// Editions by date (China Standard Time natural day) and by name; GB 3095-2026 limits by phase; the annual assessment
// of one series under the transitional and the final limits; a year spanning the switch. Values worked by hand.
import { describe, expect, it } from 'vitest';
import { annualStatistics, annualStatisticsExact, exceedsLimit, limitOf, type DayRecord } from '../../src/standards/airAssessment.js';
import { aqiStandardOn, coverage, cstDate, editionsAt, editionsOn, qualityStandardOn, standardByName } from '../../src/standards/editions.js';

describe('the edition in force on a day', () => {
  it('switches at 2026-03-01 00:00 China Standard Time', () => {
    expect(editionsOn('2026-02-28')).toEqual({ aqi: 'HJ 633-2012', quality: 'GB 3095-2012', phase: null, assessment: 'HJ 663-2013' });
    expect(editionsOn('2026-03-01')).toEqual({ aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional', assessment: 'HJ 663-2026' });
    // Instants: the last second of 28 February CST, midnight CST, and that midnight written in UTC (16:00 the day before).
    expect(editionsAt(Date.parse('2026-02-28T23:59:59+08:00')).aqi).toBe('HJ 633-2012');
    expect(editionsAt(Date.parse('2026-03-01T00:00:00+08:00')).aqi).toBe('HJ 633-2026');
    expect(editionsAt(new Date('2026-02-28T16:00:00Z')).aqi).toBe('HJ 633-2026');
    expect(editionsAt(new Date('2026-02-28T15:59:59Z')).aqi).toBe('HJ 633-2012');
    expect(cstDate(Date.parse('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
  });

  it('GB 3095-2026 phases: transitional to 2030-12-31, final from 2031-01-01', () => {
    expect(qualityStandardOn('2030-12-31')).toEqual({ standard: 'GB 3095-2026', phase: 'transitional' });
    expect(qualityStandardOn('2031-01-01')).toEqual({ standard: 'GB 3095-2026', phase: 'final' });
    expect(qualityStandardOn('2020-07-01')).toEqual({ standard: 'GB 3095-2012', phase: null });
  });

  it('refuses a date that is not a real day', () => {
    expect(() => aqiStandardOn('2026-02-29')).toThrow(RangeError);
    expect(() => aqiStandardOn('2026-3-1')).toThrow(RangeError);
  });

  it('names: normalised, unknown → null; coverage of a named edition', () => {
    expect(standardByName('hj633-2026')).toBe('HJ 633-2026');
    expect(standardByName('GB 3095—2026')).toBe('GB 3095-2026');
    expect(standardByName('HJ 633-2020')).toBeNull();
    expect(coverage('HJ 633-2026', '2025-06-01')).toBe('before');
    expect(coverage('HJ 633-2012', '2026-06-01')).toBe('withdrawn');
    expect(coverage('HJ 633-2012', '2026-02-28')).toBe('inForce');
    expect(coverage('GB 3095-2026', '2027-01-01', 'final')).toBe('before');
    expect(coverage('GB 3095-2026', '2031-01-01', 'transitional')).toBe('withdrawn');
  });
});

describe('GB 3095-2026 表1 limits by phase (二级 unless stated)', () => {
  const T = { standard: 'GB 3095-2026', phase: 'transitional' } as const;
  const F = { standard: 'GB 3095-2026', phase: 'final' } as const;
  it('transitional: PM10 60/120, PM2.5 30/60, the rest as 2012', () => {
    expect([limitOf('PM10', 'annual', 2, T), limitOf('PM10', '24h', 2, T), limitOf('PM2.5', 'annual', 2, T), limitOf('PM2.5', '24h', 2, T)]).toEqual([60, 120, 30, 60]);
    expect([limitOf('SO2', 'annual', 2, T), limitOf('NO2', '24h', 2, T), limitOf('O3', '8h', 2, T), limitOf('CO', '24h', 2, T)]).toEqual([60, 80, 160, 4]);
    expect(limitOf('PM2.5', 'annual', 1, T)).toBe(15);
  });
  it('final: PM10 50/100, PM2.5 25/50, SO2 20/50/150, NO2 30/50; grade I PM2.5 10/25', () => {
    expect([limitOf('PM10', 'annual', 2, F), limitOf('PM10', '24h', 2, F), limitOf('PM2.5', 'annual', 2, F), limitOf('PM2.5', '24h', 2, F)]).toEqual([50, 100, 25, 50]);
    expect([limitOf('SO2', 'annual', 2, F), limitOf('SO2', '24h', 2, F), limitOf('SO2', '1h', 2, F), limitOf('NO2', 'annual', 2, F), limitOf('NO2', '24h', 2, F)]).toEqual([20, 50, 150, 30, 50]);
    expect([limitOf('PM2.5', 'annual', 1, F), limitOf('PM2.5', '24h', 1, F)]).toEqual([10, 25]);
  });
  it('equal meets, above exceeds; 2012 stays the default', () => {
    expect(exceedsLimit('PM2.5', '24h', 60, 2, T)).toBe(false);
    expect(exceedsLimit('PM2.5', '24h', 60.1, 2, T)).toBe(true);
    expect(limitOf('PM2.5', '24h')).toBe(75);
  });
});

/** Every day of a year: PM2.5 20 on the first 300 days, 55 on the remaining ones; the other pollutants low and constant. */
function series(year: number): DayRecord[] {
  const out: DayRecord[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)), i = 0; d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000), i++)
    out.push({ date: d.toISOString().slice(0, 10), so2: 5, no2: 20, pm10: 40, pm25: i < 300 ? 20 : 55, co: 0.5, o3_8h_max: 100 });
  return out;
}

describe('one annual series under the transitional and the final limits', () => {
  // 2027 (365 days): PM2.5 mean (300·20 + 65·55)/365 = 9575/365 = 26.2 → 26; P95: k = 1 + 364·0.95 = 346.8, X(346) = X(347)
  // = 55 → 55. Transitional 30/60: attains; final 25/50: neither. Days above 60: none; above 50: the 65 days of 55.
  // Daily AQI (HJ 633-2026): PM2.5 55 → 50 + 50·20/25 = 90, every day good.
  it('attains PM2.5 under the transitional limits in force in 2027', () => {
    const s = annualStatistics(series(2027));
    expect(s.standards).toMatchObject({ aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional', assessment: 'HJ 663-2026', assessmentMethod: { zh: '按 HJ 663-2013 方法（HJ 663-2026 未核实）', en: 'by the HJ 663-2013 method (HJ 663-2026 not verified)' } });
    expect(s.pollutants.pm25).toMatchObject({ mean: 26, percentile: 55, annualLimit: 30, dailyLimit: 60, exceedanceDays: 0, attains: true });
    expect(s).toMatchObject({ comparison: false, goodDays: 365, goodRatio: 100, attainsAll: true, rule: null });
  });

  it('fails PM2.5 under the final limits (a comparison before 2031, in force from 2031)', () => {
    const set = { aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase: 'final', assessment: 'HJ 663-2026' } as const;
    const s = annualStatistics(series(2027), { editions: set });
    expect(s.pollutants.pm25).toMatchObject({ mean: 26, percentile: 55, annualLimit: 25, dailyLimit: 50, exceedanceDays: 65, attains: false });
    expect(s).toMatchObject({ comparison: true, attainsAll: false, standards: { phase: 'final' } });
    expect(annualStatisticsExact(series(2027), { editions: set })).toEqual(s);
    // 2031 by date takes the final limits without being named. 2031 has 365 days too: the same figures.
    const y2031 = annualStatistics(series(2031));
    expect(y2031).toMatchObject({ comparison: false, standards: { phase: 'final' }, attainsAll: false, pollutants: { pm25: { attains: false, exceedanceDays: 65 } } });
  });

  it('refuses the 2012 editions for days after their withdrawal', () => {
    const set = { aqi: 'HJ 633-2012', quality: 'GB 3095-2012', phase: null, assessment: 'HJ 663-2013' } as const;
    expect(() => annualStatistics(series(2027), { editions: set })).toThrow(/HJ 633-2012/);
  });
});

describe('a year spanning the switch (2026)', () => {
  // PM2.5 61 every day, the rest low. Before 1 March (HJ 633-2012): 50 + 50·26/40 = 82.5 → 83, good. From 1 March
  // (HJ 633-2026): 100 + 50·1/55 = 100.9 → 101, not good. Daily limit 75 (2012) vs 60 (2026 transitional).
  const days: DayRecord[] = ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'].map((date) => ({ date, so2: 5, no2: 20, pm10: 40, pm25: 61, co: 0.5, o3_8h_max: 100 }));
  it('computes each day by its own edition and states the rule', () => {
    const s = annualStatistics(days);
    expect(s).toMatchObject({ validDays: 4, goodDays: 2, goodRatio: 50, exceedanceDays: 2, comparison: false, standards: { aqi: 'HJ 633-2012 + HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional' } });
    expect(s.aqiPeriods).toEqual([
      { standard: 'HJ 633-2012', from: '2026-02-27', to: '2026-02-28', days: 2, validDays: 2, goodDays: 2 },
      { standard: 'HJ 633-2026', from: '2026-03-01', to: '2026-03-02', days: 2, validDays: 2, goodDays: 0 },
    ]);
    expect(s.pollutants.pm25.exceedanceDays).toBe(2);
    expect(s.rule!.zh).toContain('当日施行');
    expect(annualStatisticsExact(days)).toEqual(s);
  });

  it('re-assessed under the 2026 editions: no good day, a comparison', () => {
    const s = annualStatistics(days, { editions: { aqi: 'HJ 633-2026', quality: 'GB 3095-2026', phase: 'transitional', assessment: 'HJ 663-2026' } });
    expect(s).toMatchObject({ goodDays: 0, goodRatio: 0, comparison: true, rule: null, standards: { aqi: 'HJ 633-2026' } });
    expect(s.pollutants.pm25.exceedanceDays).toBe(4);
  });

  it('HJ 633-2026 5.3.1 in the day counts: a day missing a pollutant counts only when its AQI is above 100', () => {
    const gappy: DayRecord[] = [
      { date: '2026-04-01', pm25: 61 }, // 101 > 100: a valid, polluted day
      { date: '2026-04-02', pm25: 30 }, // 43, NA
      { date: '2026-02-01', pm25: 61 }, // HJ 633-2012: all six needed, no AQI
    ];
    const s = annualStatistics(gappy);
    expect(s).toMatchObject({ validDays: 1, goodDays: 0, exceedanceDays: 1, incompleteDays: 2 });
    expect(annualStatisticsExact(gappy)).toEqual(s);
  });
});
