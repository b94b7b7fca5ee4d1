// HJ 633-2026: every node of 表3 and one value inside each segment, notes b and c, the six daily indicators (no O3
// 1-hour), real-time PM on the daily PM columns, GB/T 8170 input rounding, ties, the 1–500 range, the completeness rule
// of 5.3 and the sensitive groups of 表2. Expected values are worked by hand from the table:
// IAQI = IAQI_Lo + (IAQI_Hi − IAQI_Lo)·(C − BP_Lo)/(BP_Hi − BP_Lo), C first rounded (whole μg/m³, CO 0.1 mg/m³), result rounded up.
import { describe, expect, it } from 'vitest';
import { dailyAqi2026, hourlyAqi2026, levelOf2026, subIndex2026 } from '../../src/standards/aqi2026.js';
import { dailyAqi, levelOf, type Column } from '../../src/standards/aqi.js';

const STEPS = [0, 50, 100, 150, 200, 300, 400, 500];
/** HJ 633-2026 表3 as transcribed in /work/shared/reference/air-standards-2026.md §2.5 (one column per row here). */
const TABLE3: Record<Column, number[]> = {
  so2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  so2_1h: [0, 150, 500, 650, 800],
  no2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  no2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  co_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  co_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  o3_8h: [0, 100, 160, 215, 265, 800],
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  pm10_24h: [0, 50, 120, 250, 350, 420, 500, 600],
  pm25_24h: [0, 35, 60, 115, 150, 250, 350, 500],
};

describe('HJ 633-2026 表3: every node', () => {
  for (const [column, nodes] of Object.entries(TABLE3) as [Column, number[]][])
    it.each(nodes.map((c, i) => [c, STEPS[i]!]))(`${column} %s → %s`, (c, iaqi) => expect(subIndex2026(column, c)).toBe(iaqi));

  it('has the two changed cells: PM10 120 and PM2.5 60 are IAQI 100 (2012: 150 and 75)', () => {
    expect(subIndex2026('pm10_24h', 120)).toBe(100);
    expect(subIndex2026('pm25_24h', 60)).toBe(100);
    // 2012 nodes under 2026: PM2.5 75 → 100 + 50·15/55 = 113.6 → 114; PM10 150 → 100 + 50·30/130 = 111.5 → 112.
    expect(subIndex2026('pm25_24h', 75)).toBe(114);
    expect(subIndex2026('pm10_24h', 150)).toBe(112);
  });
});

// One concentration inside each segment, worked by hand (segment lower node + span·(C − BP_Lo)/(BP_Hi − BP_Lo), up).
const INSIDE: Record<Column, [number, number][]> = {
  // 25 → 25; 100 → 50 + 50·50/100 = 75; 300 → 100 + 50·150/325 = 123.08 → 124; 600 → 150 + 50·125/325 = 169.2 → 170;
  // 1000 → 200 + 100·200/800 = 225; 1800 → 300 + 100·200/500 = 340; 2300 → 400 + 100·200/520 = 438.5 → 439
  so2_24h: [[25, 25], [100, 75], [300, 124], [600, 170], [1000, 225], [1800, 340], [2300, 439]],
  // 75 → 25; 300 → 50 + 50·150/350 = 71.4 → 72; 600 → 100 + 50·100/150 = 133.3 → 134; 700 → 150 + 50·50/150 = 166.7 → 167
  so2_1h: [[75, 25], [300, 72], [600, 134], [700, 167]],
  // 20 → 25; 60 → 75; 130 → 125; 230 → 175; 400 → 200 + 100·120/285 = 242.1 → 243; 600 → 300 + 100·35/185 = 318.9 → 319;
  // 800 → 400 + 100·50/190 = 426.3 → 427
  no2_24h: [[20, 25], [60, 75], [130, 125], [230, 175], [400, 243], [600, 319], [800, 427]],
  // 50 → 25; 150 → 75; 450 → 125; 950 → 175; 1500 → 200 + 100·300/1140 = 226.3 → 227; 2500 → 300 + 100·160/750 = 321.3 → 322;
  // 3500 → 400 + 100·410/750 = 454.7 → 455
  no2_1h: [[50, 25], [150, 75], [450, 125], [950, 175], [1500, 227], [2500, 322], [3500, 455]],
  // 1 → 25; 3 → 75; 9 → 125; 19 → 175; 30 → 250; 40 → 300 + 100·4/12 = 333.3 → 334; 50 → 400 + 100·2/12 = 416.7 → 417
  co_24h: [[1, 25], [3, 75], [9, 125], [19, 175], [30, 250], [40, 334], [50, 417]],
  // 2.5 → 25; 7.5 → 75; 20 → 100 + 50·10/25 = 120; 50 → 150 + 50·15/25 = 180; 75 → 250; 100 → 333.3 → 334; 130 → 433.3 → 434
  co_1h: [[2.5, 25], [7.5, 75], [20, 120], [50, 180], [75, 250], [100, 334], [130, 434]],
  // 50 → 25; 130 → 75; 190 → 100 + 50·30/55 = 127.3 → 128; 240 → 175; 500 → 200 + 100·235/535 = 243.9 → 244
  o3_8h: [[50, 25], [130, 75], [190, 128], [240, 175], [500, 244]],
  // 80 → 25; 180 → 75; 250 → 125; 350 → 175; 600 → 250; 900 → 350; 1100 → 450
  o3_1h: [[80, 25], [180, 75], [250, 125], [350, 175], [600, 250], [900, 350], [1100, 450]],
  // 25 → 25; 85 → 50 + 50·35/70 = 75; 185 → 100 + 50·65/130 = 125; 300 → 175; 385 → 250; 460 → 350; 550 → 450
  pm10_24h: [[25, 25], [85, 75], [185, 125], [300, 175], [385, 250], [460, 350], [550, 450]],
  // 20 → 50·20/35 = 28.6 → 29; 50 → 50 + 50·15/25 = 80; 90 → 100 + 50·30/55 = 127.3 → 128; 130 → 150 + 50·15/35 = 171.4 → 172;
  // 200 → 250; 300 → 350; 400 → 400 + 100·50/150 = 433.3 → 434
  pm25_24h: [[20, 29], [50, 80], [90, 128], [130, 172], [200, 250], [300, 350], [400, 434]],
};

describe('HJ 633-2026 表3: one value inside each segment', () => {
  for (const [column, rows] of Object.entries(INSIDE) as [Column, [number, number][]][])
    it.each(rows)(`${column} %s → %s`, (c, iaqi) => expect(subIndex2026(column, c)).toBe(iaqi));
});

describe('HJ 633-2026 表3 notes b and c', () => {
  it('注b: SO2 1-hour above 800 μg/m³ has IAQI 200', () => {
    expect(subIndex2026('so2_1h', 801)).toBe(200);
    expect(subIndex2026('so2_1h', 5000)).toBe(200);
    // Real-time: SO2 is indexed without any 24-hour mean (2012 needed so2_24h here).
    const r = hourlyAqi2026({ so2_1h: 900, no2_1h: 50, co_1h: 1, o3_1h: 50, pm10_1h: 20, pm25_1h: 10 });
    expect(r).toMatchObject({ aqi: 200, iaqi: { so2_1h: 200 }, primaryPollutants: ['SO2'], category: '中度污染' });
    expect(r.notes.join()).toContain('注b');
  });

  it('注c: O3 8-hour above 800 μg/m³ has IAQI 300', () => {
    expect(subIndex2026('o3_8h', 801)).toBe(300);
    expect(subIndex2026('o3_8h', 1500)).toBe(300);
    const r = dailyAqi2026({ so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 900, pm10_24h: 40, pm25_24h: 20 });
    expect(r).toMatchObject({ aqi: 300, iaqi: { o3_8h: 300 }, primaryPollutants: ['O3'], level: 5 });
    expect(r.notes.join()).toContain('注c');
  });
});

describe('HJ 633-2026 4.2.2 daily report: six indicators, no O3 1-hour', () => {
  it('indexes SO2, NO2, CO, PM10, PM2.5 24-hour means and the O3 daily maximum 8-hour mean only', () => {
    // so2 5 → 5; no2 20 → 25; co 0.5 → 12.5 → 13; o3_8h 100 → 50; pm10 40 → 40; pm25 20 → 29.
    const six = { so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 100, pm10_24h: 40, pm25_24h: 20 };
    const r = dailyAqi2026(six);
    expect(r).toMatchObject({ standard: 'HJ 633-2026', period: 'daily', aqi: 50, iaqi: { so2_24h: 5, no2_24h: 25, co_24h: 13, o3_8h: 50, pm10_24h: 40, pm25_24h: 29 }, primaryPollutants: [], level: 1 });
    // The same day under HJ 633-2012 with an O3 1-hour maximum of 1000 μg/m³ (IAQI 400) is 严重污染; 2026 does not see it.
    expect(dailyAqi({ ...six, o3_1h: 1000 }).aqi).toBe(400);
    expect(dailyAqi2026({ ...six, o3_1h: 1000 } as never).aqi).toBe(50);
  });
});

describe('HJ 633-2026 4.2.3 real-time report', () => {
  it('indexes PM 1-hour means on the daily PM columns', () => {
    // pm25_1h 61 → 100 + 50·1/55 = 100.9 → 101; pm10_1h 121 → 100 + 50·1/130 = 100.4 → 101 (tie on the integer).
    const r = hourlyAqi2026({ so2_1h: 10, no2_1h: 40, co_1h: 1, o3_1h: 100, pm10_1h: 121, pm25_1h: 61 });
    expect(r).toMatchObject({ period: 'hourly', aqi: 101, iaqi: { pm25_1h: 101, pm10_1h: 101, so2_1h: 4, no2_1h: 20, co_1h: 10, o3_1h: 32 }, primaryPollutants: ['PM10', 'PM2.5'] });
  });
});

describe('HJ 633-2026 4.2.2 rounding by GB/T 8170 before formula (1)', () => {
  it('rounds half to even: 60.5 → 60 (IAQI 100), 61.5 → 62 (IAQI 102)', () => {
    expect(subIndex2026('pm25_24h', 60.5)).toBe(100);
    // 62: 100 + 50·2/55 = 101.8 → 102.
    expect(subIndex2026('pm25_24h', 61.5)).toBe(102);
    expect(subIndex2026('pm25_24h', 60.4)).toBe(100);
    expect(subIndex2026('pm25_24h', 60.6)).toBe(101);
    const r = dailyAqi2026({ so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 100, pm10_24h: 40, pm25_24h: 60.5 });
    expect(r).toMatchObject({ aqi: 100, concentrations: { pm25_24h: 60 }, category: '良' });
  });

  it('rounds CO to one decimal: 2.05 → 2.0 (50), 2.15 → 2.2 (55), 2.25 → 2.2 (55), 2.35 → 2.4 (60)', () => {
    expect([2.05, 2.15, 2.25, 2.35].map((c) => subIndex2026('co_24h', c))).toEqual([50, 55, 55, 60]);
  });
});

describe('HJ 633-2026 4.3.1 primary pollutants, 4.1.1 range, 表1 levels', () => {
  it('lists pollutants tied on the integer IAQI, and none at AQI ≤ 50', () => {
    // pm10 120 and pm25 60 are both 100.
    expect(dailyAqi2026({ so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 100, pm10_24h: 120, pm25_24h: 60 }).primaryPollutants).toEqual(['PM10', 'PM2.5']);
    // o3_8h 101 → 50 + 50·1/60 = 50.8 → 51 alone above the others.
    expect(dailyAqi2026({ so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 101, pm10_24h: 40, pm25_24h: 20 })).toMatchObject({ aqi: 51, primaryPollutants: ['O3'], level: 2 });
  });

  it('keeps the AQI within 1–500: an all-zero day is 1, a concentration above the table 500', () => {
    expect(dailyAqi2026({ so2_24h: 0, no2_24h: 0, co_24h: 0, o3_8h: 0, pm10_24h: 0, pm25_24h: 0 })).toMatchObject({ aqi: 1, level: 1, category: '优', primaryPollutants: [] });
    expect(dailyAqi2026({ so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 100, pm10_24h: 40, pm25_24h: 600 })).toMatchObject({ aqi: 500, aboveTable: ['pm25_24h'], level: 6 });
  });

  it('levels: 1–50 优 … >300 严重污染, colours of 附录A', () => {
    expect([1, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500].map((a) => levelOf2026(a).category)).toEqual(['优', '优', '良', '良', '轻度污染', '轻度污染', '中度污染', '中度污染', '重度污染', '重度污染', '严重污染', '严重污染']);
    expect(levelOf2026(120).colour.hex).toBe('#FF7E00');
    expect(() => levelOf2026(0)).toThrow(RangeError);
  });

  it('表1 health effects and advice in the 2026 wording (敏感人群, 心血管系统, 青少年儿童), not 2012\'s', () => {
    // Transcribed by hand from the official e-version, 表1 (page 2); 2012's wording is in HJ 633-2012 表2.
    expect(levelOf2026(30)).toMatchObject({ health: '空气质量令人满意，基本无空气污染', advice: '各类人群可正常活动' });
    expect(levelOf2026(120)).toMatchObject({
      health: '敏感人群症状有轻度加剧，健康人群出现刺激症状',
      advice: '青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼',
    });
    expect(levelOf2026(250).health).toBe('心血管系统和呼吸系统患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状');
    expect(levelOf2026(400).advice).toBe('青少年儿童、老年人和病人应当留在室内，避免体力消耗，一般人群应避免户外活动');
    expect(levelOf(120).advice).toBe('儿童、老年人及心脏病、呼吸系统疾病患者应减少长时间、高强度的户外锻炼');
  });
});

describe('HJ 633-2026 5.3 completeness', () => {
  const five = { so2_24h: 5, no2_24h: 20, co_24h: 0.5, o3_8h: 100, pm10_24h: 40 };
  it('5.3.1: with a pollutant missing, an AQI not above 100 is NA; the IAQIs are still given', () => {
    // pm25 missing; the others' AQI is 50.
    const r = dailyAqi2026({ ...five, pm25_24h: null });
    expect(r).toMatchObject({ aqi: null, level: null, category: null, primaryPollutants: [], missing: ['pm25_24h'], computedAqi: 50, iaqi: { o3_8h: 50 } });
    // Absent counts as missing too.
    expect(dailyAqi2026(five).aqi).toBeNull();
  });

  it('5.3.1: with a pollutant missing, an AQI above 100 is published', () => {
    // pm10 missing; pm25 61 → 101.
    const { pm10_24h: _omit, ...rest } = five;
    expect(dailyAqi2026({ ...rest, pm25_24h: 61 })).toMatchObject({ aqi: 101, primaryPollutants: ['PM2.5'], category: '轻度污染', missing: ['pm10_24h'] });
  });

  it('5.3.2: a pollutant not in the monitoring plan ("/") does not stop publication', () => {
    expect(dailyAqi2026({ ...five, co_24h: '/', pm25_24h: 20 })).toMatchObject({ aqi: 50, notInPlan: ['co_24h'], missing: [] });
  });
});

describe('HJ 633-2026 表2 sensitive groups', () => {
  it('names the groups of each pollutant above IAQI 100, in both languages', () => {
    // o3_8h 200 → 100 + 50·40/55 = 136.4 → 137; so2 150 → exactly 100 (not above).
    const r = dailyAqi2026({ so2_24h: 150, no2_24h: 20, co_24h: 0.5, o3_8h: 200, pm10_24h: 40, pm25_24h: 20 });
    expect(r.sensitiveGroups).toEqual([
      { pollutant: 'O3', groups: '患有呼吸系统疾病（如哮喘）的人、青少年儿童、户外活动频繁的人以及老年人', groupsEn: 'people with respiratory diseases (such as asthma), children and adolescents, people often active outdoors, and older adults' },
    ]);
  });
});
