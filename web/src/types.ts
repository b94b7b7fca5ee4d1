// The console's names for the bodies of the HTTP API (/api/v1). Every shape comes from the types generated from the
// server's OpenAPI document (api/schema.d.ts, `npm run api:types`): this file only names them, so a change on the
// server is a compile error here, not a silent drift.
import type { ErrorBody, JsonBody, Ok, Query } from './api/contract.js';

type P = '/api/v1/plans/{planId}';

export type PlanResponse = Ok<P>;
export type PlanMeta = PlanResponse['meta'];
export type Domain = PlanResponse['domains'][number];
export type TaskArea = Domain['taskAreas'][number];
export type Region = PlanResponse['regions'][number];
export type ProjectCategory = PlanResponse['categories'][number];
export type CategoryTotal = PlanResponse['categoryTotals'][number];
export type InvestmentTotal = PlanResponse['total'];
export type PlanNote = PlanResponse['notes'][number];

export type IndicatorsResponse = Ok<`${P}/indicators`>;
export type IndicatorResponse = Ok<`${P}/indicators/{code}`>;
export type Indicator = IndicatorsResponse['indicators'][number];
export type Direction = Indicator['direction'];
export type Baseline = Indicator['baseline'];
/** A target as the API sends it: the table's own text, its English rendering and the parsed form. */
export type IndicatorTarget = Indicator['targets'][string];
/** The parsed form alone (a part of an `all` target, a county's share of a `split` one). */
export type Target = IndicatorTarget extends infer T ? (T extends unknown ? Omit<T, 'text' | 'textEn'> : never) : never;
export type TargetKind = Target['kind'];
export type ThresholdTarget = Extract<Target, { kind: 'threshold' }>;
export type AllTarget = Extract<Target, { kind: 'all' }>;
export type SplitTarget = Extract<Target, { kind: 'split' }>;

export type ProjectsResponse = Ok<`${P}/projects`>;
export type Project = ProjectsResponse['projects'][number];
export type ProjectResponse = Ok<`${P}/projects/{no}`>;
export type DepartmentsResponse = Ok<`${P}/departments`>;
export type Department = DepartmentsResponse['departments'][number];

// Evaluation (评估与预警): /evaluation, /scorecard, /indicators/:code/series, /observations.
export type EvaluationResponse = Ok<`${P}/evaluation`>;
export type EvaluationQuery = Query<`${P}/evaluation`>;
export type Horizon = NonNullable<EvaluationQuery['horizon']>;
export type IndicatorEvaluation = EvaluationResponse['indicators'][number];
export type EvaluationStatus = IndicatorEvaluation['status'];
export type WarningLevel = NonNullable<IndicatorEvaluation['warning']>['level'];
export type Progress = NonNullable<IndicatorEvaluation['progress']>;
export type ProgressLevel = Progress['level'];
export type UsedObservation = IndicatorEvaluation['observations'][number];
/** A sentence the server words in both languages. */
export type Bilingual = IndicatorEvaluation['reason'];
export type EvaluationSummary = EvaluationResponse['summary'];
export type EvaluationCounts = EvaluationSummary['counts'];
export type YearCoverage = EvaluationResponse['coverage'];
export type EvaluationYearsResponse = Ok<`${P}/evaluation/years`>;
export type ScorecardResponse = Ok<`${P}/scorecard`>;
export type ScorecardCell = ScorecardResponse['indicators'][number]['cells'][number];
export type ObservationsResponse = Ok<`${P}/observations`>;
export type Observation = ObservationsResponse['observations'][number];
export type SeriesResponse = Ok<`${P}/indicators/{code}/series`>;

// Sign-in, users and data entry: /auth/*, /users, POST /plans/:id/observations.
export type SessionResponse = Ok<'/api/v1/auth/me'>;
/** The signed-in account, with the roles it holds, one per plan. */
export type Account = SessionResponse['user'];
export type PlanRole = Account['roles'][number];
export type Role = PlanRole['role'];
/** The account acting in the console's plan (auth.tsx): its role and department there. */
export type User = Omit<Account, 'role' | 'planId'> & { role: Role; planId: string };

/**
 * The account acting in plan `planId` (null: the default plan, whose role the API puts at the top), or null when it
 * holds no role there.
 */
export function actingIn(account: Account, planId: string | null): User | null {
  const grant = planId ? account.roles.find((g) => g.planId === planId) : account.role && account.planId ? { role: account.role, planId: account.planId, departmentId: account.departmentId } : null;
  return grant ? { ...account, role: grant.role, planId: grant.planId, departmentId: grant.departmentId } : null;
}
export type UsersResponse = Ok<`${P}/users`>;
export type UserResponse = Ok<`${P}/users`, 'post'>;
export type NewUser = JsonBody<`${P}/users`, 'post'>;
/** PATCH /plans/{planId}/users/{id}: what an administrator of the plan may change. */
export type UserChanges = JsonBody<`${P}/users/{id}`, 'patch'>;
export type ObservationEntry = JsonBody<`${P}/observations`, 'post'>;
export type ObservationEntryResponse = Ok<`${P}/observations`, 'post'>;

// Annual reporting rounds (年度调度): /plans/:id/rounds…, and the history of a value.
export type RoundsResponse = Ok<`${P}/rounds`>;
export type Round = RoundsResponse['rounds'][number];
export type OpenRoundResponse = Ok<`${P}/rounds`, 'post'>;
export type RoundProgressResponse = Ok<`${P}/rounds/{year}`>;
export type RoundCounts = RoundProgressResponse['totals'];
export type RoundTasksResponse = Ok<`${P}/rounds/{year}/tasks`>;
export type RoundTask = RoundTasksResponse['tasks'][number];
export type TaskKind = RoundTask['kind'];
export type TaskSubmission = NonNullable<RoundTask['submission']>;
export type SubmissionStatus = TaskSubmission['status'];
/** A task's status in a round: its submission's, or `missing` (未填) while there is none. */
export type TaskStatus = NonNullable<Query<`${P}/rounds/{year}/tasks`>['status']>;
export type EvidenceMeta = RoundTask['evidence'][number];
/** Identifies a task in the URL: /tasks/{code}/{region}/{kind}. */
export type TaskRef = Pick<RoundTask, 'indicatorCode' | 'regionCode' | 'kind'>;
export type TaskDraft = JsonBody<`${P}/rounds/{year}/tasks/{code}/{region}/{kind}`, 'put'>;
export type SaveTaskResponse = Ok<`${P}/rounds/{year}/tasks/{code}/{region}/{kind}`, 'put'>;
export type ImportResponse = Ok<`${P}/rounds/{year}/import`, 'post'>;
/** A refused template upload's located problems (400 TEMPLATE_INVALID). */
export type TemplateProblem = NonNullable<ErrorBodyOf<`${P}/rounds/{year}/import`>['problems']>[number];
export type HistoryResponse = Ok<`${P}/observations/history`>;
export type ValueVersion = HistoryResponse['versions'][number];

/** The error body, and the located problems a refused upload lists. */
export type ApiErrorBody = ErrorBody & { problems?: TemplateProblem[] };
type ErrorBodyOf<Path extends `${P}/rounds/{year}/import`> = import('./api/contract.js').paths[Path]['post']['responses'][400]['content']['application/json'];
