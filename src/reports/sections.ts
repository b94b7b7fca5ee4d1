// The sections of the annual report, as a registry: each entry builds its blocks from the shared ReportModel, or
// returns null when its part does not exist (a plan without key projects has no projects section). A later
// capability (monitoring, GEP, carbon accounting) adds its section by adding an entry here — or by passing its own
// list to buildReportDocument — and both renderers pick it up. Every sentence is generated from the data.
import type { IndicatorEvaluation } from '../plan/evaluation.js';
import { horizonsOf, targetOf } from '../plan/horizons.js';
import type { Domain, Plan } from '../plan/model.js';
import { diffPlans, planInForce } from '../plan/revisions.js';
import { planLevelTerm } from '../plan/views.js';
import { numberBlocks, type Block, type ChartSpec, type ReportDocument, type ReportSection } from './document.js';
import { dateZh, DEMO_LABEL, listZh, NO_DATA, percentText, STATUS_ZH, withUnit } from './format.js';
import type { IndicatorRow, ReportModel } from './model.js';
import type { ProjectSummary } from '../projects/rollups.js';
import { gepSection } from './gepSection.js'; // the GEP chapter
import { carbonSection } from './carbonSection.js'; // the carbon chapter
import { assessmentSection } from './assessmentSection.js'; // the assessment chapter
import { airEditionParagraphs, airIndicatorNote, airIndicatorRows } from './airEditions.js'; // air standard editions

const DEMO_NOTE = `注：标“*”的数值为${DEMO_LABEL}（演示用，非真实统计），不得作为正式统计数据引用。`;
const BINDING_MARK = '▲';

const COLORS = { attained: '#3a8a3f', not_attained: '#c0392b', no_data: '#9e9e9e', not_applicable: '#d0d0d0', bar: '#2f5d8a' } as const;

const h = (level: 1 | 2 | 3, title: string, numbered = true): Block => ({ type: 'heading', level, title, numbered });
const p = (text: string, tone: 'normal' | 'conclusion' | 'warning' = 'normal'): Block => ({ type: 'paragraph', text, tone });
const demoMark = (text: string, demo: boolean) => (demo ? `${text}*` : text);
const inProse = (text: string, demo: boolean) => (demo ? `${text}（${DEMO_LABEL}）` : text);
const named = (e: { code: number; name: string }) => `${e.code}“${e.name}”`;

function horizonLabel(m: ReportModel): string {
  const hz = Number(m.evaluation.indicators[0]?.horizon ?? m.plan.meta.horizons[0]?.year);
  const label = m.plan.meta.horizons.find((x) => x.year === hz)?.label ?? '';
  return `${hz} 年${label ? `（${label}）` : ''}目标`;
}

function countsOf(evs: readonly IndicatorEvaluation[]) {
  const c = { total: evs.length, attained: 0, not_attained: 0, no_data: 0, not_applicable: 0, red: 0, yellow: 0, grey: 0 };
  for (const e of evs) {
    c[e.status]++;
    if (e.warning) c[e.warning.level]++;
  }
  return c;
}

// ── 一、总体评估结论 ─────────────────────────────────────────────────────────────────────────────────────────

function judgement(m: ReportModel): string {
  const c = m.evaluation.summary.counts;
  const withData = c.attained + c.not_attained;
  if (!m.hasData || withData === 0) return `总体判断：${m.year} 年${NO_DATA}（尚无已审定的指标值），无法作出总体判断。`;
  const rate = c.attained / withData;
  const level = rate >= 0.9 ? '总体良好' : rate >= 0.75 ? '总体平稳' : rate >= 0.6 ? '基本正常，但部分指标明显滞后' : '总体滞后于规划要求';
  const parts = [`总体判断：${m.year} 年规划实施${level}，有数据的 ${withData} 项指标中 ${c.attained} 项达标，达标率 ${percentText(rate)}%`];
  const binding = m.rows.filter((r) => r.ind.binding);
  const missed = binding.filter((r) => r.ev.status === 'not_attained');
  const noData = binding.filter((r) => r.ev.status === 'no_data');
  if (!missed.length && !noData.length) parts.push('约束性指标全部达标');
  if (missed.length) parts.push(`${missed.length} 项约束性指标未达标（${listZh(missed.map((r) => named(r.ind)))}），应作为下一阶段推进的重点`);
  if (noData.length) parts.push(`${noData.length} 项约束性指标缺少数据（${noData.length > 5 ? `序号${listZh(noData.map((r) => String(r.ind.code)))}` : listZh(noData.map((r) => named(r.ind)))}），须补齐后方能判断`);
  const evaluated = c.total - c.not_applicable;
  if (evaluated > 0 && c.no_data / evaluated > 0.2) parts.push(`另有 ${c.no_data} 项指标无数据，占纳入评估指标的 ${percentText(c.no_data / evaluated)}%，评估结论的代表性受到限制`);
  const offTrack = m.rows.filter((r) => r.ev.projection && !r.ev.projection.meetsTarget);
  if (offTrack.length) parts.push(`按现有趋势，${listZh(offTrack.map((r) => named(r.ind)))}到 ${offTrack[0]!.ev.projection!.year} 年可能达不到目标`);
  let text = parts.join('；') + '。';
  if (m.usesDemo) text += `本报告使用了${DEMO_LABEL}，上述结论仅用于演示，不代表实际情况。`;
  return text;
}

function domainPhrase(m: ReportModel): string | null {
  if (!m.hasData) return null;
  const all: string[] = [];
  const some: string[] = [];
  for (const d of m.evaluation.summary.byDomain) {
    if (d.total === 0) continue;
    if (d.attained > 0 && d.not_attained === 0 && d.no_data === 0) all.push(d.name);
    else if (d.not_attained > 0 || d.no_data > 0)
      some.push(`${d.name}领域${[d.not_attained ? `未达标 ${d.not_attained} 项` : '', d.no_data ? `无数据 ${d.no_data} 项` : ''].filter(Boolean).join('、')}`);
  }
  const bits = [all.length ? `${listZh(all)}领域指标全部达标` : '', ...some].filter(Boolean);
  return bits.length ? `分领域看，${bits.join('；')}。` : null;
}

const summarySection: ReportSection = {
  id: 'summary',
  title: '总体评估结论',
  build(m) {
    const c = m.evaluation.summary.counts;
    const r = m.evaluation.summary.readiness;
    const scope = m.isPlanRegion ? m.region.name : `${m.region.name}（${({ city: '市级', county: '县级', town: '乡级' } as const)[m.region.level]}行政区，未报送的指标按${planLevelTerm(m.plan).whole}评估，记为不适用）`;
    const blocks: Block[] = [
      h(1, '总体评估结论'),
      p(
        `本报告依据《${m.plan.meta.name}》表1指标体系，对${scope} ${m.year} 年规划实施情况进行评估，适用${horizonLabel(m)}。` +
          `评估只采用已审定的指标值，数据截至 ${m.dataVersion.observationCount ? dateZh(m.dataDate) : '—'}（所用数据的版本标识见附件）。`,
      ),
    ];
    if (!m.hasData) blocks.push(p(`${m.year} 年${NO_DATA}：平台中尚无该年度已审定的指标值，各项指标均无法判断达标情况。请先录入并审定 ${m.year} 年数据后重新生成本报告。`, 'warning'));
    const evaluated = c.total - c.not_applicable;
    blocks.push(
      p(
        `规划共 ${c.total} 项指标，纳入本年度评估 ${evaluated} 项${c.not_applicable ? `（不适用 ${c.not_applicable} 项）` : ''}，其中达标 ${c.attained} 项，未达标 ${c.not_attained} 项，无数据 ${c.no_data} 项。` +
          `约束性指标 ${r.bindingTotal} 项，达标 ${r.bindingAttained} 项。`,
      ),
    );
    const missed = m.rows.filter((x) => x.ind.binding && x.ev.status === 'not_attained');
    const noData = m.rows.filter((x) => x.ind.binding && x.ev.status === 'no_data');
    if (missed.length)
      blocks.push(p(`未达标的约束性指标：${missed.map((x) => `${named(x.ind)}（${inProse(x.ev.reason.zh, x.ev.provisional)}）`).join('；')}。`, 'warning'));
    if (noData.length > 5) blocks.push(p(`无数据的约束性指标${noData.length}项（序号${listZh(noData.map((x) => String(x.ind.code)))}），所需数据见“数据缺口与统计需求”部分。`, 'warning'));
    else if (noData.length) blocks.push(p(`无数据的约束性指标：${noData.map((x) => `${named(x.ind)}（${x.ev.reason.zh}）`).join('；')}。`, 'warning'));
    if (!missed.length && !noData.length && r.bindingTotal > 0) blocks.push(p(`${r.bindingTotal} 项约束性指标全部达标。`));
    if (c.red + c.yellow + c.grey > 0)
      blocks.push(p(`预警情况：红色预警 ${c.red} 项，黄色预警 ${c.yellow} 项，灰色预警（缺少数据）${c.grey} 项；各项预警及原因见分领域评估和数据缺口部分。`));
    const phrase = domainPhrase(m);
    if (phrase) blocks.push(p(phrase));
    blocks.push(p(judgement(m), 'conclusion'));

    const byDomain = m.plan.domains.map((d) => {
      const evs = m.rows.filter((x) => x.ind.domainId === d.id).map((x) => x.ev);
      return { d, c: countsOf(evs) };
    });
    const row = (name: string, k: ReturnType<typeof countsOf>) => [name, k.total, k.attained, k.not_attained, k.no_data, k.not_applicable, k.red, k.yellow].map(String);
    blocks.push({
      type: 'table',
      title: `分领域指标评估汇总（${m.year}年）`,
      columns: [
        { title: '领域', width: 3, align: 'left' },
        { title: '指标数', width: 2 },
        { title: '达标', width: 2 },
        { title: '未达标', width: 2 },
        { title: '无数据', width: 2 },
        { title: '不适用', width: 2 },
        { title: '红色预警', width: 2 },
        { title: '黄色预警', width: 2 },
      ],
      rows: [...byDomain.map(({ d, c: k }) => row(d.name, k)), row('合计', countsOf(m.rows.map((x) => x.ev)))],
      notes: m.usesDemo ? [`注：本年度评估使用了${DEMO_LABEL}（演示用，非真实统计）。`] : [],
      totalRow: true,
    });
    if (m.hasData) {
      const statuses = ['attained', 'not_attained', 'no_data', 'not_applicable'] as const;
      const spec: ChartSpec = {
        kind: 'hbar',
        width: 640,
        height: 320,
        categories: byDomain.map(({ d }) => d.name),
        series: statuses.map((s) => ({ name: STATUS_ZH[s], values: byDomain.map(({ c: k }) => k[s]), color: COLORS[s], stack: 'status' })),
        axisName: '指标数（项）',
        legend: true,
      };
      blocks.push({ type: 'chart', title: `各领域指标达标情况（${m.year}年）`, spec, notes: m.usesDemo ? [`注：含${DEMO_LABEL}。`] : [] });
    }
    return blocks;
  },
};

// ── 二、分领域评估 ───────────────────────────────────────────────────────────────────────────────────────────

function shortName(name: string, max = 14): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

function changeSentence(x: IndicatorRow): string {
  const ch = x.change!;
  const unit = x.ind.unit;
  const abs = ch.deltaText.replace(/^-/, '');
  const verb = ch.trend === 0 ? '持平' : ch.deltaText.startsWith('-') ? '下降' : '上升';
  const amount = unit === '%' ? `${abs} 个百分点` : withUnit(abs, unit);
  const rel = unit !== '%' && ch.relativeText !== null ? `，${ch.relativeText}%` : '';
  const body = ch.trend === 0 ? `保持${withUnit(ch.toText, unit)}` : `由${withUnit(ch.fromText, unit)}${verb}至${withUnit(ch.toText, unit)}（${verb}${amount}${rel}）`;
  return inProse(`${named(x.ind)}${body}`, ch.demo);
}

function domainBlocks(m: ReportModel, d: Domain): Block[] {
  const rows = m.rows.filter((x) => x.ind.domainId === d.id);
  const k = countsOf(rows.map((x) => x.ev));
  const hasData = rows.some((x) => x.valueText !== '—');
  const binding = rows.filter((x) => x.ind.binding).length;
  const blocks: Block[] = [
    h(2, `${d.name}领域`),
    h(3, '指标完成情况'),
    p(
      `${d.name}领域包括${listZh(d.taskAreas.map((t) => t.name))}等任务，共 ${rows.length} 项指标（约束性 ${binding} 项）。` +
        (hasData
          ? `${m.year} 年达标 ${k.attained} 项，未达标 ${k.not_attained} 项，无数据 ${k.no_data} 项${k.not_applicable ? `，不适用 ${k.not_applicable} 项` : ''}。`
          : `${m.year} 年本领域${NO_DATA}。`),
    ),
  ];
  const demo = rows.some((x) => x.valueDemo);
  const horizons = horizonsOf(m.plan);
  blocks.push({
    type: 'table',
    title: `${d.name}领域指标完成情况（${m.year}年）`,
    columns: [
      { title: '序号', width: 1.3 },
      { title: '指标', width: 4.8, align: 'left' },
      { title: '单位', width: 1.9 },
      { title: '基准值', width: 2 },
      { title: '本年值', width: 2 },
      // One column per horizon of the plan, headed by its year; two share the width the former fixed 2025/2035 columns had.
      ...horizons.map((h) => ({ title: `${h}目标`, width: Math.min(2.2, 4.4 / horizons.length) })),
      { title: '达标情况', width: 2.3 },
      { title: '进展', width: 2 },
    ],
    rows: rows.map((x) => [
      String(x.ind.code),
      `${x.ind.name}${x.ind.binding ? BINDING_MARK : ''}`,
      x.ind.unit,
      x.baselineText,
      demoMark(x.valueText, x.valueDemo),
      ...horizons.map((h) => targetOf(x.ind, h).text),
      x.statusText,
      x.progressText,
    ]),
    notes: [
      `注：指标名称后标“${BINDING_MARK}”者为约束性指标；达标情况按${horizonLabel(m)}判断，进展按基准年至本年的年均变化率评估（见评估方法）。`,
      ...(demo ? [DEMO_NOTE] : []),
      ...[airIndicatorNote(m.year, rows)].filter((n): n is string => n !== null),
    ],
  });

  // The chart: this year's value against the numeric target; where no indicator has one, the attainment counts.
  if (hasData) {
    const withTarget = rows.filter((x) => x.completion);
    if (withTarget.length) {
      const cap = (v: number) => Math.min(v, 150);
      blocks.push({
        type: 'chart',
        title: `${d.name}领域指标目标完成度（${m.year}年）`,
        spec: {
          kind: 'hbar',
          width: 640,
          height: Math.max(200, 60 + withTarget.length * 34),
          categories: withTarget.map((x) => `${x.ind.code} ${shortName(x.ind.name)}`),
          series: [
            {
              name: '目标完成度',
              values: withTarget.map((x) => cap(x.completion!.percent)),
              colors: withTarget.map((x) => COLORS[x.ev.status]),
              labels: withTarget.map((x) => `${x.completion!.percentText}%${x.valueDemo ? '*' : ''}`),
            },
          ],
          axisName: '%',
          markLine: { value: 100, label: '目标' },
        },
        notes: [
          `注：目标完成度 = 本年值 ÷ 目标值 × 100%（数值越低越好的指标为目标值 ÷ 本年值）；仅含有数值目标的指标，超过 150% 的按 150% 绘制；绿色为达标，红色为未达标。`,
          ...(withTarget.some((x) => x.valueDemo) ? [`注：标“*”者为${DEMO_LABEL}。`] : []),
        ],
      });
    } else {
      const statuses = ['attained', 'not_attained', 'no_data', 'not_applicable'] as const;
      blocks.push({
        type: 'chart',
        title: `${d.name}领域指标达标情况（${m.year}年）`,
        spec: {
          kind: 'bar',
          width: 640,
          height: 280,
          categories: statuses.map((s) => STATUS_ZH[s]),
          series: [{ name: '指标数', values: statuses.map((s) => k[s]), colors: statuses.map((s) => COLORS[s]), labels: statuses.map((s) => String(k[s])) }],
          axisName: '项',
        },
        notes: demo ? [`注：含${DEMO_LABEL}。`] : [],
      });
    }
  } else {
    blocks.push(p(`本领域 ${m.year} 年${NO_DATA}，未绘制图表。`));
  }

  blocks.push(h(3, '主要变化'));
  const changes = rows.filter((x) => x.change);
  if (m.previousYear === null) blocks.push(p(`${m.year} 年为规划基准年，无上年数据可比。`));
  else if (!changes.length) blocks.push(p(`与 ${m.previousYear} 年相比${NO_DATA}可作比较（本年或上年缺少数值）。`));
  else {
    const better = changes.filter((x) => x.change!.trend > 0).sort((a, b) => b.change!.score - a.change!.score || a.ind.code - b.ind.code);
    const worse = changes.filter((x) => x.change!.trend < 0).sort((a, b) => a.change!.score - b.change!.score || a.ind.code - b.ind.code);
    const flat = changes.filter((x) => x.change!.trend === 0);
    const lines: string[] = [`与 ${m.previousYear} 年相比，有两年数值可比的指标 ${changes.length} 项：改善 ${better.length} 项，退步 ${worse.length} 项，持平 ${flat.length} 项。`];
    if (better.length) lines.push(`改善最明显的是${better.slice(0, 3).map(changeSentence).join('；')}。`);
    if (worse.length) lines.push(`出现退步的是${worse.map(changeSentence).join('；')}，需分析原因并加以改进。`);
    if (flat.length && flat.length <= 3) lines.push(`持平的是${flat.map(changeSentence).join('；')}。`);
    blocks.push(p(lines.join('')));
  }

  blocks.push(h(3, '预警与原因'));
  const warned = rows.filter((x) => x.ev.warning && x.ev.warning.level !== 'grey');
  const grey = rows.filter((x) => x.ev.warning?.level === 'grey');
  if (warned.length)
    for (const x of warned) blocks.push(p(`${x.ev.warning!.level === 'red' ? '红色预警' : '黄色预警'}：${inProse(x.ev.warning!.reason.zh, x.ev.provisional)}。`, x.ev.warning!.level === 'red' ? 'warning' : 'normal'));
  else if (hasData) blocks.push(p('本领域无红色、黄色预警。'));
  if (grey.length) blocks.push(p(`${grey.length} 项指标缺少数据（灰色预警：${listZh(grey.map((x) => named(x.ind)))}），所需数据见“数据缺口与统计需求”部分。`));
  if (!hasData && !warned.length && !grey.length) blocks.push(p(`${NO_DATA}。`));
  return blocks;
}

const domainsSection: ReportSection = {
  id: 'domains',
  title: '分领域评估',
  build(m) {
    if (!m.plan.domains.length) return null;
    return [
      h(1, '分领域评估'),
      p(`按规划确定的${listZh(m.plan.domains.map((d) => d.name))}${m.plan.domains.length === 6 ? '六大' : '各'}领域，逐项列出指标完成情况、与上年相比的主要变化以及预警。`),
      ...m.plan.domains.flatMap((d) => domainBlocks(m, d)),
    ];
  },
};

// ── 三、重点工程项目 ─────────────────────────────────────────────────────────────────────────────────────────

const projectsSection: ReportSection = {
  id: 'projects',
  title: '重点工程项目实施情况',
  build(m) {
    if (!m.projects.all.length) return null;
    const { summary } = m.projects;
    const withProgress = summary !== null && summary.byYear.some((y) => y.completed !== '0.00' || y.planned !== '0.00');
    return withProgress ? libraryBlocks(m, summary) : appendixBlocks(m);
  },
};

/** Investment by category: table 2 of the library (with the year's figures when progress is reported). */
function investmentChart(m: ReportModel): Block {
  const { categoryTotals } = m.projects;
  return {
    type: 'chart',
    title: '重点工程项目规划投资（按工程类别）',
    spec: {
      kind: 'hbar',
      width: 640,
      height: 60 + categoryTotals.length * 44,
      categories: categoryTotals.map((c) => c.category),
      series: [{ name: '投资', values: categoryTotals.map((c) => c.investment), color: COLORS.bar, labels: categoryTotals.map((c) => `${c.investmentText} (${c.shareText}%)`) }],
      axisName: '亿元',
    },
    notes: [],
  };
}

/** With yearly progress in the project library: investment completion, status and warnings of the year. */
function libraryBlocks(m: ReportModel, summary: ProjectSummary): Block[] {
  const { total, byCategory, warnings } = summary;
  const demo = m.projects.usesDemo;
  const yearRow = summary.byYear.find((y) => y.year === m.year);
  const red = warnings.filter((w) => w.level === 'red');
  const yellow = warnings.filter((w) => w.level === 'yellow');
  const intro =
    `重点工程项目库现有项目 ${total.count} 个，估算总投资 ${total.investment} 亿元` +
    (m.projects.total.investmentText === '603.58' && total.count === 24 ? '（与规划文本表2一致）' : '（含项目库动态调整，规划文本表2为 24 个、603.58 亿元）') +
    '。' +
    (m.projects.reportedThisYear
      ? `${m.year} 年计划投资 ${inProse(yearRow?.planned ?? '0.00', demo)} 亿元，完成投资 ${inProse(yearRow?.completed ?? '0.00', demo)} 亿元；`
      : `${m.year} 年尚无项目进展填报（${NO_DATA}），以下按截至上年的填报统计；`) +
    `截至 ${m.year} 年底累计完成投资占总投资的 ${total.completionRate ?? '—'}%。` +
    (red.length || yellow.length ? `按建设期限和进度，${red.length} 个项目红色预警、${yellow.length} 项黄色预警（见下表）。` : '按建设期限和进度，未发现滞后项目。');
  const blocks: Block[] = [
    h(1, '重点工程项目实施情况'),
    p(intro),
    h(2, '投资完成情况'),
    {
      type: 'table',
      title: `重点工程项目投资完成情况（${m.year}年）`,
      columns: [
        { title: '工程类别', width: 5, align: 'left' },
        { title: '项目数（个）', width: 2 },
        { title: '总投资（亿元）', width: 2.4, align: 'right' },
        { title: '占比（%）', width: 1.8, align: 'right' },
        { title: `${m.year}年计划（亿元）`, width: 2.4, align: 'right' },
        { title: `${m.year}年完成（亿元）`, width: 2.4, align: 'right' },
        { title: '累计完成率（%）', width: 2.2, align: 'right' },
      ],
      rows: [...byCategory, total].map((r) => [r.name, String(r.count), r.investment, r.share, demoMark(r.planned, demo), demoMark(r.completed, demo), demoMark(r.completionRate ?? '—', demo)]),
      notes: ['注：按项目库各项目投资精确汇总；累计完成率＝截至本年底累计完成投资／总投资，四舍五入保留一位小数。', ...(demo ? [DEMO_NOTE] : [])],
      totalRow: true,
    },
    investmentChart(m),
    h(2, '进度预警'),
  ];
  if (warnings.length)
    blocks.push({
      type: 'table',
      title: `重点工程项目进度预警（截至${m.year}年底）`,
      columns: [
        { title: '级别', width: 1.4 },
        { title: '类型', width: 2 },
        { title: '说明', width: 12, align: 'left' },
      ],
      rows: warnings.map((w) => [w.level === 'red' ? '红色' : '黄色', WARNING_KIND_ZH[w.kind], w.message]),
      notes: [`注：建设期已满未完工为红色预警；形象进度落后于建设期已过比例超过 20 个百分点、状态为延期或暂停、累计完成投资超过总投资为黄色预警（方法见 docs/projects.md）。`, ...(demo ? [`注：进展数据含${DEMO_LABEL}。`] : [])],
    });
  else blocks.push(p(`截至 ${m.year} 年底，没有建设期已满未完工或进度明显滞后的项目。`));
  if (m.projects.endingThisYear.length)
    blocks.push(p(`建设期于 ${m.year} 年届满的项目 ${m.projects.endingThisYear.length} 个（${listZh(m.projects.endingThisYear.map((x) => `${x.no}“${x.name}”`))}）。`));
  return blocks;
}

const WARNING_KIND_ZH: Record<ProjectSummary['warnings'][number]['kind'], string> = {
  overdue: '到期未完工',
  behind_schedule: '进度滞后',
  stalled: '延期或暂停',
  over_budget: '超概算',
};

/** Without yearly progress: the plan's investment distribution and the projects whose period has ended. */
function appendixBlocks(m: ReportModel): Block[] {
  const { categoryTotals, total, overdue, endingThisYear } = m.projects;
  const blocks: Block[] = [
    h(1, '重点工程项目实施情况'),
    p(
      `规划附表确定重点工程项目 ${total.count} 个，估算总投资 ${total.investmentText} 亿元（规划文本表2）。` +
        `平台目前尚无项目年度实施进度和完成投资数据（${NO_DATA}），本部分只列示规划投资分布，并按规划确定的建设年限列出建设期已满的项目，不对项目完成情况作推断。`,
    ),
    h(2, '规划投资分布'),
    {
      type: 'table',
      title: '重点工程项目投资分布（规划文本表2）',
      columns: [
        { title: '工程类别', width: 6, align: 'left' },
        { title: '项目数（个）', width: 2.4 },
        { title: '投资（亿元）', width: 2.6, align: 'right' },
        { title: '占比（%）', width: 2.2, align: 'right' },
      ],
      rows: [...categoryTotals.map((c) => [c.category, String(c.count), c.investmentText, c.shareText]), ['合计', String(total.count), total.investmentText, '100.0']],
      notes: ['注：按规划附表各项目投资精确汇总，占比四舍五入保留一位小数。'],
      totalRow: true,
    },
    investmentChart(m),
    h(2, '建设期已满的项目'),
  ];
    if (overdue.length) {
      blocks.push(p(`按规划确定的建设年限，截至 ${m.year} 年已有 ${overdue.length} 个项目建设期已满（结束年份早于 ${m.year} 年），需核实完成情况。`));
      blocks.push({
        type: 'table',
        title: `建设期已满的重点工程项目（截至${m.year}年）`,
        columns: [
          { title: '序号', width: 1.2 },
          { title: '项目名称', width: 6, align: 'left' },
          { title: '建设年限', width: 2.4 },
          { title: '投资（亿元）', width: 2 },
          { title: '牵头单位', width: 3.4, align: 'left' },
          { title: '状态', width: 3.4, align: 'left' },
        ],
        rows: overdue.map((x) => [String(x.no), x.name, `${x.startYear}—${x.endYear}`, x.investmentText, listZh(x.leads), '建设期已满，需核实完成情况']),
        notes: ['注：平台尚无项目进度数据，“需核实”不表示项目未完成。'],
      });
    } else blocks.push(p(`截至 ${m.year} 年，尚无建设期已满的项目。`));
    if (endingThisYear.length)
      blocks.push(p(`另有 ${endingThisYear.length} 个项目的建设期于 ${m.year} 年届满（${listZh(endingThisYear.map((x) => `${x.no}“${x.name}”`))}），宜在年度内核实进度。`));
    return blocks;
}

// ── 规划修订情况 (only for a revised plan) ───────────────────────────────────────────────────────────────────

/** What a revision changed, in one line per indicator, for the report's table. */
function changesZh(prev: Plan, next: Plan): string {
  const d = diffPlans(prev, next);
  const kind = { added: '新增', retired: '退出', changed: '调整' } as const;
  const lines = d.indicators.map((c) => {
    const parts = [
      ...c.targets.map((t) => `${t.horizon} 年目标 ${t.from ?? '—'}→${t.to ?? '—'}`),
      ...c.definition.map((x) => `口径变化（${x.from ?? '—'}→${x.to ?? '—'}，前后数值不可比）`),
      ...(c.departments ? [`责任单位调整为${listZh(c.departments.to)}`] : []),
    ];
    return `指标${c.code}“${c.name}”${kind[c.kind]}${parts.length ? `：${parts.join('，')}` : ''}`;
  });
  if (d.projects.added.length) lines.push(`新增重点工程 ${d.projects.added.length} 个`);
  if (d.projects.removed.length) lines.push(`移出重点工程 ${d.projects.removed.length} 个`);
  if (d.projects.changed.length) lines.push(`调整重点工程 ${d.projects.changed.length} 个`);
  return lines.join('；') || '—';
}

const revisionsSection: ReportSection = {
  id: 'revisions',
  title: '规划修订情况',
  build(m) {
    const versions = [...(m.plan.earlier ?? []), m.plan];
    if (versions.length < 2) return null;
    const inForce = planInForce(m.plan, m.year);
    const r = inForce.revision;
    const basis = r && r.no > 0 ? `第 ${r.no} 次修订（${r.document ?? ''}，自 ${r.effectiveYear} 年起施行）` : '初次印发的版本';
    return [
      h(1, '规划修订情况'),
      p(`本规划实施以来经 ${versions.length - 1} 次修订。修订自其生效年份起施行，此前各年仍按当时施行的目标评估。本报告对 ${m.year} 年的评估依据${basis}的指标与目标。`),
      {
        type: 'table',
        title: '规划修订一览',
        columns: [
          { title: '修订', width: 1.2 },
          { title: '施行年份', width: 1.6 },
          { title: '批复文件', width: 3.4, align: 'left' },
          { title: '事由', width: 3, align: 'left' },
          { title: '主要改动', width: 6.5, align: 'left' },
        ],
        rows: versions.slice(1).map((v, i) => [String(v.revision?.no ?? i + 1), String(v.revision?.effectiveYear ?? ''), v.revision?.document ?? '—', v.revision?.reason ?? '—', changesZh(versions[i]!, v)]),
        notes: ['注：口径变化的指标，修订前后的数值不可直接比较。'],
      },
    ];
  },
};

// ── 四、数据缺口 ───────────────────────────────────────────────────────────────────────────────────────────

const dataGapsSection: ReportSection = {
  id: 'data-gaps',
  title: '数据缺口与统计需求',
  build(m) {
    const blocks: Block[] = [h(1, '数据缺口与统计需求')];
    const noStats = m.rows.filter((x) => x.ind.baseline.noData);
    blocks.push(h(2, '尚无统计数据的指标'));
    if (noStats.length) {
      const notes = m.plan.notes.filter((n) => n.indicators.some((c) => noStats.some((x) => x.ind.code === c)));
      blocks.push(p(`规划编制时，${listZh(noStats.map((x) => named(x.ind)))}共 ${noStats.length} 项指标暂无统计数据${notes.length ? `（表1注${listZh(notes.map((n) => String(n.no)))}：“${notes.map((n) => n.text.replace(/[；。]$/, '')).join('；')}”）` : ''}。${m.year} 年情况如下。`));
      blocks.push({
        type: 'table',
        title: `尚无统计数据的指标（${m.year}年情况）`,
        columns: [
          { title: '序号', width: 1.1 },
          { title: '指标', width: 5, align: 'left' },
          { title: '责任单位', width: 3.2, align: 'left' },
          { title: '本年度情况', width: 3, align: 'left' },
          { title: '需要补充', width: 5, align: 'left' },
        ],
        rows: noStats.map((x) => [
          String(x.ind.code),
          x.ind.name,
          listZh(x.ind.departments),
          x.valueText === '—' ? '仍无数据' : `已有数值 ${demoMark(withUnit(x.valueText, x.ind.unit), x.valueDemo)}`,
          x.ev.status === 'no_data' ? x.ev.reason.zh : '建立稳定的统计口径和报送制度，保持逐年统计',
        ]),
        notes: noStats.some((x) => x.valueDemo) ? [DEMO_NOTE] : [],
      });
    } else blocks.push(p('规划指标均有统计基础。'));

    blocks.push(h(2, `${m.year}年无数据的指标`));
    const missing = m.rows.filter((x) => x.ev.status === 'no_data');
    if (!m.hasData) blocks.push(p(`${m.year} 年${NO_DATA}：尚无该年度已审定的指标值，以下 ${missing.length} 项指标均需录入数据。`, 'warning'));
    if (missing.length) {
      if (m.hasData) blocks.push(p(`${m.year} 年共有 ${missing.length} 项指标无数据，无法判断是否达标；所需数据如下。`));
      blocks.push({
        type: 'table',
        title: `无数据的指标及所需数据（${m.year}年）`,
        columns: [
          { title: '序号', width: 1.1 },
          { title: '指标', width: 5, align: 'left' },
          { title: '属性', width: 1.8 },
          { title: '责任单位', width: 3.4, align: 'left' },
          { title: '所需数据（评估说明）', width: 6, align: 'left' },
        ],
        rows: missing.map((x) => [String(x.ind.code), x.ind.name, x.ind.binding ? '约束性' : '参考性', listZh(x.ind.departments), x.ev.reason.zh]),
        notes: [],
      });
    } else blocks.push(p(`${m.year} 年纳入评估的指标均有数据。`));

    const air = airIndicatorRows(m.rows);
    if (air.goodDays || air.pm25) {
      blocks.push(h(2, '环境空气质量评价标准的版本'));
      for (const text of airEditionParagraphs(m.year)) blocks.push(p(text, m.year >= 2026 && text.startsWith('HJ 663-2026') ? 'warning' : 'normal'));
    }
    return blocks;
  },
};

// ── 附件 ───────────────────────────────────────────────────────────────────────────────────────────────────

const annexSection: ReportSection = {
  id: 'annex',
  title: '附件：数据来源与审定记录',
  build(m) {
    const blocks: Block[] = [
      h(1, '附件　数据来源与审定记录', false),
      p(
        `本附件列出报告所用的每一个数值及其来源和审定记录。报告只采用已审定（approved）的指标值；规划文本表1的现状值作为基准年数值引用，来源记为“规划文本表1现状值”。` +
          `数据版本 ${m.dataVersion.id} 由规划标识、规划版本号（第 ${m.revision} 版）和本年度评估可读取的 ${m.dataVersion.observationCount} 条已审定指标值（标识、版本、数值、来源）的 SHA-256 摘要组成；数据版本相同，报告内容相同。`,
      ),
    ];
    if (!m.citations.length) {
      blocks.push(p(`${NO_DATA}：本报告未使用任何指标值。`));
      return blocks;
    }
    blocks.push({
      type: 'table',
      title: `报告所用数值的来源与审定记录（${m.year}年报告）`,
      columns: [
        { title: '指标', width: 3.4, align: 'left' },
        { title: '行政区', width: 1.5 },
        { title: '年份', width: 1.2 },
        { title: '数值', width: 1.8 },
        { title: '数据来源', width: 3.8, align: 'left' },
        { title: '状态', width: 1.9 },
        { title: '版本', width: 1.5 },
        { title: '录入时间', width: 2.4 },
        { title: '录入人', width: 1.5 },
      ],
      rows: m.citations.map((c) => [
        `${c.indicatorCode} ${c.indicatorName}`,
        c.regionName,
        String(c.year),
        demoMark(c.kind === 'assigned' ? `上级下达 ${c.valueText}` : c.valueText, c.isDemo),
        c.source,
        c.status,
        c.version,
        c.recordedAt ? c.recordedAt.slice(0, 19).replace('T', ' ') : '—',
        c.recordedBy,
      ]),
      notes: [`注：录入时间为协调世界时（UTC）。`, ...(m.citations.some((c) => c.isDemo) ? [DEMO_NOTE] : [])],
    });
    return blocks;
  },
};

/** The report's sections, in order. Add a capability's section here. */
export const REPORT_SECTIONS: readonly ReportSection[] = [summarySection, revisionsSection, domainsSection, projectsSection, gepSection, carbonSection, assessmentSection, dataGapsSection, annexSection];

/** A copy of a section list with one more section, placed before or after an existing one (else at the end, before the annex). */
export function withSection(sections: readonly ReportSection[], section: ReportSection, at: { before?: string; after?: string } = { before: 'annex' }): ReportSection[] {
  const list = sections.filter((s) => s.id !== section.id);
  const anchor = at.before ?? at.after;
  const i = anchor ? list.findIndex((s) => s.id === anchor) : -1;
  if (i < 0) return [...list, section];
  list.splice(at.before ? i : i + 1, 0, section);
  return list;
}

/** The document tree of a report: cover, then every section that has something to say, numbered. */
export function buildReportDocument(m: ReportModel, sections: readonly ReportSection[] = REPORT_SECTIONS): ReportDocument {
  const blocks = sections.flatMap((s) => s.build(m) ?? []);
  const meta = [`数据版本：${m.dataVersion.id}`, `数据最近录入：${m.dataVersion.observationCount ? dateZh(m.dataDate) : '—（无指标值）'}`];
  return {
    title: m.title,
    subject: `${m.plan.meta.name} ${m.year} 年度实施评估`,
    dataVersion: m.dataVersion.id,
    date: m.dataDate,
    usesDemo: m.usesDemo,
    cover: {
      title: m.title,
      titleLines: [m.plan.meta.shortName, m.title.slice(m.plan.meta.shortName.length)],
      lines: [`评估年度：${m.year}年`, `评估范围：${m.region.name}`, `评估依据：《${m.plan.meta.name}》`],
      banner: m.usesDemo ? `${DEMO_LABEL}　本报告含${DEMO_LABEL}（演示用，非真实统计），仅供演示，不得作为正式评估结论引用。` : null,
      meta,
    },
    blocks: numberBlocks(blocks),
  };
}
