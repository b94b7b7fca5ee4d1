// Reads a plan's GEP facts and prices and runs the pure accounts over them: the one place the CLI and the API
// share, so both answer identically.
import type { Kysely } from 'kysely';
import { compareAccounts, computeAccount, type Account, type AccountOptions, type PriceBook } from '../gep/account.js';
import { assetAccount, continuityBreaks } from '../gep/balanceSheet.js';
import { allocateFund, type CompensationScheme, type CountyIndicators } from '../gep/compensation.js';
import { equivalentAccount } from '../gep/equivalentFactor.js';
import { GepError } from '../gep/errors.js';
import { assertAreaSum, checkAreaSum, extentChange, parseExtent, type Transition } from '../gep/extent.js';
import { accountData, priceBook, type FactInput, type StoredFact } from '../gep/facts.js';
import { accountJson, allocationJson, comparisonJson, equivalentJson } from '../gep/present.js';
import { isEcoType } from '../gep/spec.js';
import { convert, parseNumber } from '../gep/units.js';
import type { Plan } from '../plan/model.js';
import { currentFacts, currentPriceRows, ensureDefaultPrices, toStoredPrice } from './gep.js';
import type { Database } from './schema.js';
import { loadCarbonContext } from './carbon.js';
import { computeInventory } from '../carbon/inventory.js';
import { FOREST_SINK_SOURCE } from '../carbon/forestSink.js';
import { forestSinkAsGepInput } from '../gep/forestSinkLink.js';
import { subRegions } from '../plan/views.js';

/** The forest carbon sink of the carbon inventory for a region and year, shared with the GEP carbon item. */
export interface SharedForestSink {
  /** t CO2 per year removed (positive) or lost (negative) by the forest stock change. */
  tCO2PerYear: number;
  source: string;
}

export interface GepData {
  /** The carbon inventory's forest sink of a region and year, when its forest stock data allow one. */
  forestSink?: (region: string, year: number) => SharedForestSink | null;
  facts: StoredFact[];
  book: PriceBook;
  /** Facts grouped by "region|year" (accounts read one group each). */
  byRegionYear: Map<string, StoredFact[]>;
  regionAreas: StoredFact[];
}

export function gepData(facts: StoredFact[], book: PriceBook): GepData {
  const byRegionYear = new Map<string, StoredFact[]>();
  for (const f of facts) {
    const k = `${f.region}|${f.year}`;
    const list = byRegionYear.get(k);
    if (list) list.push(f);
    else byRegionYear.set(k, [f]);
  }
  return { facts, book, byRegionYear, regionAreas: facts.filter((f) => f.kind === 'region_area') };
}

const factsOf = (data: GepData, region: string, year: number) => data.byRegionYear.get(`${region}|${year}`) ?? [];

/** Whether an account of the region and year rests on demonstration data (示例数据), which it must then say. */
export const usesDemo = (data: GepData, region: string, year: number): boolean => factsOf(data, region, year).some((f) => f.isDemo === true);

export async function loadGep(db: Kysely<Database>, plan: Plan, approvedFacts?: StoredFact[]): Promise<GepData> {
  await ensureDefaultPrices(db, plan.meta.id);
  // `approvedFacts`: the current approved facts when the caller has read them already (the report reads the rows).
  const [facts, prices, carbon] = await Promise.all([approvedFacts ?? currentFacts(db, plan.meta.id, { approvedOnly: true }), currentPriceRows(db, plan.meta.id), loadCarbonContext(db, plan.meta.id, { sector: 'lulucf' })]);
  return { ...gepData(facts, priceBook(prices.map(toStoredPrice))), forestSink: forestSinkOf(plan, carbon) };
}

/**
 * The forest sink as the carbon inventory computes it (stock-difference method, src/carbon/forestSink.ts): one figure
 * for both accounts. Computed once per region and year; null when the inventory has no forest stock change there.
 */
function forestSinkOf(plan: Plan, carbon: Awaited<ReturnType<typeof loadCarbonContext>>): (region: string, year: number) => SharedForestSink | null {
  const memo = new Map<string, SharedForestSink | null>();
  return (region, year) => {
    const k = `${region}|${year}`;
    if (memo.has(k)) return memo.get(k)!;
    let result: SharedForestSink | null = null;
    // Only the LULUCF activity is loaded (the forest stock rows): every GEP request reads it, the rest is not needed.
    if (carbon.records.some((r) => r.category === 'forestStock' && r.year === year)) {
      const inv = computeInventory(carbon.index, { year, regionCode: region, regions: plan.regions, factors: carbon.factors });
      const lines = inv.lines.filter((l) => l.category === 'forestStock');
      if (lines.length)
        result = {
          tCO2PerYear: -lines.reduce((s, l) => s + l.mass, 0),
          source: `温室气体清单 ${year} 年森林碳汇（蓄积量变化法，${lines.length} 类森林）/ forest sink of the ${year} GHG inventory (stock-difference method): ${FOREST_SINK_SOURCE}`,
        };
    }
    memo.set(k, result);
    return result;
  };
}

export function regionName(plan: Plan, code: string): string {
  const r = plan.regions.find((x) => x.code === code);
  if (!r) throw new GepError('UNKNOWN_REGION', `未知的行政区代码“${code}”，可用：${plan.regions.map((x) => `${x.code}（${x.name}）`).join('、')}`, `unknown region "${code}"`);
  return r.name;
}

/** The region's area (hm²): the plan's own area for the plan region, else the latest entered region area up to the year. */
export function regionAreaHm2(plan: Plan, facts: StoredFact[], region: string, year: number): number | null {
  const entered = facts.filter((f) => f.kind === 'region_area' && f.region === region).sort((a, b) => b.year - a.year);
  const f = entered.find((x) => x.year <= year) ?? entered[entered.length - 1];
  if (f) return convert(parseNumber(f.value, 'region area'), f.unit, 'hm²');
  if (region === plan.meta.region) return convert(plan.meta.area.value, plan.meta.area.unit, 'hm²');
  return null;
}

/**
 * The area check of every region and year that new facts give an extent for, against the current extent merged
 * with the new one (the sum of the types must match the region's area within the tolerance, src/gep/extent.ts).
 * Used by the workbook import and the input form alike: both refuse the whole write on any failure.
 */
export async function extentAreaFailures(db: Kysely<Database>, plan: Plan, facts: readonly FactInput[]): Promise<{ region: string; year: number; facts: FactInput[]; error: GepError }[]> {
  const touched = new Set(facts.filter((f) => f.kind === 'extent').map((f) => `${f.region}|${f.year}`));
  if (!touched.size) return [];
  const existing = await currentFacts(db, plan.meta.id, { kind: 'extent' });
  const regionAreas = [...(await currentFacts(db, plan.meta.id, { kind: 'region_area' })), ...facts.filter((f) => f.kind === 'region_area').map((f) => ({ ...f, sub: '' }))];
  const out: { region: string; year: number; facts: FactInput[]; error: GepError }[] = [];
  for (const t of touched) {
    const [region, yearText] = t.split('|') as [string, string];
    const year = Number(yearText);
    const mine = facts.filter((f) => f.kind === 'extent' && f.region === region && f.year === year);
    const merged = new Map(existing.filter((f) => f.region === region && f.year === year).map((f) => [f.key, { type: f.key, areaText: f.value, unit: f.unit }]));
    for (const f of mine) merged.set(f.key, { type: f.key, areaText: f.value, unit: f.unit });
    const area = regionAreaHm2(plan, regionAreas.map((f) => ({ kind: f.kind, region: f.region, year: f.year, key: f.key, sub: '', value: f.value, unit: f.unit })), region, year);
    if (area === null) continue;
    try {
      assertAreaSum(parseExtent([...merged.values()]), area, `${regionName(plan, region)}（${region}）${year} 年`);
    } catch (e) {
      if (!(e instanceof GepError)) throw e;
      out.push({ region, year, facts: mine, error: e });
    }
  }
  return out;
}

export interface AccountRequest {
  region: string;
  year: number;
  method?: 'spec' | 'equivalent';
  options?: AccountOptions;
}

/** One account with its area check; throws GepError (no extent, area sum beyond tolerance, price missing …). */
export function accountOf(
  plan: Plan,
  data: GepData,
  region: string,
  year: number,
  options: AccountOptions = {},
): { account: Account; areaCheck: ReturnType<typeof checkAreaSum> | null; sharedForestSink: SharedForestSink | null } {
  const name = regionName(plan, region);
  const input = accountData(factsOf(data, region, year), region, year);
  if (!Object.keys(input.extent).length)
    throw new GepError('NO_EXTENT', `${name}（${region}）${year} 年没有生态系统范围（面积）数据，无法核算`, `${region} has no ecosystem extent for ${year}; enter the extent first`);
  // An entered forest sequestration quantity (or the NEP it is modelled from) wins; otherwise the carbon
  // inventory's forest sink is the forest quantity, so the two accounts use one figure.
  const forestCo2 = forestSinkAsGepInput({ tCO2PerYear: 0 });
  const entered = input.inputs.some((i) => i.type === 'forest' && (i.key === forestCo2.key || i.key === 'nep'));
  const shared = entered ? null : (data.forestSink?.(region, year) ?? null);
  if (shared) input.inputs.push(forestSinkAsGepInput(shared));
  const area = regionAreaHm2(plan, data.regionAreas, region, year);
  const areaCheck = area === null ? null : assertAreaSum(input.extent, area, `${name} ${year} 年范围账户`);
  return { account: computeAccount(input, data.book, options), areaCheck, sharedForestSink: shared };
}

export function accountResponse(plan: Plan, data: GepData, req: AccountRequest) {
  if (req.method === 'equivalent') {
    const input = accountData(factsOf(data, req.region, req.year), req.region, req.year);
    regionName(plan, req.region);
    if (!Object.keys(input.extent).length) throw new GepError('NO_EXTENT', `${req.region} ${req.year} 年没有生态系统范围数据`, `${req.region} has no extent for ${req.year}`);
    const d = data.book.param('param.esv_standard_equivalent', req.year, '元/hm²');
    if (!d) throw new GepError('PRICE_MISSING', '当量因子法需要标准当量价值 param.esv_standard_equivalent（元/公顷）', 'the equivalent-factor method needs param.esv_standard_equivalent (yuan/ha)');
    return { ...equivalentJson(equivalentAccount(input.extent, d.value), req.region, req.year), standardEquivalentSource: d.source, usesDemo: usesDemo(data, req.region, req.year) };
  }
  const { account, areaCheck, sharedForestSink } = accountOf(plan, data, req.region, req.year, req.options);
  return { ...accountJson(account), regionName: regionName(plan, req.region), areaCheck, sharedForestSink, usesDemo: usesDemo(data, req.region, req.year) };
}

export function compareResponse(plan: Plan, data: GepData, region: string, from: number, to: number, options: AccountOptions = {}) {
  const a = accountOf(plan, data, region, from, { ...options, constantYear: null }).account;
  const b = accountOf(plan, data, region, to, { ...options, constantYear: null }).account;
  const extentA = accountData(factsOf(data, region, from), region, from).extent;
  const extentB = accountData(factsOf(data, region, to), region, to).extent;
  const transitions: Transition[] = data.facts
    .filter((f) => f.kind === 'transition' && f.region === region && f.year === to && f.sub.startsWith(`${from}:`))
    .map((f) => ({ from: f.key as Transition['from'], to: f.sub.split(':')[1] as Transition['to'], areaHm2: convert(parseNumber(f.value, 'transition'), f.unit, 'hm²') }))
    .filter((t) => isEcoType(t.from) && isEcoType(t.to));
  return { ...comparisonJson(compareAccounts(a, b)), regionName: regionName(plan, region), usesDemo: usesDemo(data, region, from) || usesDemo(data, region, to), extentChange: extentChange(from, extentA, to, extentB, transitions) };
}

/** Every region's total for a year (those with an extent), for the region comparison. */
export function regionTotals(plan: Plan, data: GepData, year: number, options: AccountOptions = {}) {
  return plan.regions
    .filter((r) => data.facts.some((f) => f.kind === 'extent' && f.region === r.code && f.year === year))
    .map((r) => {
      const a = accountJson(accountOf(plan, data, r.code, year, options).account);
      return { region: r.code, name: r.name, level: r.level, total: a.total, byCategory: a.byCategory };
    });
}

/** Indicator values of counties for a compensation allocation, from their accounts and entered facts. */
export function countyIndicators(plan: Plan, data: GepData, year: number, keys: string[], baseYear?: number): CountyIndicators[] {
  return subRegions(plan)
    .map((r) => {
      const values: Record<string, string> = {};
      const needAccount = keys.some((k) => k === 'regulating_value' || k === 'gep' || k === 'gep_change');
      const acc = needAccount ? accountOf(plan, data, r.code, year).account : null;
      for (const k of keys) {
        if (k === 'regulating_value') values[k] = (Number(acc!.byCategory.regulating) / 100).toFixed(2);
        else if (k === 'gep') values[k] = (Number(acc!.totalFen) / 100).toFixed(2);
        else if (k === 'gep_change') {
          if (!baseYear) throw new GepError('BASE_YEAR', '指标 gep_change 需要基准年', 'gep_change needs a base year');
          const base = accountOf(plan, data, r.code, baseYear).account;
          values[k] = (Number(acc!.totalFen - base.totalFen) / 100).toFixed(2);
        } else {
          // Entered per county as a statistic-like input (e.g. redline_area, protected_area) in the input facts.
          const f = data.facts.find((x) => x.kind === 'input' && x.region === r.code && x.year === year && x.key === `comp.${k}`);
          if (f) values[k] = f.value;
        }
      }
      return { region: r.code, name: r.name, values };
    });
}

export function compensationResponse(plan: Plan, data: GepData, scheme: CompensationScheme, year: number, baseYear?: number, explicit?: CountyIndicators[]) {
  const counties = explicit ?? countyIndicators(plan, data, year, scheme.indicators.map((i) => i.key), baseYear);
  return { year, ...allocationJson(allocateFund(scheme, counties)), inputs: counties };
}

/** The asset balance sheet of a region and year, with the SEEA identity check and continuity with the next year. */
export function balanceSheetResponse(plan: Plan, data: GepData, region: string, year: number) {
  regionName(plan, region);
  const entries = (y: number) =>
    data.facts.filter((f) => f.kind === 'asset' && f.region === region && f.year === y).map((f) => ({ asset: f.key, flow: f.sub, valueText: f.value, unit: f.unit }));
  const prices: Record<string, { value: number; unit: string }> = {};
  for (const key of ['land.forest', 'forest.stock', 'water.resources', 'land.farmland', 'land.grassland', 'land.wetland', 'land.water']) {
    const p = data.book.price(`price.asset.${key}`, year, '元/' + (key === 'forest.stock' || key === 'water.resources' ? 'm³' : 'hm²'));
    if (p) prices[key] = { value: p.value, unit: '元/' + (key === 'forest.stock' || key === 'water.resources' ? 'm³' : 'hm²') };
  }
  const rows = assetAccount(entries(year), prices, { label: `${region} ${year}` });
  const next = entries(year + 1);
  const breaks = next.length ? continuityBreaks([{ year, rows }, { year: year + 1, rows: assetAccount(next, {}, { label: `${region} ${year + 1}` }) }]) : [];
  return {
    region,
    regionName: regionName(plan, region),
    year,
    layout: 'SEEA-CF 2012 Table 5.1 (opening, additions, reductions, closing)',
    rows: rows.map((r) => ({ ...r, monetary: r.monetary && { price: r.monetary.price, priceUnit: r.monetary.priceUnit, opening: { yuan: (Number(r.monetary.openingFen) / 100).toFixed(2) }, closing: { yuan: (Number(r.monetary.closingFen) / 100).toFixed(2) } } })),
    balanced: rows.every((r) => r.balanced),
    continuityBreaks: breaks,
  };
}

/** The extent account of a region and year with its area check (not refusing: the check is reported). */
export function extentResponse(plan: Plan, data: GepData, region: string, year: number) {
  regionName(plan, region);
  const mine = data.facts.filter((f) => f.kind === 'extent' && f.region === region && f.year === year);
  const extent = parseExtent(mine.map((f) => ({ type: f.key, areaText: f.value, unit: f.unit })));
  const area = regionAreaHm2(plan, data.facts, region, year);
  return { region, year, extentHm2: extent, regionAreaHm2: area, areaCheck: area === null ? null : checkAreaSum(extent, area) };
}
