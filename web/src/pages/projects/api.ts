// Client of the key-project library (issue 6). Reads are never cached: the library changes while the console is
// open (reports, revisions, imports). Writes carry the session's CSRF token, which /auth/me hands out again; the
// shared client keeps its copy private, so this module asks for it before each write.
import { api, ApiError } from '../../api.js';
import type { ApiErrorBody } from '../../types.js';
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
const CSRF_HEADER = 'x-csrf-token';

/** A refused import: the server's per-cell problems next to its message (422 IMPORT_INVALID). */
export class ImportRefused extends ApiError {
  readonly errors: ImportRowError[];
  constructor(base: ApiError, errors: ImportRowError[]) {
    super(base.statusCode, base.code, base.messageZh, base.messageEn);
    this.errors = errors;
  }
}

function query(params: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function errorFrom(status: number, body: unknown): ApiError {
  const b = body as (ApiErrorBody & { errors?: ImportRowError[] }) | null;
  if (b && typeof b === 'object' && typeof b.message === 'string') {
    const base = new ApiError(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null);
    return Array.isArray(b.errors) ? new ImportRefused(base, b.errors) : base;
  }
  return new ApiError(status, status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR', null, null);
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...(init.headers as Record<string, string>) } });
  } catch {
    throw new ApiError(0, 'NETWORK', null, null);
  }
  const body = await readJson(res);
  if (!res.ok) throw errorFrom(res.status, body);
  if (body === null) throw new ApiError(res.status, 'BAD_RESPONSE', null, null);
  return body as T;
}

/** The session's CSRF token (a write without a session fails on the server with 401, worded there). */
async function csrf(): Promise<Record<string, string>> {
  try {
    const s = await api.me();
    return { [CSRF_HEADER]: s.csrfToken };
  } catch {
    return {};
  }
}

async function write<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const headers = { ...(await csrf()), 'content-type': 'application/json' };
  return call<T>(path, { method, headers, body: JSON.stringify(body) });
}

/** A multipart upload through XMLHttpRequest, which (unlike fetch) reports upload progress. */
async function upload<T>(path: string, form: FormData, onProgress?: (percent: number) => void): Promise<T> {
  const headers = await csrf();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', null, null));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status < 200 || xhr.status >= 300) reject(errorFrom(xhr.status, body));
      else if (body === null) reject(new ApiError(xhr.status, 'BAD_RESPONSE', null, null));
      else resolve(body as T);
    };
    xhr.send(form);
  });
}

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

/** The projects linked to an indicator (GET /indicators/{code} `projects`), asked afresh since links are editable. */
export function linkedProjects(code: number): Promise<{ no: number; name: string; nameEn: string }[]> {
  return call<{ projects?: { no: number; name: string; nameEn: string }[] }>(`${PLAN}/indicators/${code}`).then((r) => r.projects ?? []);
}
