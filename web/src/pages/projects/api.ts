// Client of the key-project library (issue 6), through the shared client of web/src/api.ts (same origin and
// session). Reads are never cached: the library changes while the console is open (reports, revisions, imports).
import { ApiError, errorFields, getJson, queryString as query, sendJson, uploadForm } from '../../api.js';
import type {
  ImportResult,
  ImportRowError,
  IndicatorLink,
  LibraryDetailResponse,
  LibraryFilters,
  LibraryProject,
  LibraryResponse,
  ProgressDraft,
  ProgressEntry,
  ProjectEvidence,
  ProjectFields,
  SummaryResponse,
} from './types.js';

const PLAN = '/api/v1/plans/default';

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

const call = <T>(path: string) => getJson<T>(path, refused);
const write = <T>(method: 'POST' | 'PUT', path: string, body: unknown) => sendJson<T>(method, path, body, refused);
/** A multipart upload; `onProgress` gets whole percents. */
const upload = <T>(path: string, form: FormData, onProgress?: (percent: number) => void) =>
  uploadForm<T>(path, form, onProgress && ((share) => onProgress(Math.round(share * 100))), refused);

const projectPath = (no: number | string) => `${PLAN}/projects/${encodeURIComponent(String(no))}`;

export const projectsApi = {
  library: (filters: LibraryFilters = {}) => call<LibraryResponse>(`${PLAN}/projects${query(filters)}`),
  detail: (no: number | string) =>
    /^[1-9]\d{0,5}$/.test(String(no)) ? call<LibraryDetailResponse>(projectPath(no)) : Promise.reject(new ApiError(404, 'NOT_FOUND', null, null)),
  summary: (year?: number) => call<SummaryResponse>(`${PLAN}/projects-summary${query({ year })}`),

  create: (fields: ProjectFields, reason: string) => write<{ project: LibraryProject }>('POST', `${PLAN}/projects`, { ...fields, reason }),
  revise: (no: number, changes: Partial<ProjectFields>, reason: string) => write<{ project: LibraryProject }>('PUT', projectPath(no), { changes, reason }),
  retire: (no: number, reason: string) => write<{ project: LibraryProject }>('POST', `${projectPath(no)}/retire`, { reason }),
  saveProgress: (no: number, year: number, draft: ProgressDraft) => write<{ progress: ProgressEntry }>('PUT', `${projectPath(no)}/progress/${year}`, draft),
  saveLinks: (no: number, indicators: number[], reason: string) => write<{ links: IndicatorLink[] }>('PUT', `${projectPath(no)}/links`, { indicators, reason }),

  uploadEvidence: (no: number, year: number, file: File, onProgress?: (p: number) => void) => {
    const form = new FormData();
    form.append('year', String(year));
    form.append('file', file, file.name);
    return upload<{ evidence: ProjectEvidence }>(`${projectPath(no)}/evidence`, form, onProgress);
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
export function linkedProjects(code: number): Promise<{ no: number; name: string; nameEn: string }[]> {
  return call<{ projects?: { no: number; name: string; nameEn: string }[] }>(`${PLAN}/indicators/${code}`).then((r) => r.projects ?? []);
}
