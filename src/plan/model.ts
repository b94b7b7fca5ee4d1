// The plan as the rest of ecoplan sees it: one validated, cross-referenced object.
// These shapes are also the JSON of `ecoplan plan show --json` and of /api/v1 (a contract: see docs/api.md).
import type { Target } from './targets.js';

/**
 * A target year of the plan as a string, e.g. "2025" or "2027": one of plan.yaml's `horizons` (any plan's, not fixed
 * years). Validate outside input with isHorizon (src/plan/horizons.ts).
 */
export type Horizon = string;

/**
 * What ecoplan computes an indicator from, where it does: the monitoring data (HJ 663, GB 3838), the GHG inventory,
 * the public survey. A plan says which of its indicators these are (indicators.yaml `measure`), so that a computed
 * value goes to that plan's indicator whatever its number.
 */
export const MEASURES = [
  'air.goodDayRatio',
  'air.pm25Mean',
  'water.classIToIIIShare',
  'water.worseThanV',
  'water.drinkingSourceShare',
  'carbon.energyIntensityDecline',
  'carbon.co2Intensity',
  'survey.satisfaction',
  'survey.participation',
] as const;
export type Measure = (typeof MEASURES)[number];

/** The plan's indicator computed from `measure`, or null when the plan has none (a measure names at most one). */
export function indicatorOfMeasure<I extends { measure: Measure | null }>(plan: { indicators: readonly I[] }, measure: Measure): I | null {
  return plan.indicators.find((x) => x.measure === measure) ?? null;
}
export type Direction = 'increase' | 'decrease' | null;

export interface Bilingual {
  name: string;
  nameEn: string;
}

export interface PlanMeta extends Bilingual {
  id: string;
  shortName: string;
  issued: string; // month the plan text is dated, YYYY-MM
  baseYear: number;
  horizons: { year: number; label: string; labelEn: string }[];
  period: { start: number; end: number };
  area: { value: number; text: string; unit: string };
  region: string; // the region code the plan covers
  /** Department id of the 牵头单位 that runs the rounds and reviews. */
  owner: string;
  /** Indicators each sub-region government (a county's or a town's, governedRegion) reports for its region. */
  countyIndicators: number[];
  /** Which tasks need an evidence file before they can be submitted (a validation rule of the plan). */
  evidenceRequired: 'binding' | 'all' | 'none';
  /** Validation rules of reported values (plan.yaml `validation`). */
  validation: ValidationRules;
  source: string;
}

export interface ValidationRules {
  /** Range of values of indicators measured in %. */
  percentRange: { min: number; max: number };
  /** Per-indicator ranges, by indicator code, overriding percentRange. */
  ranges: Record<string, { min: number; max: number }>;
  /** A change from last year's approved value beyond this percentage needs an explanation. */
  plausibleChangePercent: number;
  /** Per-indicator bounds, by indicator code. */
  plausibleChange: Record<string, number>;
}

export interface Domain extends Bilingual {
  id: string;
  order: number;
  taskAreas: TaskArea[];
}

export interface TaskArea extends Bilingual {
  id: string;
  numeral: string; // （一）…（十）
  domain: string; // domain id
  order: number;
}

/**
 * What a department is (departments.yaml `kind`): a party or government department of the plan's own level, a
 * sub-region government — `county` (县级人民政府) or `town` (乡镇人民政府 / 街道办事处), each with its `region` —
 * a provincial or national unit, or a collective term naming several units.
 */
export const DEPARTMENT_KINDS = ['party', 'government', 'county', 'town', 'provincial', 'national', 'collective'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** The kinds of sub-region government and the region level each governs. */
export const GOVERNMENT_LEVELS = { county: 'county', town: 'town' } as const satisfies Partial<Record<DepartmentKind, Region['level']>>;

/**
 * The region a sub-region government (a county's or a town's) answers for, or null for any other department. Such a
 * government reports the plan's countyIndicators for its region, and its reporters write for that region only. Takes
 * the API's shape too (kind as a string), so the console asks the same question.
 */
export function governedRegion(d: { kind: string; region: string | null } | undefined | null): string | null {
  return d && Object.hasOwn(GOVERNMENT_LEVELS, d.kind) && d.region ? d.region : null;
}

/** How a collective unit names all the sub-region governments of a kind (各县（市、区）人民政府, 各乡镇人民政府（街道办事处）). */
const COLLECTIVE_OF: Record<keyof typeof GOVERNMENT_LEVELS, RegExp> = { county: /县（市、区）人民政府/, town: /乡镇[^、，]*人民政府|街道办事处/ };

/**
 * Whether `collective` (a department of kind collective) names every government of the kind of `government`, e.g.
 * 各乡镇人民政府（街道办事处） for a town government: such a government then reports for a project led by it.
 */
export function collectiveIncludes(collective: { kind: string; name: string } | undefined, government: { kind: string }): boolean {
  if (collective?.kind !== 'collective' || !Object.hasOwn(COLLECTIVE_OF, government.kind)) return false;
  return COLLECTIVE_OF[government.kind as keyof typeof GOVERNMENT_LEVELS].test(collective.name);
}

export interface Department extends Bilingual {
  id: string;
  kind: DepartmentKind;
  region: string | null; // the governed region of a county or town government (governedRegion)
  /** Carbon sectors its reporters may enter for the whole plan area (departments.yaml carbonSectors; [] = none). */
  carbonSectors: CarbonSectorId[];
}

export type CarbonSectorId = 'energy' | 'ippu' | 'agriculture' | 'lulucf' | 'waste' | 'macro';

/** ecoplan's initial reading of a project's indicators (projects.yaml `links`): seeds the project library. */
export interface InitialLink {
  project: number;
  indicators: number[];
  why: string;
}

export interface Region extends Bilingual {
  code: string; // official administrative division code (GB/T 2260; 9-digit 统计用区划代码 for towns)
  level: 'city' | 'county' | 'town';
  type: 'district' | 'county' | 'autonomous-county' | 'county-level-city' | 'prefecture-city' | 'town' | 'township' | 'subdistrict';
  parent: string | null;
}

export interface Baseline {
  year: number;
  value: number | null;
  /** The 现状值 cell as table 1 prints it (without the year suffix). */
  text: string;
  /** The value's decimals as printed, e.g. 2 for "74.43"; null for states. */
  decimals: number | null;
  /** Code of a qualitative baseline (beingDrafted for 在编, established for 建立 …; see targets.ts STATES) or null. */
  state: string | null;
  /** True when table 1 says 暂无统计数据. */
  noData: boolean;
  note: string | null;
}

export type IndicatorTarget = Target & { text: string; textEn: string };

export interface Indicator {
  code: number;
  name: string;
  nameEn: string;
  group: string | null; // e.g. 环境空气质量 for 7–8
  groupEn: string | null;
  unit: string;
  domain: string; // domain Chinese name
  domainId: string;
  taskArea: string; // task area Chinese name, e.g. 生态环境质量改善
  taskAreaId: string;
  taskAreaNumeral: string; // (二)
  binding: boolean;
  local: boolean;
  direction: Direction;
  /** Whether progress (进展, docs/methods/progress.md) is assessed; false for rates of change such as 下降率. */
  assessProgress: boolean;
  /** What ecoplan computes this indicator from, or null when it is only reported (MEASURES). */
  measure: Measure | null;
  baseline: Baseline;
  /** One target per horizon of the plan, keyed by its year ("2025"); the plan builder guarantees every horizon has one. */
  targets: Record<Horizon, IndicatorTarget>;
  departments: string[];
  departmentIds: string[];
  notes: number[];
}

export interface ProjectSubItem {
  no: number;
  name: string;
  region: string | null;
}

export interface Project {
  no: number;
  name: string;
  nameEn: string;
  category: string; // table 2 category name
  categoryId: string;
  subcategory: string | null; // the appendix's second name column, e.g. 生态农业工程
  content: string;
  investment: number; // 亿元, as printed (two decimals)
  investmentText: string;
  leads: string[];
  leadIds: string[];
  regions: string[]; // region codes the appendix names
  startYear: number;
  endYear: number;
  subItems: ProjectSubItem[];
}

export interface ProjectCategory extends Bilingual {
  id: string;
  order: number;
  appendixName: string;
}

export interface CategoryTotal {
  category: string;
  categoryId: string;
  categoryEn: string;
  count: number;
  investment: number;
  investmentText: string;
  share: number;
  shareText: string;
}

export interface PlanNote {
  no: number;
  text: string;
  indicators: number[];
}

export interface Plan {
  meta: PlanMeta;
  domains: Domain[];
  departments: Department[];
  regions: Region[];
  indicators: Indicator[];
  categories: ProjectCategory[];
  projects: Project[];
  /** Initial project → indicator links, by project (empty when the plan folder declares none). */
  initialLinks: InitialLink[];
  notes: PlanNote[];
  /** Which version of the stored plan this content is (0: as first loaded); absent for a plan read from a folder. */
  revision?: PlanRevisionRef;
  /**
   * The plan's earlier approved versions, oldest first, each in force from its effective year until the next one's
   * (plan revisions). Absent or empty when the plan was never revised. planInForce (revisions.ts) picks by year.
   */
  earlier?: Plan[];
}

/** A version of a stored plan: the first one loaded (no 0, in force from the base year) or an approved revision. */
export interface PlanRevisionRef {
  no: number;
  effectiveYear: number;
  /** The approving document (批复文件), e.g. a government reply with its number (×府函〔2026〕12号); null for the version first loaded. */
  document: string | null;
  reason: string | null;
  approvedAt: string | null;
}
