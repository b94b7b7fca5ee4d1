// `air-annual`: a year of daily air values → annual statistics (the HJ 663-2013 method), good-day ratio and GB 3095
// attainment, each day by the editions in force that day and the year by the limits in force on 31 December, or by
// the edition named in `standard` (docs/methods/air-assessment.md).
import { z } from 'zod';
import { defineCalculator, type CalcContext, type CalcIssue } from './calculator.js';
import { chooseEdition } from './edition.js';
import { subIndex } from '../standards/aqi.js';
import { annualStatistics, DAY_POLLUTANT_KEYS, parseDate, type DayRecord } from '../standards/airAssessment.js';
import {
  AQI_STANDARDS,
  ASSESSMENT_STANDARDS,
  editionSetOf,
  PHASES,
  QUALITY_STANDARDS,
  qualityStandardOn,
  SWITCH_DATE,
  type EditionSet,
  type StandardName,
} from '../standards/editions.js';

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

const ALL_NAMES: readonly StandardName[] = [...QUALITY_STANDARDS, ...ASSESSMENT_STANDARDS, ...AQI_STANDARDS];

const input = z
  .strictObject({
    year: z.number().int().min(1900).max(2100).optional().describe('评价年份；所有日期须在该年 / the year assessed; every date must be in it'),
    standard: z.string().optional().describe('指定版本（GB 3095-2012 / GB 3095-2026，或同套的 HJ 663、HJ 633 名称）：全部日期按该套版本计算；新版本用于较早的年份为对比计算 / force an edition set; a later edition for an earlier year is a comparison'),
    phase: z.enum(PHASES).optional().describe('GB 3095-2026 的阶段：transitional（过渡，2026-03-01 至 2030-12-31）或 final（2031 起）；较早年份用 final 为对比计算 / GB 3095-2026 phase'),
    days: z.array(day).min(1).describe('一个日历年的日数据 / the daily values of one calendar year'),
  })
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
      if (v.year !== undefined && parsed.year !== v.year) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `不在 year ${v.year} 内 / not in year ${v.year}` });
        return;
      }
      year ??= parsed.year;
      if (parsed.year !== year) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `所有日期须在同一年（${year}）/ all dates must be in one year (${year})` });
      const first = seen.get(d.date);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `与 days[${first}] 日期重复 / same date as days[${first}]` });
      else seen.set(d.date, i);
    });
  });

type Input = z.infer<typeof input>;

/** The edition set named by `standard` / `phase`, or null to take each day's editions by date. */
function namedSet(v: Input, year: number): EditionSet | null | CalcIssue[] {
  if (v.standard === undefined && v.phase === undefined) return null;
  const lastDay = v.days.map((d) => d.date).sort().at(-1)!;
  const defaultPhase = year >= 2031 ? 'final' : 'transitional';
  const named = chooseEdition(ALL_NAMES, { standard: v.standard ?? 'GB 3095-2026' }, { today: lastDay }, () => 'GB 3095-2026');
  if (Array.isArray(named)) return named;
  const set = editionSetOf(named.standard, v.phase ?? defaultPhase);
  if (set.quality === 'GB 3095-2012' && v.phase !== undefined)
    return [{ path: 'phase', message: `${named.standard} 没有阶段；phase 只用于 GB 3095-2026`, messageEn: `${named.standard} has no phases; phase applies to GB 3095-2026 only` }];
  // An edition (or phase) withdrawn before the last day is refused; one that starts after the first day is a comparison.
  const last = chooseEdition(QUALITY_STANDARDS, { standard: set.quality, date: lastDay }, { today: lastDay }, (d) => qualityStandardOn(d).standard, { dateKey: 'days[].date', phase: set.phase });
  if (Array.isArray(last)) return last;
  return set;
}

function check(v: Input, _ctx: CalcContext): CalcIssue[] {
  const year = v.year ?? parseDate(v.days[0]!.date).year;
  const set = namedSet(v, year);
  if (Array.isArray(set)) return set;
  const issues: CalcIssue[] = [];
  // HJ 633-2012 表1 注(3) applies to the days computed by HJ 633-2012.
  v.days.forEach((d, i) => {
    const by2012 = set ? set.aqi === 'HJ 633-2012' : d.date < SWITCH_DATE;
    if (by2012 && d.o3_8h_max != null && subIndex('o3_8h', d.o3_8h_max) === null && d.o3_1h_max == null && d.aqi == null)
      issues.push({ path: `days[${i}].o3_8h_max`, message: `days[${i}].o3_8h_max 高于 800 μg/m³：按 HJ 633-2012 表1 注(3) 须给出 o3_1h_max 或 aqi`, messageEn: `days[${i}].o3_8h_max above 800 μg/m³: note (3) of HJ 633-2012 table 1 needs o3_1h_max or aqi` });
  });
  return issues;
}

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
  annualLimit: n,
  dailyLimit: z.number(),
  attains: z.boolean().nullable(),
});

const output = z.object({
  standards: z.object({
    aqi: z.string().describe('日 AQI 的版本；跨越 2026-03-01 的年份为“HJ 633-2012 + HJ 633-2026” / the AQI edition(s) of the days'),
    quality: z.enum(QUALITY_STANDARDS).describe('年评价对照的限值版本（该年 12 月 31 日施行的，或指定的）/ the limits the year is judged against'),
    phase: z.enum(PHASES).nullable(),
    assessment: z.enum(ASSESSMENT_STANDARDS),
    assessmentMethod: z.object({ zh: z.string(), en: z.string() }).nullable().describe('“按 HJ 663-2013 方法（HJ 663-2026 未核实）”'),
  }),
  basis: z.enum(['standard', 'date']).describe('版本的依据：指定或各日日期 / named, or each day by its date'),
  comparison: z.boolean().describe('指定的新版本用于其施行前的日期：对比评价 / a later edition named for earlier days: a comparison'),
  rule: z.object({ zh: z.string(), en: z.string() }).nullable().describe('跨越标准更替年份的计算规则 / the rule for a year spanning the switch'),
  aqiPeriods: z.array(z.object({ standard: z.enum(AQI_STANDARDS), from: z.string(), to: z.string(), days: z.number().int(), validDays: z.number().int(), goodDays: z.number().int() })),
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
  meetsValidity: z.boolean().describe('六项均满足 GB 3095 表4 / all six meet the validity rules'),
  attainsAll: z.boolean().nullable().describe('六项均达二级标准 / all six attain grade 2'),
});

export const airAnnualCalculator = defineCalculator({
  name: 'air-annual',
  summary: { zh: '环境空气质量年评价（按各日施行的版本：GB 3095-2012/2026、HJ 663、HJ 633；优良天数比例与年评价指标）', en: 'Annual ambient air assessment by the editions in force (GB 3095-2012/2026, HJ 663, HJ 633): good-day ratio and annual statistics' },
  input,
  output,
  acceptsArray: false,
  check,
  run: (v) => {
    const year = v.year ?? parseDate(v.days[0]!.date).year;
    const set = namedSet(v, year) as EditionSet | null;
    const s = annualStatistics(v.days as DayRecord[], set ? { editions: set } : {});
    const { standards, ...rest } = s;
    return { standards, basis: set ? ('standard' as const) : ('date' as const), ...rest };
  },
});
