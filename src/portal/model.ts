// What the public portal shows, computed once per data version from approved facts only: the plan, the evaluation
// of every year for the city and its counties (the console's official view: evaluatePlan over the latest approved
// version of each observation), key projects' progress, the GEP headline from approved GEP facts, and the documents
// a reviewer published. Pure: src/portal/load.ts reads the store.
import type { CarbonHeadline } from '../store/carbonPublications.js';
import { createHash } from 'node:crypto';
import { defaultEvaluationYear, evaluatePlan, ObservationIndex, type PlanEvaluation } from '../plan/evaluation.js';
import type { Indicator, Plan, Region } from '../plan/model.js';
import type { Observation } from '../plan/observations.js';
import { currentProgress, STATUSES, type LibraryEntry, type ProgressFact, type ProgressStatus } from '../projects/library.js';
import { completionRate } from '../projects/rollups.js';

export interface PublishedDocument {
  id: string;
  kind: 'plan' | 'annual_report' | 'other';
  title: string;
  titleEn: string;
  year: number | null;
  fileName: string;
  contentType: string;
  /** File name inside the site: documents/<id>.<ext>. */
  sitePath: string;
  size: number;
  sha256: string;
  publishedAt: string;
  body: Buffer;
}

export interface PortalGeo {
  /** A GeoJSON FeatureCollection whose features carry the region code in properties.code (or adcode). */
  geojson: unknown;
  /** 审图号 of the boundaries, printed under the map. */
  approvalNo: string;
}

export interface PortalInput {
  plan: Plan;
  revision: number;
  /** Observations of the plan; only approved ones are used (anything else is dropped here, whatever the caller passed). */
  observations: readonly Observation[];
  projects: { library: readonly LibraryEntry[]; progress: readonly ProgressFact[] } | null;
  /** The city's GEP by year (total, 亿元 text) from approved GEP facts; empty when none. */
  gep: { year: number; totalYi: string; demo: boolean }[];
  /** The city's carbon inventories a reviewer published (figures as published), oldest first; none by default. */
  carbon?: readonly CarbonHeadline[];
  documents: readonly PublishedDocument[];
  geo: PortalGeo | null;
  /** The year the portal treats as now (the evaluation years run up to it). */
  currentYear: number;
}

export interface ProjectProgressRow {
  project: LibraryEntry;
  year: number | null;
  status: ProgressStatus | null;
  statusZh: string;
  statusEn: string;
  completion: string | null;
  demo: boolean;
}

export interface PortalModel {
  plan: Plan;
  revision: number;
  /** Approved observations only, sorted by indicator, region, year, kind. */
  observations: Observation[];
  index: ObservationIndex;
  years: number[];
  /** The year the headline evaluation is of (the console's default year, approved data only). */
  year: number;
  yearBasis: 'complete' | 'most_covered' | 'no_data';
  /** The city's evaluation by year. */
  cityByYear: Map<number, PlanEvaluation>;
  evaluation: PlanEvaluation;
  counties: Region[];
  projects: ProjectProgressRow[];
  gep: PortalInput['gep'];
  carbon: readonly CarbonHeadline[];
  documents: readonly PublishedDocument[];
  geo: PortalGeo | null;
  /** Latest recording time of the approved observations used (ISO), or ''. */
  lastUpdate: string;
  /** A short name of the data: changes whenever anything shown changes. */
  dataVersion: string;
  usesDemo: boolean;
}

export function buildPortalModel(input: PortalInput): PortalModel {
  const { plan } = input;
  const observations = input.observations
    .filter((o) => o.status === 'approved')
    .sort((a, b) => a.indicatorCode - b.indicatorCode || a.regionCode.localeCompare(b.regionCode) || a.year - b.year || a.kind.localeCompare(b.kind));
  const index = new ObservationIndex(observations);
  const last = Math.max(plan.meta.baseYear, Math.min(input.currentYear, plan.meta.period.end), ...observations.filter((o) => o.kind === 'value').map((o) => Math.min(o.year, plan.meta.period.end)));
  const years = Array.from({ length: last - plan.meta.baseYear + 1 }, (_, i) => plan.meta.baseYear + i);
  const cityByYear = new Map(years.map((year) => [year, evaluatePlan(plan, index, { year, region: plan.meta.region })]));
  const chosen = defaultEvaluationYear(years.map((y) => cityByYear.get(y)!.coverage))!;
  const evaluation = cityByYear.get(chosen.year)!;

  const projects: ProjectProgressRow[] = [];
  if (input.projects) {
    const progress = currentProgress(input.projects.progress);
    for (const p of input.projects.library.filter((x) => !x.retired)) {
      const own = progress.filter((e) => e.no === p.no).sort((a, b) => a.year - b.year);
      const latest = own.at(-1) ?? null;
      projects.push({
        project: p,
        year: latest?.year ?? null,
        status: latest?.status ?? null,
        statusZh: latest ? STATUSES[latest.status].zh : '尚无进展报告',
        statusEn: latest ? STATUSES[latest.status].en : 'no progress report yet',
        completion: completionRate(p, progress),
        demo: own.some((e) => e.isDemo),
      });
    }
  }

  const lastUpdate = observations.map((o) => o.recordedAt).sort().at(-1) ?? '';
  const h = createHash('sha256');
  h.update(`${plan.meta.id}@${input.revision}\n`);
  for (const o of observations) h.update(`${o.id}|${o.version}\n`);
  for (const p of projects) h.update(`p${p.project.no}|${p.project.version}|${p.year}|${p.status}|${p.completion}\n`);
  for (const g of input.gep) h.update(`g${g.year}|${g.totalYi}\n`);
  const carbon = input.carbon ?? [];
  for (const c of carbon) h.update(`c${c.year}|${c.net}|${c.gross}\n`);
  for (const d of input.documents) h.update(`d${d.id}|${d.publishedAt}\n`);
  h.update(input.geo ? `geo|${input.geo.approvalNo}` : 'nogeo');
  return {
    plan,
    revision: input.revision,
    observations,
    index,
    years,
    year: chosen.year,
    yearBasis: chosen.basis,
    cityByYear,
    evaluation,
    counties: plan.regions.filter((r) => r.code !== plan.meta.region),
    projects,
    gep: input.gep,
    carbon,
    documents: input.documents,
    geo: input.geo,
    lastUpdate,
    dataVersion: h.digest('hex').slice(0, 12),
    usesDemo: observations.some((o) => o.isDemo) || projects.some((p) => p.demo) || input.gep.some((g) => g.demo) || carbon.some((c) => c.demo),
  };
}

/** The approved value observations of an indicator for a region, by year. */
export function seriesOf(m: PortalModel, code: number, region: string): Observation[] {
  const s = m.index.of(code, region, 'value');
  return s.years().map((y) => s.get(y)!);
}

/** The latest approved value of an indicator for each county, with its year; counties without one are left out. */
export function countyValues(m: PortalModel, ind: Indicator): { region: Region; obs: Observation }[] {
  const out: { region: Region; obs: Observation }[] = [];
  for (const region of m.counties) {
    const s = seriesOf(m, ind.code, region.code);
    const latest = s.at(-1);
    if (latest) out.push({ region, obs: latest });
  }
  return out;
}
