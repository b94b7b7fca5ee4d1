// The greenhouse-gas inventory of a region and year, structured like 《省级温室气体清单编制指南（试行）》(2011) and
// mapped to GPC sectors. Every line keeps the inputs of its formula (activity, factors with sources, conversions),
// so any total can be traced back. Totals are always summed from lines, never stored. Pure.
import { activityKey, CATEGORIES, ENERGY_SUBSECTORS, SECTORS, type ActivityRecord, type Sector } from './activity.js';
import { DEFAULT_GWP, FACTOR_DATA_VERSION, FOREST_TYPES, FUELS, GWP_SETS, type GwpSet } from './factorData.js';
import { CarbonInputError, FactorSet, fuelCO2Factor, fuelOf, fuelPhysical, gwp, type ResolvedFactor } from './factors.js';
import { forestCarbonSink } from './forestSink.js';
import { toBase, type Conversion } from './units.js';

export type Gas = 'CO2' | 'CH4' | 'N2O';

export interface LineInput {
  name: string;
  value: number;
  unit: string;
  source: string;
  key?: string;
  local?: boolean;
}

export interface InventoryLine {
  regionCode: string;
  sector: Sector;
  category: string;
  subsector: string | null;
  item: string;
  gas: Gas;
  /** 1 = emitted within the region; 2 = purchased electricity; null = memo item (electricity exported). */
  scope: 1 | 2 | null;
  gpc: string;
  activity: { valueText: string; unit: string; value: number; unitUsed: string; conversions: Conversion[] };
  formula: string;
  inputs: LineInput[];
  /** Tonnes of the gas; negative for removals (a forest sink). */
  mass: number;
  /** Tonnes CO2-equivalent with the inventory's GWP set. */
  co2e: number;
}

export interface InventoryOptions {
  year: number;
  regionCode: string;
  /** The plan's regions: a city without its own rows for the year is the sum of its counties. */
  regions: readonly { code: string; parent: string | null }[];
  gwp?: GwpSet;
  grid?: 'national' | 'south';
  factors?: FactorSet;
}

export interface Inventory {
  regionCode: string;
  year: number;
  gwpSet: GwpSet;
  gwpValues: { CH4: number; N2O: number; source: string };
  factorVersion: string;
  gridLevel: 'national' | 'south';
  /** Regions whose rows were used (the region itself, or its counties when it has none). */
  regionsUsed: string[];
  rolledUp: boolean;
  lines: InventoryLine[];
  totals: {
    /** Scope-1 emissions of all sectors except LULUCF, t CO2e. */
    gross: number;
    /** LULUCF net flux, t CO2e (negative is a sink). */
    lulucf: number;
    /** gross + lulucf. */
    net: number;
    /** Purchased electricity, t CO2 (scope 2, reported separately). */
    scope2: number;
    /** Electricity exported × grid factor, t CO2 (memo item). */
    electricityExport: number;
    /** Energy-related CO2 as the intensity indicator counts it: fuel combustion CO2 + scope 2 − exported electricity, t. */
    energyCO2: number;
    /**
     * Gross emissions by gas (every scope-1 line except LULUCF, whose sink is `lulucf`): Σ co2e = gross, so each
     * gas's share of gross adds to 100 %. Counting the sink into CO2 made the shares add to 88 %.
     */
    byGas: Record<Gas, { mass: number; co2e: number; /** % of gross, one decimal; the three add to 100.0 */ shareText: string | null }>;
    bySector: Record<Sector, number>;
    bySubsector: Record<string, number>;
    byFuel: Record<string, number>;
    byRegion: Record<string, number>;
    /** Fuel → energy sub-sector flows of combustion, t CO2e (for a Sankey diagram). */
    fuelFlows: { fuel: string; subsector: string; co2e: number }[];
  };
  warnings: { zh: string; en: string }[];
}

const C_TO_CO2 = 44 / 12;
const CATEGORY_BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]));
const N2ON_TO_N2O = 44 / 28;
const C_TO_CH4 = 16 / 12;

/** Activity rows indexed by region and year, built once for many inventories. */
export class ActivityIndex {
  private readonly byRegionYear = new Map<string, ActivityRecord[]>();
  private readonly stockYears = new Map<string, number[]>();

  constructor(records: readonly ActivityRecord[]) {
    const seen = new Set<string>();
    for (const r of records) {
      const key = activityKey(r);
      if (seen.has(key)) throw new CarbonInputError('DUPLICATE_ACTIVITY', `重复的活动数据：${key}`, `duplicate activity row: ${key}`);
      seen.add(key);
      const k = `${r.regionCode}|${r.year}`;
      const list = this.byRegionYear.get(k) ?? [];
      list.push(r);
      this.byRegionYear.set(k, list);
      if (r.category === 'forestStock') {
        const sk = `${r.regionCode}|${r.item}`;
        const ys = this.stockYears.get(sk) ?? [];
        ys.push(r.year);
        this.stockYears.set(sk, ys);
      }
    }
    for (const ys of this.stockYears.values()) ys.sort((a, b) => a - b);
  }

  get(regionCode: string, year: number): ActivityRecord[] {
    return this.byRegionYear.get(`${regionCode}|${year}`) ?? [];
  }

  /** The forest stock row of the latest year before `year` for the same region and forest type. */
  previousStock(regionCode: string, item: string, year: number): ActivityRecord | null {
    const ys = this.stockYears.get(`${regionCode}|${item}`) ?? [];
    let best: number | null = null;
    for (const y of ys) if (y < year) best = y;
    if (best === null) return null;
    return this.get(regionCode, best).find((r) => r.category === 'forestStock' && r.item === item) ?? null;
  }
}

const inputOf = (name: string, f: ResolvedFactor): LineInput => ({ name, value: f.value, unit: f.unit, source: f.source, key: f.key, ...(f.override ? { local: true } : {}) });

/** Computes the inventory of a region and year (guideline chapters 1–5). */
export function computeInventory(data: ActivityIndex | readonly ActivityRecord[], opts: InventoryOptions): Inventory {
  const index = data instanceof ActivityIndex ? data : new ActivityIndex(data);
  const gwpSet = opts.gwp ?? DEFAULT_GWP;
  const g = gwp(gwpSet);
  const factors = opts.factors ?? new FactorSet();
  const gridLevel = opts.grid ?? 'national';
  const warnings: { zh: string; en: string }[] = [];
  if (!opts.regions.some((r) => r.code === opts.regionCode)) throw new CarbonInputError('UNKNOWN_REGION', `未知的行政区“${opts.regionCode}”`, `unknown region "${opts.regionCode}"`);

  const isInventoryRow = (r: ActivityRecord) => r.sector !== 'macro';
  let regionsUsed = [opts.regionCode];
  let rolledUp = false;
  if (!index.get(opts.regionCode, opts.year).some(isInventoryRow)) {
    const children = opts.regions.filter((r) => r.parent === opts.regionCode).map((r) => r.code);
    if (children.length) {
      regionsUsed = children;
      rolledUp = true;
    }
  }
  const rows = regionsUsed.flatMap((code) => index.get(code, opts.year)).filter(isInventoryRow);

  const lines: InventoryLine[] = [];
  const gwpOf = (gas: Gas) => (gas === 'CO2' ? 1 : g[gas]);
  let gridCache: ReturnType<FactorSet['grid']> | null = null;
  const grid = () => {
    if (!gridCache) {
      gridCache = factors.grid(opts.year, gridLevel);
      if (gridCache.warning) warnings.push(gridCache.warning);
    }
    return gridCache.factor;
  };

  for (const r of rows) {
    const cat = CATEGORY_BY_CODE.get(r.category)!;
    const entered = Number(r.valueText);
    // Built field by field (no spreads): an inventory of a city has thousands of lines.
    const push = (l: Pick<InventoryLine, 'gas' | 'activity' | 'formula' | 'inputs' | 'mass'> & { scope?: 1 | 2 | null; gpc?: string }) =>
      lines.push({
        regionCode: r.regionCode,
        sector: r.sector,
        category: r.category,
        subsector: r.subsector,
        item: r.item,
        gas: l.gas,
        scope: l.scope === undefined ? 1 : l.scope,
        gpc: l.gpc ?? cat.gpc,
        activity: l.activity,
        formula: l.formula,
        inputs: l.inputs,
        mass: l.mass,
        co2e: l.mass * gwpOf(l.gas),
      });
    const plain = () => {
      const b = toBase(entered, r.unit);
      return { valueText: r.valueText, unit: r.unit, value: b.value, unitUsed: b.unit, conversions: b.conversion.factor === 1 ? [] : [b.conversion] };
    };

    switch (r.category) {
      case 'fuelCombustion': {
        // Guideline ch. 1 (fossil fuel combustion): CO2 = AD × NCV × CC × OF × 44/12; CH4, N2O = AD × NCV × EF.
        const fuel = fuelOf(r.item);
        const phys = fuelPhysical(fuel, entered, r.unit, factors);
        const activity = { valueText: r.valueText, unit: r.unit, value: phys.value, unitUsed: fuel.unit, conversions: phys.conversions };
        const ef = fuelCO2Factor(fuel, factors);
        const gpc = ENERGY_SUBSECTORS.find((s) => s.code === r.subsector)?.gpc ?? 'I';
        const heatTJ = (phys.value * ef.ncv.value) / 1000;
        push({ gas: 'CO2', gpc, activity, formula: 'AD × NCV × CC × OF × 44/12 ÷ 1000', inputs: [inputOf('NCV', ef.ncv), inputOf('CC', ef.cc), inputOf('OF', ef.of)], mass: phys.value * ef.value });
        for (const gas of ['CH4', 'N2O'] as const) {
          const f = factors.get(`combustion.${fuel.kind}.${gas.toLowerCase()}`);
          push({ gas, gpc, activity, formula: `AD × NCV ÷ 1000 × EF_${gas} ÷ 1000`, inputs: [inputOf('NCV', ef.ncv), inputOf(`EF_${gas}`, f)], mass: (heatTJ * f.value) / 1000 });
        }
        break;
      }
      case 'purchasedElectricity':
      case 'electricityExport': {
        // Scope 2: electricity × grid average factor (MEE/NBS notice of the year); exports are a memo item.
        const a = plain();
        const f = grid();
        const gpc = r.category === 'purchasedElectricity' ? `${ENERGY_SUBSECTORS.find((s) => s.code === r.subsector)?.gpc ?? 'I'} scope 2` : 'I.4 memo';
        push({ gas: 'CO2', scope: r.category === 'purchasedElectricity' ? 2 : null, gpc, activity: a, formula: 'kWh × EF_grid ÷ 1000', inputs: [inputOf('EF_grid', f)], mass: (a.value * f.value) / 1000 });
        break;
      }
      case 'cementClinker':
      case 'lime':
      case 'steelFlux':
      case 'nonFerrous': {
        // Guideline ch. 2: process CO2 = production (or flux consumed) × emission factor.
        const a = plain();
        const key = r.category === 'cementClinker' ? 'ippu.cementClinker' : r.category === 'lime' ? 'ippu.lime' : r.category === 'steelFlux' ? (r.item === 'limestone' ? 'ippu.steelLimestone' : 'ippu.steelDolomite') : `ippu.${r.item}`;
        const f = factors.get(key);
        push({ gas: 'CO2', activity: a, formula: 'AD × EF', inputs: [inputOf('EF', f)], mass: a.value * f.value });
        break;
      }
      case 'rice': {
        // Guideline ch. 3: CH4 = harvested area × regional EF (kg/ha).
        const a = plain();
        const f = factors.get(`agri.rice.${r.item}`);
        push({ gas: 'CH4', activity: a, formula: 'ha × EF ÷ 1000', inputs: [inputOf('EF', f)], mass: (a.value * f.value) / 1000 });
        break;
      }
      case 'enteric': {
        const a = plain();
        const f = factors.get(`agri.enteric.${r.item}`);
        push({ gas: 'CH4', activity: a, formula: 'head × EF ÷ 1000', inputs: [inputOf('EF', f)], mass: (a.value * f.value) / 1000 });
        break;
      }
      case 'manure': {
        const a = plain();
        const ch4 = factors.get(`agri.manureCH4.${r.item}`);
        const n2o = factors.get(`agri.manureN2O.${r.item}`);
        push({ gas: 'CH4', activity: a, formula: 'head × EF_CH4 ÷ 1000', inputs: [inputOf('EF_CH4', ch4)], mass: (a.value * ch4.value) / 1000 });
        push({ gas: 'N2O', activity: a, formula: 'head × EF_N2O ÷ 1000', inputs: [inputOf('EF_N2O', n2o)], mass: (a.value * n2o.value) / 1000 });
        break;
      }
      case 'soilNitrogen': {
        // Guideline ch. 3 agricultural soils: direct + indirect (deposition of volatilised N, leaching/runoff), N2O-N × 44/28.
        const a = plain();
        const direct = factors.get('agri.soil.directEF');
        const vol = factors.get(r.item === 'synthetic' ? 'agri.soil.volatilisedSynthetic' : 'agri.soil.volatilisedManure');
        const dep = factors.get('agri.soil.depositionEF');
        const leach = factors.get('agri.soil.leachedFraction');
        const leachEF = factors.get('agri.soil.leachingEF');
        const n2oN = a.value * (direct.value + vol.value * dep.value + leach.value * leachEF.value);
        push({ gas: 'N2O', activity: a, formula: 'N × (EF_direct + Frac_vol × EF_dep + Frac_leach × EF_leach) × 44/28', inputs: [inputOf('EF_direct', direct), inputOf('Frac_vol', vol), inputOf('EF_dep', dep), inputOf('Frac_leach', leach), inputOf('EF_leach', leachEF)], mass: n2oN * N2ON_TO_N2O });
        break;
      }
      case 'forestStock': {
        // Guideline ch. 4 stock-difference: change since the latest earlier inventory of the same forest type.
        const prev = index.previousStock(r.regionCode, r.item, r.year);
        const type = FOREST_TYPES.find((t) => t.code === r.item)!;
        if (!prev) {
          warnings.push({ zh: `${r.regionCode} ${type.zh}：没有 ${r.year} 年以前的蓄积量，无法计算碳汇`, en: `${r.regionCode} ${type.en}: no growing stock before ${r.year}, the sink cannot be computed` });
          break;
        }
        const a = plain();
        const before = toBase(Number(prev.valueText), prev.unit).value;
        const sink = forestCarbonSink({ yearStart: prev.year, yearEnd: r.year, strata: [{ forestType: r.item, volumeStartM3: before, volumeEndM3: a.value }], factors });
        const p = sink.strata[0]!.params;
        const pin = (name: string, x: { value: number; source: string; key: string | null }): LineInput => ({ name, value: x.value, unit: '', source: x.source, ...(x.key ? { key: x.key } : {}) });
        push({
          gas: 'CO2',
          activity: a,
          formula: `−${sink.formula}`,
          inputs: [{ name: 'V_start', value: before, unit: `立方米 (${prev.year})`, source: prev.source }, { name: 'years', value: r.year - prev.year, unit: '年', source: '' }, pin('SVD', p.density), pin('BEF', p.bef), pin('R', p.rootShoot), pin('CF', p.carbonFraction)],
          mass: -sink.tCO2PerYear,
        });
        break;
      }
      case 'landfill': {
        // IPCC 2006 Vol. 5 Ch. 3 mass balance (as the guideline's default method): CH4 = W × MCF × DOC × DOCF × F × 16/12 × (1 − OX).
        const a = plain();
        const mcf = factors.get(`waste.landfill.mcf.${r.item}`);
        const doc = factors.get('waste.landfill.doc');
        const docf = factors.get('waste.landfill.docf');
        const F = factors.get('waste.landfill.f');
        const ox = r.item === 'managed' ? factors.get('waste.landfill.ox') : null;
        const oxv = ox?.value ?? 0;
        push({ gas: 'CH4', activity: a, formula: 'W × MCF × DOC × DOCF × F × 16/12 × (1 − OX)', inputs: [inputOf('MCF', mcf), inputOf('DOC', doc), inputOf('DOCF', docf), inputOf('F', F), ...(ox ? [inputOf('OX', ox)] : [])], mass: a.value * mcf.value * doc.value * docf.value * F.value * C_TO_CH4 * (1 - oxv) });
        break;
      }
      case 'landfillRecovery': {
        // Recovered methane is not emitted; recovery is at managed sites, so it is netted before oxidation.
        const a = plain();
        const ox = factors.get('waste.landfill.ox');
        push({ gas: 'CH4', activity: a, formula: '−R × (1 − OX)', inputs: [inputOf('OX', ox)], mass: -a.value * (1 - ox.value) });
        break;
      }
      case 'incineration': {
        // Guideline ch. 5 / IPCC 2006 Vol. 5 Eq. 5.1: CO2 = W × dm × CF × FCF × OF × 44/12.
        const a = plain();
        const ks = ['dryMatter', 'carbonFraction', 'fossilFraction', 'oxidation'].map((k) => factors.get(`waste.incineration.${k}`));
        push({ gas: 'CO2', activity: a, formula: 'W × dm × CF × FCF × OF × 44/12', inputs: ks.map((f, i) => inputOf(['dm', 'CF', 'FCF', 'OF'][i]!, f)), mass: ks.reduce((x, f) => x * f.value, a.value) * C_TO_CO2 });
        break;
      }
      case 'wastewaterDomestic':
      case 'wastewaterIndustrial': {
        // Guideline ch. 5 / IPCC 2006 Vol. 5 Eq. 6.1, 6.4: CH4 = organics × Bo × MCF.
        const a = plain();
        const dom = r.category === 'wastewaterDomestic';
        const bo = factors.get(dom ? 'waste.wastewater.boDomestic' : 'waste.wastewater.boIndustrial');
        const mcf = factors.get(dom ? 'waste.wastewater.mcfDomestic' : 'waste.wastewater.mcfIndustrial');
        push({ gas: 'CH4', activity: a, formula: `${dom ? 'BOD' : 'COD'} × Bo × MCF`, inputs: [inputOf('Bo', bo), inputOf('MCF', mcf)], mass: a.value * bo.value * mcf.value });
        break;
      }
      case 'wastewaterNitrogen': {
        // IPCC 2006 Vol. 5 Eq. 6.7: N2O = N_effluent × EF × 44/28.
        const a = plain();
        const ef = factors.get('waste.wastewater.n2oEF');
        push({ gas: 'N2O', activity: a, formula: 'N × EF × 44/28', inputs: [inputOf('EF', ef)], mass: a.value * ef.value * N2ON_TO_N2O });
        break;
      }
      default:
        throw new CarbonInputError('UNKNOWN_CATEGORY', `未知的类别“${r.category}”`, `unknown category "${r.category}"`);
    }
  }
  return { regionCode: opts.regionCode, year: opts.year, gwpSet, gwpValues: { CH4: g.CH4, N2O: g.N2O, source: g.source }, factorVersion: FACTOR_DATA_VERSION, gridLevel, regionsUsed, rolledUp, lines, totals: totalsOf(lines), warnings };
}

function totalsOf(lines: readonly InventoryLine[]): Inventory['totals'] {
  const zeroSectors = Object.fromEntries(Object.keys(SECTORS).map((s) => [s, 0])) as Record<Sector, number>;
  const t: Inventory['totals'] = {
    gross: 0,
    lulucf: 0,
    net: 0,
    scope2: 0,
    electricityExport: 0,
    energyCO2: 0,
    byGas: { CO2: { mass: 0, co2e: 0, shareText: null }, CH4: { mass: 0, co2e: 0, shareText: null }, N2O: { mass: 0, co2e: 0, shareText: null } },
    bySector: zeroSectors,
    bySubsector: {},
    byFuel: {},
    byRegion: {},
    fuelFlows: [],
  };
  const flows = new Map<string, number>();
  for (const l of lines) {
    if (l.scope === 2) {
      t.scope2 += l.mass;
      t.energyCO2 += l.mass;
      continue;
    }
    if (l.scope === null) {
      t.electricityExport += l.mass;
      t.energyCO2 -= l.mass;
      continue;
    }
    t.bySector[l.sector] += l.co2e;
    if (l.sector === 'lulucf') t.lulucf += l.co2e;
    else {
      t.byGas[l.gas].mass += l.mass;
      t.byGas[l.gas].co2e += l.co2e;
      t.gross += l.co2e;
      t.byRegion[l.regionCode] = (t.byRegion[l.regionCode] ?? 0) + l.co2e;
    }
    if (l.category === 'fuelCombustion') {
      if (l.gas === 'CO2') t.energyCO2 += l.mass;
      t.byFuel[l.item] = (t.byFuel[l.item] ?? 0) + l.co2e;
      t.bySubsector[l.subsector!] = (t.bySubsector[l.subsector!] ?? 0) + l.co2e;
      const k = `${l.item}|${l.subsector}`;
      flows.set(k, (flows.get(k) ?? 0) + l.co2e);
    }
  }
  t.net = t.gross + t.lulucf;
  const gases = ['CO2', 'CH4', 'N2O'] as const;
  const shares = sharesOfTotal(gases.map((g) => t.byGas[g].co2e), t.gross);
  gases.forEach((g, i) => (t.byGas[g].shareText = shares?.[i] ?? null));
  t.fuelFlows = [...flows].map(([k, co2e]) => {
    const [fuel, subsector] = k.split('|') as [string, string];
    return { fuel, subsector, co2e };
  });
  return t;
}

/** Names for display: fuel, sub-sector and sector labels (zh/en) used by the CLI and the API. */
export const LABELS = {
  fuels: Object.fromEntries(FUELS.map((f) => [f.code, { zh: f.zh, en: f.en }])),
  subsectors: Object.fromEntries(ENERGY_SUBSECTORS.map((s) => [s.code, { zh: s.zh, en: s.en }])),
  sectors: SECTORS,
  gwpSets: GWP_SETS,
};

/**
 * Parts of a total as percentages with `decimals` places that add up to exactly 100 (largest-remainder rounding),
 * so a table of shares never sums to 99.9 or 100.1. Null when the total is not positive or a part is negative
 * (then shares of the total do not mean a breakdown).
 */
export function sharesOfTotal(parts: readonly number[], total: number, decimals = 1): string[] | null {
  if (!(total > 0) || parts.some((p) => p < 0)) return null;
  const scale = 100 * 10 ** decimals;
  const raw = parts.map((p) => (p / total) * scale);
  const units = raw.map(Math.floor);
  let left = Math.round(raw.reduce((a, b) => a + b, 0)) - units.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, rest: r - Math.floor(r) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    units[i]!++;
    left--;
  }
  return units.map((u) => (u / 10 ** decimals).toFixed(decimals));
}
