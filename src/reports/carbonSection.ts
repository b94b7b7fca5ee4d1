// The carbon chapter of the annual report (碳达峰与温室气体排放): the year's inventory of the report's
// region (gross, the forest sink, net, scope 2 apart; by sector and by gas), indicators 25 and 23 as the carbon
// accounts compute them against the plan's baseline, and the saved peak scenarios with the "peak before 2030"
// verdict. Numbers come from the same pure src/carbon functions the API uses; nothing here reads the store.
import type { IndicatorOutcome } from '../carbon/indicators.js';
import { LABELS, type Gas } from '../carbon/inventory.js';
import type { CarbonReport } from './carbonReport.js';
import type { Block, ReportSection } from './document.js';
import { DEMO_LABEL, listZh, NO_DATA } from './format.js';
import type { ReportModel } from './model.js';
import { indicatorOfMeasure, type Measure } from '../plan/model.js';

/** “（指标 N）” for the plan's indicator of a measure, or nothing when the plan has none. */
const planTag = (m: ReportModel, measure: Measure) => {
  const i = indicatorOfMeasure(m.plan, measure);
  return i ? `（指标 ${i.code}）` : '';
};

const h = (level: 1 | 2 | 3, title: string): Block => ({ type: 'heading', level, title, numbered: true });
const p = (text: string, tone: 'normal' | 'conclusion' | 'warning' = 'normal'): Block => ({ type: 'paragraph', text, tone });
/** Tonnes → 万吨 with one decimal. */
const wan = (t: number) => (t / 1e4).toFixed(1);
const pct = (x: number) => (x * 100).toFixed(1);
const SECTOR_ORDER = ['energy', 'ippu', 'agriculture', 'waste'] as const;
const GAS_ZH: Record<Gas, string> = { CO2: '二氧化碳（CO2）', CH4: '甲烷（CH4）', N2O: '氧化亚氮（N2O）' };
const STATUS_ZH = { peaked: '已达峰', plateau: '处于峰值平台期', notPeaked: '至期末未达峰' } as const;
const DEMO_NOTE = `注：本部分由${DEMO_LABEL}计算（演示用，非真实统计），不得作为正式统计数据引用。`;
const ORDER = ['baseline', 'policy', 'enhanced'];

function inventoryBlocks(m: ReportModel, c: CarbonReport): Block[] {
  const inv = c.inventory;
  const t = inv.totals;
  const notes = c.usesDemo ? [DEMO_NOTE] : [];
  const scope = inv.rolledUp ? `（由所辖 ${inv.regionsUsed.length} 个县（市、区）数据合计）` : '';
  const blocks: Block[] = [h(2, '温室气体清单')];
  let text =
    `${m.year} 年${m.region.name}温室气体排放总量（不含土地利用变化和林业）为 ${wan(t.gross)} 万吨二氧化碳当量${scope}，` +
    `林业碳汇 ${wan(-t.lulucf)} 万吨，净排放 ${wan(t.net)} 万吨；调入电力间接排放（范围二）${wan(t.scope2)} 万吨，单独报告，不计入排放总量。`;
  if (c.previous && c.previous.totals.gross > 0) {
    const change = t.gross / c.previous.totals.gross - 1;
    text += `与 ${m.year - 1} 年相比，排放总量${change < 0 ? '下降' : change > 0 ? '上升' : '持平'}${change === 0 ? '' : ` ${pct(Math.abs(change))}%`}。`;
  }
  blocks.push(p(text));
  const sectorRows = SECTOR_ORDER.map((s) => [LABELS.sectors[s].zh, wan(t.bySector[s]), t.gross > 0 ? pct(t.bySector[s] / t.gross) : '—']);
  blocks.push({
    type: 'table',
    title: `${m.region.name}温室气体排放（分部门，${m.year}年）`,
    columns: [
      { title: '部门', width: 5, align: 'left' },
      { title: '排放量（万吨CO2当量）', width: 3, align: 'right' },
      { title: '占排放总量（%）', width: 2.5, align: 'right' },
    ],
    rows: [
      ...sectorRows,
      ['排放总量（不含林业碳汇）', wan(t.gross), t.gross > 0 ? '100.0' : '—'],
      [LABELS.sectors.lulucf.zh, wan(t.lulucf), '—'],
      ['净排放量', wan(t.net), '—'],
      ['调入电力间接排放（范围二，单列）', wan(t.scope2), '—'],
    ],
    notes: [`注：按《省级温室气体清单编制指南（试行）》分部门核算；全球增温潜势取 ${inv.gwpSet}（${inv.gwpValues.source}），排放因子表版本 ${inv.factorVersion}，电网因子取${inv.gridLevel === 'south' ? '南方区域' : '全国'}平均值。林业碳汇为负值。`, ...notes],
  });
  const gases: Gas[] = ['CO2', 'CH4', 'N2O'];
  blocks.push({
    type: 'table',
    title: `${m.region.name}温室气体排放（分气体，${m.year}年）`,
    columns: [
      { title: '气体', width: 4, align: 'left' },
      { title: '排放量（吨）', width: 3, align: 'right' },
      { title: `GWP（${inv.gwpSet}）`, width: 2, align: 'right' },
      { title: '万吨CO2当量', width: 3, align: 'right' },
      { title: '占排放总量（%）', width: 2.5, align: 'right' },
    ],
    rows: [
      ...gases.map((g) => [GAS_ZH[g], t.byGas[g].mass.toFixed(1), String(g === 'CO2' ? 1 : inv.gwpValues[g]), wan(t.byGas[g].co2e), t.byGas[g].shareText ?? '—']),
      ['排放总量（不含林业碳汇）', '', '', wan(t.gross), t.gross > 0 ? '100.0' : '—'],
    ],
    notes: ['注：各气体占排放总量（不含林业碳汇）的比例合计为 100%；林业碳汇单列于分部门表，不含调入电力间接排放。', ...notes],
  });
  blocks.push({
    type: 'chart',
    title: `${m.region.name}温室气体排放构成（${m.year}年）`,
    spec: {
      kind: 'hbar',
      width: 640,
      height: 240,
      categories: SECTOR_ORDER.map((s) => LABELS.sectors[s].zh),
      series: [{ name: '排放量', values: SECTOR_ORDER.map((s) => Number(wan(t.bySector[s]))), color: '#b45309', labels: SECTOR_ORDER.map((s) => wan(t.bySector[s])) }],
      axisName: '万吨CO2当量',
    },
    notes,
  });
  if (inv.warnings.length) blocks.push(p(`说明：${inv.warnings.map((w) => w.zh).join('；')}。`));
  return blocks;
}

function intensityBlocks(m: ReportModel, c: CarbonReport): Block[] {
  const blocks: Block[] = [h(2, '碳排放强度')];
  // The plan's own indicators of these measures (the default plan's 25 and 23); without one, the value is named alone.
  const i25 = indicatorOfMeasure(m.plan, 'carbon.co2Intensity');
  const i23 = indicatorOfMeasure(m.plan, 'carbon.energyIntensityDecline');
  const tag = (i: { code: number } | null) => (i ? `（指标 ${i.code}）` : '');
  const parts: string[] = [];
  const o25 = c.indicators.indicator25;
  const named = (i: { code: number } | null, name: string) => (i ? `指标 ${i.code}（${name}）` : name);
  if ('error' in o25) parts.push(`${named(i25, '单位地区生产总值二氧化碳排放')}无法计算：${o25.error.message}`);
  else {
    const base = i25?.baseline.value ?? null;
    const vs = base ? `，较 ${i25!.baseline.year} 年基准值 ${i25!.baseline.text} ${i25!.unit}${o25.value <= base ? '下降' : '上升'} ${pct(Math.abs(1 - o25.value / base))}%` : '';
    parts.push(`按清单计算，${m.year} 年单位地区生产总值二氧化碳排放${tag(i25)}为 ${o25.valueText} ${o25.unit}${vs}`);
  }
  const o23 = c.indicators.indicator23;
  if ('error' in o23) parts.push(`${named(i23, '单位地区生产总值能耗下降率')}无法计算：${o23.error.message}`);
  else parts.push(`单位地区生产总值能耗下降率${tag(i23)}为 ${o23.valueText}%`);
  blocks.push(p(`${parts.join('；')}。以上为平台计算值，经年度调度审定后方作为指标值纳入评估。`));
  const prov = ([[o25, '单位地区生产总值二氧化碳排放', i25], [o23, '单位地区生产总值能耗下降率', i23]] as const).filter(([o]) => !('error' in o));
  if (prov.length) blocks.push(p(`计算过程：${prov.map(([o, name, i]) => `${i ? `指标 ${i.code}` : name}：${(o as Exclude<IndicatorOutcome['indicator25'], { error: unknown }>).provenance}`).join('；')}。`));
  return blocks;
}

function scenarioBlocks(c: CarbonReport): Block[] {
  const blocks: Block[] = [h(2, '碳达峰情景')];
  const list = [...c.scenarios].sort((a, b) => (ORDER.includes(a.name) ? ORDER.indexOf(a.name) : 9) - (ORDER.includes(b.name) ? ORDER.indexOf(b.name) : 9) || a.name.localeCompare(b.name));
  if (!list.length) {
    blocks.push(p(`尚未保存碳达峰情景（${NO_DATA}）。`));
    return blocks;
  }
  const deadline = list[0]!.peak.deadline;
  const on = list.filter((r) => r.peak.beforeDeadline);
  const off = list.filter((r) => !r.peak.beforeDeadline);
  const lines = [
    `以 Kaya 恒等式（人口 × 人均 GDP × 能源强度 × 能源碳强度）加部门减排措施推算能源活动二氧化碳排放，共 ${list.length} 个情景。`,
    on.length ? `${listZh(on.map((r) => `${r.label}（${r.peak.peakYear} 年达峰，峰值 ${r.peak.peakValue.toFixed(1)} 万吨）`))}可在 ${deadline} 年前实现碳达峰` : `没有情景在 ${deadline} 年前实现碳达峰`,
  ];
  if (off.length) lines.push(`${listZh(off.map((r) => `${r.label}（${STATUS_ZH[r.peak.status]}${r.peak.status === 'notPeaked' ? '' : `，峰值年份 ${r.peak.peakYear} 年`}）`))}不能实现 ${deadline} 年前达峰`);
  blocks.push(p(`${lines[0]}${lines.slice(1).join('；')}。`, off.length && !on.length ? 'warning' : 'conclusion'));
  blocks.push({
    type: 'table',
    title: '碳达峰情景的峰值年份与峰值',
    columns: [
      { title: '情景', width: 4, align: 'left' },
      { title: '峰值年份', width: 2 },
      { title: '峰值（万吨CO2）', width: 2.6, align: 'right' },
      { title: '状态', width: 2.6 },
      { title: `${deadline}年前达峰`, width: 2.2 },
      { title: '强度目标', width: 4, align: 'left' },
    ],
    rows: list.map((r) => [
      r.label,
      String(r.peak.peakYear),
      r.peak.peakValue.toFixed(1),
      STATUS_ZH[r.peak.status],
      r.peak.beforeDeadline ? '是' : '否',
      r.intensityGaps.length ? r.intensityGaps.map((g) => `${g.year} 年${g.met ? '达到' : '未达到'}（预计 ${g.projectedIntensity.toFixed(3)}，目标 ${g.targetIntensity.toFixed(3)} 吨/万元）`).join('；') : '—',
    ]),
    notes: [
      `注：峰值为情景期内能源活动二氧化碳排放的最大值；期末排放仍在峰值的 ${list[0]!.params.plateauTolerancePercent}% 以内为“峰值平台期”，不视为已达峰。强度目标为较基年的下降幅度。`,
      ...(c.failed.length ? [`注：情景 ${c.failed.map((f) => `${f.name}（${f.reason}）`).join('、')} 无法计算，未列入。`] : []),
      ...(c.usesDemo ? [DEMO_NOTE] : []),
    ],
  });
  const years = [...new Set([list[0]!.params.baseYear, 2025, deadline, list[0]!.params.endYear])].filter((y) => list.every((r) => r.years.some((x) => x.year === y))).sort((a, b) => a - b);
  const colors = ['#b91c1c', '#d97706', '#15803d', '#2563eb', '#7c3aed'];
  blocks.push({
    type: 'chart',
    title: '各情景能源活动二氧化碳排放',
    spec: {
      kind: 'bar',
      width: 640,
      height: 300,
      categories: years.map((y) => `${y}年`),
      series: list.map((r, i) => ({ name: r.label, values: years.map((y) => Number(r.years.find((x) => x.year === y)!.co2.toFixed(1))), color: colors[i % colors.length] })),
      axisName: '万吨CO2',
      legend: true,
    },
    notes: c.usesDemo ? [DEMO_NOTE] : [],
  });
  return blocks;
}

export const carbonSection: ReportSection = {
  id: 'carbon',
  title: '碳达峰与温室气体排放',
  build(m) {
    const c = m.carbon;
    if (!c) return null;
    const blocks: Block[] = [
      h(1, '碳达峰与温室气体排放'),
      p(`规划要求定期编制温室气体排放清单，落实单位地区生产总值二氧化碳排放${planTag(m, 'carbon.co2Intensity')}和能耗下降率${planTag(m, 'carbon.energyIntensityDecline')}等指标，推动 2030 年前实现碳达峰。本部分按平台碳核算结果编写。`),
    ];
    if (!c.inventory.lines.length) blocks.push(h(2, '温室气体清单'), p(`${m.year} 年${NO_DATA}：平台中尚无${m.region.name}该年度的碳核算活动数据，未编制清单。`, 'warning'));
    else blocks.push(...inventoryBlocks(m, c));
    blocks.push(...intensityBlocks(m, c), ...scenarioBlocks(c));
    return blocks;
  },
};
