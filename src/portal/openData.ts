// Open data (信息公开): every number the portal shows, as CSV (UTF-8 with BOM, so Excel opens it as UTF-8), .xlsx
// and JSON, each with its metadata (definition, unit, department, source, last update, licence), and one zip of all.
// Only approved observations reach these files (the model holds nothing else); who recorded a value is not published.
import { zipSync } from 'fflate';
import { horizonsOf, targetOf } from '../plan/horizons.js';
import type { Indicator } from '../plan/model.js';
import type { Observation } from '../plan/observations.js';
import { STATES } from '../plan/targets.js';
import { PROGRESS_LEVELS } from '../plan/progress.js';
import type { PortalModel } from './model.js';
import { writeXlsx, type XlsxWriter } from './xlsx.js';

export const LICENCE = {
  zh: '知识共享署名 4.0 国际许可协议（CC BY 4.0）：可自由使用、转载和改编，请注明来源',
  en: 'Creative Commons Attribution 4.0 International (CC BY 4.0): free to use, share and adapt with attribution',
  url: 'https://creativecommons.org/licenses/by/4.0/',
};

export const STATUS_TEXT = {
  attained: { zh: '达标', en: 'Attained' },
  not_attained: { zh: '未达标', en: 'Not attained' },
  no_data: { zh: '无数据', en: 'No data' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
} as const;

const BOM = '\ufeff';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading =,+,-,@ is defused for spreadsheets. */
function field(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): Buffer {
  return Buffer.from(BOM + [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n', 'utf8');
}

const stateZh = (code: string | null) => (code ? (STATES.find((s) => s.code === code)?.zh ?? code) : '');
const stateEn = (code: string | null) => (code ? (STATES.find((s) => s.code === code)?.en ?? code) : '');

/** The columns of the observation files, in order: identifier, Chinese label. */
export const VALUE_COLUMNS = [
  ['indicator_code', '指标序号'],
  ['indicator_name', '指标名称'],
  ['indicator_name_en', '指标名称（英文）'],
  ['unit', '单位'],
  ['region_code', '行政区代码'],
  ['region_name', '行政区'],
  ['region_name_en', '行政区（英文）'],
  ['year', '年份'],
  ['value', '数值'],
  ['state', '状态'],
  ['state_en', '状态（英文）'],
  ['source', '数据来源'],
  ['version', '版本'],
  ['updated_at', '更新时间'],
  ['is_demo', '示例数据'],
] as const;

/** Indicators by code: the plan in force's, and retired ones as the latest earlier version had them. Once per model. */
const indicatorMaps = new WeakMap<PortalModel, Map<number, Indicator>>();
function indicatorOf(m: PortalModel, code: number): Indicator | undefined {
  let map = indicatorMaps.get(m);
  if (!map) {
    // Oldest first, the plan in force last: a later version's indicator replaces an earlier one's.
    map = new Map([...(m.plan.earlier ?? []), m.plan].flatMap((p) => p.indicators.map((i) => [i.code, i] as const)));
    indicatorMaps.set(m, map);
  }
  return map.get(code);
}

function valueRow(m: PortalModel, o: Observation): (string | number | null)[] {
  const ind = indicatorOf(m, o.indicatorCode)!;
  const region = m.plan.regions.find((r) => r.code === o.regionCode);
  return [o.indicatorCode, ind.name, ind.nameEn, ind.unit, o.regionCode, region?.name ?? '', region?.nameEn ?? '', o.year, o.valueText, stateZh(o.state), stateEn(o.state), o.source, o.version, o.recordedAt, o.isDemo ? 1 : 0];
}

/** Approved values (kind "value"), one per indicator, region and year. */
export function valueObservations(m: PortalModel, code?: number): Observation[] {
  // Values of an indicator a plan revision retired stay published, described as the version that had it.
  return m.observations.filter((o) => o.kind === 'value' && (code === undefined || o.indicatorCode === code) && indicatorOf(m, o.indicatorCode) !== undefined);
}

/** Figures a higher authority assigned (上级下达), one per indicator, region and year. */
export function assignedObservations(m: PortalModel): Observation[] {
  return m.observations.filter((o) => o.kind === 'assigned');
}

/** The definition of an indicator as the plan gives it: its group and table 1's notes that concern it. */
export function definitionOf(m: PortalModel, ind: Indicator): { zh: string; en: string } {
  const notes = m.plan.notes.filter((n) => n.indicators.includes(ind.code)).map((n) => n.text);
  const zh = [`${ind.group ? `${ind.group}：` : ''}${ind.name}（${ind.binding ? '约束性' : '参考性'}指标${ind.local ? '，地方特色指标' : ''}），单位：${ind.unit}。`, ...notes.map((t) => `规划表1注：${t}`)].join('');
  const en = `${ind.groupEn ? `${ind.groupEn}: ` : ''}${ind.nameEn} (${ind.binding ? 'binding' : 'reference'} indicator${ind.local ? ', local' : ''}), unit: ${ind.unit}.${notes.length ? ' Notes of table 1 (Chinese): ' + notes.join(' ') : ''}`;
  return { zh, en };
}

/** Metadata of an indicator, as the JSON and metadata files give it. */
export function indicatorMetadata(m: PortalModel, ind: Indicator) {
  const sources = [...new Set(valueObservations(m, ind.code).map((o) => o.source))];
  const updated = valueObservations(m, ind.code).map((o) => o.recordedAt).sort().at(-1) ?? null;
  const def = definitionOf(m, ind);
  return {
    code: ind.code,
    name: ind.name,
    nameEn: ind.nameEn,
    domain: ind.domain,
    taskArea: ind.taskArea,
    binding: ind.binding,
    local: ind.local,
    unit: ind.unit,
    direction: ind.direction,
    definition: def.zh,
    definitionEn: def.en,
    baseline: { year: ind.baseline.year, text: ind.baseline.noData ? null : ind.baseline.text },
    targets: Object.fromEntries(Object.entries(ind.targets).map(([h, t]) => [h, { text: t.text, textEn: t.textEn }])),
    departments: ind.departments,
    sources,
    lastUpdate: updated,
    statusMethod: 'methods.html',
    licence: LICENCE,
  };
}

const EVALUATION_COLUMNS = ['indicator_code', 'indicator_name', 'year', 'region_code', 'horizon', 'target', 'value', 'status', 'status_zh', 'progress', 'progress_zh', 'warning', 'reason', 'reason_en'] as const;

function evaluationRows(m: PortalModel): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const [year, ev] of m.cityByYear)
    for (const e of ev.indicators)
      rows.push([
        e.code,
        e.name,
        year,
        ev.region,
        e.horizon,
        e.target.text,
        e.value ? (e.value.valueText ?? stateZh(e.value.state)) : null,
        e.status,
        STATUS_TEXT[e.status].zh,
        e.progress?.level ?? null,
        e.progress ? PROGRESS_LEVELS[e.progress.level].zh : null,
        e.warning?.level ?? null,
        e.reason.zh,
        e.reason.en,
      ]);
  return rows;
}

/** The metadata columns: one target_<year> per horizon of the plan (e.g. target_2025, target_2035). */
function metadataColumns(m: PortalModel): string[] {
  return ['indicator_code', 'indicator_name', 'indicator_name_en', 'domain', 'binding', 'unit', 'definition', 'baseline', ...horizonsOf(m.plan).map((h) => `target_${h}`), 'departments', 'sources', 'last_update', 'licence'];
}

function metadataRows(m: PortalModel): (string | number | null)[][] {
  const horizons = horizonsOf(m.plan);
  return m.plan.indicators.map((ind) => {
    const md = indicatorMetadata(m, ind);
    return [ind.code, ind.name, ind.nameEn, ind.domain, ind.binding ? '约束性' : '参考性', ind.unit, md.definition, md.baseline.text, ...horizons.map((h) => targetOf(ind, h).text), ind.departments.join('、'), md.sources.join('；'), md.lastUpdate, LICENCE.zh];
  });
}

const PROJECT_COLUMNS = ['project_no', 'name', 'name_en', 'category', 'investment_yi', 'start_year', 'end_year', 'progress_year', 'status', 'status_en', 'completion_percent', 'is_demo'] as const;

function projectRows(m: PortalModel): (string | number | null)[][] {
  return m.projects.map((p) => [p.project.no, p.project.name, p.project.nameEn, p.project.category, p.project.investmentText, p.project.startYear, p.project.endYear, p.year, p.statusZh, p.statusEn, p.completion, p.demo ? 1 : 0]);
}

export interface DataFile {
  path: string;
  contentType: string;
  make: () => Buffer | Promise<Buffer>;
}

const CSV_TYPE = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type SheetData = { name: string; columns: readonly string[]; labels?: readonly string[]; rows: (string | number | null)[][] };

const record = (header: readonly string[], row: readonly (string | number | null)[]) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? null]));

const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 1), 'utf8');

/** Every open-data file of the portal (the zip of all last), by its path in the site. */
export function openDataFiles(m: PortalModel, get: (path: string) => Promise<Buffer>, xlsx: XlsxWriter = writeXlsx): DataFile[] {
  // The header row of a sheet: "指标序号 indicator_code" where the columns have Chinese labels.
  const workbook = (sheets: SheetData[]) => xlsx(sheets.map((s) => ({ name: s.name, rows: [s.labels ? s.columns.map((c, i) => `${s.labels![i]} ${c}`) : [...s.columns], ...s.rows] })));
  const valueHeader = VALUE_COLUMNS.map((c) => c[0]);
  const valueLabels = VALUE_COLUMNS.map((c) => c[1]);
  const about = { plan: m.plan.meta.name, planEn: m.plan.meta.nameEn, dataVersion: m.dataVersion, lastUpdate: m.lastUpdate || null, licence: LICENCE, note: '仅含已审定数值 / approved values only' };
  const files: DataFile[] = [
    { path: 'open-data/indicators.csv', contentType: CSV_TYPE, make: () => csv(valueHeader, valueObservations(m).map((o) => valueRow(m, o))) },
    { path: 'open-data/assigned.csv', contentType: CSV_TYPE, make: () => csv(valueHeader, assignedObservations(m).map((o) => valueRow(m, o))) },
    { path: 'open-data/metadata.csv', contentType: CSV_TYPE, make: () => csv(metadataColumns(m), metadataRows(m)) },
    { path: 'open-data/evaluation.csv', contentType: CSV_TYPE, make: () => csv(EVALUATION_COLUMNS, evaluationRows(m)) },
    { path: 'open-data/projects.csv', contentType: CSV_TYPE, make: () => csv(PROJECT_COLUMNS, projectRows(m)) },
    {
      path: 'open-data/indicators.json',
      contentType: JSON_TYPE,
      make: () =>
        json({
          ...about,
          indicators: m.plan.indicators.map((ind) => ({ ...indicatorMetadata(m, ind), values: valueObservations(m, ind.code).map((o) => record(valueHeader, valueRow(m, o))) })),
          assigned: assignedObservations(m).map((o) => record(valueHeader, valueRow(m, o))),
        }),
    },
    { path: 'open-data/evaluation.json', contentType: JSON_TYPE, make: () => json({ ...about, method: 'methods.html', rows: evaluationRows(m).map((r) => Object.fromEntries(EVALUATION_COLUMNS.map((h, i) => [h, r[i]]))) }) },
    { path: 'open-data/projects.json', contentType: JSON_TYPE, make: () => json({ ...about, projects: projectRows(m).map((r) => Object.fromEntries(PROJECT_COLUMNS.map((h, i) => [h, r[i]]))) }) },
    {
      path: 'open-data/indicators.xlsx',
      contentType: XLSX_TYPE,
      make: () =>
        workbook([
          { name: '指标值 values', columns: valueHeader, labels: valueLabels, rows: valueObservations(m).map((o) => valueRow(m, o)) },
          { name: '元数据 metadata', columns: metadataColumns(m), rows: metadataRows(m) },
          { name: '评估 evaluation', columns: EVALUATION_COLUMNS, rows: evaluationRows(m) },
          { name: '重点工程 projects', columns: PROJECT_COLUMNS, rows: projectRows(m) },
        ]),
    },
  ];
  for (const ind of m.plan.indicators) {
    const rows = () => valueObservations(m, ind.code).map((o) => valueRow(m, o));
    files.push(
      { path: `open-data/indicator-${ind.code}.csv`, contentType: CSV_TYPE, make: () => csv(valueHeader, rows()) },
      { path: `open-data/indicator-${ind.code}.json`, contentType: JSON_TYPE, make: () => json({ ...about, indicator: indicatorMetadata(m, ind), values: rows().map((r) => record(valueHeader, r)) }) },
      {
        path: `open-data/indicator-${ind.code}.xlsx`,
        contentType: XLSX_TYPE,
        make: () =>
          workbook([
            { name: '指标值 values', columns: valueHeader, labels: valueLabels, rows: rows() },
            { name: '元数据 metadata', columns: ['field', 'value'], rows: Object.entries(indicatorMetadata(m, ind)).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]) },
          ]),
      },
    );
  }
  const parts = [...files];
  files.push({
    path: 'open-data/ecoplan-open-data.zip',
    contentType: 'application/zip',
    make: async () => {
      const entries: Record<string, Uint8Array> = {
        'README.txt': Buffer.from(`${m.plan.meta.name}\n${m.plan.meta.nameEn}\n数据版本 data version: ${m.dataVersion}\n更新 last update: ${m.lastUpdate || '—'}\n仅含已审定数值 / approved values only.\n许可 licence: ${LICENCE.zh} / ${LICENCE.en} ${LICENCE.url}\n`, 'utf8'),
      };
      // The files as the site serves them (each made once per data version).
      for (const f of parts) entries[f.path.slice('open-data/'.length)] = await get(f.path);
      return Buffer.from(zipSync(entries, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') }));
    },
  });
  return files;
}
