// Shapes of the carbon API (src/server/routes/carbon.ts) as the console reads them. Only what the pages use.

export type Sector = 'energy' | 'ippu' | 'agriculture' | 'lulucf' | 'waste' | 'macro';
export type Gas = 'CO2' | 'CH4' | 'N2O';
export type GwpSet = 'SAR' | 'AR4' | 'AR5' | 'AR6';
export type GridLevel = 'national' | 'south';

export interface Named {
  code: string;
  zh: string;
  en: string;
}

export interface Catalogue {
  sectors: Record<Sector, { zh: string; en: string; gpc: string }>;
  categories: (Named & { sector: Sector; gpc: string; subsector: 'required' | 'optional' | 'none'; items: Named[] | 'gdpPrices' | 'deflatorBase'; signed: boolean })[];
  subsectors: (Named & { gpc: string })[];
  fuels: (Named & { unit: string; kind: string })[];
  units: { zh: string; en: string; dimension: string; toBase: number }[];
  fields: { field: string; zh: string; en: string; required: boolean }[];
  gwpSets: Record<GwpSet, { CH4: number; N2O: number; source: string }>;
  sectorDepartments: Record<Sector, string[]>;
}

export interface LineInput {
  name: string;
  value: number;
  unit: string;
  source: string;
  key?: string;
  local?: boolean;
}

export interface Conversion {
  from: string;
  to: string;
  factor: number;
  source: string;
}

export interface InventoryLine {
  regionCode: string;
  sector: Sector;
  category: string;
  subsector: string | null;
  item: string;
  gas: Gas;
  scope: 1 | 2 | null;
  gpc: string;
  activity: { valueText: string; unit: string; value: number; unitUsed: string; conversions: Conversion[] };
  formula: string;
  inputs: LineInput[];
  mass: number;
  co2e: number;
}

export interface Totals {
  gross: number;
  lulucf: number;
  net: number;
  scope2: number;
  electricityExport: number;
  energyCO2: number;
  /** Gross emissions by gas (LULUCF excluded); shareText is % of gross, one decimal, adding to 100.0. */
  byGas: Record<Gas, { mass: number; co2e: number; shareText: string | null }>;
  bySector: Record<Sector, number>;
  bySubsector: Record<string, number>;
  byFuel: Record<string, number>;
  byRegion: Record<string, number>;
  fuelFlows: { fuel: string; subsector: string; co2e: number }[];
}

export interface Warning {
  zh: string;
  en: string;
}

export interface Inventory {
  regionCode: string;
  year: number;
  gwpSet: GwpSet;
  gwpValues: { CH4: number; N2O: number; source: string };
  factorVersion: string;
  gridLevel: GridLevel;
  regionsUsed: string[];
  rolledUp: boolean;
  lines: InventoryLine[];
  totals: Totals;
  warnings: Warning[];
}

export interface IndicatorValue {
  indicatorCode: 23 | 25;
  year: number;
  regionCode: string;
  value: number;
  valueText: string;
  unit: string;
  provenance: string;
  provenanceEn: string;
}

export type IndicatorOutcome = IndicatorValue | { error: { code: string; message: string; messageEn: string } };

export interface InventoryResponse {
  inventory: Inventory;
  indicators: { indicator25: IndicatorOutcome; indicator23: IndicatorOutcome };
}

export interface SeriesPoint {
  year: number;
  gwpSet: GwpSet;
  rolledUp: boolean;
  totals: Omit<Totals, 'fuelFlows'>;
  indicator25: { value: number; valueText: string } | null;
  indicator23: { value: number; valueText: string } | null;
  warnings: Warning[];
}

export interface SeriesResponse {
  regionCode: string;
  series: SeriesPoint[];
}

export interface Rate {
  from: number;
  to: number;
  percent: number;
}

export type Measure =
  | { kind: 'cleanEnergy'; label: string; capacityMW: Record<string, number>; fullLoadHours: number; displacedFactor: number }
  | { kind: 'coalReduction'; label: string; coalTce: Record<string, number>; substitute: 'naturalGas' | 'nonFossil' }
  | { kind: 'fixed'; label: string; reduction: Record<string, number> };

export type Driver = 'population' | 'gdpPerCapita' | 'energyIntensity' | 'carbonIntensityOfEnergy';

export interface ScenarioParams {
  name: string;
  label: string;
  labelEn: string;
  baseYear: number;
  endYear: number;
  base: { population: number; gdp: number; energy: number; co2: number };
  priceBaseYear: number;
  drivers: Record<Driver, Rate[]>;
  measures: Measure[];
  targets: { peakBy: number; intensity: { year: number; reductionPercent: number }[] };
  plateauTolerancePercent: number;
}

export interface KayaYear {
  year: number;
  population: number;
  gdpPerCapita: number;
  energyIntensity: number;
  carbonIntensityOfEnergy: number;
  gdp: number;
  energy: number;
  co2: number;
  carbonIntensity: number;
  measureReduction: number;
}

export interface Peak {
  peakYear: number;
  peakValue: number;
  status: 'peaked' | 'plateau' | 'notPeaked';
  plateau: { from: number; to: number } | null;
  deadline: number;
  beforeDeadline: boolean;
}

export interface Lmdi {
  from: number;
  to: number;
  change: number;
  population: number;
  affluence: number;
  energyIntensity: number;
  carbonIntensity: number;
}

export interface ScenarioResult {
  name: string;
  label: string;
  labelEn: string;
  params: ScenarioParams;
  years: KayaYear[];
  peak: Peak;
  peakGapYears: number | null;
  intensityGaps: { year: number; targetIntensity: number; projectedIntensity: number; gap: number; met: boolean }[];
  decomposition: Lmdi;
}

export interface ScenarioSummary {
  name: string;
  label: string;
  labelEn: string;
  version: number;
  reason: string | null;
  savedBy: string;
  savedAt: string;
  isDemo: boolean;
}

export interface Factor {
  key: string;
  value: number;
  unit: string;
  source: string;
  verified: 'seen' | 'secondary' | 'recalled' | 'local';
  override?: { reason: string; version: number; shipped: number | null };
  zh: string;
  en: string;
}

export interface FactorsResponse {
  version: string;
  factors: Factor[];
  overrides: { key: string; value: number; unit: string; reason: string; version: number; recordedBy: string; recordedAt: string }[];
}

export interface FactorVersion {
  version: number;
  value: string | null;
  unit: string;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ActivityRow {
  regionCode: string;
  year: number;
  sector: Sector;
  category: string;
  subsector: string | null;
  item: string;
  valueText: string;
  unit: string;
  source: string;
  note: string | null;
  version: number;
  reason: string | null;
  recordedBy: string;
  recordedAt: string;
  isDemo: boolean;
}

/** A row as PUT /carbon/activity takes it (codes or Chinese names; the server validates every field). */
export interface ActivityInput {
  region: string;
  year: number;
  category: string;
  subsector?: string;
  item: string;
  value: string;
  unit: string;
  source: string;
  note?: string;
  reason?: string;
}

export interface SaveResult {
  inserted: number;
  versioned: number;
  unchanged: number;
}

export interface Problem {
  row: number | null;
  message: string;
  messageEn: string;
}

export interface ProposeResult {
  year: number;
  results: { indicatorCode: number; status: 'submitted' | 'notComputed'; valueText: string | null; note: string }[];
}
