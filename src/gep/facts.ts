// Validation of entered GEP facts and prices (forms, imports, API) against the item spec, and their assembly into
// the account's inputs. Pure. Every problem names the field and says why, in Chinese and English.
import { type AccountData, type InputValue, PriceBook, type PriceEntry } from './account.js';
import { ASSET_CLASSES } from './balanceSheet.js';
import { GepError } from './errors.js';
import { parseExtent } from './extent.js';
import { ECO_TYPE_IDS, inputCatalogue, isEcoType, priceCatalogue, type EcoType } from './spec.js';
import { convertAny, parseNumber } from './units.js';

export type FactKind = 'extent' | 'region_area' | 'transition' | 'input' | 'asset' | 'stat';
export const FACT_KINDS: FactKind[] = ['extent', 'region_area', 'transition', 'input', 'asset', 'stat'];

export interface FactInput {
  kind: FactKind;
  region: string;
  year: number;
  key: string;
  sub?: string;
  value: string;
  unit: string;
  source: string;
  note?: string | null;
  reason?: string | null;
}

export interface PriceInput {
  key: string;
  year: number;
  value: string;
  unit: string;
  source: string;
  note?: string | null;
  indexKey?: string | null;
  reason?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
  messageEn: string;
}

export const STATS: Record<string, { zh: string; en: string; unit: string }> = {
  population: { zh: '常住人口', en: 'resident population', unit: '人' },
  gdp: { zh: '地区生产总值', en: 'GDP', unit: '元' },
};

const catalogue = inputCatalogue();
const prices = priceCatalogue();

/** Checks one fact; returns its problems (empty when valid). `regions` are the plan's region codes. */
export function checkFact(f: FactInput, regions: readonly string[], years: { min: number; max: number }): FieldProblem[] {
  const p: FieldProblem[] = [];
  const add = (field: string, message: string, messageEn: string) => p.push({ field, message, messageEn });
  if (!FACT_KINDS.includes(f.kind)) add('kind', `未知的数据类别“${f.kind}”，应为 ${FACT_KINDS.join('、')}`, `unknown kind "${f.kind}"; one of ${FACT_KINDS.join(', ')}`);
  if (!regions.includes(f.region)) add('region', `未知的行政区代码“${f.region}”`, `unknown region code "${f.region}"`);
  if (!Number.isInteger(f.year) || f.year < years.min || f.year > years.max) add('year', `年份 ${f.year} 不在 ${years.min}–${years.max} 之内`, `year ${f.year} is outside ${years.min}–${years.max}`);
  if (!f.source?.trim()) add('source', '须填写数据来源', 'a source is required');
  let expectedUnit: string | null = null;
  let allowNegative = false;
  const sub = f.sub ?? '';
  switch (f.kind) {
    case 'extent':
      if (!isEcoType(f.key)) add('key', `未知的生态系统类型“${f.key}”，可用：${ECO_TYPE_IDS.join('、')}`, `unknown ecosystem type "${f.key}"`);
      expectedUnit = 'hm²';
      break;
    case 'region_area':
      if (f.key !== 'area') add('key', '行政区面积的键应为 area', 'the key of a region area is "area"');
      expectedUnit = 'hm²';
      break;
    case 'transition': {
      const m = /^(\d{4}):(.+)$/.exec(sub);
      if (!isEcoType(f.key)) add('key', `转出类型“${f.key}”未知`, `unknown from-type "${f.key}"`);
      if (!m || !isEcoType(m[2]!)) add('sub', `转移应写为“起始年:转入类型”，如 2020:forest；给出的是“${sub}”`, `a transition is "fromYear:toType", e.g. 2020:forest; got "${sub}"`);
      else if (Number(m[1]) >= f.year) add('sub', `起始年 ${m[1]} 应早于 ${f.year}`, `from-year ${m[1]} must precede ${f.year}`);
      expectedUnit = 'hm²';
      break;
    }
    case 'input': {
      const spec = catalogue.get(f.key);
      if (/^comp\.[a-z_]+$/.test(f.key)) {
        // Compensation indicators entered per county (e.g. comp.redline_area): any unit, stated.
        if (sub) add('sub', '补偿指标不分生态系统类型', 'compensation indicators have no ecosystem type');
      } else if (!spec) add('key', `未知的核算输入“${f.key}”（见 GET /gep/spec）`, `unknown input "${f.key}" (see GET /gep/spec)`);
      else {
        expectedUnit = spec.unit;
        allowNegative = Boolean(spec.allowNegative);
        if (sub && !isEcoType(sub)) add('sub', `未知的生态系统类型“${sub}”`, `unknown ecosystem type "${sub}"`);
        if (sub && !spec.perType) add('sub', `输入“${spec.zh}”不分生态系统类型，请留空类型`, `input "${spec.en}" is not entered per ecosystem type; leave the type empty`);
      }
      break;
    }
    case 'asset': {
      const cls = ASSET_CLASSES.find((c) => c.key === f.key);
      if (!cls) add('key', `未知的资产类别“${f.key}”，可用：${ASSET_CLASSES.map((c) => `${c.key}（${c.zh}）`).join('、')}`, `unknown asset class "${f.key}"`);
      else expectedUnit = cls.unit;
      if (!/^(opening|closing|(increase|decrease)\.[a-z_]+)$/.test(sub)) add('sub', `资产流量应为 opening、closing、increase.原因 或 decrease.原因，给出的是“${sub}”`, `asset flow must be opening, closing, increase.<cause> or decrease.<cause>; got "${sub}"`);
      break;
    }
    case 'stat': {
      const st = STATS[f.key];
      if (!st) add('key', `未知的统计指标“${f.key}”，可用：population（常住人口）、gdp（地区生产总值）`, `unknown statistic "${f.key}"; population or gdp`);
      else expectedUnit = st.unit;
      break;
    }
  }
  try {
    const v = parseNumber(f.value, '数值', { allowNegative });
    if (expectedUnit) convertAny(v, f.unit, expectedUnit, '单位');
  } catch (e) {
    if (e instanceof GepError) add(e.message.startsWith('单位') ? 'unit' : 'value', e.message, e.messageEn);
    else throw e;
  }
  return p;
}

/** Checks one price or parameter entry. */
export function checkPrice(x: PriceInput, years: { min: number; max: number }): FieldProblem[] {
  const p: FieldProblem[] = [];
  const add = (field: string, message: string, messageEn: string) => p.push({ field, message, messageEn });
  const spec = prices.get(x.key);
  if (!spec && !x.key.startsWith('index.') && !x.key.startsWith('price.asset.') && x.key !== 'param.esv_standard_equivalent')
    add('key', `未知的价格或参数“${x.key}”（见 GET /gep/spec 的 prices）`, `unknown price or parameter "${x.key}" (see prices in GET /gep/spec)`);
  if (!Number.isInteger(x.year) || x.year < years.min || x.year > years.max) add('year', `年份 ${x.year} 不在 ${years.min}–${years.max} 之内`, `year ${x.year} is outside ${years.min}–${years.max}`);
  if (!x.source?.trim()) add('source', '须填写价格或参数的来源', 'a source is required');
  if (x.indexKey && !x.indexKey.startsWith('index.')) add('indexKey', `价格指数键应以 index. 开头：“${x.indexKey}”`, `an index key starts with "index.": "${x.indexKey}"`);
  const expected = spec?.unit ?? (x.key === 'param.esv_standard_equivalent' ? '元/hm²' : x.key.startsWith('price.asset.') ? (/forest\.stock|water\./.test(x.key) ? '元/m³' : '元/hm²') : '1');
  try {
    const v = parseNumber(x.value, '数值');
    convertAny(v, x.unit, expected, '单位');
  } catch (e) {
    if (e instanceof GepError) add(e.message.startsWith('单位') ? 'unit' : 'value', e.message, e.messageEn);
    else throw e;
  }
  return p;
}

export interface StoredFact {
  kind: FactKind;
  region: string;
  year: number;
  key: string;
  sub: string;
  value: string;
  unit: string;
  /** Demonstration data (示例数据): accounts that use it say so. */
  isDemo?: boolean;
}

/** Assembles the account inputs of one region and year from its current facts. */
export function accountData(facts: StoredFact[], region: string, year: number): AccountData {
  const mine = facts.filter((f) => f.region === region && f.year === year);
  const extent = parseExtent(mine.filter((f) => f.kind === 'extent').map((f) => ({ type: f.key, areaText: f.value, unit: f.unit })), `${region} ${year} 年范围账户 `);
  const inputs: InputValue[] = mine
    .filter((f) => f.kind === 'input')
    .map((f) => ({ key: f.key, type: f.sub ? (f.sub as EcoType) : null, value: parseNumber(f.value, f.key, { allowNegative: true }), unit: f.unit }));
  const stat = (key: string, unit: string) => {
    const f = mine.find((x) => x.kind === 'stat' && x.key === key);
    return f ? convertAny(parseNumber(f.value, key), f.unit, unit, key) : null;
  };
  return { region, year, extent, inputs, population: stat('population', '人'), gdp: stat('gdp', '元') };
}

export interface StoredPrice {
  key: string;
  year: number;
  value: string;
  unit: string;
  source: string;
  indexKey: string | null;
}

export function priceBook(rows: StoredPrice[]): PriceBook {
  const entries: PriceEntry[] = rows.map((r) => ({ key: r.key, year: r.year, value: Number(r.value), unit: r.unit, source: r.source, indexKey: r.indexKey }));
  return new PriceBook(entries);
}
