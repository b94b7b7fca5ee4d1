// Every interface string of the assessment page (考核与排名), Chinese first with English, following the console's
// language switch. Data (subject and indicator names, reasons) carries its own English from the API.
import { useMemo } from 'react';
import { useI18n, type Lang } from '../../i18n.js';
import { usePlanTerms } from '../../planTerms.js';

const zh = {
  title: '考核与排名',
  year: '考核年份',
  yearOption: (y: number) => `${y}年`,
  scheme: '考核方案',
  schemeVersion: (v: number) => `第 ${v} 版`,
  regions: '县（市、区）人民政府',
  departments: '市直部门',
  rank: '名次',
  name: '考核对象',
  score: '得分',
  grade: '等级',
  change: '较上年',
  index: '综合指数',
  indexRank: '指数名次',
  missing: '缺数据',
  detail: '得分明细',
  vetoed: '一票否决',
  chartTitle: '各县（市、区）得分',
  deptChartTitle: '各部门得分',
  radarTitle: '分领域得分率（%）',
  radarTitleIndicators: '分指标得分率（%）',
  indicatorShort: '指标',
  drawerTitle: (name: string) => `${name} · 得分明细`,
  item: '考核项',
  value: '数值',
  target: '目标',
  rule: '计分规则',
  points: '得分 / 分值',
  reason: '说明',
  source: '数据来源',
  noValue: '无数据',
  previous: (y: number, score: number, rank: number, grade: string) => `${y} 年：${score.toFixed(2)} 分，第 ${rank} 名，${grade}`,
  noPrevious: '无上年结果',
  published: (at: string, by: string) => `本年度正式结果已于 ${at.slice(0, 10)} 由 ${by} 发布（冻结）。`,
  unchanged: '当前数据与正式结果一致。',
  differences: (n: number) => `发布后数据变化带来 ${n} 处差异（正式结果不变，以下仅作提示）：`,
  notPublished: '本年度结果尚未发布为正式结果；下表依据当前已审定数据实时计算。',
  publish: '发布为正式结果',
  publishConfirm: '发布后结果冻结，之后的数据变化只作为差异显示。确定发布？',
  publishDone: '已发布',
  report: '下载考核报告（Word）',
  export: '导出 Excel',
  busy: '正在生成…',
  approvedOnly: '只用已审定数据；每项得分可追溯到指标、数值、目标、计分规则和所用数据。',
  demo: '示例数据',
  assigned: '（上级下达）',
  lead: '牵头',
  share: '配合',
  field: { score: '得分', rank: '名次', grade: '等级', item: '单项', subject: '考核对象' } as Record<string, string>,
  rules: {
    attainedOnly: '达标满分',
    progressRatio: '按完成比例',
    progressLevel: '按进展等级',
    stateCredit: '按状态',
    assignedRatio: '按下达值比例',
    missing: '缺数据',
    projectSchedule: '项目进度',
    deduction: '扣分',
    veto: '一票否决',
  } as Record<string, string>,
  domains: { institution: '生态制度', security: '生态安全', space: '生态空间', economy: '生态经济', living: '生态生活', culture: '生态文化' } as Record<string, string>,
};

export type AssessmentStrings = typeof zh;

const en: AssessmentStrings = {
  title: 'Assessment and ranking',
  year: 'Year',
  yearOption: (y: number) => String(y),
  scheme: 'Scheme',
  schemeVersion: (v: number) => `version ${v}`,
  regions: 'County governments',
  departments: 'Departments',
  rank: 'Rank',
  name: 'Assessed',
  score: 'Score',
  grade: 'Grade',
  change: 'Change',
  index: 'Composite index',
  indexRank: 'Index rank',
  missing: 'Missing',
  detail: 'Breakdown',
  vetoed: 'Vetoed',
  chartTitle: 'Scores of the counties',
  deptChartTitle: 'Scores of the departments',
  radarTitle: 'Share of points by domain (%)',
  radarTitleIndicators: 'Share of points by indicator (%)',
  indicatorShort: 'Ind.',
  drawerTitle: (name: string) => `${name} · breakdown`,
  item: 'Item',
  value: 'Value',
  target: 'Target',
  rule: 'Rule',
  points: 'Points / of',
  reason: 'Reason',
  source: 'Source',
  noValue: 'no data',
  previous: (y: number, score: number, rank: number, grade: string) => `${y}: ${score.toFixed(2)} points, rank ${rank}, ${grade}`,
  noPrevious: 'no result for the year before',
  published: (at: string, by: string) => `The official result of this year was published by ${by} on ${at.slice(0, 10)} (frozen).`,
  unchanged: 'The data still give the published result.',
  differences: (n: number) => `${n} difference(s) since publishing (the official result stands; shown for information):`,
  notPublished: 'Not yet published: the table is computed live from the approved data.',
  publish: 'Publish as official',
  publishConfirm: 'Publishing freezes the result; later data changes only show as differences. Publish?',
  publishDone: 'Published',
  report: 'Assessment report (Word)',
  export: 'Export to Excel',
  busy: 'Preparing…',
  approvedOnly: 'Approved data only; every point traces to its indicator, value, target, rule and data.',
  demo: 'demo data',
  assigned: '(assigned)',
  lead: 'lead',
  share: 'share',
  field: { score: 'score', rank: 'rank', grade: 'grade', item: 'item', subject: 'subject' },
  rules: {
    attainedOnly: 'attained only',
    progressRatio: 'share of the way',
    progressLevel: 'progress level',
    stateCredit: 'by state',
    assignedRatio: 'vs assigned',
    missing: 'missing',
    projectSchedule: 'project schedule',
    deduction: 'deduction',
    veto: 'veto',
  },
  domains: { institution: 'Institutions', security: 'Security', space: 'Space', economy: 'Economy', living: 'Living', culture: 'Culture' },
};

const STRINGS: Record<Lang, AssessmentStrings> = { zh, en };

/** The tables hold a city plan's words; the sub-region governments and the plan's own departments follow the plan. */
export function useAssessmentStrings(): { s: AssessmentStrings; lang: Lang } {
  const { lang } = useI18n();
  const { level, sub } = usePlanTerms();
  return useMemo(() => {
    const s = STRINGS[lang];
    return lang === 'zh'
      ? { s: { ...s, regions: sub.governments, departments: level.departments, chartTitle: `各${sub.zh}得分` }, lang }
      : { s: { ...s, regions: `${sub.en.charAt(0).toUpperCase()}${sub.en.slice(1)} governments`, chartTitle: `Scores of the ${sub.enPlural.toLowerCase()}` }, lang };
  }, [lang, level, sub]);
}
