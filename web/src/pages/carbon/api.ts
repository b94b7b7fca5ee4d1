// Requests of the carbon pages (src/server/routes/carbon.ts) on the console's origin and session,
// through the shared client of web/src/api.ts; refused rows come back as CarbonRefused.
import { ApiError, client, defined, errorFields, PLAN_API, PLAN_ID, queryString as query, read, uploadForm, write } from '../../api.js';
import type { Query } from '../../api/contract.js';
import type { ActivityInput, GridLevel, GwpSet, InventoryQuery, Problem, SaveResult, ScenarioParams } from './types.js';

export type { InventoryQuery };
type ActivityQuery = Query<'/api/v1/plans/{planId}/carbon/activity'>;

const CARBON = `${PLAN_API}/carbon`;

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

const path = { params: { path: PLAN_ID } };

export const carbonApi = {
  catalogue: () => read(client.GET('/api/v1/plans/{planId}/carbon/catalogue', path), refused),
  inventory: (q: InventoryQuery) => read(client.GET('/api/v1/plans/{planId}/carbon/inventory', { params: { path: PLAN_ID, query: defined(q) } }), refused),
  /** Which inventory years are published on the public portal, and their record. */
  publications: () => read(client.GET('/api/v1/plans/{planId}/carbon/publications', path), refused),
  publish: (year: number, gwp?: GwpSet) => write(client.POST('/api/v1/plans/{planId}/carbon/publications/publish', { ...path, body: gwp ? { year, gwp } : { year } }), refused),
  /** Takes a published year off the portal; the reason is required and audited. */
  withdraw: (year: number, reason: string) => write(client.POST('/api/v1/plans/{planId}/carbon/publications/withdraw', { ...path, body: { year, reason } }), refused),
  series: (q: { region?: string; gwp?: GwpSet; grid?: GridLevel; from?: number; to?: number }) =>
    read(client.GET('/api/v1/plans/{planId}/carbon/inventory/series', { params: { path: PLAN_ID, query: defined(q) } }), refused),
  scenarios: () => read(client.GET('/api/v1/plans/{planId}/carbon/scenarios', path), refused),
  scenario: (name: string) => read(client.GET('/api/v1/plans/{planId}/carbon/scenarios/{name}', { params: { path: { ...PLAN_ID, name } } }), refused),
  compare: (names: string[]) => read(client.GET('/api/v1/plans/{planId}/carbon/scenarios/compare', { params: { path: PLAN_ID, query: { names: names.join(',') } } }), refused),
  runScenario: (params: ScenarioParams) => write(client.POST('/api/v1/plans/{planId}/carbon/scenarios/run', { ...path, body: params }), refused),
  saveScenario: (name: string, params: Omit<ScenarioParams, 'name'>, reason: string | undefined) =>
    write(client.PUT('/api/v1/plans/{planId}/carbon/scenarios/{name}', { params: { path: { ...PLAN_ID, name } }, body: { params, ...(reason ? { reason } : {}) } }), refused),
  factors: () => read(client.GET('/api/v1/plans/{planId}/carbon/factors', path), refused),
  factorHistory: (key: string) => read(client.GET('/api/v1/plans/{planId}/carbon/factors/{key}/history', { params: { path: { ...PLAN_ID, key } } }), refused),
  setFactor: (key: string, value: string | null, unit: string, reason: string) =>
    write(client.PUT('/api/v1/plans/{planId}/carbon/factors/{key}', { params: { path: { ...PLAN_ID, key } }, body: { value, unit, reason } }), refused),
  activity: (q: { year?: number; region?: string; sector?: ActivityQuery['sector'] }) => read(client.GET('/api/v1/plans/{planId}/carbon/activity', { params: { path: PLAN_ID, query: defined(q) } }), refused),
  saveActivity: (rows: ActivityInput[]) => write(client.PUT('/api/v1/plans/{planId}/carbon/activity', { ...path, body: { rows } }), refused),
  propose: (year: number, gwp?: GwpSet, grid?: GridLevel) => write(client.POST('/api/v1/plans/{planId}/carbon/propose', { ...path, body: { year, ...(gwp ? { gwp } : {}), ...(grid ? { grid } : {}) } }), refused),
  workbookUrl: (year?: number, gwp?: GwpSet) => `${CARBON}/workbook.xlsx${query({ year, gwp })}`,
  rounds: () => read(client.GET('/api/v1/plans/{planId}/rounds', path)),
  /** An indicator's stored values and the figures the higher authority assigned (public). */
  indicatorSeries: (code: number) => read(client.GET('/api/v1/plans/{planId}/indicators/{code}/series', { params: { path: { ...PLAN_ID, code } } })),

  /** Uploads the carbon workbook; `onProgress` gets the share sent (0–1). Rejects with CarbonRefused listing the rows. */
  importWorkbook: (file: File, onProgress: (share: number) => void): Promise<SaveResult> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<SaveResult>(`${CARBON}/workbook`, form, onProgress, refused);
  },
};
