// Typed client of the ecoplan HTTP API. Same origin: the server serves the console under /admin/ and the API
// under /api/v1 (in development Vite proxies /api). The session is an HttpOnly cookie the browser sends by
// itself; every POST echoes the session's CSRF token in a header. The token lives in this module's memory only.
import type {
  ApiErrorBody,
  DepartmentsResponse,
  EvaluationResponse,
  Horizon,
  IndicatorResponse,
  IndicatorsResponse,
  NewUser,
  ObservationEntry,
  ObservationEntryResponse,
  ObservationsResponse,
  PlanResponse,
  ProjectResponse,
  ProjectsResponse,
  ScorecardResponse,
  SeriesResponse,
  SessionResponse,
  UserResponse,
  UsersResponse,
} from './types.js';

const API = '/api/v1';
const PLAN = `${API}/plans/default`;
const CSRF_HEADER = 'x-csrf-token';

/** A failed request. `message`/`messageEn` are the API's own bilingual text when it sent one. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly messageZh: string | null;
  readonly messageEn: string | null;

  constructor(statusCode: number, code: string, messageZh: string | null, messageEn: string | null) {
    super(messageEn ?? messageZh ?? code);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
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

async function request<T>(path: string, init?: { method: 'POST'; body?: unknown }): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init) {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method: init?.method ?? 'GET',
      headers,
      body: init ? JSON.stringify(init.body ?? {}) : undefined,
      credentials: 'same-origin',
    });
  } catch {
    // No answer at all: the UI words it from its dictionary (code NETWORK).
    throw new ApiError(0, 'NETWORK', null, null);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    if (isErrorBody(body)) {
      throw new ApiError(body.statusCode ?? res.status, body.code ?? 'ERROR', body.message, body.messageEn ?? null);
    }
    throw new ApiError(res.status, res.status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR', null, null);
  }
  if (body === null) throw new ApiError(res.status, 'BAD_RESPONSE', null, null);
  return body as T;
}

/** A POST made in the user's name: a 401 means the session is gone, and whoever listens asks to sign in again. */
async function write<T>(path: string, body: unknown): Promise<T> {
  try {
    return await request<T>(path, { method: 'POST', body });
  } catch (e) {
    if (e instanceof ApiError && e.statusCode === 401) for (const listener of sessionListeners) listener(e);
    throw e;
  }
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

/** `?a=1&b=2` from the defined entries only. */
function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
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
  evaluation: (p: { year: number; region?: string; horizon?: Horizon }) => request<EvaluationResponse>(`${PLAN}/evaluation${query(p)}`),
  scorecard: (p: { region?: string; from?: number; to?: number }) => request<ScorecardResponse>(`${PLAN}/scorecard${query(p)}`),
  series: (code: string | number, region?: string) =>
    numbered(code, (n) => request<SeriesResponse>(`${PLAN}/indicators/${n}/series${query({ region })}`)),
  observations: (p: { year?: number; region?: string; indicator?: number }) => request<ObservationsResponse>(`${PLAN}/observations${query(p)}`),

  // Sessions. Sign-in answers 401 for a wrong name or password: that is not an ended session.
  login: (username: string, password: string) => request<SessionResponse>(`${API}/auth/login`, { method: 'POST', body: { username, password } }),
  /** The signed-in user, or 401 when there is no session (the cookie is HttpOnly: only the server can tell). */
  me: () => request<SessionResponse>(`${API}/auth/me`),
  logout: () => request<{ ok: true }>(`${API}/auth/logout`, { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) => write<{ ok: true }>(`${API}/auth/password`, { currentPassword, newPassword }),
  users: () => request<UsersResponse>(`${API}/users`),
  createUser: (user: NewUser) => write<UserResponse>(`${API}/users`, user),
  enterObservation: (entry: ObservationEntry) => write<ObservationEntryResponse>(`${PLAN}/observations`, entry),
};
