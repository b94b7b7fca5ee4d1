// The Shaoguan plan folder against the plan text. Expected values below are typed from the plan text
// (表1, 表2, 附表) by hand, independently of the YAML files and of the code that reads them.
import { describe, expect, it } from 'vitest';
import { readPlanFolder } from '../src/planfolder/read.js';
import { categoryTotals } from '../src/plan/rollups.js';
import type { Plan } from '../src/plan/model.js';
import { SHAOGUAN_DIR } from './helpers/planFolder.js';

function load(): Plan {
  const { result } = readPlanFolder(SHAOGUAN_DIR);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.plan;
}
const plan = load();
const ind = (code: number) => plan.indicators.find((x) => x.code === code)!;

describe('table 1 (indicator system)', () => {
  it('has 45 indicators numbered 1–45: 24 binding (约束性) and 21 reference (参考性)', () => {
    expect(plan.indicators.map((x) => x.code)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    const binding = plan.indicators.filter((x) => x.binding).map((x) => x.code);
    expect(binding).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 19, 20, 21, 23, 24, 25, 29, 30, 32, 42]);
    expect(plan.indicators.filter((x) => !x.binding)).toHaveLength(21);
  });

  it('has six domains and ten task areas in the order of the table', () => {
    expect(plan.domains.map((d) => d.name)).toEqual(['生态制度', '生态安全', '生态空间', '生态经济', '生态生活', '生态文化']);
    expect(plan.domains.flatMap((d) => d.taskAreas.map((t) => `${t.numeral}${t.name}`))).toEqual([
      '(一)目标责任体系与制度建设',
      '(二)生态环境质量改善',
      '(三)生态系统保护',
      '(四)环境风险防范',
      '(五)空间格局优化',
      '(六)资源节约与利用',
      '(七)产业循环发展',
      '(八)人居环境改善',
      '(九)生活方式绿色化',
      '(十)观念意识普及',
    ]);
    const codesOf = (task: string) => plan.indicators.filter((x) => x.taskArea === task).map((x) => x.code);
    expect(codesOf('生态环境质量改善')).toEqual([7, 8, 9, 10, 11]);
    expect(codesOf('生活方式绿色化')).toEqual([35, 36, 37, 38, 39, 40, 41, 42]);
    expect(codesOf('观念意识普及')).toEqual([43, 44, 45]);
  });

  it('keeps grouped sub-indicators together (7–8 环境空气质量, 9–11 水环境质量, …)', () => {
    const groups = new Map<string, number[]>();
    for (const x of plan.indicators) if (x.group) groups.set(x.group, [...(groups.get(x.group) ?? []), x.code]);
    expect(Object.fromEntries(groups)).toEqual({
      环境空气质量: [7, 8],
      水环境质量: [9, 10, 11],
      生物多样性保护: [14, 15, 16],
      自然生态空间: [20, 21],
      绿色产品市场占有率: [39, 40],
    });
  });

  it('marks only 37 绿色出行分担率 as a local (#) indicator', () => {
    expect(plan.indicators.filter((x) => x.local).map((x) => x.code)).toEqual([37]);
    expect(ind(37).name).toBe('绿色出行分担率');
  });

  it('transcribes baselines with their years, states and gaps', () => {
    expect(ind(7).baseline).toMatchObject({ year: 2020, value: 97.3, text: '97.3' });
    expect(ind(8).baseline.value).toBe(24);
    expect(ind(13).baseline).toMatchObject({ value: 74.43, decimals: 2 });
    expect(ind(20).baseline).toMatchObject({ value: 5865.26, note: '阶段数据,以批复面积为准' });
    expect(ind(21).baseline).toMatchObject({ value: 22.52, note: '阶段数据,以批复面积为准' });
    expect(ind(25).baseline.value).toBe(2.054);
    expect(ind(24).baseline.value).toBe(136);
    expect(ind(36).baseline).toMatchObject({ year: 2019, value: 25.41 });
    expect(ind(37).baseline).toMatchObject({ year: 2019, value: 72.36 });
    expect(ind(42).baseline.value).toBe(99.92);
    expect(ind(44).baseline.text).toBe('95.0');
    expect(ind(1).baseline).toMatchObject({ value: null, state: 'beingDrafted', text: '在编' });
    expect(plan.indicators.filter((x) => x.baseline.noData).map((x) => x.code)).toEqual([16, 22, 39, 40, 41]);
  });

  it('keeps every target in the table wording', () => {
    const t = (code: number, h: '2025' | '2035') => ind(code).targets[h]!.text;
    expect(t(8, '2025')).toBe('25');
    expect(t(8, '2035')).toBe('22');
    expect(t(12, '2025')).toBe('≥85.0');
    expect(t(13, '2025')).toBe('≥74.6');
    expect(t(13, '2035')).toBe('≥75.0');
    expect(t(30, '2025')).toBe('城市: ≥99 县城: ≥95');
    expect(t(30, '2035')).toBe('100');
    expect(t(23, '2025')).toBe('完成上级规定的目标任务,保持稳定或持续改善');
    expect(t(20, '2035')).toBe('面积不减少 性质不改变 功能不降低');
    expect(t(41, '2025')).toBe('逐步下降');
    expect(t(34, '2035')).toBe('≥17');
    expect(t(44, '2035')).toBe('≥85');
  });

  it('names the responsible departments of each indicator', () => {
    expect(ind(3).departments).toEqual(['市委组织部', '市直机关工委']);
    expect(ind(6).departments).toEqual(['规划责任单位']);
    expect(ind(11).departments).toEqual(['市住建管理局']);
    expect(ind(25).departments).toEqual(['市生态环境局', '市发改局', '市统计局']);
    expect(ind(28).departments).toEqual(['市生态环境局', '市工信局', '市住建管理局', '市发改局']);
    expect(ind(44).departments).toEqual(['市统计局', '国家统计局韶关调查队', '市生态环境局']);
  });

  it('links the notes of 表1 注 to the indicators they concern', () => {
    expect(plan.notes.map((n) => n.no)).toEqual([1, 2, 3, 4, 5]);
    expect(ind(13).notes).toEqual([3]);
    expect(ind(37).notes).toEqual([1, 2]);
    expect(ind(22).notes).toEqual([4]);
    expect(ind(45).notes).toEqual([5]);
  });
});

describe('plan scope', () => {
  it('covers 18412.66 km² and ten county-level divisions with their official codes', () => {
    expect(plan.meta.area).toEqual({ value: 18412.66, text: '18412.66', unit: '平方公里' });
    expect(plan.meta.baseYear).toBe(2020);
    expect(plan.meta.horizons.map((h) => h.year)).toEqual([2025, 2035]);
    expect(Object.fromEntries(plan.regions.map((r) => [r.code, r.name]))).toEqual({
      '440200': '韶关市',
      '440203': '武江区',
      '440204': '浈江区',
      '440205': '曲江区',
      '440222': '始兴县',
      '440224': '仁化县',
      '440229': '翁源县',
      '440232': '乳源瑶族自治县',
      '440233': '新丰县',
      '440281': '乐昌市',
      '440282': '南雄市',
    });
  });
});

describe('key projects (附表) and table 2', () => {
  it('has the 24 projects with the appendix investments and periods', () => {
    const investments = ['136.64', '0.15', '29.50', '5.05', '0.10', '15.00', '8.36', '12.70', '2.74', '3.84', '200.00', '27.58', '2.80', '0.91', '3.10', '0.15', '11.78', '5.70', '0.95', '1.40', '1.20', '90.80', '38.63', '4.50'];
    expect(plan.projects.map((p) => p.investmentText)).toEqual(investments);
    expect(plan.projects.map((p) => `${p.startYear}-${p.endYear}`)).toEqual([
      '2020-2035', '2021-2025', '2020-2025', '2019-2025', '2019-2025', '2021-2028', '2021-2023', '2019-2027', '2020-2025', '2021-2025', '2020-2030', '2022-2028',
      '2020-2025', '2020-2025', '2020-2025', '2021-2025', '2021-2025', '2021-2025', '2022-2024', '2020-2025', '2021-2025', '2021-2025', '2020-2030', '2020-2025',
    ]);
    expect(plan.projects.find((p) => p.no === 22)!.leads).toEqual(['市农业农村局', '市住建管理局', '市生态环境局', '市水务局', '市交通运输局']);
    expect(plan.projects.find((p) => p.no === 19)!.leads).toEqual(['广东省韶关生态环境监测中心站']);
  });

  it('lists the sub-items the appendix enumerates', () => {
    const p12 = plan.projects.find((p) => p.no === 12)!;
    expect(p12.subItems.map((s) => s.no)).toEqual([1, 2, 3, 4, 5]);
    expect(p12.subItems[1]!.name).toBe('乐昌市第二污水处理厂一期工程及配套管网建设');
    expect(plan.projects.find((p) => p.no === 13)!.subItems).toHaveLength(9);
    expect(plan.projects.find((p) => p.no === 23)!.subItems.map((s) => s.region)).toEqual(['440224', '440282', '440281']);
  });

  it('reproduces table 2 from the projects: counts, 亿元 and shares, total 603.58', () => {
    const { categoryTotals: rows, total } = categoryTotals(plan.categories, plan.projects);
    expect(rows.map((r) => [r.category, r.count, r.investmentText, r.shareText])).toEqual([
      ['生态空间体系建设重点工程', 5, '171.44', '28.4'],
      ['生态经济体系建设重点工程', 6, '242.64', '40.2'],
      ['生态安全体系建设重点工程', 8, '52.97', '8.8'],
      ['生态生活体系建设重点工程', 3, '93.40', '15.5'],
      ['生态文化体系建设重点工程', 2, '43.13', '7.1'],
    ]);
    expect(total).toMatchObject({ count: 24, investmentText: '603.58', investment: 603.58 });
  });
});
