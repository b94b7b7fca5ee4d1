// Client of the key-project library, through the shared client of web/src/api.ts (same origin and
// session). Reads are never cached: the library changes while the console is open (reports, revisions, imports).
import { ApiError, client, defined, errorFields, PLAN_API, PLAN_ID, queryString as query, read, uploadForm, write as send } from '../../api.js';
import type { Ok } from '../../api/contract.js';
import type { ImportResult, ImportRowError, LibraryFilters, LibraryProject, LibraryQuery, ProgressDraft, ProjectFields } from './types.js';

const PLAN = PLAN_API;

/** A refused import: the server's per-cell problems next to its message (422 IMPORT_INVALID). */
export class ImportRefused extends ApiError {
  readonly errors: ImportRowError[];
  constructor(base: ApiError, errors: ImportRowError[]) {
    super(base.statusCode, base.code, base.messageZh, base.messageEn);
    this.errors = errors;
  }
}

/** A message with per-cell errors: ImportRefused; anything else is read by the shared client. */
function refused(status: number, body: unknown): ApiError | null {
  const b = errorFields<{ errors: ImportRowError[] }>(body);
  if (typeof b.message !== 'string' || !Array.isArray(b.errors)) return null;
  return new ImportRefused(new ApiError(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null), b.errors);
}

/** A multipart upload; `onProgress` gets whole percents. */
const upload = <T>(path: string, form: FormData, onProgress?: (percent: number) => void) =>
  uploadForm<T>(path, form, onProgress && ((share) => onProgress(Math.round(share * 100))), refused);

const projectPath = (no: number | string) => `${PLAN}/projects/${encodeURIComponent(String(no))}`;
/** The address's filters as the query: the server checks the status and the indicator code (400 when unknown). */
function libraryQuery({ indicator, status, includeRetired, ...rest }: LibraryFilters): LibraryQuery {
  return defined({ ...rest, indicator: indicator ? Number(indicator) : undefined, status: status as LibraryQuery['status'], includeRetired: includeRetired === 'true' ? 'true' : undefined });
}
const projectNo = (no: number) => ({ params: { path: { ...PLAN_ID, no } } });

export const projectsApi = {
  library: (filters: LibraryFilters = {}) => read(client.GET('/api/v1/plans/{planId}/projects', { params: { path: PLAN_ID, query: libraryQuery(filters) } }), refused),
  detail: (no: number | string) =>
    /^[1-9]\d{0,5}$/.test(String(no)) ? read(client.GET('/api/v1/plans/{planId}/projects/{no}', projectNo(Number(no))), refused) : Promise.reject(new ApiError(404, 'NOT_FOUND', null, null)),
  summary: (year?: number) => read(client.GET('/api/v1/plans/{planId}/projects-summary', { params: { path: PLAN_ID, query: defined({ year }) } }), refused),

  create: (fields: ProjectFields, reason: string) => send(client.POST('/api/v1/plans/{planId}/projects', { params: { path: PLAN_ID }, body: { ...fields, reason } }), refused),
  revise: (no: number, changes: Partial<ProjectFields>, reason: string) => send(client.PUT('/api/v1/plans/{planId}/projects/{no}', { ...projectNo(no), body: { changes, reason } }), refused),
  retire: (no: number, reason: string) => send(client.POST('/api/v1/plans/{planId}/projects/{no}/retire', { ...projectNo(no), body: { reason } }), refused),
  saveProgress: (no: number, year: number, draft: ProgressDraft) => send(client.PUT('/api/v1/plans/{planId}/projects/{no}/progress/{year}', { params: { path: { ...PLAN_ID, no, year } }, body: draft }), refused),
  saveLinks: (no: number, indicators: number[], reason: string) => send(client.PUT('/api/v1/plans/{planId}/projects/{no}/links', { ...projectNo(no), body: { indicators, reason } }), refused),

  uploadEvidence: (no: number, year: number, file: File, onProgress?: (p: number) => void) => {
    const form = new FormData();
    form.append('year', String(year));
    form.append('file', file, file.name);
    return upload<Ok<'/api/v1/plans/{planId}/projects/{no}/evidence', 'post'>>(`${projectPath(no)}/evidence`, form, onProgress);
  },
  evidenceUrl: (no: number, id: string | number) => `${projectPath(no)}/evidence/${encodeURIComponent(String(id))}`,
  exportUrl: `${PLAN}/projects.xlsx`,
  importFile: (kind: 'library' | 'progress', file: File, onProgress?: (p: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return upload<ImportResult>(`${PLAN}/projects/import${query({ kind })}`, form, onProgress);
  },
};

/** A project as the library gives it; fields an older API lacks are given their empty value. */
export function projectDefaults(p: LibraryProject): LibraryProject {
  return {
    ...p,
    version: p.version ?? 1,
    retired: p.retired ?? false,
    retiredReason: p.retiredReason ?? null,
    indicatorLinks: p.indicatorLinks ?? [],
    latest: p.latest ?? null,
    completionRate: p.completionRate ?? null,
  };
}

/** The projects linked to an indicator (GET /indicators/{code} `projects`), asked afresh since links are editable. */
export function linkedProjects(code: number) {
  return read(client.GET('/api/v1/plans/{planId}/indicators/{code}', { params: { path: { ...PLAN_ID, code } } })).then((r) => r.projects ?? []);
}
