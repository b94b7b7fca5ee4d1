// The GEP account of one region and year from its facts (extent, inputs, prices), and the comparison of two years.
// Pure: no I/O. Physical quantities first (实物量), then values (价值量); every line keeps its quantity, unit,
// price, price year and source. Values are rounded to the fen (分) per line and summed as integers, so totals by
// category, item and ecosystem type add up exactly.
import { formatScaled } from '../plan/decimal.js';
import { GepError } from './errors.js';
import { ECO_TYPE_IDS, ITEMS, type Category, type EcoType, type ItemSpec, type LineSpec, type ModelContext, type TypedQuantity, quantityKey } from './spec.js';
import { convert, convertAny } from './units.js';

export interface InputValue {
  key: string;
  type: EcoType | null;
  value: number;
  unit: string;
}

export interface PriceEntry {
  key: string;
  year: number;
  value: number;
  unit: string;
  source: string;
  /** A price index key (e.g. index.cpi) that carries this price to other years when no price of that year exists. */
  indexKey?: string | null;
}

export interface AccountData {
  region: string;
  year: number;
  /** Extent in hm² by type. */
  extent: Partial<Record<EcoType, number>>;
  inputs: InputValue[];
  /** Resident population (persons) and GDP (元), for per-capita GEP and GEP/GDP. */
  population?: number | null;
  gdp?: number | null;
}

export interface AccountOptions {
  /** Items to add to the default set (e.g. oxygen_release). */
  include?: string[];
  /** Items to leave out. */
  exclude?: string[];
  /** Value at the constant prices of this base year instead of current prices. */
  constantYear?: number | null;
}

export type TypeBucket = EcoType | 'unassigned';

export interface LineResult {
  item: string;
  line: string;
  type: TypeBucket;
  quantity: number;
  unit: string;
  origin: 'entered' | 'modelled';
  price: number;
  priceUnit: string;
  priceYear: number;
  priceSource: string;
  /** Product of multiplier parameters (1 when none). */
  multiplier: number;
  /** Volume and price in the form used for constant prices and decomposition (Q̃ × P̃ × multiplier = value). */
  volume: number | null;
  unitPrice: number | null;
  valueFen: bigint;
}

export interface ItemResult {
  id: string;
  category: Category;
  zh: string;
  en: string;
  included: boolean;
  /** complete: every line has a quantity; partial: some lines lack inputs; missing: none has. */
  status: 'complete' | 'partial' | 'missing';
  missingInputs: string[];
  lines: LineResult[];
  valueFen: bigint;
}

export interface Account {
  region: string;
  year: number;
  prices: { basis: 'current' } | { basis: 'constant'; baseYear: number };
  items: ItemResult[];
  totalFen: bigint;
  byCategory: Record<Category, bigint>;
  byType: Partial<Record<TypeBucket, bigint>>;
  perCapitaFen: bigint | null;
  /** GEP / GDP as a ratio, null without GDP. */
  gepToGdp: number | null;
}

interface ResolvedPrice {
  value: number;
  year: number;
  source: string;
}

/** Groups a price book by key for repeated resolution. */
export class PriceBook {
  private readonly byKey = new Map<string, PriceEntry[]>();
  constructor(entries: PriceEntry[]) {
    for (const e of entries) {
      const list = this.byKey.get(e.key) ?? [];
      list.push(e);
      this.byKey.set(e.key, list);
    }
    for (const list of this.byKey.values()) list.sort((a, b) => a.year - b.year);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * The price of `key` for `year` in `unit`: the entry of that year; otherwise the nearest earlier (else later)
   * entry carried by its price index, P_t = P_p × I_t / I_p; otherwise null.
   */
  price(key: string, year: number, unit: string): ResolvedPrice | null {
    const list = this.byKey.get(key);
    if (!list?.length) return null;
    const exact = list.find((e) => e.year === year);
    if (exact) return { value: convertAny(exact.value, exact.unit, unit, key), year, source: exact.source };
    const ordered = [...list.filter((e) => e.year < year).reverse(), ...list.filter((e) => e.year > year)];
    for (const e of ordered) {
      if (!e.indexKey) continue;
      const it = this.indexValue(e.indexKey, year);
      const ip = this.indexValue(e.indexKey, e.year);
      if (it === null || ip === null || ip === 0) continue;
      return { value: convertAny(e.value, e.unit, unit, key) * (it / ip), year, source: `${e.source}（${e.year}年价格按 ${e.indexKey} 折算至 ${year} 年 / carried from ${e.year} by ${e.indexKey}）` };
    }
    return null;
  }

  /** An index value of the year (no carrying). */
  indexValue(key: string, year: number): number | null {
    const e = this.byKey.get(key)?.find((x) => x.year === year);
    return e ? e.value : null;
  }

  /** A parameter: the latest entry at or before the year, else the earliest. */
  param(key: string, year: number, unit: string): ResolvedPrice | null {
    const list = this.byKey.get(key);
    if (!list?.length) return null;
    const e = [...list].reverse().find((x) => x.year <= year) ?? list[0]!;
    return { value: convertAny(e.value, e.unit, unit, key), year: e.year, source: e.source };
  }
}

const fen = (yuan: number): bigint => BigInt(Math.round(yuan * 100));

/** Formats fen as 元 with two decimals: "1234.56". */
export const fenToYuan = (f: bigint): string => formatScaled(f, 2);

/** Formats fen as 亿元 rounded half away from zero to `decimals` places. */
export function fenToYi(f: bigint, decimals = 2): string {
  const unit = 10n ** BigInt(10 - decimals); // fen per last digit
  const neg = f < 0n;
  const a = neg ? -f : f;
  const q = (a * 2n + unit) / (2n * unit);
  return formatScaled(neg ? -q : q, decimals);
}

interface Collected {
  missingPrices: Set<string>;
  missingParams: Set<string>;
}

function itemIncluded(item: ItemSpec, opts: AccountOptions): boolean {
  if (opts.exclude?.includes(item.id)) return false;
  return item.defaultIncluded || Boolean(opts.include?.includes(item.id));
}

/** Validates item ids of include/exclude. */
function checkItemIds(ids: string[] | undefined) {
  for (const id of ids ?? [])
    if (!ITEMS.some((i) => i.id === id)) throw new GepError('UNKNOWN_ITEM', `未知的核算项目“${id}”，可用：${ITEMS.map((i) => i.id).join('、')}`, `unknown item "${id}"; items: ${ITEMS.map((i) => i.id).join(', ')}`);
}

/** Computes the physical quantities of every item's lines (entered first, else modelled). */
export function physicalQuantities(data: AccountData, book: PriceBook, collected: Collected = { missingPrices: new Set(), missingParams: new Set() }) {
  const entered = new Map<string, InputValue[]>();
  for (const i of data.inputs) {
    const list = entered.get(i.key) ?? [];
    list.push(i);
    entered.set(i.key, list);
  }
  const types = ECO_TYPE_IDS.filter((t) => (data.extent[t] ?? 0) > 0);
  const computed = new Map<string, TypedQuantity[]>();
  const out = new Map<string, { lines: { spec: LineSpec; origin: 'entered' | 'modelled'; qs: TypedQuantity[] }[]; missing: string[] }>();

  for (const item of ITEMS) {
    const declared = new Map(item.inputs.map((i) => [i.key, i]));
    const lines: { spec: LineSpec; origin: 'entered' | 'modelled'; qs: TypedQuantity[] }[] = [];
    const missing = new Set<string>();
    for (const line of item.lines) {
      const direct = entered.get(quantityKey(item.id, line.key));
      if (direct?.length) {
        const qs = direct.map((d) => ({ type: d.type ?? (line.perType ? null : (line.defaultType ?? null)), q: convertAny(d.value, d.unit, line.unit, quantityKey(item.id, line.key)) }));
        lines.push({ spec: line, origin: 'entered', qs });
        computed.set(quantityKey(item.id, line.key), qs);
        continue;
      }
      if (!line.model) {
        missing.add(quantityKey(item.id, line.key));
        continue;
      }
      const lineMissing = new Set<string>();
      const paramsMissing = new Set<string>();
      const value = (key: string, type: EcoType | null | undefined): number | undefined => {
        const list = entered.get(key);
        if (!list) return undefined;
        const hit = (type ? list.find((x) => x.type === type) : undefined) ?? list.find((x) => x.type === null);
        if (!hit) return undefined;
        const spec = declared.get(key);
        return spec ? convertAny(hit.value, hit.unit, spec.unit, key) : hit.value;
      };
      const ctx: ModelContext = {
        types,
        area: (t, unit) => convert(data.extent[t] ?? 0, 'hm²', unit),
        input: (key, type) => value(key, type),
        need: (key, type) => {
          const v = value(key, type);
          if (v === undefined) {
            lineMissing.add(type ? `${key}[${type}]` : key);
            return 0;
          }
          return v;
        },
        param: (key) => {
          const spec = item.params.find((p) => p.key === key);
          const p = book.param(key, data.year, spec?.unit ?? '1');
          if (!p) {
            paramsMissing.add(key);
            return Number.NaN;
          }
          return p.value;
        },
        line: (itemId, lineKey) => computed.get(quantityKey(itemId, lineKey)) ?? [],
      };
      const qs = line.model(ctx);
      if (item.id === 'oxygen_release' && !computed.has(quantityKey('carbon_sequestration', 'co2'))) lineMissing.add(quantityKey('carbon_sequestration', 'co2'));
      if (lineMissing.size) {
        for (const m of lineMissing) missing.add(m);
        continue;
      }
      if (paramsMissing.size) {
        for (const p of paramsMissing) collected.missingParams.add(`${p}（${item.zh}）`);
        continue;
      }
      lines.push({ spec: line, origin: 'modelled', qs });
      computed.set(quantityKey(item.id, line.key), qs);
    }
    out.set(item.id, { lines, missing: [...missing] });
  }
  return out;
}

function emptyCategories(): Record<Category, bigint> {
  return { material: 0n, regulating: 0n, cultural: 0n };
}

/**
 * The GEP account of one region and year. Refuses (GepError PRICE_MISSING) when a quantity has no price for the
 * year — neither an entry of that year nor one carried by its price index — naming every missing key.
 */
export function computeAccount(data: AccountData, book: PriceBook, opts: AccountOptions = {}): Account {
  checkItemIds(opts.include);
  checkItemIds(opts.exclude);
  const collected: Collected = { missingPrices: new Set(), missingParams: new Set() };
  const physical = physicalQuantities(data, book, collected);
  const priceYear = opts.constantYear ?? data.year;
  const items: ItemResult[] = [];
  for (const item of ITEMS) {
    const p = physical.get(item.id)!;
    const included = itemIncluded(item, opts);
    const lines: LineResult[] = [];
    let total = 0n;
    for (const { spec, origin, qs } of p.lines) {
      // A zero quantity is worth nothing whatever its price: no price is demanded for it.
      if (qs.every((x) => x.q === 0)) continue;
      const multipliers = (spec.multipliers ?? []).map((m) => {
        const param = item.params.find((x) => x.key === m)!;
        const r = book.param(m, priceYear, param.unit);
        if (!r && included) collected.missingParams.add(`${m}（${item.zh}）`);
        return r?.value ?? Number.NaN;
      });
      // Percent parameters are held in %: a premium of 5 (%) multiplies by 0.05.
      const mult = (spec.multipliers ?? []).reduce((acc, m, i) => acc * (item.params.find((x) => x.key === m)!.unit === '%' ? multipliers[i]! / 100 : multipliers[i]!), 1);
      let price: ResolvedPrice | null;
      let volumeOf: (q: number) => number | null;
      let unitPrice: number | null;
      if (spec.pricing === 'unit') {
        price = book.price(spec.priceKey, priceYear, spec.priceUnit);
        volumeOf = (q) => q;
        unitPrice = price?.value ?? null;
      } else {
        // Value-entered line: Q̃ = V_t / I_t at current prices; constant prices of B give Q̃ × I_B.
        const it = book.indexValue(spec.priceKey, data.year);
        const ib = opts.constantYear ? book.indexValue(spec.priceKey, opts.constantYear) : it;
        if (opts.constantYear && (it === null || ib === null)) {
          if (included) collected.missingPrices.add(`${spec.priceKey} ${it === null ? data.year : opts.constantYear}（${item.zh}）`);
          price = null;
        } else price = { value: 1, year: data.year, source: '当年价产值 / value at current prices' };
        volumeOf = (q) => (it ? q / it : null);
        unitPrice = it === null ? null : (ib ?? it);
      }
      if (!price) {
        if (included && spec.pricing === 'unit') collected.missingPrices.add(`${spec.priceKey} ${priceYear}（${item.zh}）`);
        continue;
      }
      for (const { type, q } of qs) {
        const volume = volumeOf(q);
        const valueYuan = spec.pricing === 'unit' ? q * price.value * mult : opts.constantYear ? volume! * unitPrice! : q;
        const v = fen(valueYuan);
        total += v;
        lines.push({
          item: item.id,
          line: spec.key,
          type: type ?? spec.defaultType ?? 'unassigned',
          quantity: q,
          unit: spec.unit,
          origin,
          price: spec.pricing === 'unit' ? price.value : (unitPrice ?? 1),
          priceUnit: spec.priceUnit,
          priceYear: price.year,
          priceSource: price.source,
          multiplier: mult,
          volume,
          unitPrice: unitPrice === null ? null : spec.pricing === 'unit' ? unitPrice * mult : unitPrice,
          valueFen: v,
        });
      }
    }
    const declaredLines = item.lines.length;
    const have = new Set(p.lines.map((l) => l.spec.key)).size;
    items.push({
      id: item.id,
      category: item.category,
      zh: item.zh,
      en: item.en,
      included,
      status: have === declaredLines ? 'complete' : have === 0 ? 'missing' : 'partial',
      missingInputs: p.missing,
      lines,
      valueFen: total,
    });
  }
  if (collected.missingPrices.size || collected.missingParams.size) {
    const prices = [...collected.missingPrices];
    const params = [...collected.missingParams];
    throw new GepError(
      'PRICE_MISSING',
      `${data.region} ${data.year} 年核算缺少${prices.length ? `价格：${prices.join('、')}` : ''}${prices.length && params.length ? '；' : ''}${params.length ? `参数：${params.join('、')}` : ''}（请录入该年价格，或为已有价格指定价格指数）`,
      `account ${data.region} ${data.year} lacks ${prices.length ? `prices: ${prices.join(', ')}` : ''}${prices.length && params.length ? '; ' : ''}${params.length ? `parameters: ${params.join(', ')}` : ''} (enter the year's price, or give an existing price an index)`,
    );
  }
  const byCategory = emptyCategories();
  const byType: Partial<Record<TypeBucket, bigint>> = {};
  let totalFen = 0n;
  for (const it of items) {
    if (!it.included) continue;
    totalFen += it.valueFen;
    byCategory[it.category] += it.valueFen;
    for (const l of it.lines) byType[l.type] = (byType[l.type] ?? 0n) + l.valueFen;
  }
  const perCapitaFen = data.population && data.population > 0 ? (totalFen * 2n + BigInt(Math.round(data.population))) / (2n * BigInt(Math.round(data.population))) : null;
  return {
    region: data.region,
    year: data.year,
    prices: opts.constantYear ? { basis: 'constant', baseYear: opts.constantYear } : { basis: 'current' },
    items,
    totalFen,
    byCategory,
    byType,
    perCapitaFen,
    gepToGdp: data.gdp && data.gdp > 0 ? Number(totalFen) / 100 / data.gdp : null,
  };
}

export interface ChangeLine {
  item: string;
  line: string;
  type: TypeBucket;
  fromFen: bigint;
  toFen: bigint;
  changeFen: bigint;
  quantityEffectFen: bigint;
  priceEffectFen: bigint;
}

export interface Comparison {
  region: string;
  from: number;
  to: number;
  fromFen: bigint;
  toFen: bigint;
  changeFen: bigint;
  quantityEffectFen: bigint;
  priceEffectFen: bigint;
  byItem: { id: string; category: Category; zh: string; en: string; changeFen: bigint; quantityEffectFen: bigint; priceEffectFen: bigint }[];
  lines: ChangeLine[];
}

/**
 * Change between two accounts at current prices, split into a quantity and a price effect per line by the
 * symmetric (Bennet) decomposition:
 *   ΔV = Q₁P₁ − Q₀P₀ = (Q₁ − Q₀)·(P₀ + P₁)/2  +  (P₁ − P₀)·(Q₀ + Q₁)/2
 * with Q̃ the volume and P̃ the unit price (for value-entered lines Q̃ = V/I, P̃ = I). The quantity effect is
 * rounded to the fen and the price effect is ΔV minus it, so the two add up exactly to the change. A line
 * present in one year only is all quantity effect (its price is taken equal in both years).
 */
export function compareAccounts(a: Account, b: Account): Comparison {
  if (a.prices.basis !== 'current' || b.prices.basis !== 'current')
    throw new GepError('COMPARE_BASIS', '两年比较须使用当年价核算', 'comparison needs accounts at current prices');
  const key = (l: LineResult) => `${l.item}|${l.line}|${l.type}`;
  const included = (acc: Account) => new Map(acc.items.filter((i) => i.included).flatMap((i) => i.lines).map((l) => [key(l), l]));
  const la = included(a);
  const lb = included(b);
  const lines: ChangeLine[] = [];
  const missing: string[] = [];
  for (const k of new Set([...la.keys(), ...lb.keys()])) {
    const x = la.get(k);
    const y = lb.get(k);
    const any = (x ?? y)!;
    const fromFen = x?.valueFen ?? 0n;
    const toFen = y?.valueFen ?? 0n;
    const change = toFen - fromFen;
    let qe: bigint;
    if (!x || !y) qe = change;
    else if (x.volume === null || y.volume === null || x.unitPrice === null || y.unitPrice === null) {
      missing.push(`${any.item}.${any.line}`);
      continue;
    } else qe = fen(((y.volume - x.volume) * (x.unitPrice + y.unitPrice)) / 2);
    lines.push({ item: any.item, line: any.line, type: any.type, fromFen, toFen, changeFen: change, quantityEffectFen: qe, priceEffectFen: change - qe });
  }
  if (missing.length)
    throw new GepError('INDEX_MISSING', `分解价格与数量效应需要两年的价格指数：${[...new Set(missing)].join('、')}`, `the decomposition needs price indices of both years for: ${[...new Set(missing)].join(', ')}`);
  const byItemMap = new Map<string, { changeFen: bigint; quantityEffectFen: bigint; priceEffectFen: bigint }>();
  for (const l of lines) {
    const s = byItemMap.get(l.item) ?? { changeFen: 0n, quantityEffectFen: 0n, priceEffectFen: 0n };
    s.changeFen += l.changeFen;
    s.quantityEffectFen += l.quantityEffectFen;
    s.priceEffectFen += l.priceEffectFen;
    byItemMap.set(l.item, s);
  }
  const sum = (f: (l: ChangeLine) => bigint) => lines.reduce((s, l) => s + f(l), 0n);
  return {
    region: a.region,
    from: a.year,
    to: b.year,
    fromFen: a.totalFen,
    toFen: b.totalFen,
    changeFen: b.totalFen - a.totalFen,
    quantityEffectFen: sum((l) => l.quantityEffectFen),
    priceEffectFen: sum((l) => l.priceEffectFen),
    byItem: ITEMS.filter((i) => byItemMap.has(i.id)).map((i) => ({ id: i.id, category: i.category, zh: i.zh, en: i.en, ...byItemMap.get(i.id)! })),
    lines,
  };
}
