// Response schemas of the plan API, for the OpenAPI document at /api/docs and for the tests that check every
// answer against them. The compile-time checks at the bottom keep them in step with the model types.
import { z } from 'zod';
import type { CategoryTotal, Department, Indicator, PlanNote, Project, Region } from '../plan/model.js';
import { MEASURES } from '../plan/model.js';
import { CARBON_SECTOR_IDS, REGION_LEVELS } from '../plan/schema.js';

const threshold = z.object({
  kind: z.literal('threshold'),
  comparator: z.enum(['gte', 'lte', 'implicit']).describe('implicit: a bare number, bounded in the direction of the indicator'),
  value: z.number(),
  decimals: z.number().int(),
});
const simple = z.union([
  threshold,
  z.object({ kind: z.literal('state'), state: z.string() }),
  z.object({ kind: z.literal('relative'), rule: z.string(), reference: z.enum(['baseline', 'previousYear']) }),
  z.object({ kind: z.literal('assigned'), assignment: z.string() }),
]);
export const targetSchema = z
  .union([
    simple,
    z.object({ kind: z.literal('all'), separator: z.string(), parts: z.array(simple) }),
    z.object({
      kind: z.literal('split'),
      parts: z.array(z.object({ regionType: z.enum(['city', 'county']), label: z.string(), target: threshold })),
    }),
  ])
  .and(z.object({ text: z.string().describe('表1原文 / the wording of table 1'), textEn: z.string() }))
  .describe('目标值 / target (docs/target-language.md)');

export const indicatorSchema = z
  .object({
    code: z.number().int().describe('序号 1–45'),
    name: z.string(),
    nameEn: z.string(),
    group: z.string().nullable().describe('指标组，如 环境空气质量'),
    groupEn: z.string().nullable(),
    unit: z.string(),
    domain: z.string(),
    domainId: z.string(),
    taskArea: z.string(),
    taskAreaId: z.string(),
    taskAreaNumeral: z.string(),
    binding: z.boolean().describe('约束性 true / 参考性 false'),
    local: z.boolean().describe('地方特色指标 (#)'),
    direction: z.enum(['increase', 'decrease']).nullable(),
    assessProgress: z.boolean().describe('whether 进展 is assessed (false for rates of change)'),
    measure: z.enum(MEASURES).nullable().describe('计算来源：平台由监测数据、温室气体清单或公众调查计算此指标；null 为只由填报 / what ecoplan computes the indicator from; null when only reported'),
    baseline: z.object({
      year: z.number().int(),
      value: z.number().nullable(),
      text: z.string(),
      decimals: z.number().int().nullable(),
      state: z.string().nullable(),
      noData: z.boolean().describe('暂无统计数据'),
      note: z.string().nullable(),
    }),
    targets: z.record(z.string(), targetSchema).describe('by target year of the plan (its horizons), for example "2025"'),
    departments: z.array(z.string()),
    departmentIds: z.array(z.string()),
    notes: z.array(z.number().int()).describe('表1 注 numbers that concern this indicator'),
  })
  .describe('指标 / indicator');

export const projectSchema = z
  .object({
    no: z.number().int(),
    name: z.string(),
    nameEn: z.string(),
    category: z.string(),
    categoryId: z.string(),
    subcategory: z.string().nullable(),
    content: z.string(),
    investment: z.number().describe('亿元'),
    investmentText: z.string().describe('亿元, two decimals as printed'),
    leads: z.array(z.string()),
    leadIds: z.array(z.string()),
    regions: z.array(z.string()),
    startYear: z.number().int(),
    endYear: z.number().int(),
    subItems: z.array(z.object({ no: z.number().int(), name: z.string(), region: z.string().nullable() })),
  })
  .describe('重点工程项目 / key project');

export const categoryTotalSchema = z.object({
  category: z.string(),
  categoryId: z.string(),
  categoryEn: z.string(),
  count: z.number().int(),
  investment: z.number(),
  investmentText: z.string(),
  share: z.number(),
  shareText: z.string(),
});
export const totalSchema = z.object({
  count: z.number().int(),
  investment: z.number(),
  investmentText: z.string(),
  share: z.number(),
  shareText: z.string(),
});
export const noteSchema = z.object({ no: z.number().int(), text: z.string(), indicators: z.array(z.number().int()) });
export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(REGION_LEVELS),
  type: z.string(),
  parent: z.string().nullable(),
});
export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  region: z.string().nullable(),
  carbonSectors: z.array(z.enum(CARBON_SECTOR_IDS)).describe('碳核算中该单位可为全域录入的部门 / carbon sectors its reporters may enter for the whole area'),
});
const bilingual = { name: z.string(), nameEn: z.string() };
const counts = { indicatorCount: z.number().int(), bindingCount: z.number().int(), referenceCount: z.number().int() };

export const overviewSchema = z.object({
  meta: z.object({
    id: z.string(),
    ...bilingual,
    shortName: z.string(),
    issued: z.string(),
    baseYear: z.number().int(),
    horizons: z.array(z.object({ year: z.number().int(), label: z.string(), labelEn: z.string() })),
    period: z.object({ start: z.number().int(), end: z.number().int() }),
    area: z.object({ value: z.number(), text: z.string(), unit: z.string() }),
    region: z.string(),
    owner: z.string(),
    countyIndicators: z.array(z.number().int()),
    evidenceRequired: z.enum(['binding', 'all', 'none']),
    validation: z.object({
      percentRange: z.object({ min: z.number(), max: z.number() }),
      ranges: z.record(z.string(), z.object({ min: z.number(), max: z.number() })),
      plausibleChangePercent: z.number(),
      plausibleChange: z.record(z.string(), z.number()),
    }),
    source: z.string(),
  }),
  domains: z.array(
    z.object({
      id: z.string(),
      ...bilingual,
      order: z.number().int(),
      taskAreas: z.array(z.object({ id: z.string(), numeral: z.string(), ...bilingual, domain: z.string(), order: z.number().int(), ...counts })),
      ...counts,
    }),
  ),
  counts: z.object({ indicators: z.number().int(), binding: z.number().int(), reference: z.number().int(), local: z.number().int() }),
  regions: z.array(regionSchema),
  categories: z.array(z.object({ id: z.string(), ...bilingual, order: z.number().int(), appendixName: z.string() })),
  categoryTotals: z.array(categoryTotalSchema),
  total: totalSchema,
  notes: z.array(noteSchema),
});

// Compile-time: the schemas describe exactly what the model produces. `Assert<Same<z.infer<S>, T>>` in an exported
// `_checks` tuple fails typecheck when a response schema and the pure module's type drift apart (either way).
export type Assert<T extends true> = T;
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _checks = [
  Assert<Same<Omit<z.infer<typeof indicatorSchema>, 'targets'>, Omit<Indicator, 'targets'>>>,
  Assert<Same<z.infer<typeof projectSchema>, Project>>,
  Assert<Same<z.infer<typeof categoryTotalSchema>, CategoryTotal>>,
  Assert<Same<z.infer<typeof noteSchema>, PlanNote>>,
  Assert<Same<Omit<z.infer<typeof regionSchema>, 'type'>, Omit<Region, 'type'>>>,
  Assert<Same<Omit<z.infer<typeof departmentSchema>, 'kind'>, Omit<Department, 'kind'>>>,
];
