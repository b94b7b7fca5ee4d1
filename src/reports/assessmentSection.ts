// Assessment (考核与排名) in the reports: a short chapter of the annual report (the rankings only, so that
// the report keeps its speed target) and the assessment report itself (.docx in the annual report's house style:
// the same document tree and Word renderer). Pure: the caller computes the result (src/reports/assessmentStore.ts).
import type { AssessedSubject, AssessmentResult } from '../assessment/assess.js';
import type { ResultDifference } from '../assessment/compare.js';
import type { Scheme } from '../assessment/scheme.js';
import type { Plan } from '../plan/model.js';
import { planLevelTerm, subRegionTerm } from '../plan/views.js';
import { numberBlocks, type Block, type ReportDocument } from './document.js';
import type { ReportModel } from './model.js';
import type { ReportSection } from './document.js';

const h = (level: 1 | 2, title: string, numbered = true): Block => ({ type: 'heading', level, title, numbered });
const p = (text: string, tone: 'normal' | 'conclusion' | 'warning' = 'normal'): Block => ({ type: 'paragraph', text, tone });
const fixed = (x: number) => x.toFixed(2);
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(2)}`);
const GRADE_COLOURS: Record<string, string> = { excellent: '#1a7f5a', good: '#2f6fb0', pass: '#d48806', fail: '#cf4b3f' };

function rankingTable(title: string, subjects: readonly AssessedSubject[], withIndex: boolean, withChange: boolean): Block {
  return {
    type: 'table',
    title,
    columns: [
      { title: '名次', width: 0.9 },
      { title: '考核对象', width: 3.2, align: 'left' },
      { title: '得分', width: 1.2, align: 'right' },
      { title: '等级', width: 1.1 },
      ...(withChange ? [{ title: '较上年', width: 1.2, align: 'right' as const }] : []),
      ...(withIndex ? [{ title: '综合指数', width: 1.3, align: 'right' as const }, { title: '指数名次', width: 1.1 }] : []),
      { title: '缺数据项', width: 1.1 },
    ],
    rows: subjects.map((s) => [
      String(s.rank),
      s.name,
      fixed(s.score),
      s.vetoed ? `${s.grade}（一票否决）` : s.grade,
      ...(withChange ? [signed(s.change)] : []),
      ...(withIndex ? [s.index?.value != null ? fixed(s.index.value) : '—', s.index?.rank != null ? String(s.index.rank) : '—'] : []),
      String(s.missingCount),
    ]),
    notes: ['注：同分同名次（1、2、2、4），被一票否决的对象排在其他对象之后；得分只依据已审定的指标值。'],
  };
}

function summaryText(result: AssessmentResult, plan: Plan): string {
  const t = subRegionTerm(plan);
  const level = planLevelTerm(plan);
  const regions = result.subjects.filter((s) => s.kind === 'region');
  const depts = result.subjects.filter((s) => s.kind === 'department');
  const top = (list: AssessedSubject[]) => list.filter((s) => s.rank === 1).map((s) => s.name).join('、') || '—';
  const count = (list: AssessedSubject[], grade: string) => list.filter((s) => s.grade === grade).length;
  const grades = (list: AssessedSubject[]) => ['优秀', '良好', '合格', '不合格'].map((g) => `${g} ${count(list, g)} 个`).join('，');
  return (
    `按考核方案“${result.scheme.name}”（第 ${result.scheme.version} 版），${result.year}年参加考核的${t.governments} ${regions.length} 个、${level.departments} ${depts.length} 个。` +
    `${t.zh}中${top(regions)}排名第一，${grades(regions)}；部门中${top(depts)}排名第一，${grades(depts)}。`
  );
}

/** The annual report's chapter: the rankings of the year (for the plan's region only). */
export const assessmentSection: ReportSection = {
  id: 'assessment',
  title: '考核与排名',
  build(m: ReportModel) {
    const result = m.assessment;
    if (!result || !m.isPlanRegion) return null;
    return [
      h(1, '考核与排名'),
      p(summaryText(result, m.plan)),
      rankingTable(`${result.year}年各${subRegionTerm(m.plan).governments}考核结果`, result.subjects.filter((s) => s.kind === 'region'), true, false),
      rankingTable(`${result.year}年${planLevelTerm(m.plan).departments}考核结果`, result.subjects.filter((s) => s.kind === 'department'), false, false),
      p('各对象的逐项得分（每一分对应的指标、数值、目标、计分规则和数据来源）见同年度考核报告及控制台“考核与排名”页。'),
    ];
  },
};

function itemRows(s: AssessedSubject): string[][] {
  return s.items.map((i) => {
    const label = i.kind === 'indicator' ? `${i.indicator} ${i.name}${i.role ? `（${i.role === 'lead' ? '牵头' : '配合'}）` : ''}` : i.kind === 'project' ? `项目 ${i.project} ${i.name}` : i.name;
    const value = i.kind === 'indicator' ? (i.value ? (i.value.valueText ?? i.value.state ?? '—') : '无数据') : i.kind === 'project' ? (i.report ? `${i.report.year}年 ${i.report.status}` : '无填报') : '—';
    const target = i.kind === 'indicator' ? i.target.text : '—';
    const source = i.kind === 'indicator' ? i.observations.map((o) => `${o.year} ${o.source}${o.isDemo ? '（示例数据）' : ''}`).join('；') || (i.missing?.zh ?? '—') : '—';
    return [label, value, target, fixed(i.points), fixed(i.maxPoints), i.reason.zh, source];
  });
}

export interface AssessmentReportInput {
  plan: Plan;
  scheme: Scheme;
  result: AssessmentResult;
  published: { publishedAt: string; publishedBy: string } | null;
  differences: readonly ResultDifference[];
}

/** The assessment report of a year as a document tree (rendered by src/reports/docx.ts, like the annual report). */
export function buildAssessmentDocument(input: AssessmentReportInput): ReportDocument {
  const { plan, scheme, result } = input;
  const t = subRegionTerm(plan);
  const level = planLevelTerm(plan);
  const regions = result.subjects.filter((s) => s.kind === 'region');
  const depts = result.subjects.filter((s) => s.kind === 'department');
  const usesDemo = result.subjects.some((s) => s.items.some((i) => i.kind === 'indicator' && i.observations.some((o) => o.isDemo)));
  const title = `${plan.meta.shortName}${result.year}年度考核报告`;
  const blocks: Block[] = [
    h(1, '考核依据与方法'),
    p(scheme.basis),
    p(
      `${t.governments}按本${t.short}的指标值考核，满分 100 分；${level.departments}按其牵头或配合的指标（按${level.whole}数值）和牵头的重点工程项目考核，指标 ${scheme.departments.indicatorPoints / 100} 分、项目 ${scheme.departments.projectPoints / 100} 分。` +
        '达标得满分；未达标按方案规定的计分规则得部分分；缺少数据的指标不得分；重点工程逾期未完工扣分；一票否决事项由审核人员附依据录入，被否决对象定为最低等级。得分只依据已审定的指标值。',
    ),
    {
      type: 'table',
      title: `${t.zh}考核指标与权重`,
      columns: [
        { title: '领域', width: 1.5 },
        { title: '指标', width: 4, align: 'left' },
        { title: '分值', width: 1, align: 'right' },
      ],
      rows: scheme.regions.indicators.map((w) => [plan.domains.find((d) => d.id === w.domainId)?.name ?? w.domainId, `${w.code} ${plan.indicators.find((x) => x.code === w.code)?.name ?? ''}`, fixed(w.weight / 100)]),
      notes: [`等级：${scheme.grades.map((g) => `${g.name} ≥${g.min}`).join('，')}。`],
    },
    h(1, '考核结果'),
    p(summaryText(result, plan)),
    input.published
      ? p(`本年度正式结果已于 ${input.published.publishedAt.slice(0, 10)} 由 ${input.published.publishedBy} 发布。${input.differences.length ? `发布后数据变化带来 ${input.differences.length} 处差异（见第四部分），正式结果不变。` : '当前数据与正式结果一致。'}`, input.differences.length ? 'warning' : 'conclusion')
      : p('本年度结果尚未发布为正式结果，以下为依据当前已审定数据的计算结果。', 'warning'),
    h(2, t.governments),
    {
      type: 'chart',
      title: `${result.year}年各${t.zh}考核得分`,
      spec: {
        kind: 'bar',
        width: 640,
        height: 300,
        categories: regions.map((s) => s.name),
        series: [{ name: '得分', values: regions.map((s) => s.score), colors: regions.map((s) => GRADE_COLOURS[s.gradeId] ?? '#888888'), labels: regions.map((s) => fixed(s.score)) }],
        axisName: '分',
      },
      notes: ['注：柱的颜色表示等级（绿：优秀，蓝：良好，橙：合格，红：不合格）。'],
    },
    rankingTable(`${result.year}年各${t.governments}考核结果`, regions, true, result.previousYear !== null),
    h(2, level.departments),
    rankingTable(`${result.year}年${level.departments}考核结果`, depts, false, result.previousYear !== null),
    h(2, `${t.short}${result.index.name.replace(/^(县区|乡镇)/, '')}（功效系数法）`),
    {
      type: 'table',
      title: `${result.year}年${t.short}综合指数`,
      columns: [{ title: t.zh, width: 2.5, align: 'left' }, { title: '综合指数', width: 1.2, align: 'right' }, { title: '名次', width: 0.9 }, ...result.index.categories.map((c) => ({ title: `${c.name}（${c.weight}%）`, width: 1.6, align: 'right' as const }))],
      rows: result.index.regions.map((r) => [r.name, r.value != null ? fixed(r.value) : '—', r.rank != null ? String(r.rank) : '—', ...r.categories.map((c) => (c.value != null ? fixed(c.value) : '—'))]),
      notes: [`注：各指标按参评${t.short}的最高值与最低值换算为 60–100 的个体指数（逆向指标反之），缺少数据的指标个体指数记 60、权数不变，方法见 docs/methods/assessment-index.md。`],
    },
    h(1, '逐项得分明细'),
    ...result.subjects.flatMap((s): Block[] => [
      h(2, `${s.name}：${fixed(s.score)} 分，第 ${s.rank} 名，${s.grade}`),
      {
        type: 'table',
        title: `${s.name}逐项得分`,
        columns: [
          { title: '考核项', width: 3, align: 'left' },
          { title: '数值', width: 1.2 },
          { title: '目标', width: 1.4 },
          { title: '得分', width: 0.9, align: 'right' },
          { title: '分值', width: 0.9, align: 'right' },
          { title: '计分说明', width: 4.2, align: 'left' },
          { title: '数据来源', width: 2.6, align: 'left' },
        ],
        rows: itemRows(s),
        notes: [],
        totalRow: false,
      },
    ]),
  ];
  if (input.differences.length)
    blocks.push(h(1, '发布后的数据变化'), {
      type: 'table',
      title: '正式结果与当前数据的差异',
      columns: [{ title: '考核对象', width: 2.5, align: 'left' }, { title: '项目', width: 1.5 }, { title: '考核项', width: 2 }, { title: '正式结果', width: 1.4, align: 'right' }, { title: '当前数据', width: 1.4, align: 'right' }],
      rows: input.differences.map((d) => [d.name, d.field, d.item ?? '—', String(d.frozen ?? '—'), String(d.live ?? '—')]),
      notes: ['注：正式结果不因之后的数据变化而改写，差异仅供参考。'],
    });
  return {
    title,
    subject: `${plan.meta.name} ${result.year} 年度考核`,
    dataVersion: result.scheme.hash.slice(0, 12),
    date: input.published?.publishedAt.slice(0, 10) ?? `${result.year + 1}-01-01`,
    usesDemo,
    cover: {
      title,
      titleLines: [plan.meta.shortName, `${result.year}年度考核报告`],
      lines: [`考核年度：${result.year}年`, `考核方案：${scheme.name}（第 ${scheme.version} 版）`, `考核依据：《${plan.meta.name}》`],
      banner: usesDemo ? '示例数据　本报告含示例数据（演示用，非真实统计），仅供演示，不得作为正式考核结论引用。' : null,
      meta: [`考核方案摘要：${scheme.hash.slice(0, 12)}`, input.published ? `正式结果发布：${input.published.publishedAt.slice(0, 10)}` : '尚未发布正式结果'],
    },
    blocks: numberBlocks(blocks),
  };
}
