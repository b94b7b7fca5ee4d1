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
}

/** A city plan's sub-regions are its counties (县（市、区）), a county plan's its towns (乡镇（街道）), by their level. */
export function subRegionTerm(plan: { meta: { region: string }; regions: readonly { parent: string | null; level: string }[] }): SubRegionTerm {
  return subRegions(plan).some((r) => r.level === 'town') ? { zh: '乡镇（街道）', en: 'town', enPlural: 'Towns' } : { zh: '县（市、区）', en: 'county', enPlural: 'Counties' };
}

/** The regions directly under the plan's own region: a city plan's counties, a county plan's towns (镇/乡/街道). */
export function subRegions<R extends { parent: string | null }>(plan: { meta: { region: string }; regions: readonly R[] }): R[] {
  return plan.regions.filter((r) => r.parent === plan.meta.region);
}
