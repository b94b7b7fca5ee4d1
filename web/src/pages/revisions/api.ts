// Requests of the plan revisions page (规划修订) and the indicator page's target history, through the shared client.
import { ApiError, client, errorFields, PLAN_API, PLAN_ID, read, uploadForm, write, type ErrorMapper } from '../../api.js';
import { mapPlanUploadError } from '../planAdmin/planUpload.js';
import type { JsonBody, Ok, paths } from '../../api/contract.js';

export type Revision = Ok<'/api/v1/plans/{planId}/revisions'>['revisions'][number];
export type RevisionDetail = Ok<'/api/v1/plans/{planId}/revisions/{no}'>;
export type PlanDiff = NonNullable<RevisionDetail['diff']>;
export type IndicatorHistory = Ok<'/api/v1/plans/{planId}/indicators/{code}/history'>;
export type Proposal = JsonBody<'/api/v1/plans/{planId}/revisions', 'post'>;
/** A checked upload of the revised plan: its files (sent back as the proposal's plan) and what they change. */
export type CheckedUpload = Ok<'/api/v1/plans/{planId}/revisions/check', 'post'>;
/** A refused proposal's reasons (409 revision rules, 400 plan problems), as the server's document declares them. */
export type RevisionProblem = NonNullable<paths['/api/v1/plans/{planId}/revisions']['post']['responses'][409]['content']['application/json']['problems']>[number];

/** A refused proposal or decision with every reason the server gave. */
export class RevisionError extends ApiError {
  constructor(
    status: number,
    code: string,
    zh: string | null,
    en: string | null,
    readonly reasons: RevisionProblem[],
  ) {
    super(status, code, zh, en);
  }
}

const mapError: ErrorMapper = (status, body) => {
  const f = errorFields<{ problems: RevisionProblem[] }>(body);
  return Array.isArray(f.problems) ? new RevisionError(status, f.code ?? 'ERROR', f.message ?? null, f.messageEn ?? null, f.problems) : null;
};

const at = (no: number) => ({ params: { path: { ...PLAN_ID, no } } });

export const revisionsApi = {
  list: () => read(client.GET('/api/v1/plans/{planId}/revisions', { params: { path: PLAN_ID } })),
  detail: (no: number) => read(client.GET('/api/v1/plans/{planId}/revisions/{no}', at(no))),
  /** Checks a revised plan workbook or zipped folder; nothing is kept. A refused file answers InvalidPlan. */
  check: (file: File, onProgress: (share: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<CheckedUpload>(`${PLAN_API}/revisions/check`, form, onProgress, mapPlanUploadError);
  },
  propose: (body: Proposal) => write(client.POST('/api/v1/plans/{planId}/revisions', { params: { path: PLAN_ID }, body }), mapError),
  approve: (no: number, note: string) => write(client.POST('/api/v1/plans/{planId}/revisions/{no}/approve', { ...at(no), body: note ? { note } : {} }), mapError),
  reject: (no: number, note: string) => write(client.POST('/api/v1/plans/{planId}/revisions/{no}/reject', { ...at(no), body: { note } }), mapError),
  history: (code: number) => read(client.GET('/api/v1/plans/{planId}/indicators/{code}/history', { params: { path: { ...PLAN_ID, code } } })),
};
