// The key-project library's names for its API bodies, all read from the generated contract (api/schema.d.ts).
// Money is exact decimal text in 亿元 ("136.64"); the console prints it as sent and never does float arithmetic on it.
import type { JsonBody, Ok, Query } from '../../api/contract.js';

type P = '/api/v1/plans/{planId}';

export type LibraryResponse = Ok<`${P}/projects`>;
export type LibraryProject = LibraryResponse['projects'][number];
export type ProjectWarning = LibraryResponse['warnings'][number];
export type WarningKind = ProjectWarning['kind'];
export type LibraryDetailResponse = Ok<`${P}/projects/{no}`>;
export type ProgressEntry = LibraryDetailResponse['progress'][number];
export type ProjectStatus = ProgressEntry['status'];
export type Milestone = ProgressEntry['milestones'][number];
export type ProjectVersion = LibraryDetailResponse['versions'][number];
/** What a version changed: only the fields that changed, each with its value before and after. */
export type FieldChanges = ProjectVersion['changes'];
export type ChangedField = keyof FieldChanges;
export type FieldChange = NonNullable<FieldChanges[ChangedField]>;
export type IndicatorLink = LibraryDetailResponse['links'][number];
export type ProjectEvidence = LibraryDetailResponse['evidence'][number];
export type SummaryResponse = Ok<`${P}/projects-summary`>;
export type Rollup = SummaryResponse['total'];
export type YearRollup = SummaryResponse['byYear'][number];
export type LibraryQuery = Query<`${P}/projects`>;
/** The library's filters as the page keeps them in its address (text); projectsApi.library sends them as the query. */
export type LibraryFilters = { [K in keyof LibraryQuery]?: string };
/** The editable fields of a project (POST /projects, PUT /projects/{no} changes). */
export type ProjectFields = Omit<JsonBody<`${P}/projects`, 'post'>, 'reason'>;
export type ProgressDraft = JsonBody<`${P}/projects/{no}/progress/{year}`, 'put'>;
export type ImportResult = Ok<`${P}/projects/import`, 'post'>;
/** A refused import's per-cell problems (422 IMPORT_INVALID). */
export type ImportRowError = import('../../api/contract.js').paths[`${P}/projects/import`]['post']['responses'][422]['content']['application/json']['errors'][number];

export const PROJECT_STATUSES: ProjectStatus[] = ['not_started', 'in_progress', 'completed', 'delayed', 'suspended', 'terminated'];
/** Statuses that the server refuses without a reason. */
export const STATUSES_NEEDING_REASON: ProjectStatus[] = ['delayed', 'suspended', 'terminated'];
