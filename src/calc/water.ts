// `water`: GB 3838-2002 class of one surface-water section by the single-factor method of 环办〔2011〕22号
// (docs/methods/water-quality.md).
import { z } from 'zod';
import { defineCalculator } from './calculator.js';
import { assessSection, EVALUATED_ITEMS, GB3838_TABLE1, WATER_CLASSES, WATER_ITEMS, type WaterItem, type WaterValues } from '../standards/waterQuality.js';

const value = (item: WaterItem) => {
  const row = GB3838_TABLE1[item];
  const base = item === 'pH' ? z.number().min(0).max(14, 'pH 应在 0–14 之间 / pH must be within 0–14') : z.number().nonnegative();
  return base.optional().describe(`${row.zh} / ${row.en}, ${row.unit}`);
};

const values = z.strictObject(Object.fromEntries(WATER_ITEMS.map((i) => [i, value(i)])) as Record<WaterItem, ReturnType<typeof value>>);

const input = z
  .strictObject({
    waterbody: z.enum(['river', 'lake']).describe('河流 river，或湖泊、水库 lake (lakes and reservoirs)'),
    values,
  })
  .superRefine((v, ctx) => {
    if (!EVALUATED_ITEMS.some((i) => v.values[i] !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `至少给出一项参与评价的指标（${EVALUATED_ITEMS.join('、')}）/ give at least one evaluated item; TN and fecal coliform do not decide the class`,
      });
  });

const itemEnum = z.enum(WATER_ITEMS);
const classEnum = z.enum(WATER_CLASSES);
const output = z.object({
  standard: z.literal('GB 3838-2002'),
  method: z.literal('环办〔2011〕22号'),
  waterbody: z.enum(['river', 'lake']),
  class: classEnum.describe('断面水质类别（单因子评价）/ section class'),
  itemClasses: z.partialRecord(itemEnum, classEnum).describe('参与评价指标的类别 / class of each evaluated item'),
  referenceClasses: z.partialRecord(itemEnum, classEnum).describe('参考指标（粪大肠菌群；湖库总氮），不参与定类 / reference items, not counted'),
  notAssessed: z.array(itemEnum).describe('该水体不评价的指标（河流总氮）/ items not assessed for this waterbody'),
  exceeding: z.array(z.object({ item: itemEnum, class: classEnum, multiple: z.number().nullable() })).describe('超过Ⅲ类的指标及超标倍数（pH、溶解氧不计）/ items worse than class III'),
  mainPollutants: z.array(itemEnum).describe('主要污染指标（劣于Ⅲ类时）/ main pollutants'),
  assessment: z.enum(['优', '良好', '轻度污染', '中度污染', '重度污染']).describe('水质状况'),
  colour: z.string().describe('表征颜色'),
});

export const waterCalculator = defineCalculator({
  name: 'water',
  summary: { zh: '地表水断面水质类别（GB 3838-2002，单因子评价）', en: 'Surface-water section class (GB 3838-2002, single-factor method)' },
  input,
  output,
  acceptsArray: true,
  run: (v) => assessSection(Object.fromEntries(Object.entries(v.values).filter(([, x]) => x !== undefined)) as WaterValues, v.waterbody),
});
