// Requests of the monitoring pages (issue 5 contract), on the same origin and session as web/src/api.ts. Writes
// echo the session's CSRF token, asked of /auth/me because api.ts keeps its copy private. The upload goes
// through XMLHttpRequest: fetch cannot report upload progress.
import { api, ApiError } from '../../api.js';
import type {
  AirAnnualResponse,
  AirDailyResponse,
  AirStation,
  ImportKind,
  ImportRefusal,
  ImportResult,
  MonitoredIndicatorsResponse,
  ProposeResponse,
  WaterAnnualResponse,
  WaterSection,
} from './types.js';

const API = '/api/v1';
const PLAN = `${API}/plans/default`;
const CSRF_HEADER = 'x-csrf-token';

interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  messageEn?: string;
}

function errorOf(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  if (typeof b.message === 'string') return new ApiError(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null);
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

async function csrf(): Promise<string> {
  return (await api.me()).csrfToken;
}

/** A refused import: the server's bilingual message with its row errors and counts (422 IMPORT_INVALID). */
export class ImportRefused extends ApiError {
  readonly refusal: ImportRefusal;
  constructor(status: number, refusal: ImportRefusal) {
    super(status, refusal.code, refusal.message, refusal.messageEn);
    this.refusal = refusal;
  }
}

export const monitoringApi = {
  airStations: () => call<{ stations: AirStation[] }>(`${API}/monitoring/air/stations`),
  waterSections: () => call<{ sections: WaterSection[] }>(`${API}/monitoring/water/sections`),
  airDaily: (year: number, target: { station: string } | { region: string }) =>
    call<AirDailyResponse>(`${API}/monitoring/air/daily?${new URLSearchParams({ year: String(year), ...target }).toString()}`),
  airAnnual: (year: number) => call<AirAnnualResponse>(`${API}/monitoring/air/annual?year=${year}`),
  waterAnnual: (year: number) => call<WaterAnnualResponse>(`${API}/monitoring/water/annual?year=${year}`),
  indicators: (year: number) => call<MonitoredIndicatorsResponse>(`${PLAN}/monitoring/indicators?year=${year}`),
  propose: async (year: number) =>
    call<ProposeResponse>(`${PLAN}/monitoring/indicators/propose`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: await csrf() },
      body: JSON.stringify({ year }),
    }),

  /** Uploads a monitoring file; `onProgress` gets the share sent (0–1). Resolves with the result, rejects with ApiError (ImportRefused for 422). */
  importFile: async (file: File, kind: ImportKind, skipInvalid: boolean, onProgress: (share: number) => void): Promise<ImportResult> => {
    const token = await csrf();
    const form = new FormData();
    form.append('kind', kind);
    form.append('skipInvalid', skipInvalid ? 'true' : 'false');
    form.append('file', file, file.name);
    return new Promise<ImportResult>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${API}/monitoring/import`);
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
          else resolve(body as ImportResult);
          return;
        }
        const b = body as Partial<ImportRefusal> | null;
        if (b && typeof b.message === 'string' && Array.isArray(b.errors))
          reject(new ImportRefused(xhr.status, { code: b.code ?? 'IMPORT_INVALID', message: b.message, messageEn: b.messageEn ?? b.message, errors: b.errors, counts: b.counts ?? {} }));
        else reject(errorOf(xhr.status, body));
      };
      xhr.send(form);
    });
  },
};
