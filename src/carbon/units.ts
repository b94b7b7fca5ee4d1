// Units of the carbon accounts: physical quantities (吨, 立方米, 千瓦时 …), energy (吨标准煤, GJ) and money, with
// the conversion factor and its source for every conversion. Pure.
//
// Within one dimension a conversion is a decimal prefix (万 = 10^4, 亿 = 10^8, 千 = 10^3: 《中华人民共和国法定计量单位》
// and GB 3100-1993). Across dimensions (a fuel's mass to 吨标准煤 or to GJ, electricity to 吨标准煤) it needs a
// cited factor: GB/T 2589-2020《综合能耗计算通则》 for coal equivalents (see fuelEnergy in factors.ts).

export type Dimension =
  | 'mass'
  | 'volume'
  | 'electricity'
  | 'standardCoal'
  | 'heat'
  | 'area'
  | 'head'
  | 'money'
  | 'population'
  | 'capacity'
  | 'percent'
  | 'index';

export interface UnitDef {
  /** Canonical Chinese symbol. */
  zh: string;
  en: string;
  dimension: Dimension;
  /** How many base units one of this unit is. */
  toBase: number;
}

export const DIMENSION_LABELS: Record<Dimension, { zh: string; en: string; base: string }> = {
  mass: { zh: '质量', en: 'mass', base: '吨' },
  volume: { zh: '体积', en: 'volume', base: '立方米' },
  electricity: { zh: '电量', en: 'electricity', base: '千瓦时' },
  standardCoal: { zh: '标准煤当量', en: 'coal equivalent', base: '吨标准煤' },
  heat: { zh: '热量', en: 'heat', base: 'GJ' },
  area: { zh: '面积', en: 'area', base: '公顷' },
  head: { zh: '头数', en: 'head count', base: '头' },
  money: { zh: '金额', en: 'money', base: '万元' },
  population: { zh: '人口', en: 'population', base: '万人' },
  capacity: { zh: '装机容量', en: 'capacity', base: '兆瓦' },
  percent: { zh: '百分比', en: 'percent', base: '%' },
  index: { zh: '指数', en: 'index', base: '指数' },
};

const U = (zh: string, en: string, dimension: Dimension, toBase: number): UnitDef => ({ zh, en, dimension, toBase });

/** Every accepted unit, by each spelling a user may type. */
const UNIT_LIST: { names: string[]; def: UnitDef }[] = [
  { names: ['吨', 't', 'tonne', 'tonnes'], def: U('吨', 't', 'mass', 1) },
  { names: ['万吨', '10^4 t', '10kt'], def: U('万吨', '10^4 t', 'mass', 1e4) },
  { names: ['千克', '公斤', 'kg'], def: U('千克', 'kg', 'mass', 1e-3) },
  { names: ['立方米', 'm3', 'm³', '方'], def: U('立方米', 'm³', 'volume', 1) },
  { names: ['万立方米', '10^4 m3', '10^4 m³', '万方'], def: U('万立方米', '10^4 m³', 'volume', 1e4) },
  { names: ['亿立方米', '10^8 m3', '10^8 m³', '亿方'], def: U('亿立方米', '10^8 m³', 'volume', 1e8) },
  { names: ['千瓦时', 'kWh', 'kwh', '度'], def: U('千瓦时', 'kWh', 'electricity', 1) },
  { names: ['万千瓦时', '10^4 kWh'], def: U('万千瓦时', '10^4 kWh', 'electricity', 1e4) },
  { names: ['亿千瓦时', '10^8 kWh'], def: U('亿千瓦时', '10^8 kWh', 'electricity', 1e8) },
  { names: ['兆瓦时', 'MWh', 'mwh'], def: U('兆瓦时', 'MWh', 'electricity', 1e3) },
  { names: ['吉瓦时', 'GWh', 'gwh'], def: U('吉瓦时', 'GWh', 'electricity', 1e6) },
  { names: ['吨标准煤', 'tce', '吨标煤'], def: U('吨标准煤', 'tce', 'standardCoal', 1) },
  { names: ['万吨标准煤', '10^4 tce', '万吨标煤'], def: U('万吨标准煤', '10^4 tce', 'standardCoal', 1e4) },
  { names: ['千克标准煤', 'kgce', '千克标煤'], def: U('千克标准煤', 'kgce', 'standardCoal', 1e-3) },
  { names: ['GJ', 'gj', '吉焦'], def: U('GJ', 'GJ', 'heat', 1) },
  { names: ['TJ', 'tj', '太焦'], def: U('TJ', 'TJ', 'heat', 1e3) },
  { names: ['MJ', 'mj', '兆焦'], def: U('MJ', 'MJ', 'heat', 1e-3) },
  { names: ['公顷', 'ha', 'hm2', 'hm²'], def: U('公顷', 'ha', 'area', 1) },
  // 1 亩 = 10 000/15 m² (法定计量单位换算), so 15 亩 = 1 公顷.
  { names: ['亩'], def: U('亩', 'mu', 'area', 1 / 15) },
  { names: ['万亩'], def: U('万亩', '10^4 mu', 'area', 1e4 / 15) },
  { names: ['平方公里', 'km2', 'km²', '平方千米'], def: U('平方公里', 'km²', 'area', 100) },
  { names: ['头', '只', '匹', 'head'], def: U('头', 'head', 'head', 1) },
  { names: ['万头', '万只', '10^4 head'], def: U('万头', '10^4 head', 'head', 1e4) },
  { names: ['万元', '10^4 yuan', '10^4 CNY'], def: U('万元', '10^4 yuan', 'money', 1) },
  { names: ['亿元', '10^8 yuan', '10^8 CNY'], def: U('亿元', '10^8 yuan', 'money', 1e4) },
  { names: ['元', 'yuan', 'CNY'], def: U('元', 'yuan', 'money', 1e-4) },
  { names: ['万人', '10^4 persons'], def: U('万人', '10^4 persons', 'population', 1) },
  { names: ['人', 'persons'], def: U('人', 'persons', 'population', 1e-4) },
  { names: ['兆瓦', 'MW', 'mw'], def: U('兆瓦', 'MW', 'capacity', 1) },
  { names: ['万千瓦', '10^4 kW'], def: U('万千瓦', '10^4 kW', 'capacity', 10) },
  { names: ['千瓦', 'kW', 'kw'], def: U('千瓦', 'kW', 'capacity', 1e-3) },
  { names: ['吉瓦', 'GW', 'gw'], def: U('吉瓦', 'GW', 'capacity', 1e3) },
  { names: ['%', '％', 'percent'], def: U('%', '%', 'percent', 1) },
  { names: ['指数', 'index'], def: U('指数', 'index', 'index', 1) },
];

const BY_NAME = new Map<string, UnitDef>();
for (const { names, def } of UNIT_LIST) for (const n of names) BY_NAME.set(n, def);

/** The canonical units, one per definition (for help texts and the API). */
export const UNITS: UnitDef[] = UNIT_LIST.map((u) => u.def);

export class UnitError extends Error {
  constructor(
    readonly code: 'UNKNOWN_UNIT' | 'UNIT_MISMATCH',
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'UnitError';
  }
}

/** Looks a unit up by any accepted spelling (full-width characters and spaces tolerated). */
export function findUnit(text: string): UnitDef | null {
  const hit = BY_NAME.get(text);
  if (hit) return hit;
  const t = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return BY_NAME.get(t) ?? BY_NAME.get(t.replace(/ /g, '')) ?? null;
}

export function unitOf(text: string): UnitDef {
  const u = findUnit(text);
  if (!u) {
    const list = UNITS.map((x) => x.zh).join('、');
    throw new UnitError('UNKNOWN_UNIT', `未知单位“${text}”，可用单位：${list}`, `unknown unit "${text}"; accepted: ${UNITS.map((x) => x.en).join(', ')}`);
  }
  return u;
}

/** A conversion actually applied: the factor and where it comes from, for provenance. */
export interface Conversion {
  from: string;
  to: string;
  factor: number;
  source: string;
}

const PREFIX_SOURCE = '法定计量单位十进倍数（万 = 10^4，亿 = 10^8；GB 3100-1993）/ decimal multiples of SI and Chinese legal units';

/**
 * Converts `value` in `from` to `to` within one dimension (万吨 → 吨, 亿千瓦时 → 千瓦时 …).
 * A conversion across dimensions (吨 → 吨标准煤) needs a fuel's factor: see factors.ts fuelEnergy.
 */
export function convert(value: number, from: string, to: string): { value: number; conversion: Conversion } {
  const a = unitOf(from);
  const b = unitOf(to);
  if (a.dimension !== b.dimension) {
    const la = DIMENSION_LABELS[a.dimension];
    const lb = DIMENSION_LABELS[b.dimension];
    throw new UnitError(
      'UNIT_MISMATCH',
      `单位不符：“${a.zh}”（${la.zh}）不能直接换算为“${b.zh}”（${lb.zh}）`,
      `unit mismatch: "${a.en}" (${la.en}) cannot be converted to "${b.en}" (${lb.en})`,
    );
  }
  const factor = a.toBase / b.toBase;
  return { value: value * factor, conversion: { from: a.zh, to: b.zh, factor, source: a === b ? '同一单位 / same unit' : PREFIX_SOURCE } };
}

/** Converts to the dimension's base unit (吨, 立方米, 千瓦时, 吨标准煤, GJ, 公顷, 头, 万元, 万人, 兆瓦). */
export function toBase(value: number, unit: string): { value: number; unit: string; conversion: Conversion } {
  const u = unitOf(unit);
  const r = convert(value, unit, DIMENSION_LABELS[u.dimension].base);
  return { value: r.value, unit: DIMENSION_LABELS[u.dimension].base, conversion: r.conversion };
}

/** The standard coal's calorific value: 1 kgce = 29 307.6 kJ (GB/T 2589-2020 ch. 3, term 标准煤; 7000 kcal). */
export const GJ_PER_TCE = 29.3076;
export const TCE_SOURCE_DEFINITION = 'GB/T 2589-2020《综合能耗计算通则》第3章 术语“标准煤”：低位发热量 29 307.6 kJ 的燃料为 1 千克标准煤（7000 kcal）';

/** 吨标准煤 ↔ GJ through the definition of standard coal. */
export function tceToGJ(tce: number): number {
  return tce * GJ_PER_TCE;
}
