// Requests of the monitoring pages (issue 5 contract), through the shared client of web/src/api.ts (same origin
// and session); a refused import comes back as ImportRefused with its row errors and counts.
import { ApiError, errorFields, getJson as call, queryString as query, sendJson, uploadForm } from '../../api.js';
import type {
  AirAnnualResponse,
  AirDailyResponse,
  AirStation,
  ImportKind,
  ImportRefusal,
  ImportResult,
  MonitoredIndicatorsResponse,
  ProposeResponse,
  RegistrySaved,
  SectionBody,
  StationBody,
  WaterAnnualResponse,
  WaterSection,
} from './types.js';

const API = '/api/v1';
const PLAN = `${API}/plans/default`;

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
    return new ImportRefused(status, { code: b.code ?? 'IMPORT_INVALID', message: b.message, messageEn: b.messageEn ?? b.message, errors: b.errors, counts: b.counts ?? {} });
  return null;
}

export const monitoringApi = {
  years: () => call<{ air: number[]; water: number[] }>(`${API}/monitoring/years`),
  airStations: () => call<{ stations: AirStation[] }>(`${API}/monitoring/air/stations`),
  waterSections: () => call<{ sections: WaterSection[] }>(`${API}/monitoring/water/sections`),
  /** Each day by the edition in force that day, or every day by `standard` (the new-edition comparison). */
  airDaily: (year: number, target: { station: string } | { region: string }, standard?: 'HJ 633-2026') =>
    call<AirDailyResponse>(`${API}/monitoring/air/daily${query({ year, ...target, ...(standard ? { standard } : {}) })}`),
  airAnnual: (year: number) => call<AirAnnualResponse>(`${API}/monitoring/air/annual?year=${year}`),
  waterAnnual: (year: number) => call<WaterAnnualResponse>(`${API}/monitoring/water/annual?year=${year}`),
  indicators: (year: number) => call<MonitoredIndicatorsResponse>(`${PLAN}/monitoring/indicators?year=${year}`),
  /** Registers a station or changes it (admin, reviewer); 400 VALIDATION_FAILED names the fields, 409 REASON_REQUIRED a change without a reason. */
  saveStation: (code: string, body: StationBody) => sendJson<RegistrySaved>('PUT', `${API}/monitoring/air/stations/${encodeURIComponent(code)}`, body),
  saveSection: (code: string, body: SectionBody) => sendJson<RegistrySaved>('PUT', `${API}/monitoring/water/sections/${encodeURIComponent(code)}`, body),
  propose: (year: number) => sendJson<ProposeResponse>('POST', `${PLAN}/monitoring/indicators/propose`, { year }),

  /** Uploads a monitoring file; `onProgress` gets the share sent (0–1). Resolves with the result, rejects with ApiError (ImportRefused for 422). */
  importFile: (file: File, kind: ImportKind, skipInvalid: boolean, onProgress: (share: number) => void): Promise<ImportResult> => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('skipInvalid', skipInvalid ? 'true' : 'false');
    form.append('file', file, file.name);
    return uploadForm<ImportResult>(`${API}/monitoring/import`, form, onProgress, refused);
  },
};
