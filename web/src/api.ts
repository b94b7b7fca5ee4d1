// Typed client of the ecoplan HTTP API. Same origin: the server serves the console under /admin/ and the API
// under /api/v1 (in development Vite proxies /api).
import type {
  ApiErrorBody,
  DepartmentsResponse,
  EvaluationResponse,
  Horizon,
  IndicatorResponse,
  IndicatorsResponse,
  ObservationsResponse,
  PlanResponse,
  ProjectResponse,
  ProjectsResponse,
  ScorecardResponse,
  SeriesResponse,
} from './types.js';

const PLAN = '/api/v1/plans/default';

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

async function request<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' } });
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
};
