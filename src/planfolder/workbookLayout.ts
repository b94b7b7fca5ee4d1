// The plan workbook's layout: its sheets, their columns and the Chinese words for coded values. Shared by the
// writer (workbookExport.ts) and the reader (workbookImport.ts) so the two cannot drift apart.
import type { CARBON_SECTOR_IDS, RawPlanFiles } from '../plan/schema.js';
import type { Measure } from '../plan/model.js';

export interface ColumnDef {
  /** The field it fills (a key of the row object the reader builds). */
  key: string;
  zh: string;
  en: string;
  required: boolean;
  width: number;
}

export interface SheetDef {
  name: string;
  nameEn: string;
  columns: ColumnDef[];
}

const col = (key: string, zh: string, en: string, width: number, required = true): ColumnDef => ({ key, zh, en, required, width });

/** The plan sheet is a list of fields, one per row: label, value, English label. */
export const PLAN_FIELDS = [
  { key: 'id', zh: '规划编号', en: 'Plan id (lowercase letters, digits, -)' },
  { key: 'name', zh: '规划名称', en: 'Name' },
  { key: 'nameEn', zh: '英文名称', en: 'Name in English' },
  { key: 'shortName', zh: '简称', en: 'Short name' },
  { key: 'issued', zh: '印发年月', en: 'Issued (YYYY-MM)' },
  { key: 'baseYear', zh: '基准年', en: 'Base year' },
  { key: 'periodStart', zh: '规划期起始年', en: 'Period starts' },
  { key: 'periodEnd', zh: '规划期结束年', en: 'Period ends' },
  { key: 'areaText', zh: '规划面积', en: 'Area' },
  { key: 'areaUnit', zh: '面积单位', en: 'Area unit' },
  { key: 'region', zh: '规划范围行政区划代码', en: 'Region code of the plan area' },
  { key: 'owner', zh: '牵头部门编号', en: 'Owner department id (see sheet 部门)' },
  // plan.yaml countyIndicators: what every sub-region government reports, a county's or a town's. The older label
  // (县区填报指标序号) still reads.
  { key: 'countyIndicators', zh: '县区、乡镇政府填报指标序号', en: 'Indicators each county or town government reports for its own region (numbers, separated by 、)', formerly: '县区填报指标序号' },
  { key: 'evidenceRequired', zh: '须附佐证材料的指标', en: 'Indicators needing evidence: 约束性指标 / 全部指标 / 不要求' },
  { key: 'percentMin', zh: '百分比指标下限', en: 'Lower bound of % indicators' },
  { key: 'percentMax', zh: '百分比指标上限', en: 'Upper bound of % indicators' },
  { key: 'plausibleChangePercent', zh: '较上年变化须说明的幅度（%）', en: 'Change from last year that needs a note (%)' },
  { key: 'source', zh: '资料来源', en: 'Source' },
] as const;
export type PlanFieldKey = (typeof PLAN_FIELDS)[number]['key'];

export const SHEETS = {
  readme: { name: '填写说明', nameEn: 'Read me', columns: [] },
  plan: { name: '规划', nameEn: 'Plan', columns: [col('label', '项目', 'Field', 28), col('value', '内容', 'Value', 60), col('labelEn', '英文说明', 'Field (English)', 48, false)] },
  horizons: { name: '目标年', nameEn: 'Target years', columns: [col('year', '年份', 'Year', 10), col('label', '名称', 'Label', 16), col('labelEn', '英文名称', 'Label (English)', 26)] },
  validation: {
    name: '校验规则',
    nameEn: 'Validation',
    columns: [col('code', '指标序号', 'Indicator', 10), col('min', '下限', 'Min', 10, false), col('max', '上限', 'Max', 10, false), col('change', '变化须说明的幅度（%）', 'Change needing a note (%)', 24, false)],
  },
  regions: {
    name: '行政区',
    nameEn: 'Regions',
    columns: [col('code', '行政区划代码', 'Code', 14), col('name', '名称', 'Name', 18), col('nameEn', '英文名称', 'Name (English)', 30), col('level', '级别', 'Level', 8), col('type', '类型', 'Type', 12), col('parent', '上级代码', 'Parent code', 12, false)],
  },
  domains: {
    name: '领域与任务',
    nameEn: 'Domains and tasks',
    columns: [
      col('domainId', '领域编号', 'Domain id', 14), col('domain', '领域', 'Domain', 12), col('domainEn', '领域英文名', 'Domain (English)', 24),
      col('taskId', '任务编号', 'Task id', 14), col('numeral', '任务序号', 'Task numeral', 10), col('task', '任务', 'Task', 24), col('taskEn', '任务英文名', 'Task (English)', 36),
    ],
  },
  departments: {
    name: '部门',
    nameEn: 'Departments',
    columns: [
      col('id', '编号', 'Id', 10), col('name', '名称', 'Name', 24), col('nameEn', '英文名称', 'Name (English)', 50), col('kind', '类别', 'Kind', 14), col('region', '行政区划代码', 'Region code', 14, false),
      col('carbonSectors', '可填报的碳核算部门', 'Carbon sectors it enters', 30, false),
    ],
  },
  indicators: {
    name: '指标体系',
    nameEn: 'Indicators',
    // 表1's own columns first (序号 … 责任单位, 备注), then what 表1 leaves to the reader's eye, for the platform.
    columns: [
      col('code', '序号', 'No.', 6), col('domain', '领域', 'Domain', 10), col('task', '任务', 'Task', 18), col('group', '指标分组', 'Group', 14, false),
      col('name', '指标', 'Indicator', 36), col('unit', '单位', 'Unit', 10), col('binding', '属性', 'Type', 8), col('baseline', '现状值', 'Baseline', 14),
      // one column per target year is inserted here (targetColumn)
      col('departments', '责任单位', 'Responsible units', 28), col('note', '备注', 'Notes', 24, false),
      col('local', '地方特色指标', 'Local indicator', 8, false), col('direction', '方向', 'Direction', 8, false), col('progress', '进度评价', 'Progress assessed', 8, false), col('measure', '计算来源', 'Computed from', 22, false),
      col('baselineYear', '现状值年份', 'Baseline year', 10, false), col('nameEn', '指标英文名', 'Indicator (English)', 40), col('groupEn', '分组英文名', 'Group (English)', 20, false),
    ],
  },
  categories: {
    name: '工程类别',
    nameEn: 'Project categories',
    columns: [col('id', '编号', 'Id', 10), col('name', '名称', 'Name', 26), col('appendixName', '附表中的名称', 'Name in the appendix', 26), col('nameEn', '英文名称', 'Name (English)', 30)],
  },
  projects: {
    name: '重点工程',
    nameEn: 'Key projects',
    columns: [
      col('no', '序号', 'No.', 6), col('category', '工程类别', 'Category', 22), col('subcategory', '子类', 'Subcategory', 14, false), col('name', '项目名称', 'Project', 30),
      col('content', '建设内容', 'Content', 60), col('investment', '总投资（亿元）', 'Investment (100 M yuan)', 14), col('leads', '牵头单位', 'Lead units', 24),
      col('period', '建设年限', 'Period', 12), col('regions', '涉及区县', 'Counties', 24, false), col('nameEn', '项目英文名', 'Project (English)', 40),
      // ecoplan's initial reading of the indicators a project moves (not plan text): seeds the project library.
      col('linkIndicators', '初始关联指标序号', 'Initially linked indicators', 16, false), col('linkWhy', '关联依据', 'Why linked', 36, false),
    ],
  },
  subItems: {
    name: '工程子项',
    nameEn: 'Sub-projects',
    columns: [col('project', '项目序号', 'Project no.', 10), col('no', '子项序号', 'No.', 8), col('name', '子项名称', 'Name', 40), col('region', '行政区划代码', 'Region code', 14, false)],
  },
  notes: {
    name: '表注',
    nameEn: 'Notes',
    columns: [col('no', '序号', 'No.', 6), col('text', '注文', 'Text', 90), col('indicators', '涉及指标序号', 'Indicators', 20, false)],
  },
} satisfies Record<string, SheetDef>;

export type SheetKey = keyof typeof SHEETS;

/** The indicator sheet's target column for a target year, e.g. "2025年目标值". */
export const targetColumn = (year: number): ColumnDef => col(`target:${year}`, `${year}年目标值`, `Target ${year}`, 14);

/** The indicator sheet's columns for a plan with these target years, in order. */
export function indicatorColumns(years: readonly number[]): ColumnDef[] {
  const cols = SHEETS.indicators.columns;
  const at = cols.findIndex((c) => c.key === 'departments');
  return [...cols.slice(0, at), ...years.map(targetColumn), ...cols.slice(at)];
}

/**
 * Several departments, regions or indicator numbers in one cell are separated by 、 (or ，, ; as typed). A separator
 * inside brackets belongs to the name: 各县（市、区）人民政府 is one unit.
 */
export const LIST_SEPARATOR = '、';
export function splitList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '（' || ch === '(') depth++;
    else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && /[、，,；;\n]/.test(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((s) => s.trim()).filter(Boolean);
}

type Kind = RawPlanFiles['departments.yaml'][number]['kind'];
type CarbonSector = (typeof CARBON_SECTOR_IDS)[number];
type RegionType = RawPlanFiles['regions.yaml'][number]['type'];

/** Coded values as staff write them; the reader also accepts the code itself. */
export const WORDS = {
  binding: { true: '约束性', false: '参考性' },
  level: { city: '市级', county: '县级', town: '乡级' } satisfies Record<RawPlanFiles['regions.yaml'][number]['level'], string>,
  type: { district: '市辖区', county: '县', 'autonomous-county': '自治县', 'county-level-city': '县级市', 'prefecture-city': '地级市', town: '镇', township: '乡', subdistrict: '街道' } satisfies Record<RegionType, string>,
  kind: { party: '党委部门', government: '政府部门', county: '县级人民政府', town: '乡镇人民政府', provincial: '省属单位', national: '国家派出机构', collective: '泛称' } satisfies Record<Kind, string>,
  direction: { increase: '正向', decrease: '逆向' },
  // The carbon inventory's sector names (src/carbon/activity.ts SECTORS).
  carbonSector: { energy: '能源活动', ippu: '工业生产过程', agriculture: '农业', lulucf: '土地利用变化和林业', waste: '废弃物处理', macro: '社会经济与能源统计' } satisfies Record<CarbonSector, string>,
  evidence: { binding: '约束性指标', all: '全部指标', none: '不要求' },
  // What ecoplan computes an indicator from (plan/model.ts MEASURES), as staff would name it.
  measure: {
    'air.goodDayRatio': '监测：空气优良天数比例',
    'air.pm25Mean': '监测：PM2.5年均浓度',
    'water.classIToIIIShare': '监测：地表水Ⅲ类及以上比例',
    'water.worseThanV': '监测：劣Ⅴ类水体比例',
    'water.drinkingSourceShare': '监测：饮用水源地水质优良比例',
    'carbon.energyIntensityDecline': '碳核算：单位GDP能耗下降率',
    'carbon.co2Intensity': '碳核算：单位GDP二氧化碳排放',
    'survey.satisfaction': '问卷：公众满意度',
    'survey.participation': '问卷：公众参与度',
  } satisfies Record<Measure, string>,
  yes: '是',
  no: '否',
} as const;
