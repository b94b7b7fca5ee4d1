// `aqi`: HJ 633-2012 AQI of one set of daily or hourly concentrations (docs/methods/aqi.md).
import { z } from 'zod';
import { defineCalculator } from './calculator.js';
import { dailyAqi, hourlyAqi, LEVELS, POLLUTANTS, subIndex, type AqiResult, type DailyConcentrations, type HourlyConcentrations } from '../standards/aqi.js';

/** Keys only a daily report has, and keys only an hourly report has; o3_1h belongs to both. */
const DAILY_ONLY = ['so2_24h', 'no2_24h', 'pm10_24h', 'pm25_24h', 'co_24h', 'o3_8h'] as const;
const HOURLY_ONLY = ['so2_1h', 'no2_1h', 'pm10_1h', 'pm25_1h', 'co_1h'] as const;
const INPUT_KEYS = [...DAILY_ONLY, ...HOURLY_ONLY, 'o3_1h'] as const;
type InputKey = (typeof INPUT_KEYS)[number];

const ug = (what: string) => z.number().nonnegative().optional().describe(`${what}, μg/m³`);
const mg = (what: string) => z.number().nonnegative().optional().describe(`${what}, mg/m³`);

const input = z
  .strictObject({
    so2_24h: ug('SO2 24 小时平均 / 24-hour mean (hourly input: used only when so2_1h > 800)'),
    no2_24h: ug('NO2 24 小时平均 / 24-hour mean'),
    pm10_24h: ug('PM10 24 小时平均 / 24-hour mean'),
    pm25_24h: ug('PM2.5 24 小时平均 / 24-hour mean'),
    co_24h: mg('CO 24 小时平均 / 24-hour mean'),
    o3_8h: ug('O3 日最大 8 小时滑动平均 / daily maximum 8-hour mean'),
    o3_1h: ug('O3 1 小时平均（日报为日最大 1 小时平均）/ 1-hour mean (daily: daily maximum)'),
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
    const hourly = HOURLY_ONLY.filter((k) => v[k] !== undefined);
    if (hourly.length) {
      // so2_24h may accompany so2_1h for note (2) of table 1; any other daily key mixes the two reports.
      const mixed = DAILY_ONLY.filter((k) => v[k] !== undefined && !(k === 'so2_24h' && v.so2_1h !== undefined));
      for (const k of mixed)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `日报的 ${k} 不能与实时报的 ${hourly.join('、')} 同时给出（so2_24h 仅可随 so2_1h 给出）/ daily key ${k} cannot be mixed with hourly key(s) ${hourly.join(', ')} (only so2_24h may accompany so2_1h)`,
        });
      if (v.so2_1h !== undefined && subIndex('so2_1h', v.so2_1h) === null && v.so2_24h === undefined)
        ctx.addIssue({ code: 'custom', path: ['so2_1h'], message: 'so2_1h 高于 800 μg/m³：按 HJ 633-2012 表1 注(2) 须同时给出 so2_24h / above 800 μg/m³: note (2) of table 1 needs so2_24h' });
    } else if (v.o3_8h !== undefined && subIndex('o3_8h', v.o3_8h) === null && v.o3_1h === undefined) {
      ctx.addIssue({ code: 'custom', path: ['o3_8h'], message: 'o3_8h 高于 800 μg/m³：按 HJ 633-2012 表1 注(3) 须同时给出 o3_1h / above 800 μg/m³: note (3) of table 1 needs o3_1h' });
    }
  });

type Input = z.infer<typeof input>;

const keyEnum = z.enum(INPUT_KEYS);
const output = z.object({
  standard: z.literal('HJ 633-2012'),
  period: z.enum(['daily', 'hourly']).describe('日报 / daily or 实时报 / hourly'),
  aqi: z.number().int().describe('空气质量指数 AQI'),
  iaqi: z.partialRecord(keyEnum, z.number().int()).describe('空气质量分指数 IAQI by input key'),
  primaryPollutants: z.array(z.enum(POLLUTANTS)).describe('首要污染物 (AQI > 50)'),
  exceedingPollutants: z.array(z.enum(POLLUTANTS)).describe('超标污染物 (IAQI > 100)'),
  level: z.number().int().min(1).max(6).describe('空气质量指数级别 1–6'),
  category: z.enum(LEVELS.map((l) => l.category) as [string, ...string[]]),
  colour: z.object({
    name: z.string(),
    nameEn: z.string(),
    rgb: z.tuple([z.number(), z.number(), z.number()]),
    cmyk: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    hex: z.string(),
  }),
  aboveTable: z.array(keyEnum).describe('浓度高于表1最高限值、分指数按 500 计的键 / keys above the last breakpoint, indexed 500'),
  notes: z.array(z.string()),
});

/** Daily when a daily-only key is given, hourly when an hourly-only key is; o3_1h alone is indexed identically either way. */
function run(v: Input): AqiResult {
  const given = (keys: readonly InputKey[]) => keys.some((k) => v[k] !== undefined);
  if (given(HOURLY_ONLY) || !given(DAILY_ONLY)) {
    const { so2_1h, no2_1h, pm10_1h, pm25_1h, co_1h, o3_1h, so2_24h } = v;
    return hourlyAqi(Object.fromEntries(Object.entries({ so2_1h, no2_1h, pm10_1h, pm25_1h, co_1h, o3_1h, so2_24h }).filter(([, c]) => c !== undefined)) as HourlyConcentrations);
  }
  const { so2_24h, no2_24h, pm10_24h, pm25_24h, co_24h, o3_1h, o3_8h } = v;
  return dailyAqi(Object.fromEntries(Object.entries({ so2_24h, no2_24h, pm10_24h, pm25_24h, co_24h, o3_1h, o3_8h }).filter(([, c]) => c !== undefined)) as DailyConcentrations);
}

export const aqiCalculator = defineCalculator({
  name: 'aqi',
  summary: { zh: '空气质量指数 AQI（HJ 633-2012，日报或实时报）', en: 'Air quality index (HJ 633-2012), daily or hourly' },
  input,
  output,
  acceptsArray: true,
  run,
});
