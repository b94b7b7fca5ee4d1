// `air-annual`: a year of daily air values → HJ 663-2013 annual statistics, good-day ratio and GB 3095-2012
// attainment (docs/methods/air-assessment.md).
import { z } from 'zod';
import { defineCalculator } from './calculator.js';
import { subIndex } from '../standards/aqi.js';
import { annualStatistics, DAY_POLLUTANT_KEYS, parseDate, type DayRecord } from '../standards/airAssessment.js';

const conc = (what: string) => z.number().nonnegative().nullable().optional().describe(what);

const day = z.strictObject({
  date: z.string().describe('日期 / date, YYYY-MM-DD'),
  so2: conc('SO2 24 小时平均 / 24-hour mean, μg/m³'),
  no2: conc('NO2 24 小时平均 / 24-hour mean, μg/m³'),
  pm10: conc('PM10 24 小时平均 / 24-hour mean, μg/m³'),
  pm25: conc('PM2.5 24 小时平均 / 24-hour mean, μg/m³'),
  co: conc('CO 24 小时平均 / 24-hour mean, mg/m³'),
  o3_8h_max: conc('O3 日最大 8 小时滑动平均 / daily maximum 8-hour mean, μg/m³'),
  o3_1h_max: conc('O3 日最大 1 小时平均（可选）/ daily maximum 1-hour mean (optional), μg/m³'),
  aqi: z.number().int().min(0).max(500).nullable().optional().describe('已发布的日 AQI（可选，给出时据此分级）/ published daily AQI (optional; decides the category when given)'),
});

const input = z
  .strictObject({ days: z.array(day).min(1).describe('一个日历年的日数据 / the daily values of one calendar year') })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    let year: number | undefined;
    v.days.forEach((d, i) => {
      let parsed: ReturnType<typeof parseDate>;
      try {
        parsed = parseDate(d.date);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: '不是有效日期 YYYY-MM-DD / not a calendar date YYYY-MM-DD' });
        return;
      }
      year ??= parsed.year;
      if (parsed.year !== year) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `所有日期须在同一年（${year}）/ all dates must be in one year (${year})` });
      const first = seen.get(d.date);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `与 days[${first}] 日期重复 / same date as days[${first}]` });
      else seen.set(d.date, i);
      const needsO3_1h = d.o3_8h_max != null && subIndex('o3_8h', d.o3_8h_max) === null && d.o3_1h_max == null && d.aqi == null;
      if (needsO3_1h)
        ctx.addIssue({ code: 'custom', path: ['days', i, 'o3_8h_max'], message: '高于 800 μg/m³：按 HJ 633-2012 表1 注(3) 须给出 o3_1h_max 或 aqi / above 800 μg/m³: note (3) of table 1 needs o3_1h_max or aqi' });
    });
  });

const n = z.number().nullable();
const pollutantYear = z.object({
  pollutant: z.enum(['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5']),
  validDays: z.number().int(),
  shortMonths: z.array(z.number().int()),
  meetsValidity: z.boolean(),
  mean: n,
  percentileRank: z.number().int(),
  percentile: n,
  exceedanceDays: z.number().int(),
  attains: z.boolean().nullable(),
});

const output = z.object({
  standards: z.object({ quality: z.literal('GB 3095-2012'), assessment: z.literal('HJ 663-2013'), aqi: z.literal('HJ 633-2012') }),
  year: z.number().int(),
  days: z.number().int(),
  validDays: z.number().int().describe('有 AQI 的天数 / days with an AQI'),
  incompleteDays: z.number().int().describe('缺项且无 AQI 的天数 / days left out'),
  goodDays: z.number().int().describe('优良天数 (AQI ≤ 100)'),
  goodRatio: n.describe('优良天数比例 %, 1 decimal'),
  exceedanceDays: z.number().int().describe('超标天数 (AQI > 100)'),
  heavyPollutionDays: z.number().int().describe('重污染天数 (AQI > 200)'),
  levelDays: z.record(z.string(), z.number().int()),
  so2Mean: n,
  no2Mean: n,
  pm10Mean: n,
  pm25Mean: n,
  co95: n.describe('CO 24 小时平均第 95 百分位数, mg/m³'),
  o3_90: n.describe('O3 日最大 8 小时平均第 90 百分位数, μg/m³'),
  so2_98: n,
  no2_98: n,
  pm10_95: n,
  pm25_95: n,
  pollutants: z.object(Object.fromEntries(DAY_POLLUTANT_KEYS.map((k) => [k, pollutantYear])) as Record<(typeof DAY_POLLUTANT_KEYS)[number], typeof pollutantYear>),
  meetsValidity: z.boolean().describe('六项均满足 GB 3095-2012 表4 / all six meet the validity rules'),
  attainsAll: z.boolean().nullable().describe('六项均达二级标准 / all six attain grade 2'),
});

export const airAnnualCalculator = defineCalculator({
  name: 'air-annual',
  summary: { zh: '环境空气质量年评价（HJ 663-2013，优良天数比例与年评价指标）', en: 'Annual ambient air assessment (HJ 663-2013): good-day ratio and annual statistics' },
  input,
  output,
  acceptsArray: false,
  run: (v) => annualStatistics(v.days as DayRecord[]),
});
