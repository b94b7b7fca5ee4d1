// Activity data (活动水平数据): what may be entered, per sector and category of the provincial guideline, and the
// validation of one entered row with a precise bilingual message per field. Pure.
import { MAX_DECIMAL_DIGITS, readDecimalText } from '../plan/decimal.js';
import { FOREST_TYPES, FUELS } from './factorData.js';
import { DIMENSION_LABELS, findUnit, type Dimension } from './units.js';

export type Sector = 'energy' | 'ippu' | 'agriculture' | 'lulucf' | 'waste' | 'macro';

export const SECTORS: Record<Sector, { zh: string; en: string; gpc: string }> = {
  energy: { zh: '能源活动', en: 'Energy', gpc: 'I–II' },
  ippu: { zh: '工业生产过程', en: 'Industrial processes', gpc: 'IV' },
  agriculture: { zh: '农业', en: 'Agriculture', gpc: 'V' },
  lulucf: { zh: '土地利用变化和林业', en: 'LULUCF', gpc: 'V.2' },
  waste: { zh: '废弃物处理', en: 'Waste', gpc: 'III' },
  macro: { zh: '社会经济与能源统计', en: 'Socio-economic and energy statistics', gpc: '—' },
};

/** Energy sub-sectors of the guideline's fuel-combustion table, with the GPC sector each maps to. */
export const ENERGY_SUBSECTORS: { code: string; zh: string; en: string; gpc: string }[] = [
  { code: 'energyIndustry', zh: '能源生产与加工转换', en: 'Energy production and transformation', gpc: 'I.4' },
  { code: 'industry', zh: '工业和建筑业', en: 'Manufacturing and construction', gpc: 'I.3' },
  { code: 'transport', zh: '交通运输', en: 'Transport', gpc: 'II' },
  { code: 'services', zh: '服务业', en: 'Commercial and institutional', gpc: 'I.2' },
  { code: 'residential', zh: '居民生活', en: 'Residential', gpc: 'I.1' },
  { code: 'agriculture', zh: '农林牧渔业', en: 'Agriculture, forestry and fishing', gpc: 'I.5' },
];

export interface Item {
  code: string;
  zh: string;
  en: string;
}

export interface CategoryDef {
  code: string;
  sector: Sector;
  zh: string;
  en: string;
  /** Units of these dimensions are accepted (a stated unit is converted; anything else is a mismatch). */
  dimensions: Dimension[];
  items: Item[] | 'gdpPrices' | 'deflatorBase';
  /** Fuel combustion needs a sub-sector; electricity may have one. */
  subsector: 'required' | 'optional' | 'none';
  /** Rates of change may be negative; activity data never. */
  signed?: boolean;
  gpc: string;
}

const LIVESTOCK: Item[] = [
  { code: 'dairyCattle', zh: '奶牛', en: 'dairy cattle' },
  { code: 'otherCattle', zh: '非奶牛', en: 'other cattle' },
  { code: 'buffalo', zh: '水牛', en: 'buffalo' },
  { code: 'sheep', zh: '绵羊', en: 'sheep' },
  { code: 'goats', zh: '山羊', en: 'goats' },
  { code: 'swine', zh: '猪', en: 'swine' },
  { code: 'poultry', zh: '家禽', en: 'poultry' },
];

export const CATEGORIES: CategoryDef[] = [
  { code: 'fuelCombustion', sector: 'energy', zh: '化石燃料燃烧', en: 'Fossil fuel combustion', dimensions: ['mass', 'volume', 'standardCoal'], items: FUELS.map((f) => ({ code: f.code, zh: f.zh, en: f.en })), subsector: 'required', gpc: 'I/II scope 1' },
  { code: 'purchasedElectricity', sector: 'energy', zh: '调入（外购）电力', en: 'Purchased electricity', dimensions: ['electricity'], items: [{ code: 'electricity', zh: '电力', en: 'electricity' }], subsector: 'optional', gpc: 'I scope 2' },
  { code: 'electricityExport', sector: 'energy', zh: '调出电力', en: 'Electricity exported', dimensions: ['electricity'], items: [{ code: 'electricity', zh: '电力', en: 'electricity' }], subsector: 'none', gpc: 'I.4 (memo)' },
  { code: 'cementClinker', sector: 'ippu', zh: '水泥熟料生产', en: 'Cement clinker production', dimensions: ['mass'], items: [{ code: 'clinker', zh: '熟料', en: 'clinker' }], subsector: 'none', gpc: 'IV.1' },
  { code: 'lime', sector: 'ippu', zh: '石灰生产', en: 'Lime production', dimensions: ['mass'], items: [{ code: 'lime', zh: '石灰', en: 'lime' }], subsector: 'none', gpc: 'IV.1' },
  { code: 'steelFlux', sector: 'ippu', zh: '钢铁生产熔剂消耗', en: 'Iron and steel: flux use', dimensions: ['mass'], items: [{ code: 'limestone', zh: '石灰石', en: 'limestone' }, { code: 'dolomite', zh: '白云石', en: 'dolomite' }], subsector: 'none', gpc: 'IV.1' },
  { code: 'nonFerrous', sector: 'ippu', zh: '有色金属冶炼', en: 'Non-ferrous metal production', dimensions: ['mass'], items: [{ code: 'zinc', zh: '锌', en: 'zinc' }, { code: 'lead', zh: '铅', en: 'lead' }], subsector: 'none', gpc: 'IV.1' },
  { code: 'rice', sector: 'agriculture', zh: '稻田甲烷', en: 'Rice cultivation', dimensions: ['area'], items: [{ code: 'early', zh: '早稻', en: 'early rice' }, { code: 'late', zh: '晚稻', en: 'late rice' }, { code: 'single', zh: '中稻', en: 'single rice' }], subsector: 'none', gpc: 'V.3' },
  { code: 'enteric', sector: 'agriculture', zh: '动物肠道发酵', en: 'Enteric fermentation', dimensions: ['head'], items: LIVESTOCK.filter((l) => l.code !== 'poultry'), subsector: 'none', gpc: 'V.1' },
  { code: 'manure', sector: 'agriculture', zh: '动物粪便管理', en: 'Manure management', dimensions: ['head'], items: LIVESTOCK, subsector: 'none', gpc: 'V.1' },
  { code: 'soilNitrogen', sector: 'agriculture', zh: '农用地氮输入', en: 'Agricultural soils: nitrogen input', dimensions: ['mass'], items: [{ code: 'synthetic', zh: '化肥氮', en: 'synthetic N' }, { code: 'manure', zh: '粪肥氮', en: 'manure N' }], subsector: 'none', gpc: 'V.3' },
  { code: 'forestStock', sector: 'lulucf', zh: '森林活立木蓄积量（年末）', en: 'Forest growing stock (year end)', dimensions: ['volume'], items: FOREST_TYPES.map((t) => ({ code: t.code, zh: t.zh, en: t.en })), subsector: 'none', gpc: 'V.2' },
  { code: 'landfill', sector: 'waste', zh: '垃圾填埋', en: 'Solid waste disposal', dimensions: ['mass'], items: [{ code: 'managed', zh: '管理型', en: 'managed' }, { code: 'unmanagedDeep', zh: '非管理型（深）', en: 'unmanaged deep' }, { code: 'unmanagedShallow', zh: '非管理型（浅）', en: 'unmanaged shallow' }, { code: 'uncategorised', zh: '未分类', en: 'uncategorised' }], subsector: 'none', gpc: 'III.1' },
  { code: 'landfillRecovery', sector: 'waste', zh: '填埋气甲烷回收', en: 'Landfill methane recovered', dimensions: ['mass'], items: [{ code: 'methane', zh: '甲烷', en: 'methane' }], subsector: 'none', gpc: 'III.1' },
  { code: 'incineration', sector: 'waste', zh: '垃圾焚烧', en: 'Incineration', dimensions: ['mass'], items: [{ code: 'msw', zh: '生活垃圾', en: 'municipal solid waste' }], subsector: 'none', gpc: 'III.3' },
  { code: 'wastewaterDomestic', sector: 'waste', zh: '生活污水（BOD）', en: 'Domestic wastewater (BOD)', dimensions: ['mass'], items: [{ code: 'bod', zh: 'BOD', en: 'BOD' }], subsector: 'none', gpc: 'III.4' },
  { code: 'wastewaterIndustrial', sector: 'waste', zh: '工业废水（COD）', en: 'Industrial wastewater (COD)', dimensions: ['mass'], items: [{ code: 'cod', zh: 'COD', en: 'COD' }], subsector: 'none', gpc: 'III.4' },
  { code: 'wastewaterNitrogen', sector: 'waste', zh: '污水排放氮', en: 'Nitrogen in wastewater effluent', dimensions: ['mass'], items: [{ code: 'nitrogen', zh: '氮', en: 'nitrogen' }], subsector: 'none', gpc: 'III.4' },
  { code: 'gdp', sector: 'macro', zh: '地区生产总值', en: 'GDP', dimensions: ['money'], items: 'gdpPrices', subsector: 'none', gpc: '—' },
  { code: 'gdpDeflator', sector: 'macro', zh: '地区生产总值价格指数（定基）', en: 'GDP deflator (fixed base = 100)', dimensions: ['index'], items: 'deflatorBase', subsector: 'none', gpc: '—' },
  { code: 'gdpRealGrowth', sector: 'macro', zh: '地区生产总值增速（可比价）', en: 'Real GDP growth (comparable prices)', dimensions: ['percent'], items: [{ code: 'comparable', zh: '可比价', en: 'comparable prices' }], subsector: 'none', signed: true, gpc: '—' },
  { code: 'population', sector: 'macro', zh: '常住人口', en: 'Resident population', dimensions: ['population'], items: [{ code: 'resident', zh: '常住人口', en: 'resident' }], subsector: 'none', gpc: '—' },
  { code: 'energyConsumption', sector: 'macro', zh: '能源消费总量', en: 'Total energy consumption', dimensions: ['standardCoal'], items: [{ code: 'total', zh: '合计', en: 'total' }], subsector: 'none', gpc: '—' },
];

export function categoryOf(text: string): CategoryDef | undefined {
  return CATEGORIES.find((c) => c.code === text || c.zh === text);
}

/** One validated row of activity data. `value` is the number as entered in `unit` (converted when computed). */
export interface ActivityRecord {
  regionCode: string;
  year: number;
  sector: Sector;
  category: string;
  subsector: string | null;
  item: string;
  valueText: string;
  unit: string;
  source: string;
  note: string | null;
}

export const ACTIVITY_FIELDS = [
  { field: 'region', zh: '行政区代码', en: 'region', required: true },
  { field: 'year', zh: '年份', en: 'year', required: true },
  { field: 'category', zh: '类别', en: 'category', required: true },
  { field: 'subsector', zh: '部门', en: 'subsector', required: false },
  { field: 'item', zh: '品种', en: 'item', required: true },
  { field: 'value', zh: '数值', en: 'value', required: true },
  { field: 'unit', zh: '单位', en: 'unit', required: true },
  { field: 'source', zh: '数据来源', en: 'source', required: true },
  { field: 'note', zh: '备注', en: 'note', required: false },
  { field: 'reason', zh: '修改原因', en: 'reason', required: false },
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number]['field'];

export interface ActivityIssue {
  field: ActivityField;
  fieldZh: string;
  message: string;
  messageEn: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
export const MIN_YEAR = 2005;
export const MAX_YEAR = 2060;

/** Resolves an item text (code or Chinese name) of a category to its code; `null` when unknown. */
export function itemCode(cat: CategoryDef, text: string): string | null {
  if (cat.items === 'gdpPrices') {
    if (text === 'current' || text === '现价') return 'current';
    const m = /^(?:constant-|可比价-?)(\d{4})$/.exec(text);
    return m ? `constant-${m[1]}` : null;
  }
  if (cat.items === 'deflatorBase') {
    const m = /^(?:base-|定基-?)(\d{4})$/.exec(text);
    return m ? `base-${m[1]}` : null;
  }
  return cat.items.find((i) => i.code === text || i.zh === text)?.code ?? null;
}

function itemHelp(cat: CategoryDef): { zh: string; en: string } {
  if (cat.items === 'gdpPrices') return { zh: 'current（现价）或 constant-2020（2020年可比价）', en: 'current or constant-2020 (constant 2020 prices)' };
  if (cat.items === 'deflatorBase') return { zh: 'base-2020（2020年=100 的定基指数）', en: 'base-2020 (index, 2020 = 100)' };
  return { zh: cat.items.map((i) => `${i.zh}（${i.code}）`).join('、'), en: cat.items.map((i) => i.code).join(', ') };
}

/**
 * Validates one row given as text cells. Returns the record, or every issue found (one per field at most).
 * `regions` are the plan's regions (code and name accepted).
 */
export function validateActivity(cells: Partial<Record<ActivityField, string>>, regions: readonly { code: string; name: string }[]): { record: ActivityRecord | null; issues: ActivityIssue[] } {
  const issues: ActivityIssue[] = [];
  const issue = (field: ActivityField, message: string, messageEn: string) => issues.push({ field, fieldZh: ACTIVITY_FIELDS.find((f) => f.field === field)!.zh, message, messageEn });
  const cell = (f: ActivityField) => (cells[f] ?? '').trim();

  const regionText = cell('region');
  const region = regions.find((r) => r.code === regionText || r.name === regionText);
  if (!regionText) issue('region', '缺少行政区代码', 'region is missing');
  else if (!region) issue('region', `未知的行政区“${regionText}”，应为 ${regions.map((r) => r.code).join('、')} 之一`, `unknown region "${regionText}"`);

  const yearText = cell('year');
  const year = Number(yearText);
  if (!yearText) issue('year', '缺少年份', 'year is missing');
  else if (!/^\d{4}$/.test(yearText) || year < MIN_YEAR || year > MAX_YEAR) issue('year', `年份“${yearText}”无效，应为 ${MIN_YEAR}–${MAX_YEAR}`, `invalid year "${yearText}", expected ${MIN_YEAR}–${MAX_YEAR}`);

  const catText = cell('category');
  const cat = categoryOf(catText);
  if (!catText) issue('category', '缺少类别', 'category is missing');
  else if (!cat) issue('category', `未知的类别“${catText}”，可用：${CATEGORIES.map((c) => `${c.zh}（${c.code}）`).join('、')}`, `unknown category "${catText}"; one of ${CATEGORIES.map((c) => c.code).join(', ')}`);

  let subsector: string | null = null;
  const subText = cell('subsector');
  if (cat) {
    if (cat.subsector === 'none' && subText) issue('subsector', `类别“${cat.zh}”不分部门，请留空`, `category ${cat.code} has no sub-sector: leave it empty`);
    else if (subText) {
      const s = ENERGY_SUBSECTORS.find((x) => x.code === subText || x.zh === subText);
      if (!s) issue('subsector', `未知的部门“${subText}”，可用：${ENERGY_SUBSECTORS.map((x) => `${x.zh}（${x.code}）`).join('、')}`, `unknown sub-sector "${subText}"; one of ${ENERGY_SUBSECTORS.map((x) => x.code).join(', ')}`);
      else subsector = s.code;
    } else if (cat.subsector === 'required') issue('subsector', `“${cat.zh}”须填写部门（${ENERGY_SUBSECTORS.map((x) => x.zh).join('、')}）`, `${cat.code} needs a sub-sector (${ENERGY_SUBSECTORS.map((x) => x.code).join(', ')})`);
  }

  const itemText = cell('item');
  let item: string | null = null;
  if (!itemText) issue('item', '缺少品种', 'item is missing');
  else if (cat) {
    item = itemCode(cat, itemText);
    if (!item) {
      const help = itemHelp(cat);
      const what = cat.code === 'fuelCombustion' ? '燃料' : '品种';
      issue('item', `未知${what}“${itemText}”（类别 ${cat.zh}），可用：${help.zh}`, `unknown ${cat.code === 'fuelCombustion' ? 'fuel' : 'item'} "${itemText}" for ${cat.code}; one of ${help.en}`);
    }
  }

  const valueText = cell('value');
  if (!valueText) issue('value', '缺少数值', 'value is missing');
  else if (!DECIMAL.test(valueText)) issue('value', `数值“${valueText}”不是数字`, `value "${valueText}" is not a number`);
  else if ('problem' in readDecimalText(valueText)) issue('value', `数值“${valueText}”位数过多（最多 ${MAX_DECIMAL_DIGITS} 位数字）`, `value "${valueText}" has too many digits (at most ${MAX_DECIMAL_DIGITS})`);
  else if (valueText.startsWith('-') && !cat?.signed) issue('value', `数值 ${valueText} 为负：活动水平数据不能为负（调出电力请填“调出电力”类别）`, `value ${valueText} is negative: activity data cannot be negative (enter exported electricity as electricityExport)`);

  const unitText = cell('unit');
  const unit = unitText ? findUnit(unitText) : null;
  if (!unitText) issue('unit', '缺少单位', 'unit is missing');
  else if (!unit) issue('unit', `未知单位“${unitText}”`, `unknown unit "${unitText}"`);
  else if (cat && !cat.dimensions.includes(unit.dimension)) {
    const want = cat.dimensions.map((d) => `${DIMENSION_LABELS[d].zh}（如 ${DIMENSION_LABELS[d].base}）`).join('或');
    issue('unit', `单位不符：“${cat.zh}”应以${want}计，不能用“${unit.zh}”（${DIMENSION_LABELS[unit.dimension].zh}）`, `unit mismatch: ${cat.code} is measured in ${cat.dimensions.map((d) => DIMENSION_LABELS[d].en).join(' or ')}, not "${unit.en}" (${DIMENSION_LABELS[unit.dimension].en})`);
  } else if (cat?.code === 'fuelCombustion' && item && unit && unit.dimension !== 'standardCoal') {
    const fuel = FUELS.find((f) => f.code === item)!;
    const want = findUnit(fuel.unit)!;
    if (want.dimension !== unit.dimension) issue('unit', `单位不符：${fuel.zh}以${DIMENSION_LABELS[want.dimension].zh}（${fuel.unit}）或吨标准煤计，不能用“${unit.zh}”`, `unit mismatch: ${fuel.en} is measured in ${want.en} or tce, not "${unit.en}"`);
  }

  const source = cell('source');
  if (!source) issue('source', '缺少数据来源（如 能源统计报表、统计年鉴）', 'source is missing (e.g. energy statistics report, yearbook)');

  if (issues.length || !region || !cat || !item || !unit) return { record: null, issues };
  return {
    record: { regionCode: region.code, year, sector: cat.sector, category: cat.code, subsector, item, valueText, unit: unit.zh, source, note: cell('note') || null },
    issues,
  };
}

/** The identity of a row: one value per region, year, category, sub-sector and item (a new value is a new version). */
export function activityKey(r: Pick<ActivityRecord, 'regionCode' | 'year' | 'category' | 'subsector' | 'item'>): string {
  return `${r.regionCode}|${r.year}|${r.category}|${r.subsector ?? ''}|${r.item}`;
}
