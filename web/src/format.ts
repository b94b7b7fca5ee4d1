// Display helpers shared by the pages: look-ups from ids to the API's named objects, and the wording of
// indicator fields in the current language. Data text is shown as the API sends it, never reformatted.
import type { Lang } from './i18n.js';
import type { Department, Domain, Indicator, IndicatorTarget, PlanResponse, ProjectCategory, Region, TaskArea } from './types.js';

export interface Lookups {
  domains: Map<string, Domain>;
  taskAreas: Map<string, TaskArea>;
  departments: Map<string, Department>;
  regions: Map<string, Region>;
  categories: Map<string, ProjectCategory>;
}

export function buildLookups(plan: PlanResponse | undefined, departments: Department[] = []): Lookups {
  const domains = plan?.domains ?? [];
  return {
    domains: new Map(domains.map((d) => [d.id, d])),
    taskAreas: new Map(domains.flatMap((d) => d.taskAreas).map((ta) => [ta.id, ta])),
    departments: new Map(departments.map((d) => [d.id, d])),
    regions: new Map((plan?.regions ?? []).map((r) => [r.code, r])),
    categories: new Map((plan?.categories ?? []).map((c) => [c.id, c])),
  };
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "(二)" → "(2)" for the English view; the table numbers its task areas （一）…（十）. */
function numeralEn(numeral: string): string {
  const inner = numeral.replace(/[()（）\s]/g, '');
  let n: number | undefined;
  if (inner === '十') n = 10;
  else if (inner.startsWith('十')) n = 10 + (CN_DIGITS[inner.slice(1)] ?? 0);
  else n = CN_DIGITS[inner];
  return n ? `(${n})` : numeral;
}

export function taskAreaText(lang: Lang, ta: Pick<TaskArea, 'numeral' | 'name' | 'nameEn'>): string {
  return lang === 'en' ? `${numeralEn(ta.numeral)} ${ta.nameEn || ta.name}` : `${ta.numeral}${ta.name}`;
}

export function indicatorTaskArea(lang: Lang, ind: Indicator, lk: Lookups): string {
  const ta = lk.taskAreas.get(ind.taskAreaId);
  if (ta) return taskAreaText(lang, ta);
  // Without the plan's task areas, fall back to the indicator's own fields (the name may already carry its numeral).
  const numeral = ind.taskAreaNumeral ?? '';
  return ind.taskArea.startsWith(numeral) ? ind.taskArea : `${numeral}${ind.taskArea}`;
}

export function indicatorDomain(lang: Lang, ind: Indicator, lk: Lookups): string {
  const d = lk.domains.get(ind.domainId);
  return lang === 'en' && d?.nameEn ? d.nameEn : ind.domain;
}

/** The name as table 1 groups it, e.g. "环境空气质量 · 优良天数比例". */
export function indicatorName(lang: Lang, ind: Indicator): string {
  const name = lang === 'en' && ind.nameEn ? ind.nameEn : ind.name;
  const group = lang === 'en' && ind.groupEn ? ind.groupEn : ind.group;
  return group ? `${group} · ${name}` : name;
}

/** The table's own Chinese wording; the API's English rendering in English mode when it has one. */
export function targetText(lang: Lang, target: IndicatorTarget | undefined): string {
  if (!target) return '';
  return lang === 'en' && target.textEn ? target.textEn : target.text;
}

export function departmentNames(lang: Lang, names: string[], ids: string[], lk: Lookups): string[] {
  if (lang !== 'en') return names;
  return names.map((name, i) => {
    const id = ids[i];
    const d = id ? lk.departments.get(id) : undefined;
    return d?.nameEn || name;
  });
}

export function regionName(lang: Lang, code: string, lk: Lookups): string {
  const r = lk.regions.get(code);
  if (!r) return code;
  return lang === 'en' && r.nameEn ? r.nameEn : r.name;
}

/** Lower-cased haystack for the indicator search box: names, number, unit and responsible units, in both languages. */
export function indicatorSearchText(ind: Indicator, lk: Lookups): string {
  return [
    String(ind.code),
    ind.name,
    ind.nameEn,
    ind.group ?? '',
    ind.groupEn ?? '',
    ind.unit,
    ...ind.departments,
    ...departmentNames('en', ind.departments, ind.departmentIds, lk),
  ]
    .join('\n')
    .toLowerCase();
}

// Chinese unit words and their English symbols, longest first so that 微克/立方米 is read before 立方米 and 万元
// before 元. Units come from the plan and the specs in Chinese; the English view shows them in English.
const UNIT_WORDS: [string, string][] = [
  ['微克/立方米', 'μg/m³'],
  ['毫克/升', 'mg/L'],
  ['吨标准煤', 'tce'],
  ['万立方米', '10⁴ m³'],
  ['万千瓦时', '10⁴ kWh'],
  ['平方公里', 'km²'],
  ['平方米', 'm²'],
  ['立方米', 'm³'],
  ['千瓦时', 'kWh'],
  ['公顷', 'ha'],
  ['千克', 'kg'],
  ['万吨', '10⁴ t'],
  ['亿元', '10⁸ yuan'],
  ['万元', '10⁴ yuan'],
  ['人次', 'visits'],
  ['比例', 'ratio'],
  ['吨', 't'],
  ['元', 'yuan'],
  ['亩', 'mu'],
  ['人', 'person'],
  ['头', 'head'],
  ['年', 'yr'],
  ['天', 'd'],
  ['个', 'count'],
];

/** A unit as the current language writes it: 微克/立方米 → μg/m³, 吨/万元 → t/10⁴ yuan; as given in Chinese. */
export function unitText(lang: Lang, unit: string): string {
  if (lang !== 'en' || !/[\u4e00-\u9fff]/.test(unit)) return unit;
  let out = unit;
  for (const [zh, en] of UNIT_WORDS) out = out.split(zh).join(en);
  return out.replace(/\/(10[⁴⁸] )/g, ' per $1');
}
