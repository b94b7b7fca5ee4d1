// Requests of the carbon pages (issue 9 API, src/server/routes/carbon.ts) on the console's origin and session,
// through the shared client of web/src/api.ts; refused rows come back as CarbonRefused.
import { ApiError, errorFields, getJson, queryString as query, sendJson, uploadForm } from '../../api.js';
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

/** A refused write with its per-row problems (400 VALIDATION_FAILED / WORKBOOK_INVALID, 403 OUT_OF_SCOPE). */
export class CarbonRefused extends ApiError {
  readonly rows: (Problem & { sheet?: string | null; column?: string | null; field?: string | null })[];
  constructor(status: number, code: string, message: string, messageEn: string | null, rows: CarbonRefused['rows']) {
    super(status, code, message, messageEn);
    this.rows = rows;
  }
}

/** A message with a non-empty list of problems: CarbonRefused; anything else is read by the shared client. */
function refused(status: number, body: unknown): ApiError | null {
  const b = errorFields<{ problems: CarbonRefused['rows'] }>(body);
  if (typeof b.message === 'string' && Array.isArray(b.problems) && b.problems.length)
    return new CarbonRefused(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null, b.problems);
  return null;
}

const call = <T>(path: string) => getJson<T>(path, refused);
const send = <T>(method: 'POST' | 'PUT', path: string, body: unknown) => sendJson<T>(method, path, body, refused);

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
  /** Publication record of inventory years on the public portal (issue 16). */
  publications: () => call<{ events: { year: number; action: 'publish' | 'withdraw'; at: string; by: string }[] }>(`${CARBON}/publications`),
  publish: (year: number, gwp?: GwpSet) => send<{ published: { year: number; net: number } }>('POST', `${CARBON}/publications/publish`, gwp ? { year, gwp } : { year }),
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
  importWorkbook: (file: File, onProgress: (share: number) => void): Promise<SaveResult> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<SaveResult>(`${CARBON}/workbook`, form, onProgress, refused);
  },
};
