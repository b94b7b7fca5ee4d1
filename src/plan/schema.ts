// The plan folder format: one zod schema per file. The same schemas validate the files, document the
// format (docs/plan-format.md) and type the raw data. Cross-references between files are checked in build.ts.
import { z } from 'zod';
import { DEPARTMENT_KINDS, MEASURES } from './model.js';

const bilingual = { name: z.string().min(1), nameEn: z.string().min(1) };
const year = z.number().int().min(1949).max(2100);
/** A decimal written as a string so the YAML parser cannot round it, e.g. "18412.66". */
export const decimalText = z.string().regex(/^\d+(\.\d+)?$/, { message: 'decimal' });
/** GB/T 2260 codes of cities and counties (6 digits); towns (镇/乡/街道) carry the 9-digit 统计用区划代码 prefix. */
export const REGION_CODE_RE = /^\d{6}(?:\d{3})?$/;
const regionCode = z.string().regex(REGION_CODE_RE, { message: 'regionCode' });
/** Region levels and the types each level has (regions.yaml). */
export const REGION_LEVELS = ['city', 'county', 'town'] as const;
export const REGION_TYPES = ['district', 'county', 'autonomous-county', 'county-level-city', 'prefecture-city', 'town', 'township', 'subdistrict'] as const;
/** The carbon-inventory sectors a department's reporters may enter (src/carbon/activity.ts Sector). */
export const CARBON_SECTOR_IDS = ['energy', 'ippu', 'agriculture', 'lulucf', 'waste', 'macro'] as const;

export const planFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  ...bilingual,
  shortName: z.string().min(1),
  issued: z.string().regex(/^\d{4}-\d{2}$/, { message: 'yearMonth' }),
  baseYear: year,
  period: z.strictObject({ start: year, end: year }),
  horizons: z.array(z.strictObject({ year, label: z.string().min(1), labelEn: z.string().min(1) })).min(1),
  area: z.strictObject({ text: decimalText, unit: z.string().min(1) }),
  region: regionCode,
  owner: z.string().min(1),
  countyIndicators: z.array(z.number().int().positive()).default([]),
  evidenceRequired: z.enum(['binding', 'all', 'none']).default('binding'),
  validation: z
    .strictObject({
      percentRange: z.strictObject({ min: z.number(), max: z.number() }),
      ranges: z.record(z.string().regex(/^\d+$/), z.strictObject({ min: z.number(), max: z.number() })).default({}),
      plausibleChangePercent: z.number().positive(),
      plausibleChange: z.record(z.string().regex(/^\d+$/), z.number().positive()).default({}),
    })
    .default({ percentRange: { min: 0, max: 100 }, ranges: {}, plausibleChangePercent: 30, plausibleChange: {} }),
  source: z.string().min(1),
});

export const regionsFileSchema = z.array(
  z.strictObject({
    code: regionCode,
    ...bilingual,
    level: z.enum(REGION_LEVELS),
    type: z.enum(REGION_TYPES),
    parent: regionCode.optional(),
  }),
);

export const domainsFileSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    ...bilingual,
    taskAreas: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z][a-z0-9-]*$/),
          numeral: z.string().regex(/^\([一二三四五六七八九十]+\)$/, { message: 'numeral' }),
          ...bilingual,
        }),
      )
      .min(1),
  }),
);

export const departmentsFileSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    ...bilingual,
    kind: z.enum(DEPARTMENT_KINDS),
    region: regionCode.optional(),
    /** Carbon sectors this department's reporters may enter for the whole plan area (a platform setting). */
    carbonSectors: z.array(z.enum(CARBON_SECTOR_IDS)).optional(),
  }),
);

export const indicatorsFileSchema = z.array(
  z.strictObject({
    code: z.number().int().positive(),
    group: z.strictObject(bilingual).optional(),
    ...bilingual,
    taskArea: z.string().min(1),
    unit: z.string().min(1),
    binding: z.boolean(),
    local: z.boolean().optional(),
    direction: z.enum(['increase', 'decrease']).nullable(),
    /** false for indicators that are themselves rates of change (…下降率): a growth rate of a rate says nothing. */
    progress: z.boolean().optional(),
    /** What ecoplan computes the indicator from (MEASURES), e.g. air.goodDayRatio; each at most once in a plan. */
    measure: z.enum(MEASURES).optional(),
    baseline: z.strictObject({ text: z.string().min(1), year: year.optional(), note: z.string().min(1).optional() }),
    targets: z.record(z.string().regex(/^\d{4}$/), z.string()),
    departments: z.array(z.string().min(1)).min(1),
  }),
);

export const projectsFileSchema = z.strictObject({
  categories: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), ...bilingual, appendixName: z.string().min(1) }))
    .min(1),
  projects: z.array(
    z.strictObject({
      no: z.number().int().positive(),
      category: z.string().min(1),
      subcategory: z.string().min(1).optional(),
      ...bilingual,
      content: z.string().min(1),
      investment: z.string().regex(/^\d+\.\d{2}$/, { message: 'investment' }),
      leads: z.array(z.string().min(1)).min(1),
      period: z.strictObject({ start: year, end: year }),
      regions: z.array(regionCode).optional(),
      subItems: z
        .array(z.strictObject({ no: z.number().int().positive(), name: z.string().min(1), region: regionCode.optional() }))
        .optional(),
      /** ecoplan's initial reading of which indicators the project moves (NOT plan text; seeds the library's links). */
      links: z.strictObject({ indicators: z.array(z.number().int().positive()).min(1), why: z.string().min(1) }).optional(),
    }),
  ),
});

export const notesFileSchema = z.array(
  z.strictObject({ no: z.number().int().positive(), text: z.string().min(1), indicators: z.array(z.number().int().positive()) }),
);

/** The files of a plan folder, their schemas, and whether each is required. */
/** The plan folder's optional assessment scheme (read by src/assessment/scheme.ts). */
export const ASSESSMENT_FILE = 'assessment.yaml';

export const PLAN_FILES = {
  'plan.yaml': planFileSchema,
  'regions.yaml': regionsFileSchema,
  'domains.yaml': domainsFileSchema,
  'departments.yaml': departmentsFileSchema,
  'indicators.yaml': indicatorsFileSchema,
  'projects.yaml': projectsFileSchema,
  'notes.yaml': notesFileSchema,
} as const;

export type PlanFileName = keyof typeof PLAN_FILES;
export type RawPlanFiles = { [K in PlanFileName]: z.infer<(typeof PLAN_FILES)[K]> };
