// Daily values, AQI, region values and indicators 7, 8, 9, 10, 29 on small datasets worked out by hand.
import { describe, expect, it } from 'vitest';
import { dayValues, newDayBuffer, regionDays, stationDays, type StationDay } from '../../src/monitoring/air.js';
import { airIndicators, waterIndicators, withinArea, type MeasureTargets, type SectionInput, type StationInput } from '../../src/monitoring/indicators.js';
import { hourLabel, parseHourLabel, readHour } from '../../src/monitoring/time.js';
import { sectionYear, type SectionInfo } from '../../src/monitoring/water.js';
import { dailyAqi } from '../../src/standards/aqi.js';
import { prng } from '../../src/monitoring/synthetic.js';

const COLS = { so2: 0, no2: 1, pm10: 2, pm25: 3, co: 4, o3: 5 } as const;
/** A day buffer with every hour of every column set to a constant (or per-hour values for some columns). */
function day(values: Partial<Record<keyof typeof COLS, number | number[]>>) {
  const b = newDayBuffer();
  for (const [k, v] of Object.entries(values) as [keyof typeof COLS, number | number[]][])
    for (let s = 0; s < 24; s++) b[COLS[k] * 24 + s] = Array.isArray(v) ? (v[s] ?? NaN) : v;
  return b;
}

describe('hour labels (hour-ending, China Standard Time)', () => {
  it('T00 is the 24th hour of the day before; T01 the first of its own day', () => {
    const midnight = parseHourLabel('2023-01-02T00')!;
    expect(hourLabel(midnight.day, midnight.slot)).toBe('2023-01-02T00');
    expect(midnight.slot).toBe(24);
    expect(parseHourLabel('2023-01-01T01')).toEqual({ day: midnight.day, slot: 1 });
    expect(parseHourLabel('2023-02-29T01')).toBeNull();
  });
  it('reads user times: 24:00, offsets, and refuses the rest', () => {
    const now = Date.parse('2024-01-01T00:00:00+08:00');
    expect(readHour('2023-01-01 24:00', now)).toEqual(parseHourLabel('2023-01-02T00'));
    expect(readHour('2023-01-01T16:00:00Z', now)).toEqual(parseHourLabel('2023-01-02T00')); // 16:00 UTC = 24:00 CST
    expect(readHour('2023-01-01 10:30', now)).toBe('notOnTheHour');
    expect(readHour('2023-02-29 10:00', now)).toBe('calendar');
    expect(readHour('2023-01-01', now)).toBe('format');
    expect(readHour('2024-01-01 01:00', now)).toBe('future');
  });
});

describe('daily values (GB 3095-2012 表4, HJ 663-2013) and AQI (HJ 633-2012)', () => {
  it('24-hour means need 20 hours; means are rounded once by GB/T 8170', () => {
    // PM2.5: 20 hours, ten of 35 and ten of 36 → 710/20 = 35.5 → 36 (half to even: 35 is odd, rounds up).
    // PM10: 20 hours, ten of 36 and ten of 37 → 36.5 → 36 (half to even).
    // SO2: 19 hours → no valid 24-hour mean. CO: 24 hours of 0.85 → 0.85 → 0.8 (half to even).
    const pm25 = [...Array(10).fill(35), ...Array(10).fill(36)];
    const pm10 = [...Array(10).fill(36), ...Array(10).fill(37)];
    const d = dayValues('2023-05-01', day({ pm25, pm10, so2: Array(19).fill(5), co: 0.85 }));
    expect([d.pm25, d.pm10, d.so2, d.co]).toEqual([36, 36, null, 0.8]);
    expect(d.hours).toMatchObject({ pm25: 20, so2: 19, co: 24, o3: 0 });
    expect(d.aqi).toBeNull(); // SO2 and O3 missing: no AQI (all six are required)
  });

  it('O3 daily maximum 8-hour mean: windows ending 08:00–24:00, each with 6 hours; 14 windows needed', () => {
    // O3 = 10 in slots 1–16 and 100 in slots 17–24. The window ending at 24 (slots 17–24) averages 100; the best.
    const o3 = [...Array(16).fill(10), ...Array(8).fill(100)];
    expect(dayValues('2023-05-01', day({ o3 })).o3_8h_max).toBe(100);
    // Slots 22–24 missing: the window ending 24 has 5 hours (invalid); ending 23 has slots 16–21 = 10 + 5·100 over 6
    // hours = 85; ending 22: (2·10 + 5·100)/7 = 74.3; ending 21: (3·10 + 5·100)/8 = 66.25. 16 valid windows ≥ 14 → 85.
    const gap = [...o3.slice(0, 21), NaN, NaN, NaN];
    expect(dayValues('2023-05-01', day({ o3: gap })).o3_8h_max).toBe(85);
    // Only slots 1–12 measured: windows ending 8–12 have ≥ 6 hours… up to the one ending 18 (slots 11–18: 2 hours, no).
    // Windows ending 8..16 have 12−(end−8)… ending 8: 8 h, 9: 8, 10: 8, 11: 8, 12: 8, 13: 7, 14: 6, 15: 5 → 7 valid < 14.
    expect(dayValues('2023-05-01', day({ o3: Array(12).fill(50) })).o3_8h_max).toBeNull();
    // The same with 170 μg/m³: fewer than 14 windows, but above the 二级 limit of 160, so it stands.
    expect(dayValues('2023-05-01', day({ o3: Array(12).fill(170) })).o3_8h_max).toBe(170);
  });

  it('the day AQI by hand: PM2.5 75 → IAQI 100 is the largest; primary pollutant PM2.5; 良', () => {
    // SO2 10 → 10·50/50 = 10; NO2 40 → 50; PM10 50 → 50; PM2.5 75 → 100; CO 1 → 25; O3 8h 100 → 50; O3 1h max 160 → 50.
    const d = dayValues('2023-05-01', day({ so2: 10, no2: 40, pm10: 50, pm25: 75, co: 1, o3: [...Array(16).fill(100), ...Array(8).fill(100)] }));
    expect(d).toMatchObject({ aqi: 100, level: 2, category: '良', color: '#FFFF00', primaryPollutants: ['PM2.5'] });
    // 75.4 → 75 (whole μg/m³) → still 100; 75.6 → 76 → 100 + 50/40·1 = 101.25 → 102, 轻度污染.
    expect(dayValues('2023-05-01', day({ so2: 10, no2: 40, pm10: 50, pm25: 75.6, co: 1, o3: 100 })).aqi).toBe(102);
  });

  it('agrees with the standards module’s dailyAqi on random days (a second implementation, not the oracle)', () => {
    const rnd = prng(42);
    for (let i = 0; i < 300; i++) {
      const v = { so2: Math.round(rnd() * 300), no2: Math.round(rnd() * 300), pm10: Math.round(rnd() * 400), pm25: Math.round(rnd() * 300), co: Math.round(rnd() * 200) / 10, o3: Math.round(rnd() * 400) };
      const d = dayValues('2023-05-01', day(v));
      const ref = dailyAqi({ so2_24h: d.so2!, no2_24h: d.no2!, pm10_24h: d.pm10!, pm25_24h: d.pm25!, co_24h: d.co!, o3_8h: d.o3_8h_max!, o3_1h: d.o3_1h_max! });
      expect([d.aqi, d.primaryPollutants]).toEqual([ref.aqi, ref.primaryPollutants]);
    }
  });

  it('a region’s day is the mean of its stations’ valid values, then its AQI', () => {
    const a = dayValues('2023-05-01', day({ so2: 10, no2: 40, pm10: 50, pm25: 35, co: 1, o3: 100 }));
    const b = dayValues('2023-05-01', day({ so2: 10, no2: 40, pm10: 50, pm25: 36, co: 1, o3: 100 }));
    const c = dayValues('2023-05-01', day({ so2: 10, no2: 40, pm10: 50, co: 1, o3: 100 })); // no PM2.5 that day
    const [city] = regionDays([[a], [b], [c]]);
    // PM2.5 (35 + 36)/2 = 35.5 → 36 (station c left out); IAQI 50 + 50/40·1 = 51.25 → 52: 良, primary PM2.5.
    expect(city).toMatchObject({ pm25: 36, aqi: 52, primaryPollutants: ['PM2.5'] });
  });
});

/** A station year: 365 constant days, PM2.5 `normal` except on the first `bad` days of January (100). */
function stationYear(normal: number, bad: number): StationDay[] {
  const hours = [];
  const first = parseHourLabel('2023-01-01T01')!.day;
  for (let d = 0; d < 365; d++)
    for (let slot = 1; slot <= 24; slot++) hours.push({ day: first + d, slot, values: [8, 20, 40, d < bad ? 100 : normal, 0.6, 60] });
  return stationDays(hours);
}

const city = { code: '440200', name: '韶关市', parent: null };
// Shaoguan's numbering of the measures (its indicators.yaml says which indicator each measure is).
const units: MeasureTargets = {
  'air.goodDayRatio': { code: 7, unit: '%' },
  'air.pm25Mean': { code: 8, unit: '微克/立方米' },
  'water.classIToIIIShare': { code: 9, unit: '%' },
  'water.worseThanV': { code: 10, unit: '%' },
  'water.drinkingSourceShare': { code: 29, unit: '%' },
};

describe('indicators 7 and 8 for a region', () => {
  it('by hand: two national stations, ten polluted days', () => {
    // City PM2.5 per day: normal days (20 + 30)/2 = 25, polluted days 100.
    // AQI on polluted days: PM2.5 100 → 100 + 50/40·25 = 131.25 → 132 > 100 → not good. Others: PM2.5 25 → IAQI 36, good.
    // 7: 355 good / 365 valid = 97.26 % → 97.3. 8: (355·25 + 10·100)/365 = 9875/365 = 27.05 → 27.
    const stations: StationInput[] = [
      { code: 'A', regionCode: '440203', level: 'national', isDemo: false, days: stationYear(20, 10) },
      { code: 'B', regionCode: '440204', level: 'national', isDemo: false, days: stationYear(30, 10) },
      { code: 'P', regionCode: '440204', level: 'provincial', isDemo: false, days: stationYear(90, 0) },
    ];
    const [v7, v8] = airIndicators(city, '440200', stations, units);
    expect(v7).toMatchObject({ indicatorCode: 7, value: '97.3', unit: '%', provenance: { used: ['A', 'B'], validDays: 365 } });
    expect(v8).toMatchObject({ indicatorCode: 8, value: '27', unit: '微克/立方米' });
    expect(v7!.provenance.excluded).toEqual([expect.objectContaining({ code: 'P', reasonEn: expect.stringContaining('not a national city station') })]);
    // The county 浈江区 uses its own stations, national or not: B (30) and P (90) → 60 on normal days.
    const [, c8] = airIndicators({ code: '440204', name: '浈江区', parent: '440200' }, '440200', stations, units);
    expect(c8!.value).toBe(String(Math.round((355 * 60 + 10 * 100) / 365))); // (21300 + 1000)/365 = 61.09 → 61
    expect(c8!.value).toBe('61');
  });

  it('a year short of GB 3095-2012 表4 gives no value, and says why', () => {
    // 300 days: January–September is 273 days, then 27 days of October (meets 27); November and December have none.
    const days = stationYear(20, 0).slice(0, 300);
    const [v7, v8] = airIndicators(city, '440200', [{ code: 'A', regionCode: '440203', level: 'national', isDemo: false, days }], units);
    expect(v7!.value).toBeNull();
    expect(v8!.value).toBeNull();
    expect(v7!.provenance.excluded.at(-1)!.reason).toContain('有效日 300 天，11、12 月不足');
  });
});

describe('water: annual class and indicators 9, 10, 29', () => {
  const info = (code: string, over: Partial<SectionInfo> = {}): SectionInfo => ({ code, name: code, river: 'r', waterbody: 'river', assessment: '国考', targetClass: 'II', drinkingWater: false, regionCode: '440200', ...over });
  const s = (code: string, values: [string, string, number][], over: Partial<SectionInfo> = {}): SectionInput => {
    const i = info(code, over);
    return { info: i, isDemo: false, year: sectionYear(i, values.map(([date, item, value]) => ({ date, item, value }))) };
  };

  it('annual means by hand, the share of Ⅰ–Ⅲ and of 劣Ⅴ', () => {
    const x = s('X', [['2023-01-10', 'NH3N', 0.4], ['2023-07-10', 'NH3N', 0.6]]); // mean 0.5 → Ⅱ (≤ 0.5), meets Ⅱ
    const y = s('Y', [['2023-01-10', 'NH3N', 2.1], ['2023-07-10', 'NH3N', 2.3]]); // mean 2.2 → worse than Ⅴ (2.0)
    const z = s('Z', [['2023-01-10', 'NH3N', 0.1]], { assessment: '市考' }); // not counted for 9 and 10
    const w = s('W', [['2023-01-10', 'NH3N', 0.9], ['2023-01-10', 'TP', 0.05]], { drinkingWater: true, assessment: '市考', targetClass: 'III' }); // Ⅲ
    expect(x.year).toMatchObject({ class: 'II', meetsTarget: true, samples: 2 });
    expect(y.year).toMatchObject({ class: '劣V', meetsTarget: false, exceeding: [{ item: 'NH3N', multiple: 1.2 }] }); // (2.2 − 1)/1
    const [v9, v10, v29] = waterIndicators(city, '440200', [x, y, z, w], units);
    // 9: 1 of 2 assessed sections in Ⅰ–Ⅲ = 50.0 %; 10: 1 of 2 worse than Ⅴ = 50.0 %; 29: 1 of 1 source in Ⅰ–Ⅲ = 100.0 %.
    expect(v9).toMatchObject({ value: '50.0', provenance: { used: ['X', 'Y'], sections: 2 } });
    expect(v9!.provenance.excluded.map((e) => e.code)).toEqual(['Z', 'W']);
    expect(v10).toMatchObject({ value: '50.0', state: null });
    expect(v29).toMatchObject({ value: '100.0', provenance: { used: ['W'] } });
  });

  it('no section worse than Ⅴ: indicator 10 is the state 无劣Ⅴ类水体', () => {
    const [, v10, v29] = waterIndicators(city, '440200', [s('X', [['2023-01-10', 'NH3N', 0.4]])], units);
    expect(v10).toMatchObject({ value: '0.0', state: 'noWorseThanClassV' });
    expect(v29!.value).toBeNull();
    expect(v29!.provenance.excluded[0]!.reasonEn).toContain('no drinking-water source');
  });
});

describe('a plan numbers its computed indicators itself', () => {
  const stations: StationInput[] = [{ code: 'A', regionCode: '990121101', level: 'national', isDemo: false, days: stationYear(20, 10) }];
  const county = { code: '990121', name: '示例县', parent: null };

  it('values go to the plan’s own indicators, and a measure the plan lacks is not computed', () => {
    // A county plan whose good-day ratio is indicator 5 and PM2.5 indicator 6, with no drinking-water indicator.
    const air = airIndicators(county, '990121', stations, { 'air.goodDayRatio': { code: 5, unit: '%' }, 'air.pm25Mean': { code: 6, unit: 'μg/m³' } });
    expect(air.map((v) => [v.indicatorCode, v.measure, v.unit])).toEqual([[5, 'air.goodDayRatio', '%'], [6, 'air.pm25Mean', 'μg/m³']]);
    expect(air[0]!.value).toBe('97.3'); // the same computation as Shaoguan's indicator 7 above: 355 of 365 days
    expect(airIndicators(county, '990121', stations, { 'air.pm25Mean': { code: 6, unit: 'μg/m³' } }).map((v) => v.indicatorCode)).toEqual([6]);
    const x: SectionInput = { info: { code: 'X', name: 'X', river: 'r', waterbody: 'river', assessment: '国考', targetClass: 'II', drinkingWater: true, regionCode: '990121102' }, isDemo: false, year: sectionYear({ code: 'X', name: 'X', river: 'r', waterbody: 'river', assessment: '国考', targetClass: 'II', drinkingWater: true, regionCode: '990121102' }, [{ date: '2024-01-10', item: 'NH3N', value: 0.4 }]) };
    expect(waterIndicators(county, '990121', [x], { 'water.classIToIIIShare': { code: 7, unit: '%' }, 'water.worseThanV': { code: 8, unit: '—' } }).map((v) => [v.indicatorCode, v.value, v.state])).toEqual([[7, '100.0', null], [8, '0.0', 'noWorseThanClassV']]);
    expect(waterIndicators(county, '990121', [x], {})).toEqual([]);
  });

  it('the plan’s area by GB/T 2260 code: a city’s counties and towns, a county’s towns, nothing outside', () => {
    expect(withinArea('440200', '440203')).toBe(true);
    expect(withinArea('440200', '440203100')).toBe(true);
    expect(withinArea('440200', '440200')).toBe(true);
    expect(withinArea('440200', '440300')).toBe(false); // Shenzhen is not Shaoguan
    expect(withinArea('990121', '990121101')).toBe(true);
    expect(withinArea('990121', '990122101')).toBe(false); // a neighbouring county of the same city
    expect(withinArea('990121', '990100')).toBe(false); // the city is not in the county
    expect(withinArea('440000', '440203')).toBe(true); // a province holds its cities
    expect(withinArea('440200', null)).toBe(false);
  });
});
