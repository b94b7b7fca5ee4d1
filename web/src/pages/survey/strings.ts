// Every interface string of the survey pages (问卷调查), Chinese first with English, following the console's switch.
// The tables are the words of a city plan; useSurveyText puts in the chosen plan's indicator numbers and sub-region term.
import { useMemo } from 'react';
import { useI18n, type Lang } from '../../i18n.js';
import { useMeasureCodes, usePlanTerms } from '../../planTerms.js';
import type { SubRegionTerm } from '../../../../src/plan/views.js';
import type { Measure, QuestionType } from './types.js';

const zh = {
  title: '公众问卷调查',
  intro: '设计问卷（满意度、参与度），开放给公众在 /survey/ 作答，查看结果并将本年度比率送审。',
  signIn: '问卷调查须以审核员或管理员身份登录。',
  create: '新建问卷',
  createYear: '调查年度',
  created: '已新建问卷（草稿）',
  status: { draft: '草稿', open: '开放中', closed: '已关闭' },
  columns: { title: '问卷', year: '年度', status: '状态', version: '当前版本', responses: '答卷' },
  open: '开放',
  close: '关闭',
  publicLink: '公众页面',
  tabs: { design: '设计', results: '结果' },
  design: {
    titleZh: '标题（中文）',
    titleEn: '标题（英文）',
    introZh: '说明（中文）',
    introEn: '说明（英文）',
    askCounty: '要求填写所在县（市、区）',
    question: (n: number) => `第 ${n} 题`,
    key: '题目代码',
    type: '题型',
    types: { single: '单选题', multiple: '多选题', likert: '量表题', text: '填空题' } as Record<QuestionType, string>,
    textZh: '题干（中文）',
    textEn: '题干（英文）',
    required: '必答',
    measures: '度量',
    measureNone: '不度量',
    measureNames: { satisfaction: '满意度', participation: '参与度' } as Record<Measure, string>,
    options: '选项',
    optionKey: '代码',
    counts: '计入',
    addOption: '添加选项',
    points: '级数',
    labels: '级别标签（从低到高）',
    countsFrom: '自第几级起计为满意',
    maxLength: '字数上限',
    add: '添加题目',
    remove: '删除',
    up: '上移',
    down: '下移',
    save: '保存',
    saveVersion: '另存为新版本',
    saved: '已保存',
    versionSaved: (v: number) => `已另存为第 ${v} 版`,
    inUse: (n: number, v: number) => `第 ${v} 版已有 ${n} 份答卷：只能修改文字；更改题目、选项、计入规则须另存为新版本。`,
    preview: '手机预览（390×844）',
    versions: '版本',
    versionRow: (v: number, n: number) => `第 ${v} 版 · ${n} 份答卷`,
  },
  results: {
    total: '答卷总数',
    web: '网上',
    paper: '纸质',
    byCounty: '按县（市、区）',
    byDay: '按日（北京时间）',
    rates: '满意度与参与度',
    measure: '指标',
    basis: '口径',
    unweighted: '未加权',
    weighted: '按县人口加权',
    respondents: '有效答卷',
    counted: '计入',
    rate: '比率',
    ci: '95% 置信区间',
    neff: '有效样本量',
    deff: '设计效应',
    method: '计算方法',
    populations: '各县常住人口（事后分层加权）',
    population: '人口（人）',
    source: '数据来源',
    sourcePlaceholder: '如：第七次全国人口普查',
    savePopulations: '保存人口',
    populationsSaved: '已保存人口',
    exportXlsx: '导出 Excel',
    exporting: '正在生成工作簿…',
    template: '下载纸质答卷模板',
    import: '导入纸质答卷',
    imported: (n: number) => `已导入 ${n} 份纸质答卷`,
    importRefused: '未导入任何答卷',
    problemWhere: (sheet: string | null, row: number | null, column: string | null) => [sheet && `工作表“${sheet}”`, row && `第 ${row} 行`, column && `${column} 列`].filter(Boolean).join(' '),
    propose: '将本年度比率送审',
    proposeWeighted: '使用加权比率',
    alreadyProposed: (list: string) => `本年度调度已有提交：${list}。再次送审须填写原因（记入审计日志，并显示在数值的历史版本中）。`,
    reproposeReason: '再次送审的原因（必填）',
    reasonMissing: '请填写再次送审的原因',
    statusName: { draft: '草稿', submitted: '待审核', returned: '已退回', approved: '已审定' } as Record<string, string>,
    proposed: (year: number) => `已作为 ${year} 年度调度的提交值送审，待审核员审定。`,
    notComputed: '无法计算',
    freeText: '填空题回答（原文，已转义显示）',
    question: '题目',
    answer: '回答',
    day: '日期',
    county: '县（市、区）',
    none: '暂无答卷',
  },
};

type SurveyMessages = typeof zh;

const en: SurveyMessages = {
  title: 'Public survey',
  intro: 'Design questionnaires (satisfaction, participation), open them to the public at /survey/, read the results and propose the year’s rates for approval.',
  signIn: 'The survey pages need a reviewer or administrator account.',
  create: 'New questionnaire',
  createYear: 'Survey year',
  created: 'Questionnaire created (draft)',
  status: { draft: 'Draft', open: 'Open', closed: 'Closed' },
  columns: { title: 'Questionnaire', year: 'Year', status: 'Status', version: 'Version', responses: 'Responses' },
  open: 'Open',
  close: 'Close',
  publicLink: 'Public page',
  tabs: { design: 'Design', results: 'Results' },
  design: {
    titleZh: 'Title (Chinese)',
    titleEn: 'Title (English)',
    introZh: 'Introduction (Chinese)',
    introEn: 'Introduction (English)',
    askCounty: 'Ask for the respondent’s county',
    question: (n: number) => `Question ${n}`,
    key: 'Key',
    type: 'Type',
    types: { single: 'Single choice', multiple: 'Multiple choice', likert: 'Likert scale', text: 'Free text' },
    textZh: 'Question (Chinese)',
    textEn: 'Question (English)',
    required: 'Required',
    measures: 'Measures',
    measureNone: 'Nothing',
    measureNames: { satisfaction: 'Satisfaction', participation: 'Participation' },
    options: 'Options',
    optionKey: 'Key',
    counts: 'Counts',
    addOption: 'Add option',
    points: 'Points',
    labels: 'Labels (lowest first)',
    countsFrom: 'Satisfied from point',
    maxLength: 'Maximum length',
    add: 'Add question',
    remove: 'Remove',
    up: 'Up',
    down: 'Down',
    save: 'Save',
    saveVersion: 'Save as new version',
    saved: 'Saved',
    versionSaved: (v: number) => `Saved as version ${v}`,
    inUse: (n: number, v: number) => `Version ${v} has ${n} response(s): only wording may change; questions, options and counting rules need a new version.`,
    preview: 'Phone preview (390×844)',
    versions: 'Versions',
    versionRow: (v: number, n: number) => `version ${v} · ${n} response(s)`,
  },
  results: {
    total: 'Responses',
    web: 'web',
    paper: 'paper',
    byCounty: 'By county',
    byDay: 'By day (CST)',
    rates: 'Satisfaction and participation',
    measure: 'Indicator',
    basis: 'Basis',
    unweighted: 'unweighted',
    weighted: 'weighted by county population',
    respondents: 'Respondents',
    counted: 'Counted',
    rate: 'Rate',
    ci: '95 % interval',
    neff: 'Effective n',
    deff: 'Design effect',
    method: 'Method',
    populations: 'County populations (post-stratification)',
    population: 'Population (persons)',
    source: 'Source',
    sourcePlaceholder: 'e.g. 7th national census',
    savePopulations: 'Save populations',
    populationsSaved: 'Populations saved',
    exportXlsx: 'Export Excel',
    exporting: 'Making the workbook…',
    template: 'Paper answers template',
    import: 'Import paper answers',
    imported: (n: number) => `${n} paper response(s) imported`,
    importRefused: 'Nothing imported',
    problemWhere: (sheet: string | null, row: number | null, column: string | null) => [sheet && `sheet "${sheet}"`, row && `row ${row}`, column && `column ${column}`].filter(Boolean).join(' '),
    propose: 'Propose the year’s rates',
    proposeWeighted: 'Use the weighted rates',
    alreadyProposed: (list: string) => `Already in this year’s round: ${list}. A new proposal needs a reason (kept in the audit log and shown in the value’s history).`,
    reproposeReason: 'Reason for proposing again (required)',
    reasonMissing: 'Give the reason for proposing again',
    statusName: { draft: 'draft', submitted: 'awaiting review', returned: 'returned', approved: 'approved' } as Record<string, string>,
    proposed: (year: number) => `Proposed into the ${year} round, awaiting a reviewer’s approval.`,
    notComputed: 'not computable',
    freeText: 'Free-text answers (as given, shown escaped)',
    question: 'Question',
    answer: 'Answer',
    day: 'Day',
    county: 'County',
    none: 'No responses yet',
  },
};

const messages: Record<Lang, SurveyMessages> = { zh, en };

/** What the texts take from the chosen plan: its survey indicators (by measure) and what its sub-regions are called. */
interface PlanFacts {
  satisfaction: number | null;
  participation: number | null;
  term: SubRegionTerm;
}

/** The texts with the plan's own indicator numbers and sub-region term (the tables above are the city plan's words). */
function withPlan(m: SurveyMessages, lang: Lang, f: PlanFacts): SurveyMessages {
  const codes = [f.satisfaction, f.participation].filter((c): c is number => c !== null);
  const t = f.term;
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  if (lang === 'zh') {
    const which = [f.satisfaction !== null && `满意度指标 ${f.satisfaction}`, f.participation !== null && `参与度指标 ${f.participation}`].filter(Boolean).join('、');
    return {
      ...m,
      intro: `设计问卷${which ? `（${which}）` : '（本规划没有问卷类指标，结果不送审）'}，开放给公众在 /survey/ 作答，查看结果并将本年度比率送审。`,
      design: {
        ...m.design,
        askCounty: `要求填写所在${t.zh}`,
        measureNames: { satisfaction: `满意度（${f.satisfaction !== null ? `指标 ${f.satisfaction}` : '本规划无此指标'}）`, participation: `参与度（${f.participation !== null ? `指标 ${f.participation}` : '本规划无此指标'}）` },
      },
      results: { ...m.results, byCounty: `按${t.zh}`, weighted: `按${t.zh}人口加权`, populations: `各${t.zh}常住人口（事后分层加权）`, propose: `将本年度比率送审（指标 ${codes.join('、')}）`, county: t.zh },
    };
  }
  const which = [f.satisfaction !== null && `satisfaction, indicator ${f.satisfaction}`, f.participation !== null && `participation, indicator ${f.participation}`].filter(Boolean).join('; ');
  return {
    ...m,
    intro: `Design questionnaires (${which || 'the plan has no survey indicator: results are not proposed'}), open them to the public at /survey/, read the results and propose the year’s rates for approval.`,
    design: {
      ...m.design,
      askCounty: `Ask for the respondent’s ${t.en}`,
      measureNames: { satisfaction: `Satisfaction (${f.satisfaction !== null ? `indicator ${f.satisfaction}` : 'not an indicator of this plan'})`, participation: `Participation (${f.participation !== null ? `indicator ${f.participation}` : 'not an indicator of this plan'})` },
    },
    results: { ...m.results, byCounty: `By ${t.en}`, weighted: `weighted by ${t.en} population`, populations: `${cap(t.en)} populations (post-stratification)`, propose: `Propose the year’s rates (indicators ${codes.join(', ')})`, county: cap(t.en) },
  };
}

export function useSurveyText(): { s: SurveyMessages; lang: Lang } {
  const { lang } = useI18n();
  const { sub } = usePlanTerms();
  const codeOf = useMeasureCodes();
  return useMemo(() => {
    if (!codeOf) return { s: messages[lang], lang };
    return { s: withPlan(messages[lang], lang, { satisfaction: codeOf('survey.satisfaction'), participation: codeOf('survey.participation'), term: sub }), lang };
  }, [lang, sub, codeOf]);
}
