// Read views of a plan used by the CLI and the HTTP API alike: the overview, the `plan show --json`
// document and indicator filtering. Pure.
import type { Indicator, Plan } from './model.js';
import { categoryTotals } from './rollups.js';

export function planOverview(plan: Plan) {
  const count = (xs: Indicator[]) => ({
    indicatorCount: xs.length,
    bindingCount: xs.filter((x) => x.binding).length,
    referenceCount: xs.filter((x) => !x.binding).length,
  });
  const { categoryTotals: totals, total } = categoryTotals(plan.categories, plan.projects);
  return {
    meta: plan.meta,
    domains: plan.domains.map((d) => ({
      ...d,
      taskAreas: d.taskAreas.map((t) => ({ ...t, ...count(plan.indicators.filter((x) => x.taskAreaId === t.id)) })),
      ...count(plan.indicators.filter((x) => x.domainId === d.id)),
    })),
    counts: {
      indicators: plan.indicators.length,
      binding: plan.indicators.filter((x) => x.binding).length,
      reference: plan.indicators.filter((x) => !x.binding).length,
      local: plan.indicators.filter((x) => x.local).length,
    },
    regions: plan.regions,
    categories: plan.categories,
    categoryTotals: totals,
    total,
    notes: plan.notes,
  };
}

/** The document of `ecoplan plan show --json` (a contract other tools rely on). */
export function planDocument(plan: Plan) {
  const { categoryTotals: totals, total } = categoryTotals(plan.categories, plan.projects);
  return { plan: plan.meta, indicators: plan.indicators, projects: plan.projects, categoryTotals: totals, total };
}

export interface IndicatorQuery {
  domain?: string;
  taskArea?: string;
  binding?: boolean;
  department?: string;
  q?: string;
}

/** Filters indicators; domain, task area and department match by id or Chinese name, q searches text. */
export function filterIndicators(indicators: readonly Indicator[], query: IndicatorQuery): Indicator[] {
  const q = query.q?.trim().toLowerCase();
  return indicators.filter(
    (x) =>
      (!query.domain || x.domainId === query.domain || x.domain === query.domain) &&
      (!query.taskArea || x.taskAreaId === query.taskArea || x.taskArea === query.taskArea) &&
      (query.binding === undefined || x.binding === query.binding) &&
      (!query.department || x.departmentIds.includes(query.department) || x.departments.includes(query.department)) &&
      (!q ||
        String(x.code) === q ||
        [x.name, x.nameEn, x.group ?? '', x.unit, ...x.departments, ...Object.values(x.targets).map((t) => t.text)]
          .some((s) => s.toLowerCase().includes(q))),
  );
}

/** The region the plan covers (plan.meta.region) as its regions list names it. */
export function planRegion(plan: Pick<Plan, 'meta' | 'regions'>) {
  return plan.regions.find((r) => r.code === plan.meta.region);
}

/** The name of the plan's region, e.g. for "不代表…实际情况"; the plan's short name if the region is not listed. */
export function planRegionName(plan: Pick<Plan, 'meta' | 'regions'>): string {
  return planRegion(plan)?.name ?? plan.meta.shortName;
}

/** What a plan's sub-regions are called, in both languages. */
export interface SubRegionTerm {
  /** 县（市、区） or 乡镇（街道）. */
  zh: string;
  /** county or town. */
  en: string;
  /** Counties or Towns. */
  enPlural: string;
  /** Their short collective name: 县区 or 乡镇. */
  short: string;
  /** Their governments: 县（市、区）人民政府 or 乡镇人民政府（街道办事处）. */
  governments: string;
}

/** What the sub-region helpers read of a plan (the API's plan overview has it too). */
export interface RegionFrame {
  meta: { region: string };
  regions: readonly { parent: string | null; level: string }[];
}

/** A city plan's sub-regions are its counties (县（市、区）), a county plan's its towns (乡镇（街道）), by their level. */
export function subRegionTerm(plan: RegionFrame): SubRegionTerm {
  return subRegions(plan).some((r) => r.level === 'town') ? TOWN_TERM : COUNTY_TERM;
}
/** A city plan's sub-regions, and the words used before a plan is at hand. */
export const COUNTY_TERM: SubRegionTerm = { zh: '县（市、区）', en: 'county', enPlural: 'Counties', short: '县区', governments: '县（市、区）人民政府' };
export const TOWN_TERM: SubRegionTerm = { zh: '乡镇（街道）', en: 'town', enPlural: 'Towns', short: '乡镇', governments: '乡镇人民政府（街道办事处）' };

/** What the plan's own level of government is called: 全市/市直部门 for a city, 全县/县直部门 for a county, 全区 for a district. */
export interface PlanLevelTerm {
  /** 全市, 全县, 全区. */
  whole: string;
  /** 市直部门, 县直部门, 区直部门. */
  departments: string;
  /** the city, the county, the district. */
  wholeEn: string;
  /** city departments, county departments … */
  departmentsEn: string;
}

/** By the type of the plan's own region (a county-level city is a 市 too). */
export function planLevelTerm(plan: { meta: { region: string }; regions: readonly { code: string; type: string }[] }): PlanLevelTerm {
  const type = plan.regions.find((r) => r.code === plan.meta.region)?.type;
  const [zh, en] = type === 'county' || type === 'autonomous-county' ? ['县', 'county'] : type === 'district' ? ['区', 'district'] : type === 'town' || type === 'township' || type === 'subdistrict' ? ['乡镇', 'town'] : ['市', 'city'];
  return { whole: `全${zh}`, departments: `${zh}直部门`, wholeEn: `the ${en}`, departmentsEn: `${en} departments` };
}

/** A city's words, used before a plan is at hand. */
export const CITY_LEVEL_TERM: PlanLevelTerm = planLevelTerm({ meta: { region: '' }, regions: [] });

/** The regions directly under the plan's own region: a city plan's counties, a county plan's towns (镇/乡/街道). */
export function subRegions<R extends RegionFrame['regions'][number]>(plan: { meta: { region: string }; regions: readonly R[] }): R[] {
  return plan.regions.filter((r) => r.parent === plan.meta.region);
}
