// The GEP pages' names for the API's bodies, all read from the generated contract (api/schema.d.ts). Money comes as
// exact 元 text with two decimals (`yuan`) and 亿元 for reading (`yi`).
import type { JsonBody, Ok } from '../../api/contract.js';

type G = '/api/v1/plans/{planId}/gep';

export type AccountResponse = Ok<`${G}/account`>;
export type SpecAccount = Extract<AccountResponse, { method: 'spec' }>;
export type EquivalentAccount = Extract<AccountResponse, { method: 'equivalent' }>;
export type Money = SpecAccount['total'];
export type Labelled = EquivalentAccount['label'];
export type AccountItem = SpecAccount['items'][number];
export type AccountLine = AccountItem['lines'][number];
export type Category = AccountItem['category'];
export type AreaCheck = NonNullable<SpecAccount['areaCheck']>;
export type RegionsResponse = Ok<`${G}/regions`>;
export type RegionTotal = RegionsResponse['regions'][number];
export type CompareResponse = Ok<`${G}/compare`>;
export type ExtentChangeRow = CompareResponse['extentChange']['rows'][number];
export type ExtentResponse = Ok<`${G}/extent`>;
export type BalanceSheetResponse = Ok<`${G}/balance-sheet`>;
export type BalanceRow = BalanceSheetResponse['rows'][number];
export type SpecResponse = Ok<`${G}/spec`>;
export type SpecItem = SpecResponse['items'][number];
export type SpecInput = SpecItem['inputs'][number];
export type SpecLine = SpecItem['lines'][number];
export type Fact = Ok<`${G}/inputs`>['facts'][number];
export type FactKind = Fact['kind'];
export type FactWrite = JsonBody<`${G}/inputs`, 'put'>['facts'][number];
export type WriteResult = Ok<`${G}/inputs`, 'put'>;
export type Price = Ok<`${G}/prices`>['prices'][number];
export type PriceWrite = JsonBody<`${G}/prices`, 'put'>['prices'][number];
export type SavedScheme = Ok<`${G}/schemes`>['schemes'][number];
export type Scheme = SavedScheme['scheme'];
export type SchemeIndicator = Scheme['indicators'][number];
export type CompensationResponse = Ok<`${G}/compensation`, 'post'>;
export type Allocation = CompensationResponse['allocations'][number];
export type ImportResult = Ok<`${G}/import`, 'post'>;
export type ImportOutcome = NonNullable<ImportResult['facts']>;
/** A refused workbook's problems, by file, sheet, row and column. */
export type WorkbookProblem = import('../../api/contract.js').paths[`${G}/import`]['post']['responses'][400]['content']['application/json']['problems'][number];
