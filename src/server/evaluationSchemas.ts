// Response schemas of the evaluation routes (OpenAPI and tests).
import { z } from 'zod';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const status = z.enum(['attained', 'not_attained', 'no_data', 'not_applicable']).describe('达标 / 未达标 / 无数据 / 不适用');
const warningLevel = z.enum(['red', 'yellow', 'grey']);
export const progressSchema = z.object({
  level: z.enum(['target_met', 'on_track', 'moderate', 'marginal', 'regression', 'not_assessable']),
  actualRate: z.number().nullable(),
  requiredRate: z.number().nullable(),
  ratio: z.number().nullable(),
  method: z.enum(['ratio', 'growth']),
  reason: bilingual,
});
const counts = z.object({
  total: z.number().int(),
  attained: z.number().int(),
  not_attained: z.number().int(),
  no_data: z.number().int(),
  not_applicable: z.number().int(),
  red: z.number().int(),
  yellow: z.number().int(),
  grey: z.number().int(),
});

/** An observation as an evaluation cites it (the plan's own baseline has `fromPlan`). */
export const usedObservationSchema = z.object({
  id: z.string(),
  kind: z.enum(['value', 'assigned']),
  year: z.number().int(),
  region: z.string(),
  valueText: z.string().nullable(),
  state: z.string().nullable(),
  source: z.string(),
  status: z.enum(['approved', 'provisional']),
  version: z.number().int(),
  isDemo: z.boolean(),
  fromPlan: z.boolean(),
});

/** A target year of the plan (plan.yaml horizons), e.g. "2025"; which years depends on the plan (GET /plans/{planId}). */
const horizonSchema = z.string().regex(/^\d{4}$/).describe('目标年（规划的 horizons 之一）/ a horizon year of the plan');

export const indicatorEvaluationSchema = z.object({
  code: z.number().int(),
  name: z.string(),
  unit: z.string(),
  binding: z.boolean(),
  domainId: z.string(),
  taskAreaId: z.string(),
  departmentIds: z.array(z.string()),
  horizon: horizonSchema,
  target: z.object({ horizon: horizonSchema, text: z.string(), textEn: z.string() }),
  status,
  reason: bilingual,
  value: z.object({ valueText: z.string().nullable(), state: z.string().nullable(), year: z.number().int() }).nullable(),
  progress: progressSchema.nullable(),
  projection: z.object({ year: z.number().int(), value: z.number(), meetsTarget: z.boolean() }).nullable(),
  warning: z.object({ level: warningLevel, reason: bilingual }).nullable(),
  observations: z.array(usedObservationSchema),
  provisional: z.boolean().describe('uses 示例数据 or unapproved observations'),
});

export const evaluationViewSchema = z
  .enum(['official', 'staff'])
  .describe('official：仅已审定数值；staff：含待审核数值（标注 provisional）/ official: approved values only; staff: unreviewed values too (marked provisional)');

export const yearCoverageSchema = z
  .object({
    year: z.number().int(),
    applicable: z.number().int().describe('indicators evaluated for the region that year (not 不适用)'),
    decided: z.number().int().describe('judged 达标 or 未达标'),
    approved: z.number().int().describe('decided on figures of the year that are all approved'),
    state: z.enum(['complete', 'partial', 'empty']).describe('complete: every applicable indicator decided on approved figures'),
  })
  .describe('how complete a year’s evaluation is / 年度评估的完整程度');

export const evaluationSchema = z.object({
  view: evaluationViewSchema,
  year: z.number().int(),
  region: z.string(),
  regionName: z.string(),
  horizon: z.union([horizonSchema, z.literal('auto')]).describe('the horizon asked for, or auto (by the year)'),
  indicators: z.array(indicatorEvaluationSchema),
  planRevision: z
    .object({ no: z.number().int(), effectiveYear: z.number().int(), document: z.string().nullable() })
    .nullable()
    .describe('修订过的规划：评估所依据的版本（0 为初次载入）；未修订为 null / a revised plan: the version whose targets were applied (0: as first loaded); null when never revised'),
  summary: z.object({
    counts,
    byDomain: z.array(counts.extend({ id: z.string(), name: z.string() })),
    byTaskArea: z.array(counts.extend({ id: z.string(), name: z.string(), numeral: z.string() })),
    byKind: z.object({ binding: counts, reference: counts }),
    byDepartment: z.array(counts.extend({ id: z.string(), name: z.string() })),
    readiness: z.object({
      ready: z.boolean(),
      bindingTotal: z.number().int(),
      bindingAttained: z.number().int(),
      notAttained: z.array(z.object({ code: z.number().int(), name: z.string(), status })).describe('binding indicators judged 未达标'),
      noData: z.array(z.object({ code: z.number().int(), name: z.string(), status })).describe('binding indicators that cannot be judged (无数据 or 不适用): never counted as 未达标'),
    }),
  }),
  coverage: yearCoverageSchema,
});

export const scorecardSchema = z.object({
  region: z.string(),
  view: evaluationViewSchema,
  years: z.array(z.number().int()),
  indicators: z.array(
    z.object({
      code: z.number().int(),
      name: z.string(),
      binding: z.boolean(),
      domainId: z.string(),
      cells: z.array(z.object({ year: z.number().int(), status, warning: warningLevel.nullable(), valueText: z.string().nullable(), state: z.string().nullable(), provisional: z.boolean(), demo: z.boolean().describe('the year’s value is 示例数据') })),
    }),
  ),
});

export const observationSchema = z.object({
  id: z.string(),
  indicatorCode: z.number().int(),
  regionCode: z.string(),
  year: z.number().int(),
  kind: z.enum(['value', 'assigned']),
  version: z.number().int(),
  valueText: z.string().nullable(),
  value: z.number().nullable(),
  state: z.string().nullable(),
  checks: z.array(z.string()),
  source: z.string(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  status: z.enum(['approved', 'provisional']),
  isDemo: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  batchId: z.string(),
});
