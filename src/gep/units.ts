// Units of GEP accounting and their conversions. Pure. A quantity entered in a stated unit is converted to the
// unit its item declares; a unit of another dimension (亩 where 元 is expected) is refused with a precise message.
import { GepError } from './errors.js';

export type Dimension =
  | 'area'
  | 'money'
  | 'mass'
  | 'volume'
  | 'energy'
  | 'length'
  | 'count'
  | 'co2'
  | 'ratio'
  | 'depth'
  | 'time'
  | 'rate';

export interface UnitDef {
  /** Canonical symbol. */
  symbol: string;
  dimension: Dimension;
  /** Multiply a value in this unit by `factor` to get the dimension's base unit. */
  factor: number;
  zh: string;
  en: string;
}

// Base units: area m², money 元, mass t, volume m³, energy kWh, length m, count 1, co2 t CO2, depth mm, time d.
const DEFS: UnitDef[] = [
  { symbol: 'm²', dimension: 'area', factor: 1, zh: '平方米', en: 'square metre' },
  { symbol: '亩', dimension: 'area', factor: 10000 / 15, zh: '亩', en: 'mu (1/15 ha)' },
  { symbol: '万亩', dimension: 'area', factor: 1e8 / 15, zh: '万亩', en: '10⁴ mu' },
  { symbol: 'hm²', dimension: 'area', factor: 1e4, zh: '公顷', en: 'hectare' },
  { symbol: '万hm²', dimension: 'area', factor: 1e8, zh: '万公顷', en: '10⁴ ha' },
  { symbol: 'km²', dimension: 'area', factor: 1e6, zh: '平方公里', en: 'square kilometre' },
  { symbol: '元', dimension: 'money', factor: 1, zh: '元', en: 'yuan' },
  { symbol: '万元', dimension: 'money', factor: 1e4, zh: '万元', en: '10⁴ yuan' },
  { symbol: '亿元', dimension: 'money', factor: 1e8, zh: '亿元', en: '10⁸ yuan' },
  { symbol: 'kg', dimension: 'mass', factor: 1e-3, zh: '千克', en: 'kilogram' },
  { symbol: 't', dimension: 'mass', factor: 1, zh: '吨', en: 'tonne' },
  { symbol: '万t', dimension: 'mass', factor: 1e4, zh: '万吨', en: '10⁴ t' },
  { symbol: '亿t', dimension: 'mass', factor: 1e8, zh: '亿吨', en: '10⁸ t' },
  { symbol: 'm³', dimension: 'volume', factor: 1, zh: '立方米', en: 'cubic metre' },
  { symbol: '万m³', dimension: 'volume', factor: 1e4, zh: '万立方米', en: '10⁴ m³' },
  { symbol: '亿m³', dimension: 'volume', factor: 1e8, zh: '亿立方米', en: '10⁸ m³' },
  { symbol: 'kWh', dimension: 'energy', factor: 1, zh: '千瓦时', en: 'kilowatt-hour' },
  { symbol: '万kWh', dimension: 'energy', factor: 1e4, zh: '万千瓦时', en: '10⁴ kWh' },
  { symbol: '亿kWh', dimension: 'energy', factor: 1e8, zh: '亿千瓦时', en: '10⁸ kWh' },
  { symbol: 'kJ', dimension: 'energy', factor: 1 / 3600, zh: '千焦', en: 'kilojoule' },
  { symbol: 'MJ', dimension: 'energy', factor: 1 / 3.6, zh: '兆焦', en: 'megajoule' },
  { symbol: 'm', dimension: 'length', factor: 1, zh: '米', en: 'metre' },
  { symbol: 'km', dimension: 'length', factor: 1000, zh: '千米', en: 'kilometre' },
  { symbol: 'mm', dimension: 'depth', factor: 1, zh: '毫米', en: 'millimetre' },
  { symbol: '人次', dimension: 'count', factor: 1, zh: '人次', en: 'visits' },
  { symbol: '万人次', dimension: 'count', factor: 1e4, zh: '万人次', en: '10⁴ visits' },
  { symbol: '人', dimension: 'count', factor: 1, zh: '人', en: 'persons' },
  { symbol: '万人', dimension: 'count', factor: 1e4, zh: '万人', en: '10⁴ persons' },
  { symbol: 'tCO2', dimension: 'co2', factor: 1, zh: '吨二氧化碳', en: 't CO2' },
  { symbol: '万tCO2', dimension: 'co2', factor: 1e4, zh: '万吨二氧化碳', en: '10⁴ t CO2' },
  { symbol: '亿tCO2', dimension: 'co2', factor: 1e8, zh: '亿吨二氧化碳', en: '10⁸ t CO2' },
  // Carbon mass to CO2 mass: the molar-mass ratio 44/12 (CO2 = 44 g/mol, C = 12 g/mol).
  { symbol: 'tC', dimension: 'co2', factor: 44 / 12, zh: '吨碳', en: 't C' },
  { symbol: '万tC', dimension: 'co2', factor: 1e4 * (44 / 12), zh: '万吨碳', en: '10⁴ t C' },
  { symbol: '1', dimension: 'ratio', factor: 1, zh: '无量纲', en: 'dimensionless' },
  { symbol: '%', dimension: 'ratio', factor: 0.01, zh: '百分比', en: 'percent' },
  { symbol: 'd', dimension: 'time', factor: 1, zh: '天', en: 'days' },
];

/** Other spellings accepted on input (Excel sheets, forms), mapped to the canonical symbol. */
const ALIASES: Record<string, string> = {
  m2: 'm²', 平方米: 'm²', mu: '亩', hm2: 'hm²', ha: 'hm²', 公顷: 'hm²', 万公顷: '万hm²', km2: 'km²', 平方公里: 'km²', 平方千米: 'km²',
  yuan: '元', 万: '万元', 千克: 'kg', 公斤: 'kg', 吨: 't', 万吨: '万t', 亿吨: '亿t', m3: 'm³', 立方米: 'm³', 万m3: '万m³', 万立方米: '万m³',
  亿m3: '亿m³', 亿立方米: '亿m³', 千瓦时: 'kWh', 度: 'kWh', 'kW·h': 'kWh', 万千瓦时: '万kWh', 亿千瓦时: '亿kWh', 千焦: 'kJ', 兆焦: 'MJ',
  米: 'm', 千米: 'km', 公里: 'km', 毫米: 'mm', 'visits': '人次', 't CO2': 'tCO2', 'tCO₂': 'tCO2', '吨二氧化碳': 'tCO2', 'tco2': 'tCO2',
  't C': 'tC', 吨碳: 'tC', 天: 'd', '': '1',
};

const BY_SYMBOL = new Map(DEFS.map((u) => [u.symbol, u]));

export function unitDef(symbol: string): UnitDef | undefined {
  const s = symbol.trim();
  return BY_SYMBOL.get(s) ?? BY_SYMBOL.get(ALIASES[s] ?? ALIASES[s.toLowerCase()] ?? '');
}

export function knownUnits(dimension?: Dimension): string[] {
  return DEFS.filter((u) => !dimension || u.dimension === dimension).map((u) => u.symbol);
}

/**
 * Converts `value` from unit `from` to unit `to`: convert(1, '公顷', '亩') === 15, convert(1, 'tC', 'tCO2') === 44/12.
 * Throws GepError UNIT_UNKNOWN or UNIT_MISMATCH with a message naming both units.
 * Compound units (元/m³, kJ/(m²·d) …) are accepted only when both sides are the same text.
 */
export function convert(value: number, from: string, to: string, field = ''): number {
  if (from.trim() === to.trim()) return value;
  const a = unitDef(from);
  const b = unitDef(to);
  const where = field ? `${field}：` : '';
  const whereEn = field ? `${field}: ` : '';
  if (!a)
    throw new GepError('UNIT_UNKNOWN', `${where}未知的单位“${from}”，应为 ${to}${b ? `（或同类：${knownUnits(b.dimension).join('、')}）` : ''}`, `${whereEn}unknown unit "${from}"; expected ${to}`);
  if (!b) throw new GepError('UNIT_UNKNOWN', `${where}单位“${from}”无法换算为“${to}”`, `${whereEn}unit "${from}" cannot be converted to "${to}"`);
  if (a.dimension !== b.dimension)
    throw new GepError(
      'UNIT_MISMATCH',
      `${where}单位不符：给出的是“${from}”（${a.zh}），应为“${to}”（${b.zh}）或同类单位 ${knownUnits(b.dimension).join('、')}`,
      `${whereEn}unit mismatch: got "${from}" (${a.en}), expected "${to}" (${b.en}) or one of ${knownUnits(b.dimension).join(', ')}`,
    );
  return (value * a.factor) / b.factor;
}

/** Splits "元/m³" into ["元", "m³"]; null when the text is not a simple ratio of two known units. */
function ratioParts(text: string): [UnitDef, UnitDef] | null {
  const m = /^([^/]+)\/([^/()·]+)$/.exec(text.trim());
  if (!m) return null;
  const a = unitDef(m[1]!);
  const b = unitDef(m[2]!);
  return a && b ? [a, b] : null;
}

/**
 * Converts a value in a unit that may be a ratio ("万元/hm²" to "元/m²", "元/tC" to "元/tCO2"); plain units go
 * through `convert`. Other compound units must match exactly.
 */
export function convertAny(value: number, from: string, to: string, field = ''): number {
  const f = from.trim();
  const t = to.trim();
  if (f === t) return value;
  const rf = ratioParts(f);
  const rt = ratioParts(t);
  if (rf && rt) {
    const num = convert(1, rf[0].symbol, rt[0].symbol, field);
    const den = convert(1, rf[1].symbol, rt[1].symbol, field);
    return (value * num) / den;
  }
  if (!rf && !rt && unitDef(f) && unitDef(t)) return convert(value, f, t, field);
  const where = field ? `${field}：` : '';
  const whereEn = field ? `${field}: ` : '';
  throw new GepError('UNIT_MISMATCH', `${where}单位不符：给出的是“${from}”，应为“${to}”`, `${whereEn}unit mismatch: got "${from}", expected "${to}"`);
}

/** The canonical symbol of a unit text, or the text itself when it is a compound unit. */
export function canonicalUnit(text: string): string {
  return unitDef(text)?.symbol ?? text.trim();
}

/** Parses a decimal text (optionally negative, optional thousands separators) into a finite number. */
export function parseNumber(text: string, field: string, opts: { allowNegative?: boolean } = {}): number {
  const t = text.trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) throw new GepError('NOT_A_NUMBER', `${field}：“${text}”不是数字`, `${field}: "${text}" is not a number`);
  const v = Number(t);
  if (!Number.isFinite(v)) throw new GepError('NOT_A_NUMBER', `${field}：“${text}”超出范围`, `${field}: "${text}" is out of range`);
  if (v < 0 && !opts.allowNegative) throw new GepError('NEGATIVE', `${field}：不能为负数（${text}）`, `${field}: must not be negative (${text})`);
  return v;
}
