// Requests of the GEP pages, through the shared client of web/src/api.ts (same origin and session); a
// refused workbook comes back as WorkbookRefused. Nothing is cached: accounts change with every entry.
import { ApiError, client, defined, errorFields, type ErrorFields, PLAN_API, PLAN_ID, queryString as query, read, uploadForm, write } from '../../api.js';
import type { JsonBody } from '../../api/contract.js';
import type { FactKind, FactWrite, ImportResult, PriceWrite, SpecResponse, WorkbookProblem } from './types.js';

const GEP = `${PLAN_API}/gep`;

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

const path = { params: { path: PLAN_ID } };

let specOnce: Promise<SpecResponse> | null = null;

export const gepApi = {
  /** The item spec does not change while the console is open: asked once. */
  spec: () => {
    if (!specOnce) {
      specOnce = read(client.GET('/api/v1/plans/{planId}/gep/spec', path), refused);
      specOnce.catch(() => (specOnce = null));
    }
    return specOnce;
  },
  account: (q: { region: string; year: number; method: 'spec' | 'equivalent'; constantYear?: number | null }) =>
    read(client.GET('/api/v1/plans/{planId}/gep/account', { params: { path: PLAN_ID, query: defined({ ...q, constantYear: q.constantYear ?? undefined }) } }), refused),
  regions: (year: number, constantYear?: number | null) =>
    read(client.GET('/api/v1/plans/{planId}/gep/regions', { params: { path: PLAN_ID, query: defined({ year, constantYear: constantYear ?? undefined }) } }), refused),
  compare: (region: string, from: number, to: number) => read(client.GET('/api/v1/plans/{planId}/gep/compare', { params: { path: PLAN_ID, query: { region, from, to } } }), refused),
  extent: (region: string, year: number) => read(client.GET('/api/v1/plans/{planId}/gep/extent', { params: { path: PLAN_ID, query: { region, year } } }), refused),
  balanceSheet: (region: string, year: number) => read(client.GET('/api/v1/plans/{planId}/gep/balance-sheet', { params: { path: PLAN_ID, query: { region, year } } }), refused),
  inputs: (q: { region?: string; year?: number; kind?: FactKind }) => read(client.GET('/api/v1/plans/{planId}/gep/inputs', { params: { path: PLAN_ID, query: defined(q) } }), refused),
  prices: () => read(client.GET('/api/v1/plans/{planId}/gep/prices', path), refused),
  schemes: () => read(client.GET('/api/v1/plans/{planId}/gep/schemes', path), refused),
  approveFacts: (region: string, year: number, reason?: string) =>
    write(client.POST('/api/v1/plans/{planId}/gep/inputs/approve', { ...path, body: reason ? { region, year, reason } : { region, year } }), refused),
  saveFacts: (facts: FactWrite[], reason?: string) => write(client.PUT('/api/v1/plans/{planId}/gep/inputs', { ...path, body: reason ? { facts, reason } : { facts } }), refused),
  savePrices: (prices: PriceWrite[], reason?: string) => write(client.PUT('/api/v1/plans/{planId}/gep/prices', { ...path, body: reason ? { prices, reason } : { prices } }), refused),
  compensation: (body: JsonBody<'/api/v1/plans/{planId}/gep/compensation', 'post'>) => write(client.POST('/api/v1/plans/{planId}/gep/compensation', { ...path, body }), refused),
  exportUrl: `${GEP}/export.xlsx`,

  /** Uploads a GEP workbook; `onProgress` gets the share sent (0–1). Rejects with WorkbookRefused listing every cell problem. */
  importWorkbook: (file: File, reason: string | undefined, onProgress: (share: number) => void): Promise<ImportResult> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<ImportResult>(`${GEP}/import${query({ reason })}`, form, onProgress, refused);
  },
};
