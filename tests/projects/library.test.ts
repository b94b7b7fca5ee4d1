// The project library's pure parts: table 2 from the shipped data, roll-ups after add / revise / retire,
// schedule warnings on synthetic dates, and every refusal of bad input. Expected figures are worked by hand.
import { describe, expect, it } from 'vitest';
import { readPlanFolder } from '../../src/planfolder/read.js';
import type { Plan } from '../../src/plan/model.js';
import {
  cumulativeUnits,
  fieldsOf,
  libraryProjects,
  mayReportProgress,
  splitList,
  validateProgress,
  validateProject,
  versionHistory,
  type LibraryEntry,
  type ProgressFact,
  type ProjectVersionFact,
} from '../../src/projects/library.js';
import { projectLinks } from '../../src/projects/links.js';
import { BEHIND_SCHEDULE_POINTS, completionRate, decimalYear, endOfYear, projectSummary, projectWarnings } from '../../src/projects/rollups.js';
import { EXAMPLE_COUNTY_DIR, SHAOGUAN_DIR } from '../helpers/planFolder.js';

const folder = readPlanFolder(SHAOGUAN_DIR);
if (!folder.result.ok) throw new Error('plan folder invalid');
const plan: Plan = folder.result.plan;
const at = '2025-01-01T00:00:00.000Z';

const version = (no: number, v: number, change: Partial<ProjectVersionFact['fields']>, extra: Partial<ProjectVersionFact> = {}): ProjectVersionFact => {
  const base = plan.projects.find((p) => p.no === no);
  return { no, version: v, fields: { ...(base ? fieldsOf(base) : fieldsOf(plan.projects[0]!)), ...change }, retired: false, retiredReason: null, reason: 'test', by: 'tester', at, ...extra };
};
const entry = (no: number, year: number, f: Partial<ProgressFact> = {}): ProgressFact => ({
  no, year, version: 1, plannedInvestment: '0.00', completedInvestment: '0.00', cumulativeInvestment: null, physicalProgress: null, status: 'in_progress',
  reason: null, milestones: [], note: null, explanation: null, recordedAt: at, recordedBy: 't', isDemo: false, ...f,
});
const summary = (versions: ProjectVersionFact[] = [], progress: ProgressFact[] = [], year: number | null = null) =>
  projectSummary(plan, libraryProjects(plan, versions), progress, { year, asOf: year === null ? endOfYear(2024) : endOfYear(year) });
const table2 = (s: ReturnType<typeof summary>) => s.byCategory.map((r) => [r.count, r.investment, r.share]);

describe('table 2 from the shipped data', () => {
  it('reproduces the plan text: 171.44 / 242.64 / 52.97 / 93.40 / 43.13, total 603.58; 28.4 / 40.2 / 8.8 / 15.5 / 7.1 %', () => {
    const s = summary();
    expect(table2(s)).toEqual([
      [5, '171.44', '28.4'],
      [6, '242.64', '40.2'],
      [8, '52.97', '8.8'],
      [3, '93.40', '15.5'],
      [2, '43.13', '7.1'],
    ]);
    expect(s.total).toMatchObject({ count: 24, investment: '603.58', share: '100.0', planned: '0.00', completed: '0.00', completionRate: null });
    expect(s.byCategory.map((r) => r.name)).toEqual(['生态空间体系建设重点工程', '生态经济体系建设重点工程', '生态安全体系建设重点工程', '生态生活体系建设重点工程', '生态文化体系建设重点工程']);
  });

  it('counts each project once by lead department: a single lead, or 多单位联合牵头', () => {
    const s = summary();
    // Jointly led: 2 (0.15) + 13 (2.80) + 14 (0.91) + 20 (1.40) + 22 (90.80) + 23 (38.63) = 134.69; 134.69 / 603.58 = 22.31 % → 22.3
    expect(s.byDepartment.find((r) => r.key === 'joint')).toMatchObject({ count: 6, investment: '134.69', share: '22.3' });
    // 市水务局 alone: 3 (29.50) + 4 (5.05) + 5 (0.10) + 9 (2.74) + 10 (3.84) + 17 (11.78) = 53.01
    expect(s.byDepartment.find((r) => r.key === 'swj')).toMatchObject({ count: 6, investment: '53.01' });
    expect(s.byDepartment.reduce((n, r) => n + r.count, 0)).toBe(24);
  });

  it('counts each project once by region: one named county, city-wide (none named) or 跨县区 (several)', () => {
    const s = summary();
    const row = (k: string) => s.byRegion.find((r) => r.key === k)!;
    // Several counties: 12 (27.58) + 13 (2.80) + 14 (0.91) + 23 (38.63) = 69.92 → 69.92 / 603.58 = 11.58 % → 11.6
    expect(row('multi')).toMatchObject({ count: 4, investment: '69.92', share: '11.6' });
    // 新丰县 440233: 8 (12.70) + 15 (3.10) = 15.80 → 2.62 % → 2.6;  始兴县 440222: 20 (1.40) → 0.23 % → 0.2
    expect(row('440233')).toMatchObject({ count: 2, investment: '15.80', share: '2.6' });
    expect(row('440222')).toMatchObject({ count: 1, investment: '1.40', share: '0.2' });
    // City-wide: 603.58 − 69.92 − 15.80 − 1.40 = 516.46 (17 projects) → 85.57 % → 85.6
    expect(row('440200')).toMatchObject({ count: 17, investment: '516.46', share: '85.6', name: '韶关市（全市性项目）' });
    expect(row('440203')).toMatchObject({ count: 0, investment: '0.00' });
    expect(s.byRegion.reduce((n, r) => n + r.count, 0)).toBe(24);
    expect(row('multi').name).toBe('跨县（市、区）项目');
  });

  it('names the region rows by the plan’s levels: a county plan’s county-wide projects and projects across towns', () => {
    const f = readPlanFolder(EXAMPLE_COUNTY_DIR);
    if (!f.result.ok) throw new Error('county plan invalid');
    const county = f.result.plan;
    const s = projectSummary(county, libraryProjects(county, []), [], { year: null, asOf: endOfYear(2025) });
    const own = s.byRegion.find((r) => r.key === county.meta.region)!;
    expect(own.name).toMatch(/（全县性项目）$/);
    expect(own.nameEn).toMatch(/ \(county-wide\)$/);
    expect(s.byRegion.find((r) => r.key === 'multi')).toMatchObject({ name: '跨乡镇（街道）项目', nameEn: 'Projects in several towns' });
  });

  it('lists every year of the library with the projects active in it', () => {
    const s = summary();
    expect(s.byYear[0]).toEqual({ year: 2019, planned: '0.00', completed: '0.00', count: 3 }); // 4, 5 and 8 start in 2019
    expect(s.byYear.at(-1)).toEqual({ year: 2035, planned: '0.00', completed: '0.00', count: 1 }); // only 1 runs to 2035
    expect(s.byYear.find((y) => y.year === 2025)!.count).toBe(22); // all but 7 (ends 2023) and 19 (ends 2024)
  });
});

describe('roll-ups follow add, revise and retire', () => {
  it('adds a project: culture 43.13 + 10.00 = 53.13, total 613.58', () => {
    const added = version(25, 1, { categoryId: 'culture', name: '新增文化项目', investmentText: '10.00', leadIds: ['wgtlj'], regions: [], subItems: [], startYear: 2024, endYear: 2026 });
    const s = summary([added]);
    // 171.44/613.58 = 27.94 % → 27.9; 242.64/613.58 = 39.54 → 39.5; 52.97/613.58 = 8.63 → 8.6; 93.40/613.58 = 15.22 → 15.2; 53.13/613.58 = 8.66 → 8.7
    expect(table2(s)).toEqual([
      [5, '171.44', '27.9'],
      [6, '242.64', '39.5'],
      [8, '52.97', '8.6'],
      [3, '93.40', '15.2'],
      [3, '53.13', '8.7'],
    ]);
    expect(s.total).toMatchObject({ count: 25, investment: '613.58' });
    expect(libraryProjects(plan, [added]).at(-1)).toMatchObject({ no: 25, version: 1, category: '生态文化体系建设重点工程', leads: ['市文广体旅局'] });
  });

  it('revises project 11 from 200.00 to 150.00: economy 192.64, total 553.58', () => {
    const s = summary([version(11, 2, { investmentText: '150.00' })]);
    // 171.44/553.58 = 30.97 → 31.0; 192.64/553.58 = 34.80 → 34.8; 52.97/553.58 = 9.57 → 9.6; 93.40/553.58 = 16.87 → 16.9; 43.13/553.58 = 7.79 → 7.8
    expect(table2(s)).toEqual([
      [5, '171.44', '31.0'],
      [6, '192.64', '34.8'],
      [8, '52.97', '9.6'],
      [3, '93.40', '16.9'],
      [2, '43.13', '7.8'],
    ]);
    expect(s.total.investment).toBe('553.58');
  });

  it('retires project 1 (136.64): space 34.80, total 466.94, 23 projects', () => {
    const s = summary([version(1, 2, {}, { retired: true, retiredReason: '并入国家公园专项' })]);
    // 34.80/466.94 = 7.45 → 7.5; 242.64/466.94 = 51.96 → 52.0; 52.97/466.94 = 11.34 → 11.3; 93.40/466.94 = 20.003 → 20.0; 43.13/466.94 = 9.24 → 9.2
    expect(table2(s)).toEqual([
      [4, '34.80', '7.5'],
      [6, '242.64', '52.0'],
      [8, '52.97', '11.3'],
      [3, '93.40', '20.0'],
      [2, '43.13', '9.2'],
    ]);
    expect(s.total).toMatchObject({ count: 23, investment: '466.94' });
    expect(libraryProjects(plan, [version(1, 2, {}, { retired: true, retiredReason: 'x' })])[0]).toMatchObject({ no: 1, retired: true, version: 2 });
  });

  it('keeps a history of versions with what changed', () => {
    const h = versionHistory(plan, 11, [version(11, 2, { investmentText: '150.00' }, { reason: '装机规模调整' }), version(11, 3, { investmentText: '150.00' }, { retired: true, reason: '退出' })]);
    expect(h.map((v) => [v.version, v.reason])).toEqual([[1, '规划文本附表（初始版本）/ as printed in the plan appendix'], [2, '装机规模调整'], [3, '退出']]);
    expect(h[1]!.changes).toEqual({ investment: { from: '200.00', to: '150.00' } });
    expect(h[2]!.changes).toEqual({ retired: { from: false, to: true } });
  });

  it('sums planned and completed investment and the completion rate in exact decimals', () => {
    // Project 16 (0.15): 2022 completed 0.05, 2023 completed 0.04 → cumulative 0.09 → 60.0 %.
    // Project 2 (0.15): 2023 reported cumulative 0.10 → 66.7 % (0.10 / 0.15 = 66.67 %).
    const progress = [
      entry(16, 2022, { plannedInvestment: '0.05', completedInvestment: '0.05' }),
      entry(16, 2023, { plannedInvestment: '0.05', completedInvestment: '0.04' }),
      entry(2, 2023, { plannedInvestment: '0.03', completedInvestment: '0.03', cumulativeInvestment: '0.10' }),
    ];
    const lib = libraryProjects(plan, []);
    expect(completionRate(lib.find((p) => p.no === 16)!, progress)).toBe('60.0');
    expect(completionRate(lib.find((p) => p.no === 16)!, progress, 2022)).toBe('33.3'); // 0.05 / 0.15
    expect(completionRate(lib.find((p) => p.no === 2)!, progress)).toBe('66.7');
    expect(completionRate(lib.find((p) => p.no === 1)!, progress)).toBeNull();
    const all = summary([], progress);
    // planned 0.05 + 0.05 + 0.03 = 0.13; completed 0.05 + 0.04 + 0.03 = 0.12; cumulative 0.09 + 0.10 = 0.19 of 603.58 → 0.03 %
    expect(all.total).toMatchObject({ planned: '0.13', completed: '0.12', completionRate: '0.0' });
    const security = all.byCategory.find((r) => r.key === 'security')!; // 16 is 生态安全 (52.97): 0.09 / 52.97 = 0.17 % → 0.2
    expect(security).toMatchObject({ planned: '0.10', completed: '0.09', completionRate: '0.2' });
    const y2023 = summary([], progress, 2023);
    expect(y2023.total).toMatchObject({ planned: '0.08', completed: '0.07' }); // 2023 only: 0.05 + 0.03, 0.04 + 0.03
    expect(y2023.byYear.find((y) => y.year === 2022)).toMatchObject({ planned: '0.05', completed: '0.05' });
    expect(cumulativeUnits(progress.filter((e) => e.no === 16), 2023)).toBe(9n);
  });
});

describe('schedule warnings on synthetic dates', () => {
  // A project of 2021–2025 (five years), investment 10.00.
  const p = (status: Partial<LibraryEntry> = {}): LibraryEntry => ({ ...libraryProjects(plan, [])[15]!, no: 16, name: '测试项目', investmentText: '10.00', investment: 10, startYear: 2021, endYear: 2025, ...status });
  const warn = (asOf: number, e: ProgressFact[], proj = p()) => projectWarnings([proj], e, { asOf }).map((w) => [w.kind, w.level]);

  it('overdue (red) once the end year is over and the project is not complete', () => {
    const e = [entry(16, 2025, { physicalProgress: 95 })];
    expect(warn(endOfYear(2025), e)).toEqual([['overdue', 'red']]); // 2026.0 ≥ 2025 + 1
    expect(warn(2025.999, e)).toEqual([]); // last moment of 2025: 99.98 % elapsed − 95 = 4.98 points behind
    expect(warn(endOfYear(2025), [entry(16, 2025, { physicalProgress: 100, status: 'completed' })])).toEqual([]);
    expect(warn(endOfYear(2026), [])).toEqual([['overdue', 'red']]); // never reported
    expect(warn(endOfYear(2026), [entry(16, 2024, { status: 'terminated', reason: '撤销' })])).toEqual([]);
  });

  it(`behind schedule (yellow) when progress lags elapsed time by more than ${BEHIND_SCHEDULE_POINTS} points`, () => {
    // End of 2024: 4 of 5 years elapsed = 80 %. 80 − 60 = 20 points: not more than 20; 80 − 59.9 = 20.1: behind.
    expect(warn(endOfYear(2024), [entry(16, 2024, { physicalProgress: 60 })])).toEqual([]);
    expect(warn(endOfYear(2024), [entry(16, 2024, { physicalProgress: 59.9 })])).toEqual([['behind_schedule', 'yellow']]);
    // Mid-2023 (2023.5): 2.5 of 5 years = 50 %; 29 % reported in 2022 → 21 points behind.
    expect(warn(2023.5, [entry(16, 2022, { physicalProgress: 29 })])).toEqual([['behind_schedule', 'yellow']]);
    expect(warn(2023.5, [entry(16, 2022, { physicalProgress: 30 })])).toEqual([]);
    // Before the start nothing has elapsed.
    expect(warn(2020.5, [entry(16, 2021, { physicalProgress: 0, status: 'not_started' })])).toEqual([]);
  });

  it('stalled (yellow) for 延期 and 暂停, over budget (yellow) above the total', () => {
    expect(warn(endOfYear(2022), [entry(16, 2022, { status: 'suspended', reason: '资金未到位', physicalProgress: 40 })])).toEqual([['stalled', 'yellow']]);
    expect(warn(endOfYear(2022), [entry(16, 2022, { status: 'delayed', reason: '征地', physicalProgress: 40 })])).toEqual([['stalled', 'yellow']]);
    const over = [entry(16, 2022, { completedInvestment: '6.00', physicalProgress: 40 }), entry(16, 2023, { completedInvestment: '4.01', physicalProgress: 60, explanation: '追加' })];
    expect(warn(endOfYear(2023), over)).toEqual([['over_budget', 'yellow']]); // 6.00 + 4.01 = 10.01 > 10.00
    expect(warn(endOfYear(2023), [over[0]!, { ...over[1]!, completedInvestment: '4.00' }])).toEqual([]); // exactly 10.00
  });

  it('assesses a year from the reports up to it, red before yellow', () => {
    const lib = libraryProjects(plan, []);
    const s = projectSummary(plan, lib, [entry(19, 2024, { status: 'delayed', reason: '设备招标流标', physicalProgress: 70 }), entry(7, 2023, { physicalProgress: 100, status: 'completed' })], { year: 2024, asOf: endOfYear(2024) });
    expect(s.warnings.map((w) => [w.projectNo, w.kind, w.level])).toEqual([
      [19, 'overdue', 'red'],
      [19, 'stalled', 'yellow'],
    ]);
    expect(s.warnings[0]!.message).toBe('19. 粤北区域环境监控中心环境监控大楼及分析实验室以及韶关市生态环境监测站项目：建设期限至 2024 年，已到期仍未完工（2024 年状态“延期”，形象进度 70%）');
  });

  it('reads a moment in China Standard Time', () => {
    expect(decimalYear(new Date('2023-12-31T16:00:00Z'))).toBe(2024); // 2024-01-01 00:00 +08:00
    expect(decimalYear(new Date('2024-07-01T16:00:00Z'))).toBeCloseTo(2024 + 183 / 366, 10); // 2024-07-02 +08:00, day 183 of 366
  });
});

describe('bad input is refused with a precise message', () => {
  const base = fieldsOf(plan.projects[10]!); // 11 韶关市清洁能源项目, 200.00, 2020–2030
  const issues = (input: Parameters<typeof validateProject>[1], b: typeof base | null = base) => {
    const v = validateProject(plan, input, b);
    return 'issues' in v ? v.issues.map((i) => [i.field, i.message, i.messageEn]) : [];
  };

  it('project: negative, non-numeric or over-precise investment', () => {
    expect(issues({ investment: '-5' })).toEqual([['investment', '投资估算不能为负数（-5）', 'investment must not be negative (-5)']]);
    expect(issues({ investment: -5 })).toEqual([['investment', '投资估算不能为负数（-5）', 'investment must not be negative (-5)']]);
    expect(issues({ investment: '十二亿' })).toEqual([['investment', '投资估算“十二亿”不是数字（单位：亿元，如 12.30）', 'investment "十二亿" is not a number (100M yuan, e.g. 12.30)']]);
    expect(issues({ investment: '1.234' })).toEqual([['investment', '投资估算“1.234”最多保留两位小数（亿元）', 'investment "1.234" has more than two decimals (100M yuan)']]);
    expect(issues({ investment: '' })).toEqual([['investment', '投资估算不能为空', 'investment is required']]);
    expect(validateProject(plan, { investment: '12.3' }, base)).toMatchObject({ fields: { investmentText: '12.30' } });
  });

  it('project: end year before start year, bad years', () => {
    expect(issues({ startYear: 2026, endYear: 2024 })).toEqual([['endYear', '结束年份 2024 早于开始年份 2026', 'end year 2024 is before start year 2026']]);
    expect(issues({ endYear: 2019 })).toEqual([['endYear', '结束年份 2019 早于开始年份 2020', 'end year 2019 is before start year 2020']]);
    expect(issues({ startYear: '二〇二一' })).toEqual([['startYear', '开始年份“二〇二一”应为四位年份', 'startYear "二〇二一" must be a four-digit year']]);
    expect(issues({ endYear: 2200 })).toEqual([['endYear', '结束年份 2200 超出 2000–2100', 'endYear 2200 is outside 2000–2100']]);
  });

  it('project: unknown department, region or category; missing fields of a new project', () => {
    expect(issues({ leads: ['市水务局', '市宇航局'] })).toEqual([['leads', '未知的牵头单位“市宇航局”（不在规划的责任单位名单中）', 'unknown lead department "市宇航局" (not among the plan\'s departments)']]);
    expect(issues({ leads: [] })).toEqual([['leads', '至少需要一个牵头单位', 'at least one lead department is required']]);
    expect(issues({ regions: ['440233', '110105'] })).toEqual([['regions', '未知的行政区“110105”（应为规划范围内的行政区代码或名称）', 'unknown region "110105" (expected a region code or name of the plan)']]);
    expect(issues({ category: '太空' })).toEqual([['category', '未知的工程类别“太空”，应为：生态空间体系建设重点工程、生态经济体系建设重点工程、生态安全体系建设重点工程、生态生活体系建设重点工程、生态文化体系建设重点工程', 'unknown category "太空"; expected one of space, economy, security, living, culture']]);
    expect(issues({ name: '新项目' }, null).map((i) => i[0])).toEqual(['category', 'content', 'investment', 'leads', 'startYear', 'endYear']);
    // Names work as well as ids and codes; the city itself means "no county named".
    expect(validateProject(plan, { leads: '市水务局、各县（市、区）人民政府', regions: ['新丰县', '440200'] }, base)).toMatchObject({ fields: { leadIds: ['swj', 'gxzf'], regions: ['440233'] } });
    expect(splitList('市文广体旅局、乐昌市人民政府，有关县（市、区）人民政府')).toEqual(['市文广体旅局', '乐昌市人民政府', '有关县（市、区）人民政府']);
  });

  const project = { no: 16, investmentText: '0.15', startYear: 2021, endYear: 2025 };
  const ok = { plannedInvestment: '0.05', completedInvestment: '0.04', physicalProgress: 30, status: 'in_progress' };
  const pissues = (input: object, others: ProgressFact[] = [], year = 2023) => {
    const v = validateProgress(project, year, { ...ok, ...input }, others, 2035);
    return 'issues' in v ? v.issues.map((i) => [i.field, i.message]) : [];
  };

  it('progress: amounts, progress range, status and reasons', () => {
    expect(pissues({})).toEqual([]);
    expect(pissues({ completedInvestment: '-0.01' })).toEqual([['completedInvestment', '完成投资不能为负数（-0.01）']]);
    expect(pissues({ plannedInvestment: 'abc' })).toEqual([['plannedInvestment', '计划投资“abc”不是数字（单位：亿元，如 12.30）']]);
    expect(pissues({ physicalProgress: 100.1 })).toEqual([['physicalProgress', '形象进度 100.1% 超出 0–100']]);
    expect(pissues({ physicalProgress: -1 })).toEqual([['physicalProgress', '形象进度 -1% 超出 0–100']]);
    expect(pissues({ physicalProgress: '一半' })).toEqual([['physicalProgress', '形象进度“一半”不是数字（0–100）']]);
    expect(pissues({ status: '停工' })).toEqual([['status', '未知的状态“停工”，应为：未开工、在建、已完工、延期、暂停、终止']]);
    for (const [status, zh] of [['delayed', '延期'], ['suspended', '暂停'], ['terminated', '终止']])
      expect(pissues({ status })).toEqual([['reason', `状态为“${zh}”时须说明原因`]]);
    expect(pissues({ status: '暂停', reason: '资金未到位' })).toEqual([]);
    expect(pissues({ status: 'completed', physicalProgress: 90 })).toEqual([['physicalProgress', '状态为“已完工”，形象进度应为 100%（现为 90%）']]);
    expect(pissues({ status: 'not_started', physicalProgress: 5 })).toEqual([['physicalProgress', '状态为“未开工”，形象进度应为 0（现为 5%）']]);
    expect(pissues({}, [], 2020)).toEqual([['year', '年份 2020 不在项目建设期限（2021–2025）及规划期内']]);
    expect(pissues({ milestones: [{ name: '', date: '2023-02-30' }] })).toEqual([
      ['milestones[0].name', '第 1 个里程碑缺少名称'],
      ['milestones[0].date', '第 1 个里程碑日期“2023-02-30”无效（应为 YYYY-MM-DD）'],
    ]);
  });

  it('progress: a cumulative figure above the total needs an explanation', () => {
    // Reported cumulative 0.16 > 0.15.
    expect(pissues({ cumulativeInvestment: '0.16' })).toEqual([['cumulativeInvestment', '累计完成投资 0.16 亿元超过项目总投资 0.15 亿元，须填写超概算说明（explanation）']]);
    expect(pissues({ cumulativeInvestment: '0.16', explanation: '追加监测点位' })).toEqual([]);
    // Summed: 2022 completed 0.12 + 2023 completed 0.04 = 0.16 > 0.15.
    expect(pissues({}, [entry(16, 2022, { completedInvestment: '0.12' })])).toEqual([['completedInvestment', '累计完成投资 0.16 亿元超过项目总投资 0.15 亿元，须填写超概算说明（explanation）']]);
    expect(pissues({ cumulativeInvestment: '0.03' })).toEqual([['cumulativeInvestment', '累计完成投资 0.03 亿元小于当年完成投资 0.04 亿元']]);
  });
});

describe('scope and links', () => {
  it('lets a reporter of a lead department (or a county under a collective county lead) report progress', () => {
    const p13 = plan.projects.find((p) => p.no === 13)!; // 市生态环境局, 各县（市、区）人民政府; nine counties, not 新丰
    expect(mayReportProgress(plan, { role: 'reporter', departmentId: 'sthjj' }, p13)).toBe(true);
    expect(mayReportProgress(plan, { role: 'reporter', departmentId: 'lcs' }, p13)).toBe(true);
    expect(mayReportProgress(plan, { role: 'reporter', departmentId: 'xfx' }, p13)).toBe(false);
    expect(mayReportProgress(plan, { role: 'reporter', departmentId: 'swj' }, p13)).toBe(false);
    expect(mayReportProgress(plan, { role: 'viewer', departmentId: null }, p13)).toBe(false);
    expect(mayReportProgress(plan, { role: 'reviewer', departmentId: 'sthjj' }, p13)).toBe(true);
  });

  it('seeds links from ecoplan’s reading and replaces them by stored sets', () => {
    expect(projectLinks(plan, 11, []).map((l) => l.indicatorCode)).toEqual([23, 25]);
    expect(projectLinks(plan, 3, []).map((l) => [l.indicatorCode, l.indicatorName])).toEqual([[9, '水质达到或优于Ⅲ类比例'], [10, '劣Ⅴ类水体比例下降幅度'], [11, '黑臭水体消除比例'], [22, '河湖岸线保护率']]);
    const edited = projectLinks(plan, 11, [{ no: 11, version: 1, indicators: [25, 8], reason: '光伏替代燃煤减少 PM2.5', by: 'r', at }]);
    expect(edited).toEqual([
      { indicatorCode: 8, indicatorName: 'PM2.5年均浓度', reason: '光伏替代燃煤减少 PM2.5' },
      { indicatorCode: 25, indicatorName: '单位地区生产总值二氧化碳排放', reason: 'ecoplan 初始解读：清洁能源替代降低碳排放强度和能耗' },
    ]);
  });
});
