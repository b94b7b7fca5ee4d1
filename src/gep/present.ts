// JSON shapes of GEP results for the API, the CLI and the Excel export: money as exact 元 text (two decimals)
// plus 亿元 for reading, labels in Chinese and English. Pure.
import { fenToYi, fenToYuan, type Account, type Comparison } from './account.js';
import type { AllocationResult, HorizontalResult } from './compensation.js';
import type { EquivalentAccount } from './equivalentFactor.js';
import { CATEGORIES, ECOSYSTEM_TYPES, ITEM_BY_ID } from './spec.js';

const money = (f: bigint) => ({ yuan: fenToYuan(f), yi: fenToYi(f) });
const typeLabel = (t: string) => ECOSYSTEM_TYPES.find((x) => x.id === t) ?? { id: t, zh: '未分类型', en: 'unassigned' };

export function accountJson(a: Account) {
  return {
    method: 'spec' as const,
    region: a.region,
    year: a.year,
    prices: a.prices,
    total: money(a.totalFen),
    byCategory: CATEGORIES.map((c) => ({ id: c.id, zh: c.zh, en: c.en, ...money(a.byCategory[c.id]) })),
    byType: Object.entries(a.byType).map(([t, v]) => ({ type: t, zh: typeLabel(t).zh, en: typeLabel(t).en, ...money(v) })),
    perCapita: a.perCapitaFen === null ? null : { yuan: fenToYuan(a.perCapitaFen) },
    gepToGdp: a.gepToGdp === null ? null : a.gepToGdp.toFixed(4),
    items: a.items.map((i) => ({
      id: i.id,
      category: i.category,
      zh: i.zh,
      en: i.en,
      included: i.included,
      status: i.status,
      missingInputs: i.missingInputs,
      ...money(i.valueFen),
      lines: i.lines.map((l) => {
        const spec = ITEM_BY_ID.get(l.item)!.lines.find((x) => x.key === l.line)!;
        return {
          line: l.line,
          zh: spec.zh,
          en: spec.en,
          type: l.type,
          quantity: Number(l.quantity.toPrecision(10)),
          unit: l.unit,
          origin: l.origin,
          price: Number(l.price.toPrecision(10)),
          priceUnit: l.priceUnit,
          priceYear: l.priceYear,
          priceSource: l.priceSource,
          multiplier: l.multiplier,
          ...money(l.valueFen),
        };
      }),
    })),
  };
}

export function comparisonJson(c: Comparison) {
  return {
    region: c.region,
    from: c.from,
    to: c.to,
    fromTotal: money(c.fromFen),
    toTotal: money(c.toFen),
    change: money(c.changeFen),
    quantityEffect: money(c.quantityEffectFen),
    priceEffect: money(c.priceEffectFen),
    formula: {
      zh: 'ΔV = (Q₁ − Q₀)(P₀ + P₁)/2 + (P₁ − P₀)(Q₀ + Q₁)/2（对称分解）；数量效应按分取整，价格效应 = ΔV − 数量效应，二者之和恰等于变化',
      en: 'ΔV = (Q₁ − Q₀)(P₀ + P₁)/2 + (P₁ − P₀)(Q₀ + Q₁)/2 (symmetric decomposition); quantity effect rounded to the fen, price effect = ΔV − quantity effect, so they sum exactly to the change',
    },
    byItem: c.byItem.map((i) => ({ id: i.id, category: i.category, zh: i.zh, en: i.en, change: money(i.changeFen), quantityEffect: money(i.quantityEffectFen), priceEffect: money(i.priceEffectFen) })),
  };
}

export function equivalentJson(e: EquivalentAccount, region: string, year: number) {
  return {
    method: 'equivalent' as const,
    region,
    year,
    label: e.label,
    standardEquivalentYuanPerHm2: e.standardEquivalentYuanPerHm2,
    total: money(e.totalFen),
    byType: e.byType.map((t) => ({ type: t.type, zh: typeLabel(t.type).zh, en: typeLabel(t.type).en, areaHm2: t.areaHm2, rows: t.rows, ...money(t.valueFen) })),
    byService: e.byService.map((s) => ({ key: s.key, zh: s.zh, en: s.en, ...money(s.valueFen) })),
    unverifiedRowsUsed: e.unverifiedRowsUsed,
  };
}

export function allocationJson(r: AllocationResult) {
  return {
    scheme: r.scheme,
    fund: money(r.fundFen),
    total: money(r.totalFen),
    formula: r.formula,
    allocations: r.allocations.map((a) => ({ region: a.region, name: a.name, amount: money(a.amountFen), share: a.share, exactYuan: a.exactYuan, roundedUp: a.roundedUp, parts: a.parts, explanation: a.explanation })),
  };
}

export function horizontalJson(h: HorizontalResult) {
  return { p: h.p, payer: h.payer, payee: h.payee, amount: money(h.amountFen), formula: h.formula, explanation: h.explanation };
}
