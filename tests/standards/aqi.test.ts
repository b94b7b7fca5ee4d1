// HJ 633-2012: every breakpoint of 表1 on both sides, the notes of 表1, AQI, primary pollutants and 表2 levels.
// Expected values are worked by hand: IAQI = IAQI_Lo + (IAQI_Hi − IAQI_Lo)·(C − BP_Lo)/(BP_Hi − BP_Lo), rounded up.
// "Below" and "above" are one reporting unit away (1 μg/m³; CO 0.1 mg/m³), e.g. no2_24h 41: 50 + 50·1/40 = 51.25 → 52.
import { describe, expect, it } from 'vitest';
import { AqiInputError, BREAKPOINTS, dailyAqi, hourlyAqi, levelOf, subIndex, type Column } from '../../src/standards/aqi.js';

const ROWS: Record<Column, [number, number | null][]> = {
  so2_24h: [[49, 49], [50, 50], [51, 51], [149, 100], [150, 100], [151, 101], [474, 150], [475, 150], [476, 151], [799, 200], [800, 200], [801, 201], [1599, 300], [1600, 300], [1601, 301], [2099, 400], [2100, 400], [2101, 401], [2619, 500], [2620, 500], [2621, 500]],
  so2_1h: [[149, 50], [150, 50], [151, 51], [499, 100], [500, 100], [501, 101], [649, 150], [650, 150], [651, 151], [799, 200], [800, 200], [801, null]],
  no2_24h: [[39, 49], [40, 50], [41, 52], [79, 99], [80, 100], [81, 101], [179, 150], [180, 150], [181, 151], [279, 200], [280, 200], [281, 201], [564, 300], [565, 300], [566, 301], [749, 400], [750, 400], [751, 401], [939, 500], [940, 500], [941, 500]],
  no2_1h: [[99, 50], [100, 50], [101, 51], [199, 100], [200, 100], [201, 101], [699, 150], [700, 150], [701, 151], [1199, 200], [1200, 200], [1201, 201], [2339, 300], [2340, 300], [2341, 301], [3089, 400], [3090, 400], [3091, 401], [3839, 500], [3840, 500], [3841, 500]],
  pm10_24h: [[49, 49], [50, 50], [51, 51], [149, 100], [150, 100], [151, 101], [249, 150], [250, 150], [251, 151], [349, 200], [350, 200], [351, 202], [419, 299], [420, 300], [421, 302], [499, 399], [500, 400], [501, 401], [599, 499], [600, 500], [601, 500]],
  co_24h: [[1.9, 48], [2, 50], [2.1, 53], [3.9, 98], [4, 100], [4.1, 101], [13.9, 150], [14, 150], [14.1, 151], [23.9, 200], [24, 200], [24.1, 201], [35.9, 300], [36, 300], [36.1, 301], [47.9, 400], [48, 400], [48.1, 401], [59.9, 500], [60, 500], [60.1, 500]],
  co_1h: [[4.9, 49], [5, 50], [5.1, 51], [9.9, 99], [10, 100], [10.1, 101], [34.9, 150], [35, 150], [35.1, 151], [59.9, 200], [60, 200], [60.1, 201], [89.9, 300], [90, 300], [90.1, 301], [119.9, 400], [120, 400], [120.1, 401], [149.9, 500], [150, 500], [150.1, 500]],
  o3_1h: [[159, 50], [160, 50], [161, 52], [199, 99], [200, 100], [201, 101], [299, 150], [300, 150], [301, 151], [399, 200], [400, 200], [401, 201], [799, 300], [800, 300], [801, 301], [999, 400], [1000, 400], [1001, 401], [1199, 500], [1200, 500], [1201, 500]],
  o3_8h: [[99, 50], [100, 50], [101, 51], [159, 100], [160, 100], [161, 101], [214, 150], [215, 150], [216, 151], [264, 199], [265, 200], [266, 201], [799, 300], [800, 300], [801, null]],
  pm25_24h: [[34, 49], [35, 50], [36, 52], [74, 99], [75, 100], [76, 102], [114, 149], [115, 150], [116, 152], [149, 199], [150, 200], [151, 201], [249, 299], [250, 300], [251, 301], [349, 399], [350, 400], [351, 401], [499, 500], [500, 500], [501, 500]],
};

describe('HJ 633-2012 表1 breakpoints', () => {
  it('transcribes the table (IAQI 0/50/100/150/200/300/400/500)', () => {
    expect(BREAKPOINTS).toEqual({
      so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
      so2_1h: [0, 150, 500, 650, 800],
      no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
      no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
      pm10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
      co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
      co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
      o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
      o3_8h: [0, 100, 160, 215, 265, 800],
      pm25_24h: [0, 35, 75, 115, 150, 250, 350, 500],
    });
  });

  for (const [column, rows] of Object.entries(ROWS) as [Column, [number, number | null][]][]) {
    it.each(rows)(`${column} %s → %s`, (c, expected) => {
      expect(subIndex(column, c)).toBe(expected);
    });
    it(`${column} 0 → 0`, () => expect(subIndex(column, 0)).toBe(0));
  }

  it('rounds up the exact value, not its binary approximation', () => {
    // co_1h 0.3: 50·0.3/5 = 3 exactly (in doubles 10·0.3 = 3.0000000000000004, which would round up to 4).
    expect(subIndex('co_1h', 0.3)).toBe(3);
    // co_24h 0.7: 50·0.7/2 = 17.5 → 18.
    expect(subIndex('co_24h', 0.7)).toBe(18);
    // pm25_24h 100: 100 + 50·25/40 = 131.25 → 132.
    expect(subIndex('pm25_24h', 100)).toBe(132);
    // pm25_24h 75.1: 100 + 50·0.1/40 = 100.125 → 101.
    expect(subIndex('pm25_24h', 75.1)).toBe(101);
  });

  it('refuses a negative concentration', () => {
    expect(() => subIndex('pm25_24h', -1)).toThrow(RangeError);
  });
});

describe('HJ 633-2012 表2 levels and 附录A colours', () => {
  it.each([
    [0, 1, '优', '#00E400'],
    [50, 1, '优', '#00E400'],
    [51, 2, '良', '#FFFF00'],
    [100, 2, '良', '#FFFF00'],
    [101, 3, '轻度污染', '#FF7E00'],
    [150, 3, '轻度污染', '#FF7E00'],
    [151, 4, '中度污染', '#FF0000'],
    [200, 4, '中度污染', '#FF0000'],
    [201, 5, '重度污染', '#99004C'],
    [300, 5, '重度污染', '#99004C'],
    [301, 6, '严重污染', '#7E0023'],
    [500, 6, '严重污染', '#7E0023'],
  ])('AQI %s is level %s %s', (aqi, level, category, hex) => {
    const info = levelOf(aqi);
    expect([info.level, info.category, info.colour.hex]).toEqual([level, category, hex]);
  });

  it('gives the RGB and CMYK of 附录A', () => {
    expect(levelOf(250).colour).toMatchObject({ name: '紫色', rgb: [153, 0, 76], cmyk: [10, 100, 40, 30] });
    expect(levelOf(400).colour).toMatchObject({ name: '褐红色', rgb: [126, 0, 35], cmyk: [30, 100, 100, 30] });
  });

  it('refuses a non-integer AQI', () => {
    expect(() => levelOf(50.5)).toThrow(RangeError);
  });
});

describe('daily AQI (日报)', () => {
  it('takes the maximum IAQI and names the primary pollutant', () => {
    // pm25 100 → 132; pm10 120 → 50 + 50·70/100 = 85; o3_8h 120 → 50 + 50·20/60 = 66.67 → 67; no2 30 → 37.5 → 38.
    const r = dailyAqi({ pm25_24h: 100, pm10_24h: 120, o3_8h: 120, no2_24h: 30 });
    expect(r).toMatchObject({ standard: 'HJ 633-2012', period: 'daily', aqi: 132, iaqi: { pm25_24h: 132, pm10_24h: 85, o3_8h: 67, no2_24h: 38 }, primaryPollutants: ['PM2.5'], exceedingPollutants: ['PM2.5'], level: 3, category: '轻度污染' });
  });

  it('lists every pollutant tied at the AQI, once each', () => {
    // pm10 150 and pm25 75 are both 100; o3_1h 200 and o3_8h 160 are both 100 (one pollutant, O3).
    expect(dailyAqi({ pm10_24h: 150, pm25_24h: 75, o3_1h: 200, o3_8h: 160, so2_24h: 10 }).primaryPollutants).toEqual(['PM10', 'PM2.5', 'O3']);
  });

  it('has no primary pollutant at AQI ≤ 50 and one from 51', () => {
    expect(dailyAqi({ pm25_24h: 35, so2_24h: 50 })).toMatchObject({ aqi: 50, primaryPollutants: [], level: 1 });
    expect(dailyAqi({ so2_24h: 51, pm25_24h: 30 })).toMatchObject({ aqi: 51, primaryPollutants: ['SO2'], level: 2 });
  });

  it('counts exceeding pollutants only above IAQI 100', () => {
    expect(dailyAqi({ pm25_24h: 75, pm10_24h: 151 }).exceedingPollutants).toEqual(['PM10']);
  });

  it('表1 注(3): o3_8h above 800 is not indexed; ozone is indexed by its 1-hour maximum', () => {
    // o3_1h 801: 300 + (400 − 300)·1/(1000 − 800) = 300.5 → 301; pm25 50: 50 + 50·15/40 = 68.75 → 69.
    const r = dailyAqi({ o3_8h: 801, o3_1h: 801, pm25_24h: 50 });
    expect(r.iaqi).toEqual({ o3_1h: 301, pm25_24h: 69 });
    expect(r).toMatchObject({ aqi: 301, primaryPollutants: ['O3'], level: 6 });
    expect(r.notes[0]).toContain('注(3)');
    // At 800 exactly the 8-hour value is still indexed (300); o3_1h 700: 200 + 100·300/400 = 275.
    expect(dailyAqi({ o3_8h: 800, o3_1h: 700 }).iaqi).toEqual({ o3_8h: 300, o3_1h: 275 });
    expect(() => dailyAqi({ o3_8h: 801 })).toThrow(AqiInputError);
  });

  it('caps a concentration above the last breakpoint at 500 and says so', () => {
    expect(dailyAqi({ pm25_24h: 600 })).toMatchObject({ aqi: 500, aboveTable: ['pm25_24h'], level: 6 });
    expect(dailyAqi({ pm25_24h: 500 }).aboveTable).toEqual([]);
  });

  it('needs at least one concentration', () => {
    expect(() => dailyAqi({})).toThrow(AqiInputError);
  });
});

describe('hourly AQI (实时报)', () => {
  it('uses the 1-hour rows of SO2, NO2, CO and O3 and the particulate rows for PM', () => {
    // no2_1h 201 → 101; so2_1h 150 → 50; co_1h 10 → 100; pm25_1h 76 → 100 + 50·1/40 = 101.25 → 102.
    const r = hourlyAqi({ no2_1h: 201, so2_1h: 150, co_1h: 10, pm25_1h: 76, pm10_1h: 50, o3_1h: 160 });
    expect(r).toMatchObject({ period: 'hourly', aqi: 102, iaqi: { no2_1h: 101, so2_1h: 50, co_1h: 100, pm25_1h: 102, pm10_1h: 50, o3_1h: 50 }, primaryPollutants: ['PM2.5'], exceedingPollutants: ['NO2', 'PM2.5'] });
  });

  it('表1 注(2): so2_1h above 800 is not indexed; SO2 is indexed by its 24-hour mean', () => {
    // so2_24h 151 → 101.
    const r = hourlyAqi({ so2_1h: 801, so2_24h: 151, no2_1h: 30 });
    expect(r.iaqi).toEqual({ so2_24h: 101, no2_1h: 15 });
    expect(r).toMatchObject({ aqi: 101, primaryPollutants: ['SO2'] });
    expect(r.notes[0]).toContain('注(2)');
    // At 800 the 1-hour value is indexed (200) and the 24-hour mean is not used.
    expect(hourlyAqi({ so2_1h: 800, so2_24h: 2000 }).iaqi).toEqual({ so2_1h: 200 });
    expect(() => hourlyAqi({ so2_1h: 801 })).toThrow(AqiInputError);
  });
});
