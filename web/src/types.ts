// Response shapes of the ecoplan HTTP API (/api/v1), declared here because the console speaks only HTTP
// and must not import the server's model. Keep in step with the API contract.

export type Horizon = '2025' | '2035';
export type Direction = 'increase' | 'decrease' | null;

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messageEn?: string;
  /** 400 TEMPLATE_INVALID: every problem found in an uploaded template. */
  problems?: TemplateProblem[];
}

export interface PlanMeta {
  id: string;
  name: string;
  nameEn: string;
  shortName: string;
  issued: string;
  baseYear: number;
  horizons: { year: number; label: string; labelEn: string }[];
  period: { start: number; end: number };
  area: { value: number; text: string; unit: string };
  /** Code of the plan's own (city) region. */
  region?: string;
  source: string;
}

export interface IndicatorCounts {
  indicatorCount: number;
  bindingCount: number;
  referenceCount: number;
}

export interface TaskArea extends IndicatorCounts {
  id: string;
  numeral: string;
  name: string;
  nameEn: string;
  domain: string;
  order: number;
}

export interface Domain extends IndicatorCounts {
  id: string;
  name: string;
  nameEn: string;
  order: number;
  taskAreas: TaskArea[];
}

export interface Region {
  code: string;
  name: string;
  nameEn: string;
  level: 'city' | 'county';
  type: string;
  parent: string | null;
}

export interface ProjectCategory {
  id: string;
  name: string;
  nameEn: string;
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

export interface InvestmentTotal {
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

export interface PlanResponse {
  meta: PlanMeta;
  domains: Domain[];
  counts: { indicators: number; binding: number; reference: number; local: number };
  regions: Region[];
  categories: ProjectCategory[];
  categoryTotals: CategoryTotal[];
  total: InvestmentTotal;
  notes: PlanNote[];
}

// Structured targets: the table's wording parsed by the server's target language.
export interface ThresholdTarget {
  kind: 'threshold';
  comparator: 'gte' | 'lte' | 'implicit';
  value: number;
  decimals: number;
}
export interface StateTarget {
  kind: 'state';
  state: string;
}
export interface RelativeTarget {
  kind: 'relative';
  rule: string;
  reference: 'baseline' | 'previousYear';
}
export interface AssignedTarget {
  kind: 'assigned';
  assignment: string;
}
export interface AllTarget {
  kind: 'all';
  separator: string;
  parts: (ThresholdTarget | StateTarget | RelativeTarget | AssignedTarget)[];
}
export interface SplitTarget {
  kind: 'split';
  parts: { regionType: 'city' | 'county'; label: string; target: ThresholdTarget }[];
}
export type Target = ThresholdTarget | StateTarget | RelativeTarget | AssignedTarget | AllTarget | SplitTarget;
export type TargetKind = Target['kind'];

/** A target as the API sends it: the table's own text, its English rendering (when given) and the parsed form. */
export type IndicatorTarget = Target & { text: string; textEn?: string | null };

export interface Baseline {
  year: number;
  value: number | null;
  text: string;
  decimals: number | null;
  state: string | null;
  noData: boolean;
  note: string | null;
}

export interface Indicator {
  code: number;
  name: string;
  nameEn: string;
  group: string | null;
  groupEn: string | null;
  unit: string;
  domain: string;
  domainId: string;
  taskArea: string;
  taskAreaId: string;
  taskAreaNumeral?: string;
  binding: boolean;
  local: boolean;
  direction: Direction;
  baseline: Baseline;
  targets: Record<Horizon, IndicatorTarget>;
  departments: string[];
  departmentIds: string[];
  notes: number[];
}

export interface IndicatorsResponse {
  indicators: Indicator[];
}

export interface IndicatorResponse {
  indicator: Indicator;
  notes: PlanNote[];
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
  category: string;
  categoryId: string;
  subcategory: string | null;
  content: string;
  investment: number;
  investmentText: string;
  leads: string[];
  leadIds: string[];
  regions: string[];
  startYear: number;
  endYear: number;
  subItems: ProjectSubItem[];
}

export interface ProjectsResponse {
  projects: Project[];
  categoryTotals: CategoryTotal[];
  total: InvestmentTotal;
}

export interface ProjectResponse {
  project: Project;
}

export interface Department {
  id: string;
  name: string;
  nameEn: string;
  kind: string;
  region: string | null;
}

export interface DepartmentsResponse {
  departments: Department[];
}

// Evaluation (评估与预警): /evaluation, /scorecard, /indicators/:code/series, /observations.

export type EvaluationStatus = 'attained' | 'not_attained' | 'no_data' | 'not_applicable';
export type WarningLevel = 'red' | 'yellow' | 'grey';
export type ProgressLevel = 'target_met' | 'on_track' | 'moderate' | 'marginal' | 'regression' | 'not_assessable';

/** A sentence the server words in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface Progress {
  level: ProgressLevel;
  actualRate: number | null;
  requiredRate: number | null;
  ratio: number | null;
  method: 'ratio' | 'growth';
  reason: Bilingual;
}

/** An observation as an evaluation cites it (the plan's own baseline has `fromPlan`). */
export interface UsedObservation {
  id: string;
  kind: 'value' | 'assigned';
  year: number;
  region: string;
  valueText: string | null;
  state: string | null;
  source: string;
  status: 'approved' | 'provisional';
  version: number;
  isDemo: boolean;
  fromPlan: boolean;
}

export interface IndicatorEvaluation {
  code: number;
  name: string;
  unit: string;
  binding: boolean;
  domainId: string;
  taskAreaId: string;
  departmentIds: string[];
  horizon: Horizon;
  target: { horizon: Horizon; text: string; textEn: string };
  status: EvaluationStatus;
  reason: Bilingual;
  value: { valueText: string | null; state: string | null; year: number } | null;
  progress: Progress | null;
  projection: { year: number; value: number; meetsTarget: boolean } | null;
  warning: { level: WarningLevel; reason: Bilingual } | null;
  observations: UsedObservation[];
  /** Uses 示例数据 or observations not yet approved. */
  provisional: boolean;
}

export interface EvaluationCounts {
  total: number;
  attained: number;
  not_attained: number;
  no_data: number;
  not_applicable: number;
  red: number;
  yellow: number;
  grey: number;
}

export interface EvaluationSummary {
  counts: EvaluationCounts;
  byDomain: (EvaluationCounts & { id: string; name: string })[];
  byTaskArea: (EvaluationCounts & { id: string; name: string; numeral: string })[];
  byKind: { binding: EvaluationCounts; reference: EvaluationCounts };
  byDepartment: (EvaluationCounts & { id: string; name: string })[];
  readiness: {
    ready: boolean;
    bindingTotal: number;
    bindingAttained: number;
    /** Binding indicators judged 未达标. */
    notAttained: { code: number; name: string; status: EvaluationStatus }[];
    /** Binding indicators that cannot be judged (无数据 / 不适用): never counted as 未达标. */
    noData: { code: number; name: string; status: EvaluationStatus }[];
  };
}

/** How complete a year's evaluation is (GET …/evaluation/years, and each evaluation's `coverage`). */
export interface YearCoverage {
  year: number;
  applicable: number;
  decided: number;
  approved: number;
  state: 'complete' | 'partial' | 'empty';
}

export interface EvaluationYearsResponse {
  region: string;
  years: YearCoverage[];
  defaultYear: number;
  basis: 'complete' | 'most_covered' | 'no_data';
}

export interface EvaluationResponse {
  year: number;
  region: string;
  regionName: string;
  /** 'auto' when no horizon was asked for (each year then uses its own target year). */
  horizon: Horizon | 'auto';
  indicators: IndicatorEvaluation[];
  summary: EvaluationSummary;
  coverage: YearCoverage;
}

export interface ScorecardCell {
  year: number;
  status: EvaluationStatus;
  warning: WarningLevel | null;
  valueText: string | null;
  state: string | null;
  provisional: boolean;
}

export interface ScorecardResponse {
  region: string;
  years: number[];
  indicators: { code: number; name: string; binding: boolean; domainId: string; cells: ScorecardCell[] }[];
}

export interface Observation {
  id: string;
  indicatorCode: number;
  regionCode: string;
  year: number;
  kind: 'value' | 'assigned';
  version: number;
  valueText: string | null;
  value: number | null;
  state: string | null;
  checks: string[];
  source: string;
  note: string | null;
  reason: string | null;
  status: 'approved' | 'provisional';
  isDemo: boolean;
  recordedAt: string;
  recordedBy: string;
  batchId: string;
}

export interface ObservationsResponse {
  observations: Observation[];
}

export interface SeriesResponse {
  code: number;
  region: string;
  observations: Observation[];
  evaluations: (IndicatorEvaluation & { year: number })[];
}

// Sign-in, users and data entry: /auth/*, /users, POST /plans/:id/observations.

export type Role = 'admin' | 'reviewer' | 'reporter' | 'viewer';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  planId: string | null;
  departmentId: string | null;
  isDemo: boolean;
  /** A disabled account cannot sign in. */
  disabled: boolean;
}

/** PATCH /users/{id}: what an administrator may change. */
export interface UserChanges {
  role?: Role;
  departmentId?: string | null;
  displayName?: string;
  disabled?: boolean;
  reason?: string;
}

/** Sign-in and /auth/me: the user and the session's CSRF token (kept in memory only, never stored). */
export interface SessionResponse {
  user: User;
  csrfToken: string;
}

export interface UsersResponse {
  users: User[];
}

export interface UserResponse {
  user: User;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string;
  password: string;
}

export interface ObservationEntry {
  indicator: number;
  region: string;
  year: number;
  kind?: 'value' | 'assigned';
  /** Exact decimal as text, e.g. "74.60". */
  value?: string;
  /** State code (formulatedAndImplemented …). */
  state?: string;
  /** Relative rules confirmed as met (natureUnchanged, functionNotReduced). */
  checks?: string[];
  source: string;
  note?: string;
  /** Required when a value already exists for the indicator, region, year and kind. */
  reason?: string;
}

export interface ObservationEntryResponse {
  status: 'approved' | 'provisional';
  inserted: number;
  versioned: number;
  unchanged: number;
}

// Annual reporting rounds (年度调度): /plans/:id/rounds…, and the history of a value.

export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'approved';
/** A task's status in a round: its submission's, or `missing` (未填) while there is none. */
export type TaskStatus = SubmissionStatus | 'missing';
export type TaskKind = 'value' | 'assigned';

export interface Round {
  id: string;
  year: number;
  /** YYYY-MM-DD; the end of that day in China Standard Time. */
  deadline: string;
  status: 'open' | 'closed';
  openedBy: string;
  openedAt: string;
  overdue: boolean;
}

export interface RoundsResponse {
  rounds: Round[];
}

export interface OpenRoundResponse {
  round: Round;
  tasks: number;
}

export interface RoundCounts {
  tasks: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  missing: number;
}

export interface RoundProgressResponse {
  round: Round;
  totals: RoundCounts;
  departments: (RoundCounts & { id: string; name: string; overdue: boolean })[];
}

export interface TaskSubmission {
  status: SubmissionStatus;
  valueText: string | null;
  state: string | null;
  checks: string[];
  source: string;
  note: string | null;
  reason: string | null;
  reviewComment: string | null;
  updatedBy: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface RoundTask {
  indicatorCode: number;
  indicatorName: string;
  unit: string;
  binding: boolean;
  regionCode: string;
  regionName: string;
  kind: TaskKind;
  departmentId: string;
  departmentName: string;
  /** The target's wording in table 1 for the round's horizon. */
  target: string;
  /** Last year's approved figure, when there is one. */
  lastYear: { valueText: string | null; state: string | null; year: number } | null;
  canEdit: boolean;
  /** The plan's rule: this task needs an evidence file before it can be submitted. */
  evidenceRequired: boolean;
  evidence: EvidenceMeta[];
  submission: TaskSubmission | null;
}

export interface EvidenceMeta {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface RoundTasksResponse {
  total: number;
  offset: number;
  tasks: RoundTask[];
}

/** Identifies a task in the URL: /tasks/{code}/{region}/{kind}. */
export type TaskRef = Pick<RoundTask, 'indicatorCode' | 'regionCode' | 'kind'>;

export interface TaskDraft {
  value?: string;
  state?: string;
  checks?: string[];
  source: string;
  note?: string;
  /** Required to revise an approved value (409 REASON_REQUIRED). */
  reason?: string;
}

export interface SaveTaskResponse {
  status: SubmissionStatus;
  /** E.g. a change of more than 30 % from last year: a note is then required to submit. */
  warnings: Bilingual[];
}

export interface TemplateProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

export interface ImportResponse {
  drafts: number;
}

export interface ValueVersion {
  year: number;
  kind: string;
  version: number;
  valueText: string | null;
  state: string | null;
  source: string;
  reason: string | null;
  status: string;
  recordedAt: string;
  /** null for the public and viewers, who are not told who entered a value. */
  recordedBy: string | null;
  isDemo: boolean;
}

export interface HistoryResponse {
  versions: ValueVersion[];
}
