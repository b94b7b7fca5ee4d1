// The carbon pages' names for the API's bodies, all read from the generated contract (api/schema.d.ts).
import type { JsonBody, Ok, Query } from '../../api/contract.js';

type C = '/api/v1/plans/{planId}/carbon';

export type Catalogue = Ok<`${C}/catalogue`>;
export type Sector = Catalogue['categories'][number]['sector'];
export type GwpSet = NonNullable<InventoryQuery['gwp']>;
export type InventoryQuery = Query<`${C}/inventory`>;
export type GridLevel = NonNullable<InventoryQuery['grid']>;
export type Named = Catalogue['subsectors'][number];
export type InventoryResponse = Ok<`${C}/inventory`>;
export type Inventory = InventoryResponse['inventory'];
export type InventoryLine = Inventory['lines'][number];
export type Gas = InventoryLine['gas'];
export type LineInput = InventoryLine['inputs'][number];
export type Conversion = InventoryLine['activity']['conversions'][number];
export type Totals = Inventory['totals'];
export type Warning = Inventory['warnings'][number];
export type IndicatorOutcome = InventoryResponse['indicators']['indicator25'];
export type IndicatorValue = Exclude<IndicatorOutcome, { error: unknown }>;
export type SeriesResponse = Ok<`${C}/inventory/series`>;
export type SeriesPoint = SeriesResponse['series'][number];
export type ScenarioSummary = Ok<`${C}/scenarios`>['scenarios'][number];
export type SavedScenario = Ok<`${C}/scenarios/{name}`>;
export type ScenarioResult = SavedScenario['result'];
export type ScenarioParams = ScenarioResult['params'];
export type Measure = ScenarioParams['measures'][number];
export type Driver = keyof ScenarioParams['drivers'];
export type Rate = ScenarioParams['drivers'][Driver][number];
export type KayaYear = ScenarioResult['years'][number];
export type Peak = ScenarioResult['peak'];
export type Lmdi = ScenarioResult['decomposition'];
export type FactorsResponse = Ok<`${C}/factors`>;
export type Factor = FactorsResponse['factors'][number];
export type FactorVersion = Ok<`${C}/factors/{key}/history`>['versions'][number];
export type ActivityRow = Ok<`${C}/activity`>['rows'][number];
/** A row as PUT /carbon/activity takes it (codes or Chinese names; the server validates every field). */
export type ActivityInput = JsonBody<`${C}/activity`, 'put'>['rows'][number];
export type SaveResult = Ok<`${C}/activity`, 'put'>;
/** A refused write's per-row problems (400 VALIDATION_FAILED, 403 OUT_OF_SCOPE). */
export type Problem = NonNullable<import('../../api/contract.js').paths[`${C}/activity`]['put']['responses'][400]['content']['application/json']['problems']>[number];
export type ProposeResult = Ok<`${C}/propose`, 'post'>;
