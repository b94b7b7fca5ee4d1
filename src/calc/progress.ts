// `ecoplan calc progress` / POST /api/v1/calc/progress: one indicator's progress towards its target by the UN
// Statistics Division's SDG Progress Chart method (src/plan/progress.ts, docs/methods/progress.md).
import { z } from 'zod';
import { defineCalculator } from './calculator.js';
import { assessProgress } from '../plan/progress.js';

// zod 4's z.number() already refuses NaN and ±Infinity.
const point = z.strictObject({
  year: z.number().int().min(1900).max(2100).describe('年份 / year'),
  value: z.number().describe('数值 / value'),
});

const input = z.strictObject({
  baseline: point.describe('基期（现状）值 / baseline year and value'),
  latest: point.describe('最新年份的值 / latest year with data and its value'),
  target: point.nullable().describe('目标年份与目标值；无数值目标时为 null / target year and value, or null without a numeric target'),
  direction: z.enum(['increase', 'decrease']).describe('increase = 越高越好 / higher is better; decrease = 越低越好 / lower is better'),
});

const output = z.object({
  level: z.enum(['target_met', 'on_track', 'moderate', 'marginal', 'regression', 'not_assessable']),
  actualRate: z.number().nullable().describe('基期至最新年份的复合年均增长率（小数）/ CAGR baseline → latest, as a fraction'),
  requiredRate: z.number().nullable().describe('按期达标所需的复合年均增长率 / CAGR needed to reach the target on time'),
  ratio: z.number().nullable().describe('实际 / 所需 / actual ÷ required'),
  method: z.enum(['ratio', 'growth']),
  reason: z.object({ zh: z.string(), en: z.string() }),
});

export const progressCalculator = defineCalculator({
  name: 'progress',
  summary: {
    zh: '指标进展评估（联合国统计司 SDG 进展图表：实际与所需复合年均增长率之比）',
    en: "indicator progress (UN Statistics Division's SDG Progress Chart: actual vs required compound annual growth)",
  },
  input,
  output,
  acceptsArray: false,
  run: (i) => assessProgress(i),
});
