// Typed client of the ecoplan HTTP API. Same origin: the server serves the console under /admin/ and the API
// under /api/v1 (in development Vite proxies /api). The session is an HttpOnly cookie the browser sends by
// itself; every write (POST, PUT, a multipart upload) echoes the session's CSRF token in a header. The token lives
// in this module's memory only. The feature areas' clients (web/src/pages/*/api.ts) are thin wrappers over
// getJson, sendJson, uploadForm and queryString below, each with an ErrorMapper for its own refusal bodies.
import type {
  ApiErrorBody,
  DepartmentsResponse,
  EvaluationResponse,
  EvaluationYearsResponse,
  User,
  UserChanges,
  HistoryResponse,
  Horizon,
  ImportResponse,
  IndicatorResponse,
  IndicatorsResponse,
  NewUser,
  ObservationEntry,
  ObservationEntryResponse,
  ObservationsResponse,
  OpenRoundResponse,
  PlanResponse,
  ProjectResponse,
  ProjectsResponse,
  RoundProgressResponse,
  RoundsResponse,
  RoundTasksResponse,
  SaveTaskResponse,
  ScorecardResponse,
  SeriesResponse,
  SessionResponse,
  TaskDraft,
  TaskRef,
  TaskStatus,
  TemplateProblem,
  UserResponse,
  UsersResponse,
 EvidenceMeta } from './types.js';

const API = '/api/v1';
const PLAN = `${API}/plans/default`;
const CSRF_HEADER = 'x-csrf-token';

/** A failed request. `message`/`messageEn` are the API's own bilingual text when it sent one. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly messageZh: string | null;
  readonly messageEn: string | null;
  /** The problems of a refused template upload (400 TEMPLATE_INVALID); empty otherwise. */
  readonly problems: TemplateProblem[];

  constructor(statusCode: number, code: string, messageZh: string | null, messageEn: string | null, problems: TemplateProblem[] = []) {
    super(messageEn ?? messageZh ?? code);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.problems = problems;
  }

  get notFound(): boolean {
    return this.statusCode === 404;
  }
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ApiErrorBody).message === 'string';
}

let csrfToken: string | null = null;

/** The session's CSRF token, from sign-in or /auth/me; null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (error: ApiError) => void;
const sessionListeners = new Set<Listener>();

/** Called when a write is refused with 401: the session has ended (expired, signed out elsewhere, password changed). */
export function onSessionEnded(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

type Method = 'POST' | 'PUT' | 'PATCH';

/**
 * An area's own reading of a refused request: returns its ApiError subclass for the error bodies it knows (lists of
 * problems, cells or rows), or null to leave the body to the common reading.
 */
export type ErrorMapper = (status: number, body: unknown) => ApiError | null;

/** A refused request's body field by field, each possibly missing, with an area's own fields (`Extra`). */
export type ErrorFields<Extra extends object = object> = Partial<Omit<ApiErrorBody, 'problems'>> & Partial<Extra>;

/** The body as ErrorFields, for an ErrorMapper to look into whatever the server sent. */
export function errorFields<Extra extends object = object>(body: unknown): ErrorFields<Extra> {
  return (typeof body === 'object' && body !== null ? body : {}) as ErrorFields<Extra>;
}

/** The JSON body of an answer, or null when it has none or it is not JSON. */
async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** A refused request's body as an ApiError with the API's own words when it sent them. */
function errorOf(status: number, body: unknown, mapError?: ErrorMapper): ApiError {
  const special = mapError?.(status, body);
  if (special) return special;
  if (isErrorBody(body))
    return new ApiError(body.statusCode ?? status, body.code ?? 'ERROR', body.message, body.messageEn ?? null, Array.isArray(body.problems) ? body.problems : []);
  return new ApiError(status, status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR', null, null);
}

/** A response that is not 2xx, as an ApiError. */
async function failure(res: Response, mapError?: ErrorMapper): Promise<ApiError> {
  return errorOf(res.status, await readJson(res), mapError);
}

/** fetch, with no answer at all worded by the UI from its dictionary (code NETWORK). */
async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', null, null);
  }
}

async function request<T>(path: string, init?: { method: Method; body?: unknown }, mapError?: ErrorMapper): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init) {
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
    // A FormData body: the browser sets the multipart content type with its boundary.
    if (init.body instanceof FormData) body = init.body;
    else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.body ?? {});
    }
  }
  const res = await send(path, { method: init?.method ?? 'GET', headers, body });
  if (!res.ok) throw await failure(res, mapError);
  const parsed = await readJson(res);
  if (parsed === null) throw new ApiError(res.status, 'BAD_RESPONSE', null, null);
  return parsed as T;
}

/** Tells whoever listens that a request was refused with 401: the session is gone. */
function sessionCheck(e: unknown): never {
  if (e instanceof ApiError && e.statusCode === 401) for (const listener of sessionListeners) listener(e);
  throw e;
}

/** A write made in the user's name: a 401 means the session is gone, and whoever listens asks to sign in again. */
async function write<T>(path: string, body: unknown, method: Method = 'POST', mapError?: ErrorMapper): Promise<T> {
  try {
    return await request<T>(path, { method, body }, mapError);
  } catch (e) {
    return sessionCheck(e);
  }
}

/** A JSON read (GET), never cached; the feature areas' clients build on it. */
export function getJson<T>(path: string, mapError?: ErrorMapper): Promise<T> {
  return request<T>(path, undefined, mapError);
}

/** A JSON write with the session's CSRF token (kept here: no /auth/me round trip); 401 ends the session. */
export function sendJson<T>(method: Method, path: string, body: unknown, mapError?: ErrorMapper): Promise<T> {
  return write<T>(path, body, method, mapError);
}

/**
 * A multipart POST with the session's CSRF token through XMLHttpRequest, which (unlike fetch) reports upload
 * progress: `onProgress` gets the share sent (0–1). Errors as for sendJson.
 */
export function uploadForm<T>(path: string, form: FormData, onProgress?: (share: number) => void, mapError?: ErrorMapper): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.onprogress = (e) => {
      if (onProgress && e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', null, null));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status < 200 || xhr.status >= 300) reject(errorOf(xhr.status, body, mapError));
      else if (body === null) reject(new ApiError(xhr.status, 'BAD_RESPONSE', null, null));
      else resolve(body as T);
    };
    xhr.send(form);
  }).catch(sessionCheck);
}

/** A file the server generates (a report, a workbook), as a Blob with the name the server gives it. */
export async function getFile(path: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(path, { method: 'GET', headers: { accept: '*/*' } });
  if (!res.ok) throw await failure(res);
  return { blob: await res.blob(), fileName: attachmentName(res.headers.get('content-disposition'), fallbackName) };
}

/** The file name a download announces (RFC 6266 `filename*` first), or `fallback`. */
function attachmentName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // A malformed name: try the plain one.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

// The plan is read-only for the console's lifetime, so each resource is fetched once per page load;
// failed requests are forgotten so that a retry asks the server again.
const cache = new Map<string, Promise<unknown>>();

function cached<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = request<T>(path);
    cache.set(path, p);
    p.catch(() => cache.delete(path));
  }
  return p;
}

/** Table numbers are positive integers; anything else cannot name an indicator or project, so it is not asked for. */
function numbered<T>(key: string | number, load: (n: string) => Promise<T>): Promise<T> {
  const s = String(key);
  return /^[1-9]\d{0,5}$/.test(s) ? load(s) : Promise.reject(new ApiError(404, 'NOT_FOUND', null, null));
}

/** `?a=1&b=2` from the defined entries only (undefined, null and '' are left out). */
export function queryString(params: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params) as [string, unknown][]) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const api = {
  plan: () => cached<PlanResponse>(PLAN),
  indicators: () => cached<IndicatorsResponse>(`${PLAN}/indicators`),
  indicator: (code: string | number) => numbered(code, (n) => cached<IndicatorResponse>(`${PLAN}/indicators/${n}`)),
  projects: () => cached<ProjectsResponse>(`${PLAN}/projects`),
  project: (no: string | number) => numbered(no, (n) => cached<ProjectResponse>(`${PLAN}/projects/${n}`)),
  departments: () => cached<DepartmentsResponse>(`${PLAN}/departments`),
  // Observations change while the console is open (data entry, imports): evaluations are asked for afresh each time.
  evaluation: (p: { year: number; region?: string; horizon?: Horizon }) => request<EvaluationResponse>(`${PLAN}/evaluation${queryString(p)}`),
  evaluationYears: (p: { region?: string }) => request<EvaluationYearsResponse>(`${PLAN}/evaluation/years${queryString(p)}`),
  scorecard: (p: { region?: string; from?: number; to?: number }) => request<ScorecardResponse>(`${PLAN}/scorecard${queryString(p)}`),
  series: (code: string | number, region?: string) =>
    numbered(code, (n) => request<SeriesResponse>(`${PLAN}/indicators/${n}/series${queryString({ region })}`)),
  observations: (p: { year?: number; region?: string; indicator?: number }) => request<ObservationsResponse>(`${PLAN}/observations${queryString(p)}`),

  // Sessions. Sign-in answers 401 for a wrong name or password: that is not an ended session.
  login: (username: string, password: string) => request<SessionResponse>(`${API}/auth/login`, { method: 'POST', body: { username, password } }),
  /** The signed-in user, or 401 when there is no session (the cookie is HttpOnly: only the server can tell). */
  me: () => request<SessionResponse>(`${API}/auth/me`),
  /** The session or none (200 either way): what the console asks on load, so that a visitor's page logs no 401. */
  session: () => request<{ user: User | null; csrfToken: string | null }>(`${API}/auth/session`),
  logout: () => request<{ ok: true }>(`${API}/auth/logout`, { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) => write<{ ok: true }>(`${API}/auth/password`, { currentPassword, newPassword }),
  users: () => request<UsersResponse>(`${API}/users`),
  createUser: (user: NewUser) => write<UserResponse>(`${API}/users`, user),
  updateUser: (id: string, changes: UserChanges) => write<UserResponse & { changed: string[] }>(`${API}/users/${encodeURIComponent(id)}`, changes, 'PATCH'),
  resetPassword: (id: string) => write<UserResponse & { password: string }>(`${API}/users/${encodeURIComponent(id)}/password-reset`, {}),
  enterObservation: (entry: ObservationEntry) => write<ObservationEntryResponse>(`${PLAN}/observations`, entry),

  // 年度调度 (annual reporting rounds). Everything here changes while the console is open: never cached.
  rounds: () => request<RoundsResponse>(`${PLAN}/rounds`),
  openRound: (year: number, deadline: string) => write<OpenRoundResponse>(`${PLAN}/rounds`, { year, deadline }),
  round: (year: number) => request<RoundProgressResponse>(`${PLAN}/rounds/${year}`),
  roundTasks: (year: number, p: { department?: string; status?: TaskStatus; limit?: number; offset?: number } = {}) =>
    request<RoundTasksResponse>(`${PLAN}/rounds/${year}/tasks${queryString(p)}`),
  saveTask: (year: number, task: TaskRef, draft: TaskDraft) => write<SaveTaskResponse>(taskPath(year, task), draft, 'PUT'),
  submitTask: (year: number, task: TaskRef) => write<{ status: 'submitted' }>(`${taskPath(year, task)}/submit`, {}),
  reviewTask: (year: number, task: TaskRef, action: 'approve' | 'return', comment?: string) =>
    write<{ status: string }>(`${taskPath(year, task)}/review`, comment ? { action, comment } : { action }),
  /** The department's Excel template (reporters always get their own), with the name the server gives it. */
  template: async (year: number, department?: string): Promise<{ blob: Blob; fileName: string }> => {
    try {
      const res = await send(`${PLAN}/rounds/${year}/template.xlsx${queryString({ department })}`, { headers: { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/json' } });
      if (!res.ok) throw await failure(res);
      return { blob: await res.blob(), fileName: attachmentName(res.headers.get('content-disposition'), `template-${year}.xlsx`) };
    } catch (e) {
      return sessionCheck(e);
    }
  },
  /** Uploads a filled template as drafts: all or nothing (400 TEMPLATE_INVALID lists every problem). */
  importTemplate: (year: number, file: File, department?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return write<ImportResponse>(`${PLAN}/rounds/${year}/import${queryString({ department })}`, form);
  },
  /** Attaches an evidence file (PDF, PNG, JPEG or .xlsx, judged by content; ≤10 MB) to a task's draft. */
  attachEvidence: (year: number, task: TaskRef, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return write<EvidenceMeta>(`${taskPath(year, task)}/evidence`, form);
  },
  evidenceUrl: (id: string) => `${PLAN}/evidence/${encodeURIComponent(id)}`,
  /** Every version of an indicator's values for a region, and what happened to each (public). */
  history: (indicator: number, region: string) => request<HistoryResponse>(`${PLAN}/observations/history${queryString({ indicator, region })}`),
};

function taskPath(year: number, task: TaskRef): string {
  return `${PLAN}/rounds/${year}/tasks/${task.indicatorCode}/${encodeURIComponent(task.regionCode)}/${task.kind}`;
}
