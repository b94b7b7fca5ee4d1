// Display helpers shared by the pages: look-ups from ids to the API's named objects, and the wording of
// indicator fields in the current language. Data text is shown as the API sends it, never reformatted.
import type { Lang } from './i18n.js';
import type { Department, Domain, Indicator, IndicatorTarget, PlanResponse, ProjectCategory, Region, TaskArea } from './types.js';
import { unitEn } from '../../src/plan/unitsEn.js';

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

/** A unit as the current language writes it: 微克/立方米 → μg/m³, 吨/万元 → t/10⁴ yuan; as given in Chinese. */
export function unitText(lang: Lang, unit: string): string {
  // The one list of unit words, shared with the server's English reasons (src/plan/unitsEn.ts, pure).
  return lang === 'en' ? unitEn(unit) : unit;
}
