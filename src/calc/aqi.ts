// `aqi`: the AQI of one set of daily or hourly concentrations by HJ 633-2012 or HJ 633-2026, the edition in force on
// `date`, or the one named in `standard`, or today's (docs/methods/aqi.md).
import { z } from 'zod';
import { defineCalculator, type CalcContext, type CalcIssue } from './calculator.js';
import { chooseEdition, type EditionChoice } from './edition.js';
import { dailyAqi, hourlyAqi, LEVELS, POLLUTANTS, subIndex, type AqiResult, type DailyConcentrations, type HourlyConcentrations } from '../standards/aqi.js';
import { dailyAqi2026, hourlyAqi2026, type AqiResult2026, type Reading } from '../standards/aqi2026.js';
import { AQI_STANDARDS, aqiStandardOn, type AqiStandard } from '../standards/editions.js';

/** Keys only a daily report has, and keys only an hourly report has; o3_1h belongs to both in HJ 633-2012. */
const DAILY_ONLY = ['so2_24h', 'no2_24h', 'pm10_24h', 'pm25_24h', 'co_24h', 'o3_8h'] as const;
const HOURLY_ONLY = ['so2_1h', 'no2_1h', 'pm10_1h', 'pm25_1h', 'co_1h'] as const;
const INPUT_KEYS = [...DAILY_ONLY, ...HOURLY_ONLY, 'o3_1h'] as const;
type InputKey = (typeof INPUT_KEYS)[number];

const reading = (what: string, unit: string) =>
  z
    .union([z.number().nonnegative(), z.literal('/')])
    .nullable()
    .optional()
    .describe(`${what}, ${unit}; null = 缺测/无效 missing (NA), "/" = 不在监测计划内 not in the monitoring plan (HJ 633-2026 5.3)`);
const ug = (what: string) => reading(what, 'μg/m³');
const mg = (what: string) => reading(what, 'mg/m³');

const input = z
  .strictObject({
    date: z.string().optional().describe('测量日期（中国标准时间自然日）YYYY-MM-DD，决定所用版本：2026-03-01 起 HJ 633-2026，之前 HJ 633-2012 / day measured (China Standard Time natural day); picks the edition'),
    standard: z.string().optional().describe('指定版本 HJ 633-2012 或 HJ 633-2026（新版本用于较早日期时为对比计算）/ force an edition (a later edition for an earlier date is a comparison)'),
    so2_24h: ug('SO2 24 小时平均 / 24-hour mean (HJ 633-2012 hourly input: used only when so2_1h > 800)'),
    no2_24h: ug('NO2 24 小时平均 / 24-hour mean'),
    pm10_24h: ug('PM10 24 小时平均 / 24-hour mean'),
    pm25_24h: ug('PM2.5 24 小时平均 / 24-hour mean'),
    co_24h: mg('CO 24 小时平均 / 24-hour mean'),
    o3_8h: ug('O3 日最大 8 小时滑动平均 / daily maximum 8-hour mean'),
    o3_1h: ug('O3 1 小时平均（HJ 633-2012 日报为日最大 1 小时平均；HJ 633-2026 日报不用）/ 1-hour mean (HJ 633-2012 daily: daily maximum; not in the HJ 633-2026 daily report)'),
    so2_1h: ug('SO2 1 小时平均 / 1-hour mean'),
    no2_1h: ug('NO2 1 小时平均 / 1-hour mean'),
    pm10_1h: ug('PM10 1 小时平均 / 1-hour mean'),
    pm25_1h: ug('PM2.5 1 小时平均 / 1-hour mean'),
    co_1h: mg('CO 1 小时平均 / 1-hour mean'),
  })
  .superRefine((v, ctx) => {
    const given = INPUT_KEYS.filter((k) => v[k] !== undefined);
    if (given.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: '至少给出一项污染物浓度 / give at least one concentration' });
      return;
    }
    if (!INPUT_KEYS.some((k) => typeof v[k] === 'number')) ctx.addIssue({ code: 'custom', path: [], message: '至少给出一项污染物的浓度值（不能全为 null 或 "/"）/ give at least one measured concentration (not all null or "/")' });
    const hourly = HOURLY_ONLY.filter((k) => v[k] !== undefined);
    if (hourly.length) {
      // so2_24h may accompany so2_1h (HJ 633-2012 表1 注(2)); any other daily key mixes the two reports.
      const mixed = DAILY_ONLY.filter((k) => v[k] !== undefined && !(k === 'so2_24h' && v.so2_1h !== undefined));
      for (const k of mixed)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `日报的 ${k} 不能与实时报的 ${hourly.join('、')} 同时给出（so2_24h 仅可随 so2_1h 给出）/ daily key ${k} cannot be mixed with hourly key(s) ${hourly.join(', ')} (only so2_24h may accompany so2_1h)`,
        });
    }
  });

type Input = z.infer<typeof input>;

/** Checks that depend on the edition: the companion values HJ 633-2012's notes need. */
function check(v: Input, ctx: CalcContext): CalcIssue[] {
  const choice = chooseEdition(AQI_STANDARDS, v, ctx, aqiStandardOn);
  if (Array.isArray(choice)) return choice;
  if (choice.standard !== 'HJ 633-2012') return [];
  const num = (k: InputKey) => (typeof v[k] === 'number' ? (v[k] as number) : undefined);
  const so2_1h = num('so2_1h');
  const o3_8h = num('o3_8h');
  if (HOURLY_ONLY.some((k) => v[k] !== undefined)) {
    if (so2_1h !== undefined && subIndex('so2_1h', so2_1h) === null && num('so2_24h') === undefined)
      return [{ path: 'so2_1h', message: 'so2_1h 高于 800 μg/m³：按 HJ 633-2012 表1 注(2) 须同时给出 so2_24h', messageEn: 'so2_1h above 800 μg/m³: note (2) of HJ 633-2012 table 1 needs so2_24h' }];
  } else if (o3_8h !== undefined && subIndex('o3_8h', o3_8h) === null && num('o3_1h') === undefined) {
    return [{ path: 'o3_8h', message: `o3_8h 为 ${o3_8h}，高于 800 μg/m³：按 HJ 633-2012 表1 注(3) 须同时给出 o3_1h`, messageEn: `o3_8h is ${o3_8h}, above 800 μg/m³: note (3) of HJ 633-2012 table 1 needs o3_1h` }];
  }
  return [];
}

const keyEnum = z.enum(INPUT_KEYS);
const colour = z.object({
  name: z.string(),
  nameEn: z.string(),
  rgb: z.tuple([z.number(), z.number(), z.number()]),
  cmyk: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  hex: z.string(),
});
const output = z.object({
  standard: z.enum(AQI_STANDARDS).describe('所用版本 / the edition used'),
  basis: z.enum(['standard', 'date', 'today']).describe('版本的依据：指定、测量日期或今日 / how the edition was chosen'),
  date: z.string().nullable(),
  comparison: z.boolean().describe('指定的新版本用于其施行前的日期：对比计算 / a later edition named for an earlier date: a comparison'),
  period: z.enum(['daily', 'hourly']).describe('日报 / daily or 实时报 / hourly'),
  aqi: z.number().int().nullable().describe('空气质量指数 AQI；HJ 633-2026 5.3.1 缺测且不大于 100 时为 null（NA）'),
  iaqi: z.partialRecord(keyEnum, z.number().int()).describe('空气质量分指数 IAQI by input key'),
  primaryPollutants: z.array(z.enum(POLLUTANTS)).describe('首要污染物 (AQI > 50)'),
  exceedingPollutants: z.array(z.enum(POLLUTANTS)).nullable().describe('超标污染物 (IAQI > 100; HJ 633-2012 only — HJ 633-2026 deleted the term: null)'),
  level: z.number().int().min(1).max(6).nullable().describe('空气质量指数级别 1–6'),
  category: z.enum(LEVELS.map((l) => l.category) as [string, ...string[]]).nullable(),
  colour: colour.nullable(),
  aboveTable: z.array(keyEnum).describe('浓度高于表中最高限值、分指数按 500 计的键 / keys above the last breakpoint, indexed 500'),
  notes: z.array(z.string()),
  concentrations: z.partialRecord(keyEnum, z.number()).optional().describe('HJ 633-2026 4.2.2 修约后的浓度 / concentrations as rounded by GB/T 8170 (HJ 633-2026)'),
  sensitiveGroups: z.array(z.object({ pollutant: z.enum(POLLUTANTS), groups: z.string(), groupsEn: z.string() })).optional().describe('HJ 633-2026 表2：IAQI > 100 的污染物的敏感人群'),
  missing: z.array(keyEnum).optional().describe('缺测或无效（NA）的指标 (HJ 633-2026 5.3.1)'),
  notInPlan: z.array(keyEnum).optional().describe('不在监测计划内（/）的指标 (HJ 633-2026 5.3.2)'),
  computedAqi: z.number().int().optional().describe('按已有指标计算的 AQI（发布与否见 5.3.1）/ the AQI of the indicators given, before 5.3.1'),
});
type Output = z.infer<typeof output>;

const given = (v: Input, keys: readonly InputKey[]) => keys.some((k) => v[k] !== undefined);
const numbers = <K extends InputKey>(v: Input, keys: readonly K[]) => Object.fromEntries(keys.flatMap((k) => (typeof v[k] === 'number' ? [[k, v[k]]] : []))) as Partial<Record<K, number>>;

function run2012(v: Input): AqiResult {
  if (given(v, HOURLY_ONLY) || !given(v, DAILY_ONLY)) return hourlyAqi(numbers(v, ['so2_1h', 'no2_1h', 'pm10_1h', 'pm25_1h', 'co_1h', 'o3_1h', 'so2_24h']) as HourlyConcentrations);
  return dailyAqi(numbers(v, ['so2_24h', 'no2_24h', 'pm10_24h', 'pm25_24h', 'co_24h', 'o3_1h', 'o3_8h']) as DailyConcentrations);
}

/**
 * HJ 633-2026: daily when a daily-only key is given, else real-time. Keys the other report has are not indexed and a
 * note says so (o3_1h beside daily keys: not a daily indicator, 4.2.2; so2_24h beside so2_1h: 注b replaced the 2012
 * companion rule).
 */
function run2026(v: Input): AqiResult2026 {
  const pick = <K extends InputKey>(keys: readonly K[]) => Object.fromEntries(keys.flatMap((k) => (v[k] === undefined ? [] : [[k, v[k]]]))) as Partial<Record<K, Reading>>;
  if (given(v, HOURLY_ONLY) || !given(v, DAILY_ONLY)) {
    const r = hourlyAqi2026(pick(['so2_1h', 'no2_1h', 'co_1h', 'o3_1h', 'pm10_1h', 'pm25_1h']));
    if (v.so2_24h !== undefined) r.notes.push('so2_24h 未使用：HJ 633-2026 实时报只用 1 小时平均，SO2 1 小时平均高于 800 按表3 注b 计 200 / so2_24h not used: the HJ 633-2026 real-time report uses 1-hour means only; SO2 above 800 μg/m³ has IAQI 200 by note b of table 3');
    return r;
  }
  const r = dailyAqi2026(pick(['so2_24h', 'no2_24h', 'co_24h', 'o3_8h', 'pm10_24h', 'pm25_24h']));
  if (v.o3_1h !== undefined) r.notes.push('o3_1h 未计入：HJ 633-2026 4.2.2 日报的 6 项指标不含臭氧 1 小时平均 / o3_1h not indexed: the six daily indicators of HJ 633-2026 4.2.2 do not include the O3 1-hour mean');
  return r;
}

function run(v: Input, ctx: CalcContext): Output {
  const choice = chooseEdition(AQI_STANDARDS, v, ctx, aqiStandardOn) as EditionChoice<AqiStandard>;
  const head = { standard: choice.standard, basis: choice.basis, date: v.date ?? null, comparison: choice.comparison };
  if (choice.standard === 'HJ 633-2012') {
    const r = run2012(v);
    const ignored = INPUT_KEYS.filter((k) => v[k] === null || v[k] === '/');
    const extra = ignored.length ? [`${ignored.join('、')} 未计入：HJ 633-2012 无缺测与“/”的发布规则，AQI 为所给浓度的最大分指数 / ${ignored.join(', ')} left out: HJ 633-2012 has no rule for missing or "/" values; the AQI is the largest IAQI of the concentrations given`] : [];
    const { standard: _s, ...rest } = r;
    return { ...head, ...rest, notes: [...choice.notes, ...r.notes, ...extra] };
  }
  const r = run2026(v);
  const { standard: _s, period, aqi, iaqi, primaryPollutants, ...rest } = r;
  return { ...head, period, aqi, iaqi, primaryPollutants, exceedingPollutants: null, ...rest, notes: [...choice.notes, ...r.notes] };
}

export const aqiCalculator = defineCalculator({
  name: 'aqi',
  summary: { zh: '空气质量指数 AQI（按测量日期取 HJ 633-2012 或 HJ 633-2026，日报或实时报）', en: 'Air quality index by HJ 633-2012 or HJ 633-2026 (the edition of the date measured), daily or hourly' },
  input,
  output,
  acceptsArray: true,
  check,
  run,
});
