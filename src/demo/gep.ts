// The GEP example dataset (示例数据) for Shaoguan: region areas, extents, item inputs, statistics, prices carried by
// an example price index, a compensation scheme and asset accounts — plausible, deterministic and labelled as
// demonstration data everywhere. Not official statistics. `demoGepFacts` and `demoGepPrices` are pure.
import type { Kysely } from 'kysely';
import type { CompensationScheme } from '../gep/compensation.js';
import type { FactInput, PriceInput } from '../gep/facts.js';
import type { EcoType } from '../gep/spec.js';
import type { Plan } from '../plan/model.js';
import { listSchemes, recordFacts, recordPrices, saveScheme } from '../store/gep.js';
import type { Database } from '../store/schema.js';

export const GEP_DEMO_SOURCE = '示例数据（演示用，非真实统计）/ demo data, not official statistics';
export const GEP_DEMO_YEARS = [2020, 2021, 2022, 2023, 2024];

/** Example county areas (km²), 示例 — replace with the official figures. */
const COUNTY_AREA_KM2: Record<string, number> = {
  '440203': 671, '440204': 565, '440205': 1618, '440222': 2174, '440224': 2223, '440229': 2175, '440232': 2299, '440233': 2016, '440281': 2421, '440282': 2326,
};

const SHARES: Record<EcoType, number> = { forest: 0.7, shrub: 0.03, grassland: 0.02, wetland: 0.01, water: 0.025, farmland: 0.13, urban_green: 0.01, settlement: 0.06, unused: 0.015 };
const TYPES = Object.keys(SHARES) as EcoType[];

function random(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

const fmt = (v: number, d = 2) => v.toFixed(d);

/** Extent shares of a region in a year: forest and settlements grow slowly, farmland and unused land give way. */
function shares(region: string, year: number): Record<EcoType, number> {
  const t = year - 2020;
  const raw = {} as Record<EcoType, number>;
  for (const ty of TYPES) raw[ty] = SHARES[ty] * (0.8 + 0.4 * random(`${region}|${ty}`));
  raw.forest *= 1 + 0.002 * t;
  raw.settlement *= 1 + 0.01 * t;
  raw.farmland *= 1 - 0.004 * t;
  raw.unused *= 1 - 0.02 * t;
  const sum = TYPES.reduce((s, ty) => s + raw[ty], 0);
  for (const ty of TYPES) raw[ty] /= sum;
  return raw;
}

export function demoExtentHm2(region: string, year: number, areaKm2: number): Record<EcoType, number> {
  const s = shares(region, year);
  const out = {} as Record<EcoType, number>;
  for (const ty of TYPES) out[ty] = Math.round(areaKm2 * 100 * s[ty] * 100) / 100;
  return out;
}

/** Demo facts for the plan's regions and the given years. */
export function demoGepFacts(plan: Plan, years: number[] = GEP_DEMO_YEARS): FactInput[] {
  const out: FactInput[] = [];
  const f = (region: string, year: number, kind: FactInput['kind'], key: string, value: string, unit: string, sub = '') => out.push({ kind, region, year, key, sub, value, unit, source: GEP_DEMO_SOURCE });
  for (const r of plan.regions) {
    const areaKm2 = r.level === 'city' ? plan.meta.area.value : (COUNTY_AREA_KM2[r.code] ?? 1000);
    const scale = areaKm2 / plan.meta.area.value; // county share of city-wide quantities
    if (r.level === 'county') f(r.code, years[0]!, 'region_area', 'area', fmt(areaKm2), 'km²');
    for (const year of years) {
      const rnd = (k: string) => random(`${r.code}|${year}|${k}`);
      const ext = demoExtentHm2(r.code, year, areaKm2);
      for (const ty of TYPES) f(r.code, year, 'extent', ty, fmt(ext[ty]), 'hm²');
      const g = 1 + 0.03 * (year - 2020); // slow growth of activity
      // Material products (元 at current prices) and hydropower.
      f(r.code, year, 'input', 'agriculture.value', fmt(150e8 * scale * g * (0.9 + 0.2 * rnd('a')), 0), '元');
      f(r.code, year, 'input', 'forestry.value', fmt(25e8 * scale * g * (0.9 + 0.2 * rnd('f')), 0), '元');
      f(r.code, year, 'input', 'livestock.value', fmt(80e8 * scale * g * (0.9 + 0.2 * rnd('l')), 0), '元');
      f(r.code, year, 'input', 'fishery.value', fmt(15e8 * scale * g * (0.9 + 0.2 * rnd('fi')), 0), '元');
      f(r.code, year, 'input', 'eco_energy.hydropower', fmt(50 * scale * (0.85 + 0.3 * rnd('h')), 4), '亿kWh');
      // Water balance, erosion, flood, air, water, carbon, climate.
      f(r.code, year, 'input', 'precipitation', fmt(1650 * (0.85 + 0.3 * rnd('p')), 1), 'mm');
      const alpha: Partial<Record<EcoType, number>> = { forest: 2.67, shrub: 4.26, grassland: 9.37, wetland: 0, farmland: 20, urban_green: 30, unused: 40 };
      const et: Partial<Record<EcoType, number>> = { forest: 900, shrub: 850, grassland: 750, wetland: 1000, farmland: 800, urban_green: 700, unused: 500 };
      const cover: Partial<Record<EcoType, number>> = { forest: 0.02, shrub: 0.05, grassland: 0.08, wetland: 0, farmland: 0.25, urban_green: 0.1, unused: 0.4 };
      const nep: Partial<Record<EcoType, number>> = { forest: 2.5, shrub: 1.5, grassland: 0.8, wetland: 1, farmland: 0.5, urban_green: 1 };
      for (const ty of Object.keys(alpha) as EcoType[]) {
        f(r.code, year, 'input', 'runoff_coefficient', fmt(alpha[ty]!), '%', ty);
        f(r.code, year, 'input', 'evapotranspiration', fmt(et[ty]! * (0.95 + 0.1 * rnd(`et${ty}`)), 1), 'mm', ty);
        f(r.code, year, 'input', 'rusle_c', fmt(cover[ty]!, 3), '1', ty);
      }
      f(r.code, year, 'input', 'rusle_r', fmt(9000 * (0.85 + 0.3 * rnd('r')), 0), 'MJ·mm/(hm²·h·a)');
      f(r.code, year, 'input', 'rusle_k', '0.02', 't·hm²·h/(hm²·MJ·mm)');
      f(r.code, year, 'input', 'rusle_ls', '1.2', '1');
      f(r.code, year, 'input', 'rusle_p', '1', '1');
      for (const [ty, q] of Object.entries(nep)) f(r.code, year, 'input', 'nep', fmt(q * (0.9 + 0.2 * rnd(`nep${ty}`)), 3), 'tC/(hm²·a)', ty);
      f(r.code, year, 'input', 'storm_precipitation', fmt(120 * (0.8 + 0.4 * rnd('sp')), 1), 'mm');
      for (const [ty, q] of Object.entries({ forest: 20, shrub: 30, grassland: 40, urban_green: 60 })) f(r.code, year, 'input', 'storm_runoff', fmt(q), 'mm', ty);
      f(r.code, year, 'input', 'lake_area', '0', 'km²');
      f(r.code, year, 'input', 'marsh_area', '0', 'km²');
      f(r.code, year, 'input', 'reservoir_capacity', fmt(20 * scale * (0.8 + 0.4 * random(`${r.code}|res`)), 4), '亿m³');
      for (const [ty, q] of Object.entries({ forest: 8865, shrub: 6000, grassland: 2000, wetland: 1000, farmland: 4500, urban_green: 8000 })) f(r.code, year, 'input', 'so2_rate', fmt(q), 'kg/(km²·a)', ty);
      for (const [ty, q] of Object.entries({ forest: 6000, shrub: 4000, grassland: 1500, wetland: 800, farmland: 3000, urban_green: 5000 })) f(r.code, year, 'input', 'nox_rate', fmt(q), 'kg/(km²·a)', ty);
      for (const [ty, q] of Object.entries({ forest: 2e6, shrub: 1e6, grassland: 3e5, wetland: 2e5, farmland: 5e5, urban_green: 1.5e6 })) f(r.code, year, 'input', 'dust_rate', fmt(q), 'kg/(km²·a)', ty);
      f(r.code, year, 'input', 'so2_emission', fmt(3000 * scale * (1 - 0.03 * (year - 2020)), 1), 't');
      f(r.code, year, 'input', 'nox_emission', fmt(12000 * scale * (1 - 0.02 * (year - 2020)), 1), 't');
      f(r.code, year, 'input', 'dust_emission', fmt(8000 * scale, 1), 't');
      for (const [ty, q] of Object.entries({ wetland: 50, water: 20 })) f(r.code, year, 'input', 'cod_rate', fmt(q), 't/(km²·a)', ty);
      for (const [ty, q] of Object.entries({ wetland: 5, water: 2 })) f(r.code, year, 'input', 'nh3n_rate', fmt(q), 't/(km²·a)', ty);
      for (const [ty, q] of Object.entries({ wetland: 1, water: 0.5 })) f(r.code, year, 'input', 'tp_rate', fmt(q), 't/(km²·a)', ty);
      f(r.code, year, 'input', 'cod_load', fmt(30000 * scale, 1), 't');
      f(r.code, year, 'input', 'nh3n_load', fmt(3000 * scale, 1), 't');
      f(r.code, year, 'input', 'tp_load', fmt(400 * scale, 1), 't');
      for (const [ty, q] of Object.entries({ forest: 2837.27, shrub: 1300.95, grassland: 1513.46, urban_green: 2000 })) f(r.code, year, 'input', 'transpiration_heat', fmt(q), 'kJ/(m²·d)', ty);
      f(r.code, year, 'input', 'cooling_days', fmt(110 + Math.round(20 * rnd('cd')), 0), 'd');
      f(r.code, year, 'input', 'water_evaporation', fmt(ext.water * 1e4 * 1.0, 0), 'm³');
      f(r.code, year, 'input', 'sand_fixation.area', '0', 'm²');
      f(r.code, year, 'input', 'coastal_protection.length', '0', 'm');
      f(r.code, year, 'input', 'recreation.scenic', fmt(1500 * scale * g * (0.8 + 0.4 * rnd('v')), 2), '万人次');
      f(r.code, year, 'input', 'recreation.park', fmt(3000 * scale * g, 2), '万人次');
      f(r.code, year, 'input', 'landscape.floor_area', fmt(2e6 * scale * g, 0), 'm²');
      f(r.code, year, 'stat', 'population', fmt(286 * scale * (1 - 0.003 * (year - 2020)), 2), '万人');
      f(r.code, year, 'stat', 'gdp', fmt(1353.49 * scale * (1 + 0.045 * (year - 2020)), 2), '亿元');
      if (r.level === 'county') {
        f(r.code, year, 'input', 'comp.redline_area', fmt(areaKm2 * (0.2 + 0.25 * random(`${r.code}|red`)), 2), 'km²');
        f(r.code, year, 'input', 'comp.protected_area', fmt(areaKm2 * (0.05 + 0.15 * random(`${r.code}|pa`)), 2), 'km²');
      }
      // Asset accounts: forest area and stock, water resources (opening + increases − decreases = closing).
      const forestOpen = ext.forest - 50 * scale * 10;
      const aff = 600 * scale;
      const conv = 100 * scale;
      const close = forestOpen + aff - conv;
      for (const [flow, v] of [['opening', forestOpen], ['increase.afforestation', aff], ['decrease.conversion', conv], ['closing', close]] as const) f(r.code, year, 'asset', 'forest.area', fmt(v), 'hm²', flow);
      const stockOpen = Math.round(8.6e7 * scale * (1 + 0.03 * (year - 2020)));
      const growth = Math.round(stockOpen * 0.045);
      const cut = Math.round(stockOpen * 0.015);
      for (const [flow, v] of [['opening', stockOpen], ['increase.growth', growth], ['decrease.extraction', cut], ['closing', stockOpen + growth - cut]] as const) f(r.code, year, 'asset', 'forest.stock', String(v), 'm³', flow);
    }
  }
  return out;
}

/** Example prices: 2020 values carried to later years by an example CPI, and example sector price indices. */
export function demoGepPrices(years: number[] = GEP_DEMO_YEARS): PriceInput[] {
  const first = years[0]!;
  const unit: [string, string, string][] = [
    ['price.reservoir_capacity', '9.2', '元/m³'], ['price.dredging', '20.3', '元/m³'], ['price.n_removal', '1500', '元/t'], ['price.p_removal', '3000', '元/t'],
    ['price.sand_control', '4.9', '元/m²'], ['price.so2', '1895', '元/t'], ['price.nox', '1895', '元/t'], ['price.dust', '1000', '元/t'], ['price.cod', '2800', '元/t'],
    ['price.nh3n', '3500', '元/t'], ['price.tp', '11200', '元/t'], ['price.carbon', '50', '元/tCO2'], ['price.oxygen', '1000', '元/t'], ['price.electricity', '0.65', '元/kWh'],
    ['price.hydropower', '0.45', '元/kWh'], ['price.travel_scenic', '600', '元/人次'], ['price.travel_park', '40', '元/人次'], ['price.housing', '7000', '元/m²'], ['price.seawall', '0', '元/m'],
    ['price.pest_forest', '375', '元/hm²'], ['price.pest_grassland', '112.5', '元/hm²'], ['price.water_domestic', '2.8', '元/m³'], ['price.water_industrial', '3.9', '元/m³'], ['price.water_agricultural', '0.1', '元/m³'],
    ['price.asset.forest.stock', '600', '元/m³'],
  ];
  const out: PriceInput[] = unit.map(([key, value, u]) => ({ key, year: first, value, unit: u, source: GEP_DEMO_SOURCE, indexKey: 'index.cpi' }));
  const params: [string, string, string][] = [['param.soil_bulk_density', '1.30', 't/m³'], ['param.ac_efficiency', '3.0', '1'], ['param.humidifier', '125', 'kWh/m³'], ['param.landscape_premium', '3', '%'], ['param.esv_standard_equivalent', '3406.5', '元/hm²']];
  for (const [key, value, u] of params) out.push({ key, year: first, value, unit: u, source: GEP_DEMO_SOURCE });
  years.forEach((y, i) => {
    out.push({ key: 'index.cpi', year: y, value: (1 + 0.02 * i).toFixed(4), unit: '1', source: GEP_DEMO_SOURCE });
    for (const k of ['agriculture', 'forestry', 'livestock', 'fishery']) out.push({ key: `index.${k}`, year: y, value: (1 + 0.015 * i + 0.01 * random(`${k}|${y}`)).toFixed(4), unit: '1', source: GEP_DEMO_SOURCE });
  });
  return out;
}

export const DEMO_SCHEME: CompensationScheme = {
  name: '示例：市级生态保护补偿资金分配',
  fundYuan: '100000000.00',
  source: GEP_DEMO_SOURCE,
  indicators: [
    { key: 'regulating_value', zh: '调节服务价值', en: 'regulating-service value', weight: '0.5' },
    { key: 'redline_area', zh: '生态保护红线面积', en: 'ecological red line area', weight: '0.3' },
    { key: 'protected_area', zh: '自然保护地面积', en: 'protected area', weight: '0.2' },
  ],
};

/** Loads the GEP example dataset (idempotent: unchanged values are skipped, demo values may be replaced). */
export async function loadGepDemo(db: Kysely<Database>, plan: Plan): Promise<number> {
  const facts = await recordFacts(db, plan.meta.id, demoGepFacts(plan), { recordedBy: 'ecoplan demo', isDemo: true });
  const prices = await recordPrices(db, plan.meta.id, demoGepPrices(), { recordedBy: 'ecoplan demo', isDemo: true });
  if (!(await listSchemes(db, plan.meta.id)).some((s) => s.name === DEMO_SCHEME.name)) await saveScheme(db, plan.meta.id, DEMO_SCHEME, { recordedBy: 'ecoplan demo', isDemo: true });
  return facts.inserted + facts.versioned + prices.inserted + prices.versioned;
}
