// The carbon chapter of the annual report on a small hand-computed dataset for 韶关市 (440200), 2021–2022,
// and two scenarios whose peaks are worked out by hand. Expected values are computed in the comments from the
// shipped factors (src/carbon/factorData.ts): clinker 0.538 t CO2/t, non-dairy cattle enteric 47 kg CH4/head,
// national grid 2022 0.5366 kg CO2/kWh, GWP AR5 CH4 28.
import { describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/carbon/activity.js';
import { readPlanFolder } from '../../src/planfolder/read.js';
import type { CarbonReportInput } from '../../src/reports/carbonReport.js';
import { carbonSection } from '../../src/reports/carbonSection.js';
import type { Block } from '../../src/reports/document.js';
import { headingText } from '../../src/reports/document.js';
import { renderHtml } from '../../src/reports/html.js';
import { buildReportDocument, buildReportModel, REPORT_SECTIONS } from '../../src/reports/index.js';
import { SHAOGUAN_DIR } from '../helpers/planFolder.js';

const folder = readPlanFolder(SHAOGUAN_DIR);
if (!folder.result.ok) throw new Error('plan folder invalid');
const plan = folder.result.plan;
const CITY = '440200';
const SOURCE = '测试数据';

const row = (year: number, sector: ActivityRecord['sector'], category: string, subsector: string | null, item: string, valueText: string, unit: string, isDemo = false) => ({
  regionCode: CITY,
  year,
  sector,
  category,
  subsector,
  item,
  valueText,
  unit,
  source: SOURCE,
  note: null,
  isDemo,
});

const RECORDS = [
  // 2021: clinker 125 万吨 → 1 250 000 t × 0.538 = 672 500 t CO2 (gross 2021)
  row(2021, 'ippu', 'cementClinker', null, 'clinker', '125', '万吨'),
  // 2022: clinker 100 万吨 → 538 000 t CO2
  row(2022, 'ippu', 'cementClinker', null, 'clinker', '100', '万吨'),
  // 2022: 100 000 non-dairy cattle × 47 kg = 4 700 t CH4 × 28 = 131 600 t CO2e
  row(2022, 'agriculture', 'enteric', null, 'otherCattle', '100000', '头'),
  // 2022: 100 000 万千瓦时 = 10^9 kWh × 0.5366 kg/kWh = 536 600 t CO2 (scope 2, apart from the gross total)
  row(2022, 'energy', 'purchasedElectricity', 'industry', 'electricity', '100000', '万千瓦时'),
  // GDP at constant 2020 prices and total energy: indicator 25 and 23 inputs
  row(2021, 'macro', 'gdp', null, 'constant-2020', '950000', '万元'),
  row(2022, 'macro', 'gdp', null, 'constant-2020', '1000000', '万元'),
  row(2021, 'macro', 'energyConsumption', null, 'total', '100000', '吨标准煤'),
  row(2022, 'macro', 'energyConsumption', null, 'total', '95000', '吨标准煤'),
];

const drivers = (gdpPc: number, ei: { from: number; to: number; percent: number }[]) => ({
  population: [],
  gdpPerCapita: [{ from: 2021, to: 2025, percent: gdpPc }],
  energyIntensity: ei,
  carbonIntensityOfEnergy: [],
});
const base = { population: 100, gdp: 1000, energy: 500, co2: 1000 };
const SCENARIOS: CarbonReportInput['scenarios'] = [
  // Peaks in 2022: 1000 → ×1.1 = 1100 → 1210 → ×1.1×0.85 = 1131.35 → 1057.81 → 989.05 (2025).
  // 2025 intensity = ei × cei = 0.5 × 0.85³ × 2 = 0.614125 t/万元 against 1 × (1 − 10 %) = 0.900.
  { params: { name: 'baseline', label: '测试达峰', baseYear: 2020, endYear: 2025, base, drivers: drivers(10, [{ from: 2023, to: 2025, percent: -15 }]), targets: { peakBy: 2030, intensity: [{ year: 2025, reductionPercent: 10 }] } } },
  // Grows 5 % a year to the end: the maximum is the last year, so it has not peaked.
  { params: { name: 'growth', label: '测试增长', baseYear: 2020, endYear: 2025, base, drivers: drivers(5, []), targets: { peakBy: 2030, intensity: [] } } },
];

const input = (records = RECORDS): CarbonReportInput => ({ records, overrides: [], scenarios: SCENARIOS });
const model = (year: number, carbon: CarbonReportInput | undefined = input()) => buildReportModel({ plan, revision: 1, year, observations: [], carbon });

function blocks(year: number, carbon?: CarbonReportInput): Block[] {
  return carbonSection.build(model(year, carbon)) ?? [];
}
const texts = (bs: Block[]) => bs.filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph').map((b) => b.text);
const table = (bs: Block[], title: string) => bs.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table' && b.title.includes(title))!;
const chart = (bs: Block[], title: string) => bs.find((b): b is Extract<Block, { type: 'chart' }> => b.type === 'chart' && b.title.includes(title))!;

describe('carbon chapter', () => {
  it('is registered before the data gaps and is left out when the caller read no carbon data', () => {
    const ids = REPORT_SECTIONS.map((s) => s.id);
    expect(ids.indexOf('carbon')).toBeGreaterThan(ids.indexOf('projects'));
    expect(ids.indexOf('carbon')).toBeLessThan(ids.indexOf('data-gaps'));
    const m = buildReportModel({ plan, revision: 1, year: 2022, observations: [] });
    expect(m.carbon).toBeNull();
    expect(carbonSection.build(m)).toBeNull();
  });

  it('reports the inventory by sector: gross, sink, net and scope 2 apart, and the change on the year before', () => {
    const bs = blocks(2022);
    // gross = 538 000 + 131 600 = 669 600 t = 67.0 万吨 (66.96); no forest rows → sink 0.0, net = gross
    // change = 669 600 / 672 500 − 1 = −0.43 % → 下降 0.4%
    expect(texts(bs)).toContain(
      '2022 年韶关市温室气体排放总量（不含土地利用变化和林业）为 67.0 万吨二氧化碳当量，林业碳汇 0.0 万吨，净排放 67.0 万吨；调入电力间接排放（范围二）53.7 万吨，单独报告，不计入排放总量。与 2021 年相比，排放总量下降 0.4%。',
    );
    const t = table(bs, '分部门');
    // shares: 538 000 / 669 600 = 80.35 % → 80.3; 131 600 / 669 600 = 19.65 % → 19.7 (one decimal)
    expect(t.rows).toEqual([
      ['能源活动', '0.0', '0.0'],
      ['工业生产过程', '53.8', '80.3'],
      ['农业', '13.2', '19.7'],
      ['废弃物处理', '0.0', '0.0'],
      ['排放总量（不含林业碳汇）', '67.0', '100.0'],
      ['土地利用变化和林业', '0.0', '—'],
      ['净排放量', '67.0', '—'],
      ['调入电力间接排放（范围二，单列）', '53.7', '—'],
    ]);
    expect(t.notes[0]).toContain('全球增温潜势取 AR5');
    expect(chart(bs, '排放构成').spec.series[0]!.values).toEqual([0, 53.8, 13.2, 0]);
  });

  it('lists the gases with the GWP of the set used', () => {
    const t = table(blocks(2022), '分气体');
    // CO2 538 000 t; CH4 4 700 t × 28 = 131 600 t CO2e = 13.2 万吨; no N2O. Gross 669 600 t:
    // shares 538 000 / 669 600 = 80.346 %, 131 600 / 669 600 = 19.654 % → 80.3 + 19.7 = 100.0 (of gross, sink apart)
    expect(t.columns[2]!.title).toBe('GWP（AR5）');
    expect(t.columns[4]!.title).toBe('占排放总量（%）');
    expect(t.rows).toEqual([
      ['二氧化碳（CO2）', '538000.0', '1', '53.8', '80.3'],
      ['甲烷（CH4）', '4700.0', '28', '13.2', '19.7'],
      ['氧化亚氮（N2O）', '0.0', '265', '0.0', '0.0'],
      ['排放总量（不含林业碳汇）', '', '', '67.0', '100.0'],
    ]);
  });

  it('states indicators 25 and 23 as computed, against the plan’s 2.054 baseline', () => {
    const ps = texts(blocks(2022));
    // 25: energy CO2 = scope 2 536 600 t ÷ 1 000 000 万元 = 0.5366 → 0.537 (GB/T 8170, 3 decimals);
    //     against 2.054: 1 − 0.5366 / 2.054 = 73.88 % → 73.9
    // 23: (1 − (95 000 / 1 000 000) ÷ (100 000 / 950 000)) × 100 = (1 − 0.9025) × 100 = 9.75
    expect(ps).toContain(
      '按清单计算，2022 年单位地区生产总值二氧化碳排放（指标 25）为 0.537 吨/万元，较 2020 年基准值 2.054 吨/万元下降 73.9%；单位地区生产总值能耗下降率（指标 23）为 9.75%。以上为平台计算值，经年度调度审定后方作为指标值纳入评估。',
    );
    expect(ps.find((x) => x.startsWith('计算过程'))).toContain('能源活动CO2 536600 吨');
  });

  it('gives each scenario’s peak and the peak-before-2030 verdict', () => {
    const bs = blocks(2022);
    expect(table(bs, '峰值年份').rows).toEqual([
      ['测试达峰', '2022', '1210.0', '已达峰', '是', '2025 年达到（预计 0.614，目标 0.900 吨/万元）'],
      // 1000 × 1.05⁵ = 1276.3 in 2025, the last year
      ['测试增长', '2025', '1276.3', '至期末未达峰', '否', '—'],
    ]);
    expect(texts(bs)).toContain(
      '以 Kaya 恒等式（人口 × 人均 GDP × 能源强度 × 能源碳强度）加部门减排措施推算能源活动二氧化碳排放，共 2 个情景。测试达峰（2022 年达峰，峰值 1210.0 万吨）可在 2030 年前实现碳达峰；测试增长（至期末未达峰）不能实现 2030 年前达峰。',
    );
    // the chart's years are those every scenario covers among base year, 2025, 2030 and the end year
    const c = chart(bs, '各情景');
    expect(c.spec.categories).toEqual(['2020年', '2025年']);
    expect(c.spec.series.map((s) => s.values)).toEqual([
      [1000, 989.1],
      [1000, 1276.3],
    ]);
  });

  it('says there is no data for a year without activity rows, and why the indicators cannot be computed', () => {
    const ps = texts(blocks(2023));
    expect(ps).toContain('2023 年暂无数据：平台中尚无韶关市该年度的碳核算活动数据，未编制清单。');
    expect(ps.some((x) => x.startsWith('指标 25（单位地区生产总值二氧化碳排放）无法计算：2023 年没有能源活动数据'))).toBe(true);
  });

  it('marks demo data in the chapter and on the cover', () => {
    const demo = RECORDS.map((r) => ({ ...r, isDemo: true }));
    const m = model(2022, input(demo));
    expect(m.usesDemo).toBe(true);
    expect(table(carbonSection.build(m)!, '分部门').notes).toContain('注：本部分由示例数据计算（演示用，非真实统计），不得作为正式统计数据引用。');
    expect(model(2022).usesDemo).toBe(false);
  });

  it('renders as a numbered chapter of the report', () => {
    const doc = buildReportDocument(model(2022));
    const titles = doc.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 1).map(headingText);
    expect(titles.some((t) => /^[一二三四五六七八九十]+、碳达峰与温室气体排放$/.test(t))).toBe(true);
    const html = renderHtml(doc);
    expect(html).toContain('碳达峰与温室气体排放');
    expect(html).toContain('碳达峰情景的峰值年份与峰值');
  });
});
