// Shapes of the monitoring API (docs: /api/docs; contract of issue 5). The console reads only these answers.

export type StationLevel = 'national' | 'provincial' | 'city';
export type WaterClass = 'I' | 'II' | 'III' | 'IV' | 'V' | '劣V';
export type TargetClass = Exclude<WaterClass, '劣V'>;
export type Waterbody = 'river' | 'lake';
export type ImportKind = 'air' | 'water';

export interface AirStation {
  code: string;
  name: string;
  region: string | null;
  regionName: string;
  lon: number | null;
  lat: number | null;
  level: StationLevel;
  source: string;
  note: string | null;
  /** Stored station-hours. */
  hours: number;
  /** The registry marks the station's identity as uncertain (see its note). */
  uncertain?: boolean;
  /** 示例数据: a synthetic station. */
  demo?: boolean;
}

export interface WaterSection {
  code: string;
  name: string;
  river: string;
  waterbody: Waterbody;
  assessment: '国考' | '省考' | '市考';
  targetClass: TargetClass;
  drinkingWater: boolean;
  region: string | null;
  regionName: string;
  lon: number | null;
  lat: number | null;
  source: string;
  note: string | null;
  samples: number;
  demo?: boolean;
}

/** An AQI edition: HJ 633-2012 before 2026-03-01, HJ 633-2026 from that day. */
export type AqiStandard = 'HJ 633-2012' | 'HJ 633-2026';

export interface AirDay {
  date: string;
  /** The edition of this day's AQI (the one in force that day, or the one asked for a comparison). */
  standard: AqiStandard;
  valid: boolean;
  aqi: number | null;
  level: 1 | 2 | 3 | 4 | 5 | 6 | null;
  category: string | null;
  color: string | null;
  primaryPollutants: string[];
  so2: number | null;
  no2: number | null;
  pm10: number | null;
  pm25: number | null;
  co: number | null;
  o3_8h_max: number | null;
}

export interface AirDailyResponse {
  year: number;
  /** The edition asked for (every day re-indexed by it), or null: each day by its own. */
  standard: AqiStandard | null;
  comparison: boolean;
  days: AirDay[];
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** The editions that produced annual values. */
export interface AirEditions {
  aqi: string;
  quality: 'GB 3095-2012' | 'GB 3095-2026';
  phase: 'transitional' | 'final' | null;
  assessment: 'HJ 663-2013' | 'HJ 663-2026';
  assessmentMethod: Bilingual | null;
}

export interface Attainment {
  pm25Attains: boolean | null;
  attainsAll: boolean | null;
}

/** The same year re-assessed under the 2026 editions, beside the official values. */
export interface AirReassessment {
  standards: { aqi: 'HJ 633-2026'; quality: 'GB 3095-2026'; assessment: 'HJ 663-2026'; assessmentMethod: Bilingual };
  comparison: boolean;
  validDays: number;
  goodDays: number;
  goodRatio: number | null;
  exceedanceDays: number;
  transitional: Attainment | null;
  final: Attainment & { comparison: boolean };
}

export interface AirAnnualStats {
  validDays: number;
  goodDays: number;
  /** Percent, one decimal (HJ 663-2013); null without valid days. */
  goodRatio: number | null;
  so2Mean: number | null;
  no2Mean: number | null;
  pm10Mean: number | null;
  pm25Mean: number | null;
  co95: number | null;
  o3_90: number | null;
  exceedanceDays: number;
  pm25Attains?: boolean | null;
  attainsAll?: boolean | null;
  standards?: AirEditions | null;
  aqiPeriods?: { standard: AqiStandard; from: string; to: string; days: number; validDays: number; goodDays: number }[];
  rule?: Bilingual | null;
  reassessment?: AirReassessment;
}

export interface AirAnnualStation extends AirAnnualStats {
  code: string;
  name: string;
  region: string | null;
}

export interface AirAnnualRegion extends AirAnnualStats {
  region: string;
  regionName: string;
  /** Stations whose values make the region's. */
  stations?: string[];
}

export interface AirAnnualResponse {
  year: number;
  stations: AirAnnualStation[];
  regions: AirAnnualRegion[];
}

export interface Exceeding {
  item: string;
  /** Times over the class Ⅲ limit; null for items without a multiple (pH, DO: GB 3838 评价办法). */
  multiple: number | null;
}

export interface WaterAnnualSection {
  code: string;
  name: string;
  river: string;
  waterbody: Waterbody;
  targetClass: TargetClass;
  samples: number;
  class: WaterClass | null;
  itemClasses: Record<string, WaterClass>;
  exceeding: Exceeding[];
  meetsTarget: boolean | null;
}

export interface WaterShare {
  region: string;
  regionName: string;
  sections: number;
  classIToIII: number;
  classIToIIIShare: number | null;
  worseThanV: number;
  worseThanVShare: number | null;
}

export interface WaterAnnualResponse {
  year: number;
  sections: WaterAnnualSection[];
  shares: WaterShare[];
}

export interface ImportError {
  row: number | null;
  column: string | null;
  field: string | null;
  reason: string;
  message: string;
  messageEn: string;
}

export interface ImportResult {
  kind: ImportKind;
  layout: 'long' | 'wide';
  rows: number;
  imported: number;
  duplicates: number;
  skipped: number;
  /** Station-hours (air) or sample values (water) written. */
  stored?: number;
  /** Header cells the importer did not use. */
  ignoredColumns?: string[];
  errors: ImportError[];
  counts: Record<string, number>;
  /** Where the report of skipped rows can be downloaded (an API path), when rows were skipped. */
  reportFile: string | null;
}

/** The 422 answer of an import that wrote nothing. */
export interface ImportRefusal {
  code: string;
  message: string;
  messageEn: string;
  errors: ImportError[];
  counts: Record<string, number>;
}

export interface Excluded {
  code: string;
  reason: string;
  reasonEn: string;
}

export interface MonitoredIndicator {
  indicatorCode: number;
  region: string;
  regionName: string;
  value: string | null;
  /** A state instead of a number (indicator 10: no section worse than class Ⅴ). */
  state?: string | null;
  unit: string;
  /** Whether demo data (示例数据) went into the value. */
  demo?: boolean;
  provenance: {
    method: string;
    methodEn?: string;
    standard: string;
    used: string[];
    validDays?: number;
    sections?: number;
    excluded: Excluded[];
  };
  /** Indicators 7, 8: the editions that produced the value, comparability across 2026-03-01, the value under the 2026 editions. */
  editions?: AirEditions | null;
  comparability?: { comparableAcrossSwitch: boolean; zh: string; en: string };
  reassessment?: { value: string | null; standard: string; comparison: boolean };
}

export interface MonitoredIndicatorsResponse {
  year: number;
  values: MonitoredIndicator[];
}

export interface ProposeResponse {
  proposed: number;
  round: number;
  /** Values not proposed, and why (no data; indicator 10's reduction needs last year's share …). */
  skipped?: { indicatorCode: number; region: string; reason: string; reasonEn: string }[];
}

/** The body of `PUT /monitoring/air/stations/{code}`: a new station, or a change of one (a change needs `reason`). */
export interface StationBody {
  name: string;
  region: string | null;
  lon: number | null;
  lat: number | null;
  level: StationLevel;
  source: string;
  note: string | null;
  reason?: string;
}

/** The body of `PUT /monitoring/water/sections/{code}`. */
export interface SectionBody {
  name: string;
  river: string;
  waterbody: Waterbody;
  assessment: WaterSection['assessment'];
  targetClass: TargetClass;
  drinkingWater: boolean;
  region: string | null;
  lon: number | null;
  lat: number | null;
  source: string;
  note: string | null;
  reason?: string;
}

/** What a registry save did: one of the counts is 1. */
export interface RegistrySaved {
  added: number;
  changed: number;
  unchanged: number;
}
