// The indicators computed from monitoring data (the default plan's 7, 8, 9, 10 and 29) per region and year, with
// provenance. Each is a measure (plan/model.ts MEASURES); the plan says which of its indicators it is. Pure: no I/O.
// Methods and their sources: docs/monitoring.md.
import { yearValidity, type AnnualStatistics } from '../standards/airAssessment.js';
import { SWITCH_DATE } from '../standards/editions.js';
import { WATER_METHOD, WATER_STANDARD } from '../standards/waterQuality.js';
import { annualOf, reassessmentRow, regionDays, type StationDay } from './air.js';
import { shareOf, type SectionInfo, type SectionYear } from './water.js';
import { indicatorOfMeasure, type Measure } from '../plan/model.js';

/** The measures computed here: air by HJ 663 and GB 3095, water by GB 3838. */
export const MONITORING_MEASURES = ['air.goodDayRatio', 'air.pm25Mean', 'water.classIToIIIShare', 'water.worseThanV', 'water.drinkingSourceShare'] as const satisfies readonly Measure[];
export type MonitoringMeasure = (typeof MONITORING_MEASURES)[number];
/** The plan's indicator (number and unit) for each measure it has; a measure the plan lacks is not computed. */
export type MeasureTargets = Partial<Record<MonitoringMeasure, { code: number; unit: string }>>;

export function measureTargets(plan: { indicators: readonly { code: number; unit: string; measure: Measure | null }[] }): MeasureTargets {
  const out: MeasureTargets = {};
  for (const m of MONITORING_MEASURES) {
    const x = indicatorOfMeasure(plan, m);
    if (x) out[m] = { code: x.code, unit: x.unit };
  }
  return out;
}

/**
 * Whether a region code lies in the area of the plan's region `area` (GB/T 2260: two digits each for province, city
 * and county, trailing 00 pairs mean the whole; towns extend a county's code): 3301xx and 3301xxxxx are in 330100.
 */
export function withinArea(area: string, code: string | null): boolean {
  if (code === null) return false;
  let prefix = area;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return code.startsWith(prefix);
}

export interface RegionRef {
  code: string;
  name: string;
  parent: string | null;
}

export interface StationInput {
  code: string;
  regionCode: string | null;
  level: 'national' | 'provincial' | 'city';
  isDemo: boolean;
  days: readonly StationDay[];
}

export interface Excluded {
  code: string;
  reason: string;
  reasonEn: string;
}

export interface Provenance {
  method: string;
  methodEn: string;
  standard: string;
  used: string[];
  validDays?: number;
  sections?: number;
  excluded: Excluded[];
}

export interface IndicatorValue {
  /** The plan's indicator of this measure. */
  indicatorCode: number;
  measure: MonitoringMeasure;
  region: string;
  regionName: string;
  /** Exact decimal text, null when the data do not allow a value. */
  value: string | null;
  /** A state instead of a number (indicator 10: 无劣Ⅴ类水体 when no section is worse than Ⅴ). */
  state: string | null;
  unit: string;
  provenance: Provenance;
  /** Whether any station or section used is demo data (示例数据). */
  demo: boolean;
  /** Air indicators: the editions that produced this year's value (null for water indicators or without data). */
  editions?: AnnualStatistics['standards'] | null;
  /** Air indicators: whether values on both sides of 2026-03-01 (the switch of editions) can be compared, and why. */
  comparability?: { comparableAcrossSwitch: boolean; zh: string; en: string };
  /** Air indicators: the same year re-assessed under the 2026 editions (HJ 633-2026, GB 3095-2026), beside the official value. */
  reassessment?: { value: string | null; standard: string; comparison: boolean };
}

/** Indicator 7 (good-day ratio) changes meaning at the switch; indicator 8 (PM2.5 annual mean) is a concentration computed alike. */
export const AIR_COMPARABILITY = {
  'air.goodDayRatio': {
    comparableAcrossSwitch: false,
    zh: '优良天数比例自 2026-03-01 起按 HJ 633-2026 计（PM2.5、PM10 分级收紧，日报不含臭氧 1 小时值），与此前按 HJ 633-2012 的年份不可直接比较；2026 年为两版混合。请用“按新标准重新评价”的值比较各年',
    en: 'from 2026-03-01 the good-day ratio is counted by HJ 633-2026 (tighter PM2.5 and PM10 bands, no O3 1-hour value in the daily AQI): not comparable with years counted by HJ 633-2012; 2026 mixes both. Compare years by the re-assessment under the new standard',
  },
  'air.pm25Mean': {
    comparableAcrossSwitch: true,
    zh: 'PM2.5 年均浓度是浓度值，2026 年前后算法相同（HJ 663-2026 未核实），可比较；达标与否对照的限值自 2026-03-01 起为 GB 3095-2026（二级年均 30，2031 年起 25）',
    en: 'the PM2.5 annual mean is a concentration computed the same way before and after 2026 (HJ 663-2026 not verified), so comparable; the limit it is judged against is GB 3095-2026 from 2026-03-01 (grade II annual 30, from 2031 25)',
  },
} as const;

/** Stations that make a region's value: for the plan's city, its national (国控) city stations (HJ 663-2013 城市点);
 *  for a county, the stations located in it. */
export function stationsOf(region: RegionRef, city: string, stations: readonly StationInput[]): { used: StationInput[]; excluded: Excluded[] } {
  const excluded: Excluded[] = [];
  const inRegion = stations.filter((s) => (region.code === city ? withinArea(city, s.regionCode) : s.regionCode === region.code));
  const used: StationInput[] = [];
  for (const s of inRegion) {
    if (region.code === city && s.level !== 'national') {
      excluded.push({ code: s.code, reason: '非国控城市点，不参与全市评价（HJ 663-2013 城市点）', reasonEn: 'not a national city station: not part of the city assessment (HJ 663-2013)' });
      continue;
    }
    if (!s.days.some((d) => d.aqi !== null || d.pm25 !== null)) {
      excluded.push({ code: s.code, reason: '本年无有效日数据', reasonEn: 'no valid daily value this year' });
      continue;
    }
    const short = s.days.filter((d) => d.pm25 === null || d.aqi === null).length;
    if (short) excluded.push({ code: s.code, reason: `${short} 天数据不完整（日均值有效小时数不足 20 或臭氧 8 小时值无效，GB 3095 表4、HJ 663），这些天不计该站`, reasonEn: `${short} day(s) incomplete (fewer than 20 hours for a daily mean, or no valid O3 8-hour maximum): the station is left out on those days` });
    used.push(s);
  }
  return { used, excluded };
}

const fixed1 = (x: number) => x.toFixed(1);

/** The air measures of one region (the default plan's indicators 7 and 8) the plan has. */
export function airIndicators(region: RegionRef, city: string, stations: readonly StationInput[], targets: MeasureTargets): IndicatorValue[] {
  const { used, excluded } = stationsOf(region, city, stations);
  const days = regionDays(used.map((s) => s.days));
  const stats = annualOf(days);
  const aqiDays = days.filter((d) => d.aqi !== null).map((d) => d.date);
  const validity = yearValidity(aqiDays);
  const codes = used.map((s) => s.code);
  const demo = used.some((s) => s.isDemo);
  const year = stats?.year ?? (days[0] ? Number(days[0].date.slice(0, 4)) : null);
  const ed = stats?.standards ?? null;
  const std = ed ? `${ed.aqi}; ${ed.assessment}${ed.assessmentMethod ? `（${ed.assessmentMethod.zh}）` : ''}; ${ed.quality}${ed.phase ? `（${ed.phase === 'final' ? '最终限值' : '过渡阶段'}）` : ''} 表4` : 'HJ 633; HJ 663; GB 3095 表4';
  const quality = ed?.quality ?? 'GB 3095';
  const shortText = (v: { validDays: number; shortMonths: number[] }) =>
    `有效日 ${v.validDays} 天${v.shortMonths.length ? `，${v.shortMonths.join('、')} 月不足` : ''}，不满足 ${quality} 表4（每年 324 天、每月 27 天、二月 25 天）`;
  const shortTextEn = (v: { validDays: number; shortMonths: number[] }) =>
    `${v.validDays} valid days${v.shortMonths.length ? `, months ${v.shortMonths.join(', ')} short` : ''}: ${quality} table 4 (324 a year, 27 a month, 25 in February) not met`;
  const re = year !== null && used.length ? reassessmentRow(days, year) : null;
  const spans = days.some((d) => d.date < SWITCH_DATE) && days.some((d) => d.date >= SWITCH_DATE);

  const ex7 = [...excluded];
  if (!validity.ok && used.length) ex7.push({ code: region.code, reason: shortText(validity), reasonEn: shortTextEn(validity) });
  const v7: IndicatorValue = {
    indicatorCode: targets['air.goodDayRatio']?.code ?? 0,
    measure: 'air.goodDayRatio',
    region: region.code,
    regionName: region.name,
    value: stats && stats.goodRatio !== null && validity.ok ? fixed1(stats.goodRatio) : null,
    state: null,
    unit: targets['air.goodDayRatio']?.unit ?? '%',
    provenance: {
      method: `优良天数比例 = AQI ≤ 100 的天数 / 有效天数；区域日值为各站有效日均值的算术平均，再按当日施行的版本计算 AQI（${ed?.aqi ?? 'HJ 633'}）${spans ? `。${stats?.rule?.zh ?? ''}` : ''}`,
      methodEn: `share of good days = days with AQI ≤ 100 / valid days; the region’s daily value is the mean of its stations’ valid daily means, then the AQI by the edition in force that day (${ed?.aqi ?? 'HJ 633'})${spans ? `. ${stats?.rule?.en ?? ''}` : ''}`,
      standard: std, used: codes, validDays: stats?.validDays ?? 0, excluded: ex7 },
    demo,
    editions: ed,
    comparability: { ...AIR_COMPARABILITY['air.goodDayRatio'] },
    reassessment: { value: re && re.goodRatio !== null && validity.ok ? fixed1(re.goodRatio) : null, standard: 'HJ 633-2026', comparison: re?.comparison ?? false },
  };
  const pm = stats?.pollutants.pm25;
  const ex8 = [...excluded];
  if (pm && !pm.meetsValidity) ex8.push({ code: region.code, reason: `PM2.5 ${shortText(pm)}`, reasonEn: `PM2.5: ${shortTextEn(pm)}` });
  const v8: IndicatorValue = {
    indicatorCode: targets['air.pm25Mean']?.code ?? 0,
    measure: 'air.pm25Mean',
    region: region.code,
    regionName: region.name,
    value: pm && pm.meetsValidity && pm.mean !== null ? String(pm.mean) : null,
    state: null,
    unit: targets['air.pm25Mean']?.unit ?? '微克/立方米',
    provenance: {
      method: `PM2.5 年均浓度 = 区域 PM2.5 日均值的年算术平均（HJ 663-2013${ed?.assessment === 'HJ 663-2026' ? ' 方法，HJ 663-2026 未核实' : ''}），按 GB/T 8170 修约到整数`,
      methodEn: `annual mean PM2.5 = arithmetic mean of the region’s daily means (HJ 663-2013${ed?.assessment === 'HJ 663-2026' ? ' method; HJ 663-2026 not verified' : ''}), rounded to an integer by GB/T 8170`,
      standard: std, used: codes, validDays: pm?.validDays ?? 0, excluded: ex8 },
    demo,
    editions: ed,
    comparability: { ...AIR_COMPARABILITY['air.pm25Mean'] },
    reassessment: { value: pm && pm.meetsValidity && pm.mean !== null ? String(pm.mean) : null, standard: 'GB 3095-2026', comparison: re?.comparison ?? false },
  };
  if (!used.length) for (const v of [v7, v8]) v.provenance.excluded.push({ code: region.code, reason: '该行政区没有可用的空气监测站点数据', reasonEn: 'no usable air station data in this region' });
  return [v7, v8].filter((v) => targets[v.measure]);
}

export interface SectionInput {
  info: SectionInfo;
  year: SectionYear;
  isDemo: boolean;
}

const inRegion = (region: RegionRef, city: string, code: string | null) => (region.code === city ? withinArea(city, code) : code === region.code);

/** The water measures of one region (the default plan's indicators 9, 10 and 29) the plan has. */
export function waterIndicators(region: RegionRef, city: string, sections: readonly SectionInput[], targets: MeasureTargets): IndicatorValue[] {
  const std = `${WATER_STANDARD} 表1; ${WATER_METHOD}`;
  const local = sections.filter((s) => inRegion(region, city, s.info.regionCode));
  const pick = (want: (s: SectionInput) => boolean, whyNot: string, whyNotEn: string) => {
    const used: SectionInput[] = [];
    const excluded: Excluded[] = [];
    for (const s of local) {
      if (!want(s)) excluded.push({ code: s.info.code, reason: whyNot, reasonEn: whyNotEn });
      else if (s.year.class === null) excluded.push({ code: s.info.code, reason: s.year.samples ? '本年监测项目不足以评价类别' : '本年无监测数据', reasonEn: s.year.samples ? 'no evaluated item measured this year' : 'no samples this year' });
      else used.push(s);
    }
    return { used, excluded };
  };
  const assessed = pick((s) => s.info.assessment !== '市考', '市考断面，不计入（指标按国考、省考断面计）', 'a city-assessed section: the indicator counts national and provincial sections');
  const drinking = pick((s) => s.info.drinkingWater, '', '');
  drinking.excluded = drinking.excluded.filter((e) => e.reason); // sections that are not drinking-water sources are simply not in scope
  const share = shareOf(assessed.used.map((s) => s.year.class!));
  const dShare = shareOf(drinking.used.map((s) => s.year.class!));
  const noData = (list: Excluded[], en: string, zh: string) => list.push({ code: region.code, reason: zh, reasonEn: en });
  const prov = (used: SectionInput[], excluded: Excluded[], method: string, methodEn: string): Provenance => ({ method, methodEn, standard: std, used: used.map((s) => s.info.code), sections: used.length, excluded });

  const p9 = prov(assessed.used, [...assessed.excluded], '水质达到或优于Ⅲ类比例 = 年均值评价为Ⅰ–Ⅲ类的国考、省考断面数 / 参与评价的断面数（单因子评价）', 'share of class I–III = national/provincial sections whose annual means assess as class I–III / sections assessed (single-factor method)');
  const p10 = prov(assessed.used, [...assessed.excluded], '劣Ⅴ类比例 = 年均值评价为劣Ⅴ类的国考、省考断面数 / 参与评价的断面数；为 0 时为“无劣Ⅴ类水体”', 'share worse than class V = national/provincial sections whose annual means assess worse than V / sections assessed; 0 means “no water worse than class V”');
  const p29 = prov(drinking.used, drinking.excluded, '集中式饮用水水源地水质优良比例 = 年均值达到或优于Ⅲ类的水源地断面数 / 参与评价的水源地断面数', 'share of good drinking-water sources = source sections whose annual means are class III or better / source sections assessed');
  if (!assessed.used.length) for (const p of [p9, p10]) noData(p.excluded, 'no assessed section with data in this region', '该行政区没有有数据的国考、省考断面');
  if (!drinking.used.length) noData(p29.excluded, 'no drinking-water source section with data in this region', '该行政区没有有数据的集中式饮用水水源地断面');
  const demoA = assessed.used.some((s) => s.isDemo);
  const code = (m: MonitoringMeasure) => targets[m]?.code ?? 0;
  const unit = (m: MonitoringMeasure) => targets[m]?.unit ?? '%';
  const values: IndicatorValue[] = [
    { indicatorCode: code('water.classIToIIIShare'), measure: 'water.classIToIIIShare', region: region.code, regionName: region.name, value: share.classIToIIIShare === null ? null : fixed1(share.classIToIIIShare), state: null, unit: unit('water.classIToIIIShare'), provenance: p9, demo: demoA },
    {
      indicatorCode: code('water.worseThanV'),
      measure: 'water.worseThanV',
      region: region.code,
      regionName: region.name,
      value: share.worseThanVShare === null ? null : fixed1(share.worseThanVShare),
      state: share.sections && share.worseThanV === 0 ? 'noWorseThanClassV' : null,
      unit: unit('water.worseThanV'),
      provenance: p10,
      demo: demoA,
    },
    { indicatorCode: code('water.drinkingSourceShare'), measure: 'water.drinkingSourceShare', region: region.code, regionName: region.name, value: dShare.classIToIIIShare === null ? null : fixed1(dShare.classIToIIIShare), state: null, unit: unit('water.drinkingSourceShare'), provenance: p29, demo: drinking.used.some((s) => s.isDemo) },
  ];
  return values.filter((v) => targets[v.measure]);
}

/** The provenance as one line of text for a submission's note (≤ 1000 characters). */
export function provenanceNote(v: IndicatorValue): string {
  const p = v.provenance;
  const parts = [
    `由监测数据自动计算：${p.method}`,
    `依据 ${p.standard}`,
    `使用：${p.used.join('、') || '无'}`,
    p.validDays !== undefined ? `有效天数 ${p.validDays}` : null,
    p.sections !== undefined ? `断面数 ${p.sections}` : null,
    p.excluded.length ? `排除：${p.excluded.map((e) => `${e.code}（${e.reason}）`).join('；')}` : null,
    v.demo ? '含示例数据' : null,
    v.comparability && !v.comparability.comparableAcrossSwitch ? `可比性：${v.comparability.zh}` : null,
  ].filter(Boolean);
  const text = parts.join('。');
  return text.length > 1000 ? `${text.slice(0, 997)}…` : text;
}
