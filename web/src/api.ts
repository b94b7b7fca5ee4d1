// The console's client of the ecoplan HTTP API: openapi-fetch over the paths of the server's OpenAPI document
// (api/schema.d.ts, generated: `npm run api:types`), so every path, parameter and body is checked against the
// server's contract at compile time. Same origin: the server serves the console under /admin/ and the API under
// /api/v1 (in development Vite proxies /api). The session is an HttpOnly cookie the browser sends by itself; every
// write echoes the session's CSRF token in a header. The token lives in this module's memory only. The feature
// areas' clients (web/src/pages/*/api.ts) call `client` through read and write below, each with an ErrorMapper
// for its own refusal bodies.
import createClient from 'openapi-fetch';
import type { paths } from './api/schema.js';
import type { JsonBody, Query } from './api/contract.js';
import type { ApiErrorBody, EvidenceMeta, ImportResponse, TaskRef, TemplateProblem } from './types.js';

import { PLAN_ID_PARAM } from './plan.js';

const API = '/api/v1';
/** The chosen plan's routes (web/src/plan.ts): /api/v1/plans/{planId}. */
export const PLAN_API = `${API}/plans/${encodeURIComponent(PLAN_ID_PARAM)}`;
const PLAN = PLAN_API;
const CSRF_HEADER = 'x-csrf-token';
/** The plan the console works on (web/src/plan.ts), as the path parameter of every /plans/{planId} route. */
export const PLAN_ID = { planId: PLAN_ID_PARAM } as const;

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

/** The typed client: paths, parameters and bodies as the server's OpenAPI document declares them. */
export const client = createClient<paths>({ credentials: 'same-origin', headers: { accept: 'application/json' } });
client.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set(CSRF_HEADER, csrfToken);
    return request;
  },
});

/** What a client call resolves to: the parsed body on success, the error body otherwise. */
type Answer<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/** A client call's data, or its refusal as an ApiError (no answer at all: code NETWORK). */
export async function read<T>(call: Answer<T>, mapError?: ErrorMapper): Promise<T> {
  let answer: Awaited<Answer<T>>;
  try {
    answer = await call;
  } catch (e) {
    // A 2xx whose body is not JSON, or no answer at all (the UI words NETWORK from its dictionary).
    throw e instanceof SyntaxError ? new ApiError(200, 'BAD_RESPONSE', null, null) : new ApiError(0, 'NETWORK', null, null);
  }
  if (!answer.response.ok) throw errorOf(answer.response.status, answer.error ?? null, mapError);
  if (answer.data === undefined) throw new ApiError(answer.response.status, 'BAD_RESPONSE', null, null);
  return answer.data;
}

/** Tells whoever listens that a request was refused with 401: the session is gone. */
function sessionCheck(e: unknown): never {
  if (e instanceof ApiError && e.statusCode === 401) for (const listener of sessionListeners) listener(e);
  throw e;
}

/** A write made in the user's name (the client adds the CSRF token): a 401 means the session is gone, and whoever
 *  listens asks to sign in again. */
export async function write<T>(call: Answer<T>, mapError?: ErrorMapper): Promise<T> {
  try {
    return await read(call, mapError);
  } catch (e) {
    return sessionCheck(e);
  }
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

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Forgets the plan read so far: after a revision is approved, the plan (its targets) is read again. */
export function forgetPlan(): void {
  cache.clear();
}

/** Table numbers are positive integers; anything else cannot name an indicator or project, so it is not asked for. */
function numbered<T>(key: string | number, load: (n: number) => Promise<T>): Promise<T> {
  const s = String(key);
  return /^[1-9]\d{0,5}$/.test(s) ? load(Number(s)) : Promise.reject(new ApiError(404, 'NOT_FOUND', null, null));
}

/** `?a=1&b=2` from the defined entries only (undefined, null and '' are left out). */
export function queryString(params: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params) as [string, unknown][]) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A query without its empty entries (undefined and ''), which the server would read as given. */
export function defined<Q extends object>(query: Q): Q {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Q;
}

type TaskPath = { planId: string; year: number; code: number; region: string; kind: TaskRef['kind'] };
const taskPath = (year: number, task: TaskRef): TaskPath => ({ ...PLAN_ID, year, code: task.indicatorCode, region: task.regionCode, kind: task.kind });
const path = { params: { path: PLAN_ID } };

export const api = {
  plan: () => cached('plan', () => read(client.GET('/api/v1/plans/{planId}', path))),
  indicators: () => cached('indicators', () => read(client.GET('/api/v1/plans/{planId}/indicators', path))),
  indicator: (code: string | number) => numbered(code, (n) => cached(`indicator ${n}`, () => read(client.GET('/api/v1/plans/{planId}/indicators/{code}', { params: { path: { ...PLAN_ID, code: n } } })))),
  projects: () => cached('projects', () => read(client.GET('/api/v1/plans/{planId}/projects', path))),
  project: (no: string | number) => numbered(no, (n) => cached(`project ${n}`, () => read(client.GET('/api/v1/plans/{planId}/projects/{no}', { params: { path: { ...PLAN_ID, no: n } } })))),
  // The plan's region boundaries (its folder's boundaries.yaml): what they are, then the GeoJSON itself.
  boundariesInfo: () => cached('boundaries info', () => read(client.GET('/api/v1/plans/{planId}/boundaries/info', path))),
  boundaries: () => read(client.GET('/api/v1/plans/{planId}/boundaries', path)),
  departments: () => cached('departments', () => read(client.GET('/api/v1/plans/{planId}/departments', path))),
  // Observations change while the console is open (data entry, imports): evaluations are asked for afresh each time.
  evaluation: (query: Query<'/api/v1/plans/{planId}/evaluation'>) => read(client.GET('/api/v1/plans/{planId}/evaluation', { params: { path: PLAN_ID, query: defined(query) } })),
  evaluationYears: (query: Query<'/api/v1/plans/{planId}/evaluation/years'>) => read(client.GET('/api/v1/plans/{planId}/evaluation/years', { params: { path: PLAN_ID, query: defined(query) } })),
  scorecard: (query: Query<'/api/v1/plans/{planId}/scorecard'>) => read(client.GET('/api/v1/plans/{planId}/scorecard', { params: { path: PLAN_ID, query: defined(query) } })),
  series: (code: string | number, region?: string) =>
    numbered(code, (n) => read(client.GET('/api/v1/plans/{planId}/indicators/{code}/series', { params: { path: { ...PLAN_ID, code: n }, query: defined({ region }) } }))),
  observations: (query: Query<'/api/v1/plans/{planId}/observations'>) => read(client.GET('/api/v1/plans/{planId}/observations', { params: { path: PLAN_ID, query: defined(query) } })),

  // Sessions. Sign-in answers 401 for a wrong name or password: that is not an ended session.
  login: (username: string, password: string) => read(client.POST('/api/v1/auth/login', { body: { username, password } })),
  /** The signed-in user, or 401 when there is no session (the cookie is HttpOnly: only the server can tell). */
  me: () => read(client.GET('/api/v1/auth/me')),
  /** The session or none (200 either way): what the console asks on load, so that a visitor's page logs no 401. */
  session: () => read(client.GET('/api/v1/auth/session')),
  logout: () => read(client.POST('/api/v1/auth/logout')),
  changePassword: (currentPassword: string, newPassword: string) => write(client.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
  // The chosen plan's accounts: its administrator manages the roles held in it.
  users: () => read(client.GET('/api/v1/plans/{planId}/users', path)),
  createUser: (user: JsonBody<'/api/v1/plans/{planId}/users', 'post'>) => write(client.POST('/api/v1/plans/{planId}/users', { ...path, body: user })),
  updateUser: (id: string, changes: JsonBody<'/api/v1/plans/{planId}/users/{id}', 'patch'>) => write(client.PATCH('/api/v1/plans/{planId}/users/{id}', { params: { path: { ...PLAN_ID, id } }, body: changes })),
  /** Grants (or changes) an existing account's role in the chosen plan, by its user name. */
  grantRole: (username: string, grant: JsonBody<'/api/v1/plans/{planId}/roles/{username}', 'put'>) =>
    write(client.PUT('/api/v1/plans/{planId}/roles/{username}', { params: { path: { ...PLAN_ID, username } }, body: grant })),
  revokeRole: (username: string) => write(client.DELETE('/api/v1/plans/{planId}/roles/{username}', { params: { path: { ...PLAN_ID, username } } })),
  resetPassword: (id: string) => write(client.POST('/api/v1/plans/{planId}/users/{id}/password-reset', { params: { path: { ...PLAN_ID, id } } })),
  enterObservation: (entry: JsonBody<'/api/v1/plans/{planId}/observations', 'post'>) => write(client.POST('/api/v1/plans/{planId}/observations', { params: { path: PLAN_ID }, body: entry })),

  // 年度调度 (annual reporting rounds). Everything here changes while the console is open: never cached.
  rounds: () => read(client.GET('/api/v1/plans/{planId}/rounds', path)),
  openRound: (year: number, deadline: string) => write(client.POST('/api/v1/plans/{planId}/rounds', { params: { path: PLAN_ID }, body: { year, deadline } })),
  round: (year: number) => read(client.GET('/api/v1/plans/{planId}/rounds/{year}', { params: { path: { ...PLAN_ID, year } } })),
  roundTasks: (year: number, query: Query<'/api/v1/plans/{planId}/rounds/{year}/tasks'> = {}) =>
    read(client.GET('/api/v1/plans/{planId}/rounds/{year}/tasks', { params: { path: { ...PLAN_ID, year }, query: defined(query) } })),
  saveTask: (year: number, task: TaskRef, draft: JsonBody<'/api/v1/plans/{planId}/rounds/{year}/tasks/{code}/{region}/{kind}', 'put'>) =>
    write(client.PUT('/api/v1/plans/{planId}/rounds/{year}/tasks/{code}/{region}/{kind}', { params: { path: taskPath(year, task) }, body: draft })),
  submitTask: (year: number, task: TaskRef) => write(client.POST('/api/v1/plans/{planId}/rounds/{year}/tasks/{code}/{region}/{kind}/submit', { params: { path: taskPath(year, task) } })),
  reviewTask: (year: number, task: TaskRef, action: 'approve' | 'return', comment?: string) =>
    write(client.POST('/api/v1/plans/{planId}/rounds/{year}/tasks/{code}/{region}/{kind}/review', { params: { path: taskPath(year, task) }, body: comment ? { action, comment } : { action } })),
  /** The department's Excel template (reporters always get their own), with the name the server gives it. */
  template: async (year: number, department?: string): Promise<{ blob: Blob; fileName: string }> => {
    try {
      return await getFile(`${PLAN}/rounds/${year}/template.xlsx${queryString({ department })}`, `template-${year}.xlsx`);
    } catch (e) {
      return sessionCheck(e);
    }
  },
  /** Uploads a filled template as drafts: all or nothing (400 TEMPLATE_INVALID lists every problem). */
  importTemplate: (year: number, file: File, department?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<ImportResponse>(`${PLAN}/rounds/${year}/import${queryString({ department })}`, form);
  },
  /** Attaches an evidence file (PDF, PNG, JPEG or .xlsx, judged by content; ≤10 MB) to a task's draft. */
  attachEvidence: (year: number, task: TaskRef, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<EvidenceMeta>(`${PLAN}/rounds/${year}/tasks/${task.indicatorCode}/${encodeURIComponent(task.regionCode)}/${task.kind}/evidence`, form);
  },
  evidenceUrl: (id: string) => `${PLAN}/evidence/${encodeURIComponent(id)}`,
  /** Every version of an indicator's values for a region, and what happened to each (public). */
  history: (indicator: number, region: string) => read(client.GET('/api/v1/plans/{planId}/observations/history', { params: { path: PLAN_ID, query: { indicator, region } } })),
};
