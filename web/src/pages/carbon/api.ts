// Requests of the carbon pages (issue 9 API, src/server/routes/carbon.ts) on the console's origin and session.
// Writes echo the session's CSRF token, asked of /auth/me because web/src/api.ts keeps its copy private. The
// workbook upload goes through XMLHttpRequest: fetch cannot report upload progress.
import { api, ApiError } from '../../api.js';
import type { RoundsResponse, SeriesResponse as IndicatorSeriesResponse } from '../../types.js';
import type {
  ActivityInput,
  ActivityRow,
  Catalogue,
  FactorsResponse,
  FactorVersion,
  GridLevel,
  GwpSet,
  InventoryResponse,
  Problem,
  ProposeResult,
  SaveResult,
  ScenarioParams,
  ScenarioResult,
  ScenarioSummary,
  SeriesResponse,
} from './types.js';

const API = '/api/v1';
const PLAN = `${API}/plans/default`;
const CARBON = `${PLAN}/carbon`;
const CSRF_HEADER = 'x-csrf-token';

/** A refused write with its per-row problems (400 VALIDATION_FAILED / WORKBOOK_INVALID, 403 OUT_OF_SCOPE). */
export class CarbonRefused extends ApiError {
  readonly rows: (Problem & { sheet?: string | null; column?: string | null; field?: string | null })[];
  constructor(status: number, code: string, message: string, messageEn: string | null, rows: CarbonRefused['rows']) {
    super(status, code, message, messageEn);
    this.rows = rows;
  }
}

interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  messageEn?: string;
  problems?: CarbonRefused['rows'];
}

function errorOf(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  if (typeof b.message === 'string') {
    if (Array.isArray(b.problems) && b.problems.length) return new CarbonRefused(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null, b.problems);
    return new ApiError(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null);
  }
  return new ApiError(status, status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR', null, null);
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } });
  } catch {
    throw new ApiError(0, 'NETWORK', null, null);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw errorOf(res.status, body);
  if (body === null) throw new ApiError(res.status, 'BAD_RESPONSE', null, null);
  return body as T;
}

async function send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const token = (await api.me()).csrfToken;
  return call<T>(path, { method, headers: { 'content-type': 'application/json', [CSRF_HEADER]: token }, body: JSON.stringify(body) });
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface InventoryQuery {
  year: number;
  region?: string;
  gwp?: GwpSet;
  grid?: GridLevel;
  /** 'false' leaves the lines out (the totals and indicators only). */
  lines?: 'true' | 'false';
}

export const carbonApi = {
  catalogue: () => call<Catalogue>(`${CARBON}/catalogue`),
  inventory: (q: InventoryQuery) => call<InventoryResponse>(`${CARBON}/inventory${query({ ...q })}`),
  series: (q: { region?: string; gwp?: GwpSet; grid?: GridLevel; from?: number; to?: number }) => call<SeriesResponse>(`${CARBON}/inventory/series${query(q)}`),
  scenarios: () => call<{ scenarios: ScenarioSummary[] }>(`${CARBON}/scenarios`),
  scenario: (name: string) => call<{ scenario: ScenarioSummary & { params: ScenarioParams }; result: ScenarioResult }>(`${CARBON}/scenarios/${encodeURIComponent(name)}`),
  compare: (names: string[]) => call<{ results: ScenarioResult[] }>(`${CARBON}/scenarios/compare${query({ names: names.join(',') })}`),
  runScenario: (params: ScenarioParams) => send<{ result: ScenarioResult }>('POST', `${CARBON}/scenarios/run`, params),
  saveScenario: (name: string, params: Omit<ScenarioParams, 'name'>, reason: string | undefined) =>
    send<{ name: string; version: number }>('PUT', `${CARBON}/scenarios/${encodeURIComponent(name)}`, { params, ...(reason ? { reason } : {}) }),
  factors: () => call<FactorsResponse>(`${CARBON}/factors`),
  factorHistory: (key: string) => call<{ versions: FactorVersion[] }>(`${CARBON}/factors/${encodeURIComponent(key)}/history`),
  setFactor: (key: string, value: string | null, unit: string, reason: string) => send<{ key: string; version: number }>('PUT', `${CARBON}/factors/${encodeURIComponent(key)}`, { value, unit, reason }),
  activity: (q: { year?: number; region?: string; sector?: string }) => call<{ rows: ActivityRow[] }>(`${CARBON}/activity${query(q)}`),
  saveActivity: (rows: ActivityInput[]) => send<SaveResult>('PUT', `${CARBON}/activity`, { rows }),
  propose: (year: number, gwp?: GwpSet, grid?: GridLevel) => send<ProposeResult>('POST', `${CARBON}/propose`, { year, ...(gwp ? { gwp } : {}), ...(grid ? { grid } : {}) }),
  workbookUrl: (year?: number, gwp?: GwpSet) => `${CARBON}/workbook.xlsx${query({ year, gwp })}`,
  rounds: () => call<RoundsResponse>(`${PLAN}/rounds`),
  /** An indicator's stored values and the figures the higher authority assigned (public). */
  indicatorSeries: (code: 23 | 25) => call<IndicatorSeriesResponse>(`${PLAN}/indicators/${code}/series`),

  /** Uploads the carbon workbook; `onProgress` gets the share sent (0–1). Rejects with CarbonRefused listing the rows. */
  importWorkbook: async (file: File, onProgress: (share: number) => void): Promise<SaveResult> => {
    const token = (await api.me()).csrfToken;
    const form = new FormData();
    form.append('file', file, file.name);
    return new Promise<SaveResult>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${CARBON}/workbook`);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader(CSRF_HEADER, token);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK', null, null));
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          if (body === null) reject(new ApiError(xhr.status, 'BAD_RESPONSE', null, null));
          else resolve(body as SaveResult);
        } else reject(errorOf(xhr.status, body));
      };
      xhr.send(form);
    });
  },
};
