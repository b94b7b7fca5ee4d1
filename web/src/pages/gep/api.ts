// Requests of the GEP pages, through the shared client of web/src/api.ts (same origin and session); a
// refused workbook comes back as WorkbookRefused. Nothing is cached: accounts change with every entry.
import { ApiError, errorFields, getJson, type ErrorFields, queryString as query, sendJson, uploadForm } from '../../api.js';
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

type ErrorBody = ErrorFields<{ problems: WorkbookProblem[] }>;

/** A refused workbook: the server's message and every problem it found, by file, sheet, row and column. */
export class WorkbookRefused extends ApiError {
  readonly cells: WorkbookProblem[];
  constructor(status: number, body: ErrorBody) {
    super(status, body.code ?? 'WORKBOOK_INVALID', body.message ?? null, body.messageEn ?? null);
    this.cells = body.problems ?? [];
  }
}

/** A body listing problems: WorkbookRefused; anything else is read by the shared client. */
function refused(status: number, body: unknown): ApiError | null {
  const b = errorFields<{ problems: WorkbookProblem[] }>(body);
  return Array.isArray(b.problems) ? new WorkbookRefused(status, b) : null;
}

const call = <T>(path: string) => getJson<T>(path, refused);
const send = <T>(method: 'POST' | 'PUT', path: string, body: unknown) => sendJson<T>(method, path, body, refused);

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
  approveFacts: (region: string, year: number, reason?: string) => send<{ approved: number }>('POST', `${GEP}/inputs/approve`, reason ? { region, year, reason } : { region, year }),
  saveFacts: (facts: FactWrite[], reason?: string) => send<WriteResult>('PUT', `${GEP}/inputs`, reason ? { facts, reason } : { facts }),
  savePrices: (prices: PriceWrite[], reason?: string) => send<WriteResult>('PUT', `${GEP}/prices`, reason ? { prices, reason } : { prices }),
  compensation: (body: { year: number; baseYear?: number; scheme?: Scheme; schemeName?: string; save?: boolean; reason?: string }) =>
    send<CompensationResponse>('POST', `${GEP}/compensation`, body),
  exportUrl: `${GEP}/export.xlsx`,

  /** Uploads a GEP workbook; `onProgress` gets the share sent (0–1). Rejects with WorkbookRefused listing every cell problem. */
  importWorkbook: (file: File, reason: string | undefined, onProgress: (share: number) => void): Promise<ImportResult> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<ImportResult>(`${GEP}/import${query({ reason })}`, form, onProgress, refused);
  },
};
