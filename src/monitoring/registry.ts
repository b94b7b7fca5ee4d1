// The registries of air stations and water sections as users keep them: validation of one entry (from a form or a
// row of a registry file) with a Chinese and English message per field. Pure: the store writes what passes.
import type { ColumnSpec } from '../importers/table.js';

export type StationLevel = 'national' | 'provincial' | 'city';
export type Assessment = '国考' | '省考' | '市考';
export type TargetClass = 'I' | 'II' | 'III' | 'IV' | 'V';

export interface StationEntry {
  code: string;
  name: string;
  region: string | null;
  lon: number | null;
  lat: number | null;
  level: StationLevel;
  source: string;
  note: string | null;
}

export interface SectionEntry {
  code: string;
  name: string;
  river: string;
  waterbody: 'river' | 'lake';
  assessment: Assessment;
  targetClass: TargetClass;
  drinkingWater: boolean;
  region: string | null;
  lon: number | null;
  lat: number | null;
  source: string;
  note: string | null;
}

export interface RegistryIssue {
  field: string;
  message: string;
  messageEn: string;
}

export const STATION_COLUMNS: readonly ColumnSpec<keyof StationEntry>[] = [
  { field: 'code', zh: '站点编码', en: 'code', required: true },
  { field: 'name', zh: '站点名称', en: 'name', required: true },
  { field: 'region', zh: '行政区代码', en: 'region', required: false },
  { field: 'lon', zh: '经度', en: 'lon', required: false },
  { field: 'lat', zh: '纬度', en: 'lat', required: false },
  { field: 'level', zh: '级别', en: 'level', required: true },
  { field: 'source', zh: '来源', en: 'source', required: true },
  { field: 'note', zh: '备注', en: 'note', required: false },
];

export const SECTION_COLUMNS: readonly ColumnSpec<keyof SectionEntry>[] = [
  { field: 'code', zh: '断面编码', en: 'code', required: true },
  { field: 'name', zh: '断面名称', en: 'name', required: true },
  { field: 'river', zh: '河流或水体', en: 'river', required: true },
  { field: 'waterbody', zh: '水体类型', en: 'waterbody', required: true },
  { field: 'assessment', zh: '考核级别', en: 'assessment', required: true },
  { field: 'targetClass', zh: '目标类别', en: 'target_class', required: true },
  { field: 'drinkingWater', zh: '饮用水源地', en: 'drinking_water', required: false },
  { field: 'region', zh: '行政区代码', en: 'region', required: false },
  { field: 'lon', zh: '经度', en: 'lon', required: false },
  { field: 'lat', zh: '纬度', en: 'lat', required: false },
  { field: 'source', zh: '来源', en: 'source', required: true },
  { field: 'note', zh: '备注', en: 'note', required: false },
];

const LEVELS: Record<string, StationLevel> = { national: 'national', 国控: 'national', provincial: 'provincial', 省控: 'provincial', city: 'city', 市控: 'city' };
const ASSESSMENTS: Record<string, Assessment> = { 国考: '国考', national: '国考', 省考: '省考', provincial: '省考', 市考: '市考', city: '市考' };
const WATERBODIES: Record<string, 'river' | 'lake'> = { river: 'river', 河流: 'river', lake: 'lake', 湖库: 'lake', 湖泊: 'lake', 水库: 'lake' };
const CLASSES: Record<string, TargetClass> = { I: 'I', II: 'II', III: 'III', IV: 'IV', V: 'V', Ⅰ: 'I', Ⅱ: 'II', Ⅲ: 'III', Ⅳ: 'IV', Ⅴ: 'V', '1': 'I', '2': 'II', '3': 'III', '4': 'IV', '5': 'V' };
const YES = new Set(['true', '是', 'yes', '1', 'y']);
const NO = new Set(['false', '否', 'no', '0', 'n', '']);

type Raw = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

function required(raw: Raw, field: string, zh: string, issues: RegistryIssue[], max = 200): string {
  const v = text(raw[field]);
  if (!v) issues.push({ field, message: `${zh}不能为空`, messageEn: `${field} is required` });
  else if (v.length > max) issues.push({ field, message: `${zh}过长（最多 ${max} 字）`, messageEn: `${field} is longer than ${max} characters` });
  return v;
}

function oneOf<T>(raw: Raw, field: string, zh: string, table: Record<string, T>, issues: RegistryIssue[]): T {
  const v = text(raw[field]);
  const hit = table[v] ?? table[v.toLowerCase()];
  if (hit === undefined) issues.push({ field, message: `${zh}“${v}”无效，应为 ${[...new Set(Object.keys(table))].join('、')} 之一`, messageEn: `${field} "${v}" is not one of ${Object.keys(table).join(', ')}` });
  return hit as T;
}

/** A coordinate in WGS-84 degrees within a range, or null when left empty. */
function coordinate(raw: Raw, field: 'lon' | 'lat', issues: RegistryIssue[]): number | null {
  const v = text(raw[field]);
  if (!v) return null;
  const n = Number(v);
  const [min, max, zh] = field === 'lon' ? [-180, 180, '经度'] : [-90, 90, '纬度'];
  if (!/^-?\d+(\.\d+)?$/.test(v) || n < min || n > max) {
    issues.push({ field, message: `${zh}“${v}”应为 ${min} 到 ${max} 之间的十进制度数`, messageEn: `${field} "${v}" must be decimal degrees between ${min} and ${max}` });
    return null;
  }
  return n;
}

function region(raw: Raw, regions: readonly { code: string; name: string }[], issues: RegistryIssue[]): string | null {
  const v = text(raw.region);
  if (!v) return null;
  const hit = regions.find((r) => r.code === v || r.name === v);
  if (!hit) issues.push({ field: 'region', message: `行政区“${v}”不是本规划的行政区（${regions.map((r) => `${r.code} ${r.name}`).join('、')}）`, messageEn: `region "${v}" is not one of the plan's regions` });
  return hit?.code ?? null;
}

function codeOf(raw: Raw, issues: RegistryIssue[], zh: string): string {
  const code = required(raw, 'code', zh, issues, 32);
  if (code && !/^[0-9A-Za-z_-]+$/.test(code)) issues.push({ field: 'code', message: `${zh}“${code}”只能由字母、数字、连字符和下划线组成`, messageEn: `code "${code}" may contain letters, digits, "-" and "_" only` });
  return code;
}

export function validateStation(raw: Raw, regions: readonly { code: string; name: string }[]): { entry: StationEntry } | { issues: RegistryIssue[] } {
  const issues: RegistryIssue[] = [];
  const entry: StationEntry = {
    code: codeOf(raw, issues, '站点编码'),
    name: required(raw, 'name', '站点名称', issues),
    region: region(raw, regions, issues),
    lon: coordinate(raw, 'lon', issues),
    lat: coordinate(raw, 'lat', issues),
    level: oneOf(raw, 'level', '级别', LEVELS, issues),
    source: required(raw, 'source', '来源', issues, 500),
    note: text(raw.note) || null,
  };
  return issues.length ? { issues } : { entry };
}

export function validateSection(raw: Raw, regions: readonly { code: string; name: string }[]): { entry: SectionEntry } | { issues: RegistryIssue[] } {
  const issues: RegistryIssue[] = [];
  const drinking = text(raw.drinkingWater).toLowerCase();
  if (!YES.has(drinking) && !NO.has(drinking)) issues.push({ field: 'drinkingWater', message: `饮用水源地“${drinking}”应为 是 或 否`, messageEn: `drinkingWater "${drinking}" must be true or false` });
  const entry: SectionEntry = {
    code: codeOf(raw, issues, '断面编码'),
    name: required(raw, 'name', '断面名称', issues),
    river: required(raw, 'river', '河流或水体', issues),
    waterbody: oneOf(raw, 'waterbody', '水体类型', WATERBODIES, issues),
    assessment: oneOf(raw, 'assessment', '考核级别', ASSESSMENTS, issues),
    targetClass: oneOf(raw, 'targetClass', '目标类别', CLASSES, issues),
    drinkingWater: YES.has(drinking),
    region: region(raw, regions, issues),
    lon: coordinate(raw, 'lon', issues),
    lat: coordinate(raw, 'lat', issues),
    source: required(raw, 'source', '来源', issues, 500),
    note: text(raw.note) || null,
  };
  return issues.length ? { issues } : { entry };
}
