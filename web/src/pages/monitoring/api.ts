// Requests of the monitoring pages through the shared client of web/src/api.ts (same origin
// and session); a refused import comes back as ImportRefused with its row errors and counts.
import { ApiError, client, defined, errorFields, PLAN_ID, read, uploadForm, write } from '../../api.js';
import type { ImportKind, ImportRefusal, ImportResult, SectionBody, StationBody } from './types.js';

const API = '/api/v1';

/** A refused import: the server's bilingual message with its row errors and counts (422 IMPORT_INVALID). */
export class ImportRefused extends ApiError {
  readonly refusal: ImportRefusal;
  constructor(status: number, refusal: ImportRefusal) {
    super(status, refusal.code, refusal.message, refusal.messageEn);
    this.refusal = refusal;
  }
}

/** A message with a list of row errors (422 IMPORT_INVALID): ImportRefused; anything else is read by the shared client. */
function refused(status: number, body: unknown): ApiError | null {
  const b = errorFields<ImportRefusal>(body);
  if (typeof b.message === 'string' && Array.isArray(b.errors))
    return new ImportRefused(status, { statusCode: status, code: b.code ?? 'IMPORT_INVALID', message: b.message, messageEn: b.messageEn ?? b.message, errors: b.errors, counts: b.counts ?? {}, rows: b.rows ?? 0 });
  return null;
}

export const monitoringApi = {
  years: () => read(client.GET('/api/v1/monitoring/years')),
  // The plan's own stations and sections, and its regions' results (the registry is the deployment's).
  airStations: () => read(client.GET('/api/v1/plans/{planId}/monitoring/air/stations', { params: { path: PLAN_ID } })),
  waterSections: () => read(client.GET('/api/v1/plans/{planId}/monitoring/water/sections', { params: { path: PLAN_ID } })),
  /** Each day by the edition in force that day, or every day by `standard` (the new-edition comparison). */
  airDaily: (year: number, target: { station: string } | { region: string }, standard?: 'HJ 633-2026') =>
    read(client.GET('/api/v1/plans/{planId}/monitoring/air/daily', { params: { path: PLAN_ID, query: defined({ year, ...target, standard }) } })),
  airAnnual: (year: number) => read(client.GET('/api/v1/plans/{planId}/monitoring/air/annual', { params: { path: PLAN_ID, query: { year } } })),
  waterAnnual: (year: number) => read(client.GET('/api/v1/plans/{planId}/monitoring/water/annual', { params: { path: PLAN_ID, query: { year } } })),
  indicators: (year: number) => read(client.GET('/api/v1/plans/{planId}/monitoring/indicators', { params: { path: PLAN_ID, query: { year } } })),
  /** Registers a station or changes it (admin, reviewer); 400 VALIDATION_FAILED names the fields, 409 REASON_REQUIRED a change without a reason. */
  saveStation: (code: string, body: StationBody) => write(client.PUT('/api/v1/plans/{planId}/monitoring/air/stations/{code}', { params: { path: { ...PLAN_ID, code } }, body })),
  saveSection: (code: string, body: SectionBody) => write(client.PUT('/api/v1/plans/{planId}/monitoring/water/sections/{code}', { params: { path: { ...PLAN_ID, code } }, body })),
  propose: (year: number) => write(client.POST('/api/v1/plans/{planId}/monitoring/indicators/propose', { params: { path: PLAN_ID }, body: { year } })),

  /** Uploads a monitoring file; `onProgress` gets the share sent (0–1). Resolves with the result, rejects with ApiError (ImportRefused for 422). */
  importFile: (file: File, kind: ImportKind, skipInvalid: boolean, onProgress: (share: number) => void): Promise<ImportResult> => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('skipInvalid', skipInvalid ? 'true' : 'false');
    form.append('file', file, file.name);
    return uploadForm<ImportResult>(`${API}/monitoring/import`, form, onProgress, refused);
  },
};
