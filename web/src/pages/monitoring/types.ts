// The monitoring pages' names for the API's bodies, all read from the generated contract (api/schema.d.ts).
import type { JsonBody, Ok, Query } from '../../api/contract.js';

type M = '/api/v1/monitoring';

export type AirStationsResponse = Ok<`${M}/air/stations`>;
export type AirStation = AirStationsResponse['stations'][number];
export type StationLevel = AirStation['level'];
export type WaterSection = Ok<`${M}/water/sections`>['sections'][number];
export type Waterbody = WaterSection['waterbody'];
export type TargetClass = WaterSection['targetClass'];
export type AirDailyResponse = Ok<`${M}/air/daily`>;
export type AirDay = AirDailyResponse['days'][number];
/** An AQI edition: HJ 633-2012 before 2026-03-01, HJ 633-2026 from that day. */
export type AqiStandard = AirDay['standard'];
export type AirAnnualResponse = Ok<`${M}/air/annual`>;
export type AirAnnualStation = AirAnnualResponse['stations'][number];
export type AirAnnualRegion = AirAnnualResponse['regions'][number];
/** The statistics a station and a region have alike. */
export type AirAnnualStats = Omit<AirAnnualStation, 'code' | 'name' | 'region'>;
/** The editions that produced annual values. */
export type AirEditions = NonNullable<AirAnnualStation['standards']>;
export type Bilingual = NonNullable<AirEditions['assessmentMethod']>;
/** The same year re-assessed under the 2026 editions, beside the official values. */
export type AirReassessment = NonNullable<AirAnnualStation['reassessment']>;
export type Attainment = NonNullable<AirReassessment['transitional']>;
export type WaterAnnualResponse = Ok<`${M}/water/annual`>;
export type WaterAnnualSection = WaterAnnualResponse['sections'][number];
export type WaterClass = NonNullable<WaterAnnualSection['class']>;
export type Exceeding = WaterAnnualSection['exceeding'][number];
export type WaterShare = WaterAnnualResponse['shares'][number];
export type ImportKind = NonNullable<Query<`${M}/import`, 'post'>['kind']>;
export type ImportResult = Ok<`${M}/import`, 'post'>;
export type ImportError = ImportResult['errors'][number];
/** The 422 answer of an import that wrote nothing. */
export type ImportRefusal = import('../../api/contract.js').paths[`${M}/import`]['post']['responses'][422]['content']['application/json'];
export type MonitoredIndicatorsResponse = Ok<'/api/v1/plans/{planId}/monitoring/indicators'>;
export type MonitoredIndicator = MonitoredIndicatorsResponse['values'][number];
export type Excluded = MonitoredIndicator['provenance']['excluded'][number];
export type ProposeResponse = Ok<'/api/v1/plans/{planId}/monitoring/indicators/propose', 'post'>;
/** The body of `PUT /monitoring/air/stations/{code}`: a new station, or a change of one (a change needs `reason`). */
export type StationBody = JsonBody<`${M}/air/stations/{code}`, 'put'>;
/** The body of `PUT /monitoring/water/sections/{code}`. */
export type SectionBody = JsonBody<`${M}/water/sections/{code}`, 'put'>;
/** What a registry save did: one of the counts is 1. */
export type RegistrySaved = Ok<`${M}/air/stations/{code}`, 'put'>;
