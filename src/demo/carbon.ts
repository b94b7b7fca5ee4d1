// The carbon example dataset (示例数据): illustrative activity data for the ten counties of Shaoguan, 2019–2024,
// roughly shaped like the city (steel and coal power in 曲江, lead-zinc smelting in 曲江 and 仁化, cement in 乐昌 and
// 翁源, forests everywhere), with city GDP, population and energy totals, and three peak-pathway scenarios.
// NOT official statistics: every row's source says so. Deterministic; the generators are pure, the loader writes.
import type { Kysely } from 'kysely';
import type { ActivityRecord, Sector } from '../carbon/activity.js';
import { CATEGORIES } from '../carbon/activity.js';
import { ActivityIndex, computeInventory } from '../carbon/inventory.js';
import { FactorSet } from '../carbon/factors.js';
import type { ScenarioInput } from '../carbon/scenarios.js';
import { scenarioSchema } from '../carbon/scenarios.js';
import type { Plan } from '../plan/model.js';
import { unitOf } from '../carbon/units.js';
import { activityKey } from '../carbon/activity.js';
import { currentActivity, listScenarios, saveActivity, saveScenario } from '../store/carbon.js';
import type { Database } from '../store/schema.js';

export const CARBON_DEMO_SOURCE = '示例数据（演示用，非真实统计）/ demo data, not official statistics';
export const CARBON_DEMO_YEARS = [2020, 2021, 2022, 2023, 2024] as const;

type Row = [category: string, subsector: string | null, item: string, base2020: number, unit: string, growthPercent: number, decimals: number];

/** 2020 activity by county (illustrative). Growth is the yearly change applied from 2021. */
const COUNTY_ROWS: Record<string, Row[]> = {
  // 曲江区: steel works, coal power, lead-zinc smelter, cement
  '440205': [
    ['fuelCombustion', 'energyIndustry', 'rawCoal', 530, '万吨', -3, 2],
    ['fuelCombustion', 'industry', 'coke', 240, '万吨', -0.5, 2],
    ['fuelCombustion', 'industry', 'rawCoal', 90, '万吨', -2, 2],
    ['fuelCombustion', 'industry', 'naturalGas', 9000, '万立方米', 8, 0],
    ['fuelCombustion', 'transport', 'diesel', 6.5, '万吨', 1.5, 2],
    ['purchasedElectricity', 'industry', 'electricity', 95000, '万千瓦时', 3, 0],
    ['steelFlux', null, 'limestone', 160, '万吨', -0.5, 1],
    ['steelFlux', null, 'dolomite', 55, '万吨', -0.5, 1],
    ['nonFerrous', null, 'zinc', 14, '万吨', 0, 2],
    ['nonFerrous', null, 'lead', 6, '万吨', 0, 2],
    ['cementClinker', null, 'clinker', 180, '万吨', -1, 1],
    ['lime', null, 'lime', 40, '万吨', -1, 1],
  ],
  // 仁化县: zinc smelter (丹霞), farming
  '440224': [
    ['fuelCombustion', 'industry', 'rawCoal', 28, '万吨', -2, 2],
    ['fuelCombustion', 'transport', 'diesel', 2.2, '万吨', 1.5, 2],
    ['purchasedElectricity', 'industry', 'electricity', 60000, '万千瓦时', 2, 0],
    ['nonFerrous', null, 'zinc', 20, '万吨', 0.5, 2],
  ],
  // 乐昌市, 翁源县: cement
  '440281': [
    ['fuelCombustion', 'industry', 'rawCoal', 40, '万吨', -2, 2],
    ['fuelCombustion', 'transport', 'diesel', 3, '万吨', 1.5, 2],
    ['purchasedElectricity', 'industry', 'electricity', 40000, '万千瓦时', 3, 0],
    ['cementClinker', null, 'clinker', 300, '万吨', -1.5, 1],
  ],
  '440229': [
    ['fuelCombustion', 'industry', 'rawCoal', 32, '万吨', -2, 2],
    ['fuelCombustion', 'transport', 'diesel', 2.5, '万吨', 1.5, 2],
    ['purchasedElectricity', 'industry', 'electricity', 30000, '万千瓦时', 3, 0],
    ['cementClinker', null, 'clinker', 220, '万吨', -1.5, 1],
  ],
  // 浈江区, 武江区: the city proper — services, households, transport, waste
  '440204': [
    ['fuelCombustion', 'services', 'lpg', 1.8, '万吨', 1, 2],
    ['fuelCombustion', 'residential', 'lpg', 2.6, '万吨', 0.5, 2],
    ['fuelCombustion', 'services', 'naturalGas', 5000, '万立方米', 10, 0],
    ['fuelCombustion', 'transport', 'gasoline', 12, '万吨', 2, 2],
    ['fuelCombustion', 'transport', 'diesel', 9, '万吨', 0.5, 2],
    ['purchasedElectricity', 'services', 'electricity', 110000, '万千瓦时', 5, 0],
    ['purchasedElectricity', 'residential', 'electricity', 90000, '万千瓦时', 4, 0],
    ['landfill', null, 'managed', 38, '万吨', -15, 2],
    ['landfillRecovery', null, 'methane', 2000, '吨', 0, 0],
    ['wastewaterDomestic', null, 'bod', 9000, '吨', 1, 0],
    ['wastewaterNitrogen', null, 'nitrogen', 2500, '吨', 1, 0],
  ],
  '440203': [
    ['fuelCombustion', 'services', 'lpg', 1.5, '万吨', 1, 2],
    ['fuelCombustion', 'residential', 'lpg', 2.2, '万吨', 0.5, 2],
    ['fuelCombustion', 'services', 'naturalGas', 4000, '万立方米', 10, 0],
    ['fuelCombustion', 'transport', 'gasoline', 10, '万吨', 2, 2],
    ['fuelCombustion', 'transport', 'diesel', 8, '万吨', 0.5, 2],
    ['fuelCombustion', 'industry', 'fuelOil', 1.2, '万吨', -5, 2],
    ['purchasedElectricity', 'services', 'electricity', 95000, '万千瓦时', 5, 0],
    ['purchasedElectricity', 'residential', 'electricity', 80000, '万千瓦时', 4, 0],
    ['incineration', null, 'msw', 30, '万吨', 12, 2],
    ['wastewaterDomestic', null, 'bod', 7500, '吨', 1, 0],
    ['wastewaterIndustrial', null, 'cod', 12000, '吨', -3, 0],
  ],
  // 乳源: hydropower and aluminium foil (electricity-heavy); 南雄, 始兴, 新丰: farming and forests
  '440232': [
    ['fuelCombustion', 'industry', 'rawCoal', 22, '万吨', -3, 2],
    ['purchasedElectricity', 'industry', 'electricity', 100000, '万千瓦时', 3, 0],
    ['fuelCombustion', 'transport', 'diesel', 1.5, '万吨', 1.5, 2],
  ],
  '440282': [
    ['fuelCombustion', 'industry', 'rawCoal', 15, '万吨', -3, 2],
    ['fuelCombustion', 'transport', 'diesel', 2.5, '万吨', 1.5, 2],
    ['purchasedElectricity', 'industry', 'electricity', 35000, '万千瓦时', 3, 0],
  ],
  '440222': [
    ['fuelCombustion', 'transport', 'diesel', 1.6, '万吨', 1.5, 2],
    ['purchasedElectricity', 'industry', 'electricity', 15000, '万千瓦时', 3, 0],
  ],
  '440233': [
    ['fuelCombustion', 'transport', 'diesel', 1.4, '万吨', 1.5, 2],
    ['purchasedElectricity', 'industry', 'electricity', 14000, '万千瓦时', 3, 0],
  ],
};

/** Farming in every county: rice (ha), livestock (head), fertiliser N (t N); scaled per county. */
const FARM_SCALE: Record<string, number> = { '440203': 0.2, '440204': 0.2, '440205': 0.8, '440222': 1, '440224': 0.9, '440229': 1.1, '440232': 0.7, '440233': 0.8, '440281': 1.2, '440282': 1.4 };
const FARM_ROWS: Row[] = [
  ['rice', null, 'early', 9000, '公顷', -1, 0],
  ['rice', null, 'late', 9500, '公顷', -1, 0],
  ['enteric', null, 'otherCattle', 15000, '头', 0, 0],
  ['enteric', null, 'buffalo', 6000, '头', -3, 0],
  ['enteric', null, 'goats', 8000, '头', 1, 0],
  ['manure', null, 'swine', 160000, '头', 1, 0],
  ['manure', null, 'otherCattle', 15000, '头', 0, 0],
  ['manure', null, 'poultry', 2000000, '只', 1, 0],
  ['soilNitrogen', null, 'synthetic', 4500, '吨', -2, 0],
  ['soilNitrogen', null, 'manure', 1800, '吨', 0, 0],
];

/** Growing stock by county (10^4 m³, 2019), split over forest types; grows about 2.5 % a year. */
const FOREST_STOCK: Record<string, number> = { '440203': 250, '440204': 200, '440205': 900, '440222': 1100, '440224': 1100, '440229': 950, '440232': 1300, '440233': 950, '440281': 1250, '440282': 1300 };
const FOREST_SPLIT: [type: string, share: number][] = [
  ['chineseFir', 0.35],
  ['massonPine', 0.25],
  ['broadleaf', 0.3],
  ['eucalyptus', 0.1],
];

/** A small deterministic noise in ±1 % (mulberry32 on a seed string). */
function noise(seed: string): number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let t = (h ^ (h >>> 16)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5) * 0.02;
}

const sectorOf = (category: string): Sector => CATEGORIES.find((c) => c.code === category)!.sector;

function row(regionCode: string, year: number, r: Row, scale = 1): ActivityRecord {
  const [category, subsector, item, base, unit, growth, decimals] = r;
  const v = base * scale * (1 + growth / 100) ** (year - 2020) * (1 + noise(`${regionCode}|${year}|${category}|${item}|${subsector}`));
  return { regionCode, year, sector: sectorOf(category), category, subsector, item, valueText: v.toFixed(decimals), unit: unitOf(unit).zh, source: CARBON_DEMO_SOURCE, note: null };
}

/** City GDP (2019 at constant 2020 prices; 2020 at current prices = constant), real growth, population, energy. */
function cityMacro(city: string): ActivityRecord[] {
  const m = (year: number, category: string, item: string, valueText: string, unit: string): ActivityRecord => ({ regionCode: city, year, sector: 'macro', category, subsector: null, item, valueText, unit, source: CARBON_DEMO_SOURCE, note: null });
  // 2020 GDP 1353.49 亿元 is the plan's baseline; the rest is illustrative.
  const growth: [number, string][] = [
    [2021, '8.6'],
    [2022, '1.5'],
    [2023, '4.6'],
    [2024, '3.5'],
  ];
  const population: [number, string][] = [
    [2019, '285.5'],
    [2020, '285.5'],
    [2021, '286.01'],
    [2022, '286.18'],
    [2023, '286.0'],
    [2024, '285.77'],
  ];
  // Energy consumption (10^4 tce): 2020 = 2019 × GDP ratio × (1 − 1.46 %), the plan's baseline of indicator 23.
  const energy: [number, string][] = [
    [2019, '1250.0'],
    [2020, '1257.6'],
    [2021, '1334.2'],
    [2022, '1318.5'],
    [2023, '1345.0'],
    [2024, '1362.3'],
  ];
  return [
    m(2019, 'gdp', 'constant-2020', '1325.65', '亿元'),
    m(2020, 'gdp', 'current', '1353.49', '亿元'),
    ...growth.map(([y, v]) => m(y, 'gdpRealGrowth', 'comparable', v, '%')),
    ...population.map(([y, v]) => m(y, 'population', 'resident', v, '万人')),
    ...energy.map(([y, v]) => m(y, 'energyConsumption', 'total', v, '万吨标准煤')),
  ];
}

/** Every demo activity row (pure, deterministic). */
export function demoCarbonActivity(plan: Plan): ActivityRecord[] {
  const out: ActivityRecord[] = [];
  const counties = plan.regions.filter((r) => r.level === 'county').map((r) => r.code);
  for (const code of counties) {
    for (const year of CARBON_DEMO_YEARS) {
      for (const r of COUNTY_ROWS[code] ?? []) out.push(row(code, year, r));
      for (const r of FARM_ROWS) out.push(row(code, year, r, FARM_SCALE[code] ?? 1));
    }
    for (const year of [2019, ...CARBON_DEMO_YEARS]) {
      for (const [type, share] of FOREST_SPLIT) {
        const v = (FOREST_STOCK[code] ?? 800) * share * 1.025 ** (year - 2019) * (1 + noise(`${code}|${year}|${type}`) / 4);
        out.push({ regionCode: code, year, sector: 'lulucf', category: 'forestStock', subsector: null, item: type, valueText: v.toFixed(2), unit: '万立方米', source: CARBON_DEMO_SOURCE, note: null });
      }
    }
  }
  out.push(...cityMacro(plan.meta.region));
  return out;
}

/** The three demo scenarios from the demo base year 2020 (their base CO2 is the demo inventory's energy CO2). */
export function demoScenarios(plan: Plan, records = demoCarbonActivity(plan)): ScenarioInput[] {
  const inv = computeInventory(new ActivityIndex(records), { year: 2020, regionCode: plan.meta.region, regions: plan.regions, factors: new FactorSet() });
  const base = { population: 285.5, gdp: 1353.49, energy: 1257.6, co2: Number((inv.totals.energyCO2 / 1e4).toFixed(1)) };
  const gdpPc = [
    { from: 2021, to: 2025, percent: 5.5 },
    { from: 2026, to: 2030, percent: 4.8 },
    { from: 2031, to: 2035, percent: 4.0 },
  ];
  const population = [{ from: 2021, to: 2035, percent: -0.1 }];
  const targets = { peakBy: 2030, intensity: [{ year: 2025, reductionPercent: 20.5 }] };
  const clean = (mw: Record<string, number>) => ({ kind: 'cleanEnergy' as const, label: '韶关市清洁能源项目（光伏、风电；装机为示例）', capacityMW: mw, fullLoadHours: 1300, displacedFactor: 0.5366 });
  return [
    {
      name: 'baseline',
      label: '基准情景（示例）',
      labelEn: 'Baseline (demo)',
      baseYear: 2020,
      base,
      drivers: { population, gdpPerCapita: gdpPc, energyIntensity: [{ from: 2021, to: 2035, percent: -2.0 }], carbonIntensityOfEnergy: [{ from: 2021, to: 2035, percent: -0.5 }] },
      targets,
    },
    {
      name: 'policy',
      label: '政策情景（示例）',
      labelEn: 'Policy (demo)',
      baseYear: 2020,
      base,
      drivers: { population, gdpPerCapita: gdpPc, energyIntensity: [{ from: 2021, to: 2025, percent: -2.9 }, { from: 2026, to: 2035, percent: -2.8 }], carbonIntensityOfEnergy: [{ from: 2021, to: 2035, percent: -1.0 }] },
      measures: [clean({ '2022': 300, '2025': 1500, '2030': 3000 }), { kind: 'coalReduction', label: '煤电压减、煤改气（示例）', coalTce: { '2026': 50, '2030': 120 }, substitute: 'naturalGas' }],
      targets,
    },
    {
      name: 'enhanced',
      label: '强化低碳情景（示例）',
      labelEn: 'Enhanced low-carbon (demo)',
      baseYear: 2020,
      base,
      drivers: { population, gdpPerCapita: gdpPc, energyIntensity: [{ from: 2021, to: 2035, percent: -3.5 }], carbonIntensityOfEnergy: [{ from: 2021, to: 2035, percent: -1.5 }] },
      measures: [clean({ '2022': 500, '2025': 2500, '2030': 5000 }), { kind: 'coalReduction', label: '煤电压减、煤改气（示例）', coalTce: { '2024': 50, '2028': 150, '2030': 200 }, substitute: 'nonFossil' }],
      targets,
    },
  ];
}

/** Loads the carbon demo: activity rows whose keys hold no real data, and the scenarios not yet saved. Idempotent. */
export async function loadCarbonDemo(db: Kysely<Database>, plan: Plan): Promise<{ activity: number; scenarios: number }> {
  const existing = new Set((await currentActivity(db, plan.meta.id)).map((r) => activityKey(r)));
  const records = demoCarbonActivity(plan);
  const fresh = records.filter((r) => !existing.has(activityKey(r)));
  const by = { id: null, username: 'ecoplan demo' };
  const saved = fresh.length ? await saveActivity(db, plan.meta.id, fresh.map((record) => ({ row: null, record, reason: null })), by, { isDemo: true, origin: 'demo' }) : { inserted: 0 };
  const have = new Set((await listScenarios(db, plan.meta.id)).map((s) => s.name));
  let scenarios = 0;
  for (const s of demoScenarios(plan, records))
    if (!have.has(s.name)) {
      await saveScenario(db, plan.meta.id, scenarioSchema.parse(s), null, by, { isDemo: true });
      scenarios++;
    }
  return { activity: saved.inserted, scenarios };
}
