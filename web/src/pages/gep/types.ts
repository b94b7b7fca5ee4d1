// Shapes of the GEP API's answers (src/server/routes/gep.ts, src/gep/present.ts), as the console reads them.
// Money comes as exact 元 text with two decimals (`yuan`) and 亿元 for reading (`yi`).

export type Category = 'material' | 'regulating' | 'cultural';

export interface Money {
  yuan: string;
  yi: string;
}

export interface Labelled {
  zh: string;
  en: string;
}

export interface AccountLine extends Labelled, Money {
  line: string;
  type: string;
  quantity: number;
  unit: string;
  origin: 'entered' | 'modelled';
  price: number;
  priceUnit: string;
  priceYear: number;
  priceSource: string;
  multiplier: number;
}

export interface AccountItem extends Labelled, Money {
  id: string;
  category: Category;
  included: boolean;
  status: 'complete' | 'partial' | 'missing';
  missingInputs: string[];
  lines: AccountLine[];
}

export interface AreaCheck {
  ok: boolean;
  sumHm2: number;
  regionHm2: number;
  difference: number;
  relative: number;
  tolerance: number;
}

export interface SpecAccount {
  method: 'spec';
  region: string;
  regionName: string;
  year: number;
  prices: { basis: 'current' } | { basis: 'constant'; baseYear: number };
  total: Money;
  byCategory: (Labelled & Money & { id: Category })[];
  byType: (Labelled & Money & { type: string })[];
  perCapita: { yuan: string } | null;
  gepToGdp: string | null;
  items: AccountItem[];
  areaCheck: AreaCheck | null;
}

export interface EquivalentAccount {
  method: 'equivalent';
  region: string;
  year: number;
  label: Labelled;
  standardEquivalentYuanPerHm2: number;
  standardEquivalentSource: string;
  total: Money;
  byType: (Labelled & Money & { type: string; areaHm2: number; rows: string[] })[];
  byService: (Labelled & Money & { key: string })[];
  unverifiedRowsUsed: string[];
}

export type AccountResponse = SpecAccount | EquivalentAccount;

export interface RegionTotal {
  region: string;
  name: string;
  level: 'city' | 'county';
  total: Money;
  byCategory: (Labelled & Money & { id: Category })[];
}

export interface RegionsResponse {
  year: number;
  regions: RegionTotal[];
}

export interface ExtentChangeRow {
  type: string;
  opening: number;
  additions: number | null;
  reductions: number | null;
  closing: number;
  net: number;
}

export interface CompareResponse {
  region: string;
  regionName: string;
  from: number;
  to: number;
  fromTotal: Money;
  toTotal: Money;
  change: Money;
  quantityEffect: Money;
  priceEffect: Money;
  formula: Labelled;
  byItem: (Labelled & { id: string; category: Category; change: Money; quantityEffect: Money; priceEffect: Money })[];
  extentChange: { fromYear: number; toYear: number; kind: string; rows: ExtentChangeRow[] };
}

export interface ExtentResponse {
  region: string;
  year: number;
  extentHm2: Record<string, number>;
  regionAreaHm2: number | null;
  areaCheck: AreaCheck | null;
}

export interface BalanceRow extends Labelled {
  asset: string;
  unit: string;
  opening: string;
  increases: (Labelled & { cause: string; value: string })[];
  decreases: (Labelled & { cause: string; value: string })[];
  closing: string;
  discrepancy: string;
  balanced: boolean;
  monetary: { price: number; priceUnit: string; opening: { yuan: string }; closing: { yuan: string } } | null;
}

export interface BalanceSheetResponse {
  region: string;
  regionName: string;
  year: number;
  layout: string;
  rows: BalanceRow[];
  balanced: boolean;
  continuityBreaks: { asset: string; year: number; closing: string; nextOpening: string }[];
}

export interface SpecInput extends Labelled {
  key: string;
  unit: string;
  perType: boolean;
  allowNegative?: boolean;
}

export interface SpecLine extends Labelled {
  key: string;
  inputKey: string;
  unit: string;
  perType: boolean;
  pricing: 'unit' | 'index';
  priceKey: string;
  priceUnit: string;
  multipliers: string[];
  defaultType: string | null;
  modelled: boolean;
}

export interface SpecItem extends Labelled {
  id: string;
  category: Category;
  clause: Labelled & { verified: boolean };
  methodSource: string;
  physicalFormula: string;
  valueFormula: string;
  pricingMethod: Labelled;
  types: string[];
  defaultIncluded: boolean;
  note: string | null;
  inputs: SpecInput[];
  params: (Labelled & { key: string; unit: string })[];
  lines: SpecLine[];
}

export interface SpecResponse {
  specification: Labelled;
  clauseNote: Labelled;
  ecosystemTypes: (Labelled & { id: string })[];
  categories: (Labelled & { id: Category })[];
  items: SpecItem[];
  prices: (Labelled & { key: string; unit: string; kind: 'price' | 'index' | 'param'; items: string[] })[];
}

export type FactKind = 'extent' | 'region_area' | 'transition' | 'input' | 'asset' | 'stat';

export interface Fact {
  kind: FactKind;
  region: string;
  year: number;
  key: string;
  sub: string;
  value: string;
  unit: string;
  source: string;
  note: string | null;
  version: number;
  status: 'approved' | 'provisional';
  isDemo: boolean;
  recordedBy: string;
  recordedAt: string;
  reason: string | null;
}

export interface FactWrite {
  kind: FactKind;
  region: string;
  year: number;
  key: string;
  sub?: string;
  value: string;
  unit: string;
  source: string;
  note?: string;
}

export interface WriteResult {
  inserted: number;
  versioned: number;
  unchanged: number;
  status?: 'approved' | 'provisional';
}

export interface Price {
  key: string;
  year: number;
  value: string;
  unit: string;
  source: string;
  note: string | null;
  indexKey: string | null;
  version: number;
  isDefault: boolean;
  isDemo: boolean;
  recordedBy: string;
  recordedAt: string;
  reason: string | null;
}

export interface PriceWrite {
  key: string;
  year: number;
  value: string;
  unit: string;
  source: string;
  indexKey?: string | null;
  note?: string;
}

export interface SchemeIndicator extends Labelled {
  key: string;
  weight: string;
  negative?: 'zero' | 'refuse';
}

export interface Scheme {
  name: string;
  fundYuan: string;
  source?: string;
  indicators: SchemeIndicator[];
}

export interface SavedScheme {
  name: string;
  version: number;
  scheme: Scheme;
  recordedBy: string;
  recordedAt: string;
  reason: string | null;
}

export interface Allocation {
  region: string;
  name: string;
  amount: Money;
  share: string;
  exactYuan: string;
  roundedUp: boolean;
  parts: { key: string; value: string; total: string; weight: string; shareOfIndicator: string }[];
  explanation: Labelled;
}

export interface CompensationResponse {
  year: number;
  scheme: string;
  fund: Money;
  total: Money;
  formula: Labelled;
  allocations: Allocation[];
  inputs: { region: string; name: string; values: Record<string, string> }[];
  saved: { version: number } | null;
}

export interface WorkbookProblem {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

export interface ImportOutcome {
  inserted: number;
  versioned: number;
  unchanged: number;
}

export interface ImportResult {
  facts?: ImportOutcome;
  prices?: ImportOutcome;
}
