// Response schemas of the GEP routes (OpenAPI; the console's types are generated from them). Money is exact 元 text
// with two decimals (`yuan`) and 亿元 for reading (`yi`); labels come in Chinese and English. The handlers' results
// are checked against these by the zod type provider.
import { z } from 'zod';
import type { horizontalJson } from '../gep/present.js';
import type { Assert, Same } from './schemas.js';
import { REGION_LEVELS } from '../plan/schema.js';

const money = { yuan: z.string().describe('元, two decimals'), yi: z.string().describe('亿元, for reading') };
const moneySchema = z.object(money);
const labelled = { zh: z.string(), en: z.string() };
const labelSchema = z.object(labelled);
const category = z.enum(['material', 'regulating', 'cultural']);
const areaCheck = z.object({ ok: z.boolean(), sumHm2: z.number(), regionHm2: z.number(), difference: z.number(), relative: z.number(), tolerance: z.number() });

const specAccount = z.object({
  method: z.literal('spec'),
  region: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  prices: z.union([z.object({ basis: z.literal('current') }), z.object({ basis: z.literal('constant'), baseYear: z.number().int() })]),
  total: moneySchema,
  byCategory: z.array(z.object({ id: category, ...labelled, ...money })),
  byType: z.array(z.object({ type: z.string(), ...labelled, ...money })),
  perCapita: z.object({ yuan: z.string() }).nullable(),
  gepToGdp: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      category,
      ...labelled,
      included: z.boolean(),
      status: z.enum(['complete', 'partial', 'missing']),
      missingInputs: z.array(z.string()),
      ...money,
      lines: z.array(
        z.object({
          line: z.string(),
          ...labelled,
          type: z.string(),
          quantity: z.number(),
          unit: z.string(),
          origin: z.enum(['entered', 'modelled']),
          price: z.number(),
          priceUnit: z.string(),
          priceYear: z.number().int(),
          priceSource: z.string(),
          multiplier: z.number(),
          ...money,
        }),
      ),
    }),
  ),
  areaCheck: areaCheck.nullable(),
});

const equivalentAccount = z.object({
  method: z.literal('equivalent'),
  region: z.string(),
  year: z.number().int(),
  label: labelSchema,
  standardEquivalentYuanPerHm2: z.number(),
  standardEquivalentSource: z.string(),
  total: moneySchema,
  byType: z.array(z.object({ type: z.string(), ...labelled, ...money, areaHm2: z.number(), rows: z.array(z.string()) })),
  byService: z.array(z.object({ key: z.string(), ...labelled, ...money })),
  unverifiedRowsUsed: z.array(z.string()),
});

export const accountSchema = z.union([specAccount, equivalentAccount]).describe('method spec: 《生态产品总值核算规范（试行）》; method equivalent: the value-equivalent-factor method');

export const regionsSchema = z.object({
  year: z.number().int(),
  regions: z.array(z.object({ region: z.string(), name: z.string(), level: z.enum(REGION_LEVELS), total: moneySchema, byCategory: z.array(z.object({ id: category, ...labelled, ...money })) })),
});

export const compareSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  fromTotal: moneySchema,
  toTotal: moneySchema,
  change: moneySchema,
  quantityEffect: moneySchema,
  priceEffect: moneySchema,
  formula: labelSchema,
  byItem: z.array(z.object({ id: z.string(), category, ...labelled, change: moneySchema, quantityEffect: moneySchema, priceEffect: moneySchema })),
  extentChange: z.object({
    fromYear: z.number().int(),
    toYear: z.number().int(),
    kind: z.string(),
    rows: z.array(z.object({ type: z.string(), opening: z.number(), additions: z.number().nullable(), reductions: z.number().nullable(), closing: z.number(), net: z.number() })),
  }),
});

export const extentSchema = z.object({
  region: z.string(),
  year: z.number().int(),
  extentHm2: z.record(z.string(), z.number()),
  regionAreaHm2: z.number().nullable(),
  areaCheck: areaCheck.nullable(),
});

const flow = z.object({ ...labelled, cause: z.string(), value: z.string() });
export const balanceSheetSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  layout: z.string(),
  rows: z.array(
    z.object({
      ...labelled,
      asset: z.string(),
      unit: z.string(),
      opening: z.string(),
      increases: z.array(flow),
      decreases: z.array(flow),
      closing: z.string(),
      discrepancy: z.string(),
      balanced: z.boolean(),
      monetary: z.object({ price: z.number(), priceUnit: z.string(), opening: z.object({ yuan: z.string() }), closing: z.object({ yuan: z.string() }) }).nullable(),
    }),
  ),
  balanced: z.boolean(),
  continuityBreaks: z.array(z.object({ asset: z.string(), year: z.number().int(), closing: z.string(), nextOpening: z.string() })),
});

export const specSchema = z.object({
  specification: labelSchema,
  clauseNote: labelSchema,
  ecosystemTypes: z.array(z.object({ id: z.string(), ...labelled })).readonly(),
  categories: z.array(z.object({ id: category, ...labelled })).readonly(),
  items: z.array(
    z.object({
      id: z.string(),
      ...labelled,
      category,
      clause: z.object({ ...labelled, verified: z.boolean() }),
      methodSource: z.string(),
      physicalFormula: z.string(),
      valueFormula: z.string(),
      pricingMethod: labelSchema,
      types: z.array(z.string()),
      defaultIncluded: z.boolean(),
      note: z.string().nullable(),
      inputs: z.array(z.object({ key: z.string(), ...labelled, unit: z.string(), perType: z.boolean(), allowNegative: z.boolean().optional() })),
      params: z.array(z.object({ key: z.string(), ...labelled, unit: z.string() })),
      lines: z.array(
        z.object({
          key: z.string(),
          ...labelled,
          inputKey: z.string(),
          unit: z.string(),
          perType: z.boolean(),
          pricing: z.enum(['unit', 'index']),
          priceKey: z.string(),
          priceUnit: z.string(),
          multipliers: z.array(z.string()),
          defaultType: z.string().nullable(),
          modelled: z.boolean(),
        }),
      ),
    }),
  ),
  prices: z.array(z.object({ key: z.string(), ...labelled, unit: z.string(), kind: z.enum(['price', 'index', 'param']), items: z.array(z.string()) })),
});

export const factsSchema = z.object({
  facts: z.array(
    z.object({
      kind: z.enum(['extent', 'region_area', 'transition', 'input', 'asset', 'stat']),
      region: z.string(),
      year: z.number().int(),
      key: z.string(),
      sub: z.string(),
      value: z.string(),
      unit: z.string(),
      source: z.string(),
      note: z.string().nullable(),
      version: z.number().int(),
      status: z.enum(['approved', 'provisional']),
      isDemo: z.boolean(),
      recordedBy: z.string(),
      recordedAt: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

export const pricesSchema = z.object({
  prices: z.array(
    z.object({
      key: z.string(),
      year: z.number().int(),
      value: z.string(),
      unit: z.string(),
      source: z.string(),
      note: z.string().nullable(),
      indexKey: z.string().nullable(),
      version: z.number().int(),
      isDefault: z.boolean(),
      isDemo: z.boolean(),
      recordedBy: z.string(),
      recordedAt: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

const writeCounts = { inserted: z.number().int(), versioned: z.number().int(), unchanged: z.number().int() };
export const importResultSchema = z.object({ facts: z.object(writeCounts).optional(), prices: z.object(writeCounts).optional() });

const allocation = z.object({
  region: z.string(),
  name: z.string(),
  amount: moneySchema,
  share: z.string(),
  exactYuan: z.string(),
  roundedUp: z.boolean(),
  parts: z.array(z.object({ key: z.string(), value: z.string(), total: z.string(), weight: z.string(), shareOfIndicator: z.string() })),
  explanation: labelSchema,
});
export const compensationSchema = z.object({
  year: z.number().int(),
  scheme: z.string(),
  fund: moneySchema,
  total: moneySchema,
  formula: labelSchema,
  allocations: z.array(allocation),
  inputs: z.array(z.object({ region: z.string(), name: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) })),
  saved: z.object({ version: z.number().int() }).nullable(),
});

/** The horizontal (upstream–downstream) compensation of one boundary section: the water-quality index P and who pays whom. */
export const horizontalSchema = z.object({
  p: z.string().describe('断面水质指数 P（四位小数）/ the section’s water-quality index, four decimals'),
  payer: z.string(),
  payee: z.string(),
  amount: moneySchema,
  formula: labelSchema,
  explanation: labelSchema,
});

export type _checks = [Assert<Same<z.infer<typeof horizontalSchema>, ReturnType<typeof horizontalJson>>>];
