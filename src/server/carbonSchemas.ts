// Response schemas of the carbon routes (OpenAPI; the console's types are generated from them). The route handlers'
// return types are checked against these by the zod type provider, so a changed result is a compile error here.
import { z } from 'zod';
import { scenarioSchema } from '../carbon/scenarios.js';

const sector = z.enum(['energy', 'ippu', 'agriculture', 'lulucf', 'waste', 'macro']);
const gas = z.enum(['CO2', 'CH4', 'N2O']);
const gwpSet = z.enum(['SAR', 'AR4', 'AR5', 'AR6']);
const gwpValues = z.object({ CH4: z.number(), N2O: z.number(), source: z.string() });
const named = { code: z.string(), zh: z.string(), en: z.string() };
// Records over a fixed set of keys as objects with those properties, so generated clients know every key.
const perSector = <T extends z.ZodType>(v: T) => z.object({ energy: v, ippu: v, agriculture: v, lulucf: v, waste: v, macro: v });
const perGwpSet = <T extends z.ZodType>(v: T) => z.object({ SAR: v, AR4: v, AR5: v, AR6: v });
const bySector = perSector(z.number());
const gasTotal = z.object({ mass: z.number(), co2e: z.number(), shareText: z.string().nullable().describe('% of gross, one decimal; the three add to 100.0') });
const warning = z.object({ zh: z.string(), en: z.string() });

export const catalogueSchema = z.object({
  sectors: perSector(z.object({ zh: z.string(), en: z.string(), gpc: z.string() })),
  categories: z.array(
    z.object({
      ...named,
      sector,
      gpc: z.string(),
      subsector: z.enum(['required', 'optional', 'none']),
      items: z.union([z.array(z.object(named)), z.enum(['gdpPrices', 'deflatorBase'])]),
      signed: z.boolean(),
    }),
  ),
  subsectors: z.array(z.object({ ...named, gpc: z.string() })),
  fuels: z.array(z.object({ ...named, unit: z.enum(['吨', '立方米']), kind: z.enum(['coal', 'oil', 'petroleumGas', 'gas']) })),
  units: z.array(z.object({ zh: z.string(), en: z.string(), dimension: z.string(), toBase: z.number() })),
  fields: z.array(z.object({ field: z.string(), zh: z.string(), en: z.string(), required: z.boolean() })),
  gwpSets: perGwpSet(gwpValues),
  sectorDepartments: perSector(z.array(z.string())),
});

const override = z.object({ key: z.string(), value: z.number(), unit: z.string(), reason: z.string(), version: z.number().int() });
export const factorsSchema = z.object({
  version: z.string(),
  gwpSets: perGwpSet(gwpValues),
  factors: z.array(
    z.object({
      key: z.string(),
      value: z.number(),
      unit: z.string(),
      source: z.string(),
      verified: z.enum(['seen', 'secondary', 'recalled', 'local']),
      override: z.object({ reason: z.string(), version: z.number().int(), shipped: z.number().nullable() }).optional(),
      zh: z.string(),
      en: z.string(),
    }),
  ),
  overrides: z.array(override.extend({ recordedBy: z.string(), recordedAt: z.string() })),
});

export const factorHistorySchema = z.object({
  versions: z.array(z.object({ version: z.number().int(), value: z.string().nullable(), unit: z.string(), reason: z.string(), recordedBy: z.string(), recordedAt: z.string() })),
});

export const activitySchema = z.object({
  rows: z.array(
    z.object({
      regionCode: z.string(),
      year: z.number().int(),
      sector,
      category: z.string(),
      subsector: z.string().nullable(),
      item: z.string(),
      valueText: z.string(),
      unit: z.string(),
      source: z.string(),
      note: z.string().nullable(),
      version: z.number().int(),
      reason: z.string().nullable(),
      recordedBy: z.string(),
      recordedAt: z.string(),
      isDemo: z.boolean(),
    }),
  ),
});

const totals = z.object({
  gross: z.number().describe('scope-1 emissions of all sectors except LULUCF, t CO2e'),
  lulucf: z.number().describe('LULUCF net flux, t CO2e (negative is a sink)'),
  net: z.number(),
  scope2: z.number().describe('purchased electricity, t CO2'),
  electricityExport: z.number(),
  energyCO2: z.number(),
  byGas: z.object({ CO2: gasTotal, CH4: gasTotal, N2O: gasTotal }),
  bySector,
  bySubsector: z.record(z.string(), z.number()),
  byFuel: z.record(z.string(), z.number()),
  byRegion: z.record(z.string(), z.number()),
  fuelFlows: z.array(z.object({ fuel: z.string(), subsector: z.string(), co2e: z.number() })),
});

const inventorySchema = z.object({
  regionCode: z.string(),
  year: z.number().int(),
  gwpSet,
  gwpValues,
  factorVersion: z.string(),
  gridLevel: z.enum(['national', 'south']),
  regionsUsed: z.array(z.string()),
  rolledUp: z.boolean(),
  lines: z.array(
    z.object({
      regionCode: z.string(),
      sector,
      category: z.string(),
      subsector: z.string().nullable(),
      item: z.string(),
      gas,
      scope: z.union([z.literal(1), z.literal(2)]).nullable().describe('1 emitted within the region, 2 purchased electricity, null a memo item'),
      gpc: z.string(),
      activity: z.object({
        valueText: z.string(),
        unit: z.string(),
        value: z.number(),
        unitUsed: z.string(),
        conversions: z.array(z.object({ from: z.string(), to: z.string(), factor: z.number(), source: z.string() })),
      }),
      formula: z.string(),
      inputs: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string(), source: z.string(), key: z.string().optional(), local: z.boolean().optional() })),
      mass: z.number(),
      co2e: z.number(),
    }),
  ),
  totals,
  warnings: z.array(warning),
});

const indicatorValue = z.object({
  indicatorCode: z.union([z.literal(23), z.literal(25)]),
  year: z.number().int(),
  regionCode: z.string(),
  value: z.number(),
  valueText: z.string(),
  unit: z.string(),
  provenance: z.string(),
  provenanceEn: z.string(),
});
const indicatorOutcome = z.union([indicatorValue, z.object({ error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }) })]);

export const inventoryResponseSchema = z.object({
  inventory: inventorySchema,
  indicators: z.object({ indicator25: indicatorOutcome, indicator23: indicatorOutcome }),
  usesDemo: z.boolean().describe('示例数据 went into the inventory'),
});

const seriesValue = z.object({ value: z.number(), valueText: z.string() }).nullable();
export const seriesSchema = z.object({
  regionCode: z.string(),
  series: z.array(z.object({ year: z.number().int(), gwpSet, rolledUp: z.boolean(), totals: totals.omit({ fuelFlows: true }), indicator25: seriesValue, indicator23: seriesValue, warnings: z.array(warning) })),
});

const scenarioSummary = z.object({ name: z.string(), label: z.string(), labelEn: z.string(), version: z.number().int(), reason: z.string().nullable(), savedBy: z.string(), savedAt: z.string(), isDemo: z.boolean() });
export const scenariosSchema = z.object({ scenarios: z.array(scenarioSummary) });

export const scenarioResultSchema = z.object({
  name: z.string(),
  label: z.string(),
  labelEn: z.string(),
  params: scenarioSchema,
  years: z.array(
    z.object({
      year: z.number().int(),
      population: z.number(),
      gdpPerCapita: z.number(),
      energyIntensity: z.number(),
      carbonIntensityOfEnergy: z.number(),
      gdp: z.number(),
      energy: z.number(),
      co2: z.number(),
      carbonIntensity: z.number().describe('t CO2 per 万元 GDP'),
      measureReduction: z.number().describe('万t'),
    }),
  ),
  peak: z.object({
    peakYear: z.number().int(),
    peakValue: z.number(),
    status: z.enum(['peaked', 'plateau', 'notPeaked']),
    plateau: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
    deadline: z.number().int(),
    beforeDeadline: z.boolean(),
  }),
  peakGapYears: z.number().int().nullable(),
  intensityGaps: z.array(z.object({ year: z.number().int(), targetIntensity: z.number(), projectedIntensity: z.number(), gap: z.number(), met: z.boolean() })),
  decomposition: z.object({ from: z.number().int(), to: z.number().int(), change: z.number(), population: z.number(), affluence: z.number(), energyIntensity: z.number(), carbonIntensity: z.number() }),
});

export const savedScenarioSchema = z.object({
  scenario: z.object({ name: z.string(), version: z.number().int(), params: scenarioSchema, reason: z.string().nullable(), savedBy: z.string(), savedAt: z.string(), isDemo: z.boolean() }),
  result: scenarioResultSchema,
});
