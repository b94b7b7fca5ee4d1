// Requests of the GEP pages (issue 8), on the same origin and session as web/src/api.ts. Writes echo the session's
// CSRF token, asked of /auth/me because api.ts keeps its copy private. The workbook upload goes through
// XMLHttpRequest: fetch cannot report upload progress. Nothing is cached: accounts change with every entry.
import { api, ApiError } from '../../api.js';
import type {
  AccountResponse,
  BalanceSheetResponse,
  CompareResponse,
  CompensationResponse,
  ExtentResponse,
  Fact,
  FactKind,
  FactWrite,
  ImportResult,
  Price,
  PriceWrite,
  RegionsResponse,
  SavedScheme,
  Scheme,
  SpecResponse,
  WorkbookProblem,
  WriteResult,
} from './types.js';

const GEP = '/api/v1/plans/default/gep';
const CSRF_HEADER = 'x-csrf-token';

interface ErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  messageEn?: string;
  problems?: WorkbookProblem[];
}

/** A refused workbook: the server's message and every problem it found, by file, sheet, row and column. */
export class WorkbookRefused extends ApiError {
  readonly cells: WorkbookProblem[];
  constructor(status: number, body: ErrorBody) {
    super(status, body.code ?? 'WORKBOOK_INVALID', body.message ?? null, body.messageEn ?? null);
    this.cells = body.problems ?? [];
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  if (Array.isArray(b.problems)) return new WorkbookRefused(status, b);
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

async function send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const token = (await api.me()).csrfToken;
  return call<T>(path, { method, headers: { 'content-type': 'application/json', [CSRF_HEADER]: token }, body: JSON.stringify(body) });
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

let specOnce: Promise<SpecResponse> | null = null;

export const gepApi = {
  /** The item spec does not change while the console is open: asked once. */
  spec: () => {
    if (!specOnce) {
      specOnce = call<SpecResponse>(`${GEP}/spec`);
      specOnce.catch(() => (specOnce = null));
    }
    return specOnce;
  },
  account: (p: { region: string; year: number; method: 'spec' | 'equivalent'; constantYear?: number | null }) => call<AccountResponse>(`${GEP}/account${query(p)}`),
  regions: (year: number, constantYear?: number | null) => call<RegionsResponse>(`${GEP}/regions${query({ year, constantYear })}`),
  compare: (region: string, from: number, to: number) => call<CompareResponse>(`${GEP}/compare${query({ region, from, to })}`),
  extent: (region: string, year: number) => call<ExtentResponse>(`${GEP}/extent${query({ region, year })}`),
  balanceSheet: (region: string, year: number) => call<BalanceSheetResponse>(`${GEP}/balance-sheet${query({ region, year })}`),
  inputs: (p: { region?: string; year?: number; kind?: FactKind }) => call<{ facts: Fact[] }>(`${GEP}/inputs${query(p)}`),
  prices: () => call<{ prices: Price[] }>(`${GEP}/prices`),
  schemes: () => call<{ schemes: SavedScheme[] }>(`${GEP}/schemes`),
  saveFacts: (facts: FactWrite[], reason?: string) => send<WriteResult>('PUT', `${GEP}/inputs`, reason ? { facts, reason } : { facts }),
  savePrices: (prices: PriceWrite[], reason?: string) => send<WriteResult>('PUT', `${GEP}/prices`, reason ? { prices, reason } : { prices }),
  compensation: (body: { year: number; baseYear?: number; scheme?: Scheme; schemeName?: string; save?: boolean; reason?: string }) =>
    send<CompensationResponse>('POST', `${GEP}/compensation`, body),
  exportUrl: `${GEP}/export.xlsx`,

  /** Uploads a GEP workbook; `onProgress` gets the share sent (0–1). Rejects with WorkbookRefused listing every cell problem. */
  importWorkbook: async (file: File, reason: string | undefined, onProgress: (share: number) => void): Promise<ImportResult> => {
    const token = (await api.me()).csrfToken;
    const form = new FormData();
    form.append('file', file, file.name);
    return new Promise<ImportResult>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${GEP}/import${query({ reason })}`);
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
        } else reject(errorOf(xhr.status, body));
      };
      xhr.send(form);
    });
  },
};
