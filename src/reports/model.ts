// The annual assessment report (规划实施年度评估报告) as data: everything the sections say, computed once from
// the plan, the approved observations and the plan's key projects. No I/O: the caller reads the store.
//
// Reproducibility: the report is a function of the plan (id and revision) and of the approved observations the
// evaluation of the year can read — those of the region up to the year, and the figures the higher authority
// assigned for the horizon year. Only those are indexed, and the data version names exactly them (a sha-256 over
// their ids, versions and values), so the same data version always gives the same report.
import { createHash } from 'node:crypto';
import { planInForce } from '../plan/revisions.js';
import { evaluatePlan, horizonFor, ObservationIndex, regionType, type IndicatorEvaluation, type PlanEvaluation, type UsedObservation } from '../plan/evaluation.js';
import { targetOf } from '../plan/horizons.js';
import type { CategoryTotal, Indicator, Plan, Project, Region } from '../plan/model.js';
import { currentProgress, type LibraryEntry, type ProgressFact } from '../projects/library.js';
import { endOfYear, projectSummary, type ProjectSummary } from '../projects/rollups.js';
import type { Observation } from '../plan/observations.js';
import { categoryTotals, type InvestmentTotal } from '../plan/rollups.js';
import type { Target } from '../plan/targets.js';
import { baselineText, percentText, STATUS_ZH, stateZh, progressZh, subtractDecimal } from './format.js';
import { gepUsesDemo, type ReportGep } from './gepFacts.js';
import { assess, type AssessmentResult, type VetoRecord } from '../assessment/assess.js';
import type { Scheme } from '../assessment/scheme.js';
import { buildCarbonReport, type CarbonReport, type CarbonReportInput } from './carbonReport.js';

/** A year outside the plan: the message in Chinese and English, for the CLI and the API alike. */
export class ReportYearError extends RangeError {
  constructor(
    readonly year: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface DataVersion {
  planId: string;
  revision: number;
  /** First 12 hex digits of the sha-256 over the observations used. */
  hash: string;
  observationCount: number;
  /** The identifier printed in the report: `<plan id>@r<revision>-<hash>`, e.g. `city-2021-2035@r1-3f2a9c1b7d4e`. */
  id: string;
}

/** A year-on-year change of a numeric indicator. */
export interface Change {
  fromYear: number;
  fromText: string;
  toText: string;
  /** to − from, exact, with sign. */
  deltaText: string;
  /** Relative change as a percentage with two decimals (absolute value), null when the previous value is zero. */
  relativeText: string | null;
  /** 1 better, −1 worse, 0 unchanged (in the indicator's direction). */
  trend: 1 | -1 | 0;
  /** Direction-adjusted relative change, for ranking only. */
  score: number;
  demo: boolean;
}

/** This year's value against the numeric target: value/target (or target/value where lower is better). */
export interface Completion {
  targetText: string;
  percent: number;
  percentText: string;
}

export interface IndicatorRow {
  ind: Indicator;
  ev: IndicatorEvaluation;
  prev: IndicatorEvaluation | null;
  baselineText: string;
  /** This year's value or state as reported, '—' when none. */
  valueText: string;
  /** Whether this year's value is demonstration data. */
  valueDemo: boolean;
  statusText: string;
  progressText: string;
  change: Change | null;
  completion: Completion | null;
}

/** One line of the annex: an observation the report used, with its source and approval record. */
export interface Citation {
  indicatorCode: number;
  indicatorName: string;
  region: string;
  regionName: string;
  year: number;
  kind: 'value' | 'assigned';
  valueText: string;
  source: string;
  status: string;
  version: string;
  recordedAt: string;
  recordedBy: string;
  isDemo: boolean;
  fromPlan: boolean;
}

export interface ReportModel {
  plan: Plan;
  revision: number;
  year: number;
  previousYear: number | null;
  region: Region;
  isPlanRegion: boolean;
  /** <plan short name>2024年度实施评估报告 (with the region for a county). */
  title: string;
  dataVersion: DataVersion;
  /** Latest recording time among the observations used (ISO), else the plan's issue month: the document's date. */
  dataDate: string;
  evaluation: PlanEvaluation;
  previous: PlanEvaluation | null;
  rows: IndicatorRow[];
  /** Whether any approved observation exists for the region and the year. */
  hasData: boolean;
  /** Whether anything the report shows is demonstration data (示例数据). */
  usesDemo: boolean;
  projects: {
    categoryTotals: CategoryTotal[];
    total: InvestmentTotal;
    all: Project[];
    overdue: Project[];
    endingThisYear: Project[];
    /** Roll-ups of the project library (src/projects) from the reports up to the year; null without library facts. */
    summary: ProjectSummary | null;
    /** Whether any project progress was reported for the report's year. */
    reportedThisYear: boolean;
    /** Whether the progress figures used include demonstration data (示例数据). */
    usesDemo: boolean;
  };
  citations: Citation[];
  /** GEP facts and prices for the GEP chapter; null when the caller did not read them. */
  gep: ReportGep | null;
  /** The carbon chapter's inventory, indicators 23/25 and scenarios; null when the caller did not read them. */
  carbon: CarbonReport | null;
  /** The year's assessment for the plan's region, without the year before; null without a scheme. */
  assessment: AssessmentResult | null;
}

export interface ReportInput {
  plan: Plan;
  revision: number;
  year: number;
  region?: string;
  /** The plan's observations, one per indicator, region, year and kind (src/reports/store.ts gives the latest approved); any not approved are dropped. */
  observations: readonly Observation[];
  /** The key project library (current versions) and every progress fact; without it the report shows the plan's appendix only. */
  projects?: { library: readonly LibraryEntry[]; progress: readonly ProgressFact[] };
  /** GEP facts and prices (src/reports/gepStore.ts reads them); without them the report has no GEP chapter. */
  gep?: ReportGep;
  /** Carbon activity data, local factors and scenarios (src/reports/carbonStore.ts reads them); without them no carbon chapter. */
  carbon?: CarbonReportInput;
  /** The default assessment scheme and the vetoes (src/reports/assessmentStore.ts); without them no assessment chapter. */
  assessment?: { scheme: Scheme; vetoes: readonly VetoRecord[] };
}

/** Checks the year against the plan's span (base year to end): the message names both. */
export function checkReportYear(plan: Plan, year: number): void {
  const { baseYear } = plan.meta;
  const end = plan.meta.period.end;
  if (!Number.isInteger(year) || year < baseYear || year > end)
    throw new ReportYearError(year, `年份 ${year} 超出规划范围（${baseYear}–${end}），无法生成年度评估报告`, `year ${year} is outside the plan (${baseYear}–${end}): no annual report`);
}

/** The observations a year's evaluation can read: approved, of the region, up to the year, and assigned figures of the horizon year. */
export function observationsUsed(plan: Plan, year: number, region: string, observations: readonly Observation[]): Observation[] {
  const horizonYear = Number(horizonFor(plan, year));
  return observations
    .filter((o) => o.status === 'approved' && o.regionCode === region && (o.year <= year || (o.kind === 'assigned' && o.year === horizonYear)))
    .sort((a, b) => a.indicatorCode - b.indicatorCode || a.regionCode.localeCompare(b.regionCode) || a.year - b.year || a.kind.localeCompare(b.kind));
}

export function dataVersionOf(plan: Plan, revision: number, used: readonly Observation[]): DataVersion {
  const h = createHash('sha256');
  for (const o of used)
    h.update([o.id, o.version, o.indicatorCode, o.regionCode, o.year, o.kind, o.valueText ?? '', o.state ?? '', [...o.checks].sort().join(','), o.source, o.isDemo ? 1 : 0].join('|') + '\n');
  const hash = h.digest('hex').slice(0, 12);
  return { planId: plan.meta.id, revision, hash, observationCount: used.length, id: `${plan.meta.id}@r${revision}-${hash}` };
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { plan, revision, year } = input;
  checkReportYear(plan, year);
  const regionCode = input.region ?? plan.meta.region;
  const region = plan.regions.find((r) => r.code === regionCode);
  if (!region) throw new RangeError(`unknown region ${regionCode}`);
  const isPlanRegion = region.code === plan.meta.region;

  const used = observationsUsed(plan, year, region.code, input.observations);
  const index = new ObservationIndex(used);
  const evaluation = evaluatePlan(plan, index, { year, region: region.code });
  const previousYear = year - 1 >= plan.meta.baseYear ? year - 1 : null;
  const previous = previousYear === null ? null : evaluatePlan(plan, index, { year: previousYear, region: region.code });
  const byId = new Map(used.map((o) => [o.id, o]));
  const stored = (code: number, y: number) => index.get(code, region.code, 'value', y);

  // A revised plan: the rows are the indicators in force that year; last year's evaluation is matched by code.
  const rows = planInForce(plan, year).indicators.map((ind, k): IndicatorRow => {
    const ev = evaluation.indicators[k]!;
    const prev = previous?.indicators.find((e) => e.code === ind.code) ?? null;
    const current = ev.value && ev.value.year === year ? ev.value : null;
    const currentObs = current ? ev.observations.find((o) => o.year === year && o.kind === 'value') : undefined;
    const valueText = current ? (current.valueText ?? stateZh(current.state)) || '—' : '—';
    return {
      ind,
      ev,
      prev,
      baselineText: baselineText(ind, plan.meta.baseYear),
      valueText,
      valueDemo: Boolean(currentObs?.isDemo ?? stored(ind.code, year)?.isDemo),
      statusText: STATUS_ZH[ev.status],
      progressText: progressZh(ev.progress?.level),
      change: changeOf(ind, ev, prev, year, (y) => prev?.observations.find((o) => o.year === y && o.kind === 'value') ?? citeStored(stored(ind.code, y))),
      completion: completionOf(ind, ev, region, year),
    };
  });

  const citations = citationsOf(plan, rows, byId, year);
  const dates = used.map((o) => o.recordedAt).filter(Boolean).sort();
  const library = input.projects ? input.projects.library.filter((p) => !p.retired) : plan.projects;
  const { categoryTotals: totals, total } = categoryTotals(plan.categories, library);
  const progressUpTo = input.projects ? currentProgress(input.projects.progress).filter((e) => e.year <= year) : [];
  const summary = input.projects ? projectSummary(plan, input.projects.library, progressUpTo, { year, asOf: endOfYear(year) }) : null;
  const title = `${plan.meta.shortName}${year}年度实施评估报告${isPlanRegion ? '' : `（${region.name}）`}`;
  const carbon = input.carbon ? buildCarbonReport(plan, year, region.code, input.carbon) : null;
  return {
    plan,
    revision,
    year,
    previousYear,
    region,
    isPlanRegion,
    title,
    dataVersion: dataVersionOf(plan, revision, used),
    dataDate: dates.at(-1) ?? `${plan.meta.issued}-01T00:00:00.000Z`,
    evaluation,
    previous,
    rows,
    hasData: used.some((o) => o.year === year),
    usesDemo: citations.some((c) => c.isDemo) || rows.some((r) => r.valueDemo) || progressUpTo.some((e) => e.isDemo) || gepUsesDemo(input.gep, region.code, year) || Boolean(carbon?.usesDemo),
    projects: {
      categoryTotals: totals,
      total,
      all: library,
      overdue: library.filter((p) => p.endYear < year),
      endingThisYear: library.filter((p) => p.endYear === year),
      summary,
      reportedThisYear: progressUpTo.some((e) => e.year === year),
      usesDemo: progressUpTo.some((e) => e.isDemo),
    },
    citations,
    gep: input.gep ?? null,
    carbon,
    assessment: isPlanRegion && input.assessment ? reportAssessment(input, year) : null,
  };
}

/** The chapter's assessment: approved values of every region, the library, the vetoes; the year only. */
function reportAssessment(input: ReportInput, year: number): AssessmentResult {
  const approved = input.observations.filter((o) => o.status === 'approved');
  return assess(
    {
      plan: input.plan,
      scheme: input.assessment!.scheme,
      year,
      observations: new ObservationIndex(approved),
      library: input.projects?.library ?? [],
      progress: input.projects ? currentProgress(input.projects.progress) : [],
      vetoes: input.assessment!.vetoes,
    },
    { previous: false },
  );
}

function citeStored(o: Observation | undefined): UsedObservation | undefined {
  if (!o) return undefined;
  return { id: o.id, kind: o.kind, year: o.year, region: o.regionCode, valueText: o.valueText, state: o.state, source: o.source, status: o.status, version: o.version, isDemo: o.isDemo, fromPlan: false };
}

function changeOf(ind: Indicator, ev: IndicatorEvaluation, prev: IndicatorEvaluation | null, year: number, prevObs: (y: number) => UsedObservation | undefined): Change | null {
  // Rates of change (能耗下降率 …) are not compared year on year, as progress does not assess them.
  if (!ind.direction || !ind.assessProgress || !prev) return null;
  const to = ev.value?.year === year ? ev.value.valueText : null;
  const from = prev.value?.year === year - 1 ? prev.value.valueText : null;
  if (to === null || from === null) return null;
  const deltaText = subtractDecimal(to, from);
  const delta = Number(deltaText);
  const base = Number(from);
  const trend: Change['trend'] = delta === 0 ? 0 : (delta > 0) === (ind.direction === 'increase') ? 1 : -1;
  const relative = base === 0 ? null : Math.abs(delta / base);
  const fromObs = prevObs(year - 1);
  const toObs = ev.observations.find((o) => o.year === year && o.kind === 'value');
  return {
    fromYear: year - 1,
    fromText: from,
    toText: to,
    deltaText,
    relativeText: relative === null ? null : percentText(relative),
    trend,
    score: trend * (relative ?? Math.abs(delta)),
    demo: Boolean(fromObs?.isDemo || toObs?.isDemo),
  };
}

/** The numeric bound the year's value is held to, if the target has one for this region. */
function numericBound(ind: Indicator, t: Target, region: Region, ev: IndicatorEvaluation, year: number): { text: string; value: number } | null {
  switch (t.kind) {
    case 'threshold':
      return { text: t.value.toFixed(t.decimals), value: t.value };
    case 'split': {
      const part = t.parts.find((p) => p.regionType === regionType(region));
      return part ? { text: part.target.value.toFixed(part.target.decimals), value: part.target.value } : null;
    }
    case 'assigned':
    case 'all': {
      if (t.kind === 'all' && !t.parts.some((p) => p.kind === 'assigned')) return null;
      const assigned = ev.observations.find((o) => o.kind === 'assigned' && o.year === year);
      return assigned?.valueText ? { text: assigned.valueText, value: Number(assigned.valueText) } : null;
    }
    default:
      return null;
  }
}

function completionOf(ind: Indicator, ev: IndicatorEvaluation, region: Region, year: number): Completion | null {
  if (!ind.direction || ev.value?.year !== year || ev.value.valueText === null) return null;
  const bound = numericBound(ind, targetOf(ind, ev.horizon), region, ev, year);
  const value = Number(ev.value.valueText);
  if (!bound || bound.value <= 0 || value <= 0) return null;
  const ratio = ind.direction === 'decrease' ? bound.value / value : value / bound.value;
  const text = percentText(ratio);
  return { targetText: bound.text, percent: Number(text), percentText: text };
}

function citationsOf(plan: Plan, rows: readonly IndicatorRow[], byId: Map<string, Observation>, year: number): Citation[] {
  const regionName = new Map(plan.regions.map((r) => [r.code, r.name]));
  const seen = new Map<string, { row: IndicatorRow; o: UsedObservation }>();
  for (const row of rows) {
    for (const o of row.ev.observations) seen.set(o.id, { row, o });
    // The previous year's value a change sentence quotes is used too.
    if (row.change && row.prev) {
      const o = row.prev.observations.find((x) => x.year === year - 1 && x.kind === 'value');
      if (o) seen.set(o.id, { row, o });
    }
  }
  return [...seen.values()]
    .map(({ row, o }): Citation => {
      const full = byId.get(o.id);
      return {
        indicatorCode: row.ind.code,
        indicatorName: row.ind.name,
        region: o.region,
        regionName: regionName.get(o.region) ?? o.region,
        year: o.year,
        kind: o.kind,
        valueText: o.valueText ?? stateZh(o.state),
        source: o.fromPlan ? '规划文本表1现状值' : o.source,
        status: o.fromPlan ? '规划文本' : o.status === 'approved' ? '已审定' : '未审定',
        version: o.fromPlan ? '—' : `第${o.version}版`,
        recordedAt: full?.recordedAt ?? '',
        recordedBy: o.fromPlan ? '—' : (full?.recordedBy ?? ''),
        isDemo: o.isDemo,
        fromPlan: o.fromPlan,
      };
    })
    .sort((a, b) => a.indicatorCode - b.indicatorCode || a.region.localeCompare(b.region) || a.year - b.year || a.kind.localeCompare(b.kind));
}
