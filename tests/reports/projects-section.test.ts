// (The document tidies the spaces between Chinese text and figures away, so the expected prose has none.)
// The report's key-project chapter reads the project library: investment completion by category and the
// schedule warnings at the end of the report's year. Expected figures are worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/reports/document.js';
import { buildReportDocument, buildReportModel, REPORT_SECTIONS } from '../../src/reports/index.js';
import { libraryProjects, type ProgressFact } from '../../src/projects/library.js';
import type { Plan } from '../../src/plan/model.js';
import { seededDatabase } from '../helpers/store.js';

let plan: Plan;
let close: () => Promise<void>;
beforeAll(async () => {
  const store = await seededDatabase();
  plan = store.plan;
  close = () => store.db.destroy();
});
afterAll(() => close());

const fact = (f: Partial<ProgressFact> & Pick<ProgressFact, 'no' | 'year' | 'plannedInvestment' | 'completedInvestment' | 'status'>): ProgressFact => ({
  version: 1,
  cumulativeInvestment: null,
  physicalProgress: null,
  reason: null,
  milestones: [],
  note: null,
  explanation: null,
  recordedAt: '2025-01-10T00:00:00.000Z',
  recordedBy: 'test',
  isDemo: false,
  ...f,
});

// Project 1 南岭国家公园 (生态空间, 136.64, 2020–2035): 2024 planned 10.00, completed 8.00, cumulative 30.00, 25 %.
// Project 3 碧道 (生态空间, 29.50, 2020–2025): 2024 planned 5.00, completed 4.50 (cumulative summed: 4.50), 40 %, 延期.
// Project 7 丹霞山 (生态经济, 8.36, 2021–2023): 2023 completed, cumulative 8.36, 100 %.
const progress: ProgressFact[] = [
  fact({ no: 1, year: 2024, plannedInvestment: '10.00', completedInvestment: '8.00', cumulativeInvestment: '30.00', physicalProgress: 25, status: 'in_progress' }),
  fact({ no: 3, year: 2024, plannedInvestment: '5.00', completedInvestment: '4.50', physicalProgress: 40, status: 'delayed', reason: '征地未完成' }),
  fact({ no: 7, year: 2023, plannedInvestment: '3.00', completedInvestment: '3.00', cumulativeInvestment: '8.36', physicalProgress: 100, status: 'completed' }),
];

function chapter(year: number, facts: ProgressFact[]) {
  const model = buildReportModel({ plan, revision: 1, year, observations: [], projects: { library: libraryProjects(plan, []), progress: facts } });
  const doc = buildReportDocument(model, REPORT_SECTIONS);
  const start = doc.blocks.findIndex((b) => b.type === 'heading' && b.level === 1 && b.title === '重点工程项目实施情况');
  const end = doc.blocks.findIndex((b, i) => i > start && b.type === 'heading' && b.level === 1);
  return doc.blocks.slice(start, end);
}
const table = (blocks: Block[], title: string) => blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table' && b.title.startsWith(title));
const prose = (blocks: Block[]) => blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text).join('\n');

describe('report chapter on key projects, from the project library', () => {
  it('shows the year’s planned and completed investment and the cumulative completion rate by category', () => {
    const blocks = chapter(2024, progress);
    const t = table(blocks, '重点工程项目投资完成情况（2024年）');
    expect(t).toBeDefined();
    const rows = Object.fromEntries(t!.rows.map((r) => [r[0], r.slice(1)]));
    // 生态空间: planned 10.00 + 5.00 = 15.00; completed 8.00 + 4.50 = 12.50; (30.00 + 4.50) / 171.44 = 20.12 % → 20.1
    expect(rows['生态空间体系建设重点工程']).toEqual(['5', '171.44', '28.4', '15.00', '12.50', '20.1']);
    // 生态经济 (6 projects, table 2): nothing in 2024; 8.36 / 242.64 = 3.445 % → 3.4
    expect(rows['生态经济体系建设重点工程']).toEqual(['6', '242.64', '40.2', '0.00', '0.00', '3.4']);
    // total: (30.00 + 4.50 + 8.36) / 603.58 = 42.86 / 603.58 = 7.101 % → 7.1
    expect(rows['合计']).toEqual(['24', '603.58', '100.0', '15.00', '12.50', '7.1']);
    expect(prose(blocks)).toContain('2024年计划投资15.00亿元，完成投资12.50亿元；截至2024年底累计完成投资占总投资的7.1%');
  });

  it('lists the overdue project in red and the delayed one in yellow', () => {
    const blocks = chapter(2024, progress);
    const t = table(blocks, '重点工程项目进度预警（截至2024年底）');
    // Project 19 ends in 2024 with nothing reported → overdue at the end of 2024. Project 7 ended in 2023 but is complete.
    // Project 3: (2025 − 2020) / (2026 − 2020) = 83.3 % of its period elapsed vs 40 % progress → behind; and 延期 → stalled.
    expect(t!.rows.map((r) => [r[0], r[1], r[2]!.split('：')[0]])).toEqual([
      ['红色', '到期未完工', '19. 粤北区域环境监控中心环境监控大楼及分析实验室以及韶关市生态环境监测站项目'],
      ['黄色', '进度滞后', '3. 韶关市碧道建设项目'],
      ['黄色', '延期或暂停', '3. 韶关市碧道建设项目'],
    ]);
    expect(prose(blocks)).toContain('1个项目红色预警、2项黄色预警');
  });

  it('uses only reports up to the report’s year', () => {
    // In 2023 only project 7 had reported: 8.36 / 603.58 = 1.385 % → 1.4; nothing planned in 2023 apart from its 3.00.
    const t = table(chapter(2023, progress), '重点工程项目投资完成情况（2023年）');
    expect(t!.rows.at(-1)).toEqual(['合计', '24', '603.58', '100.0', '3.00', '3.00', '1.4']);
  });

  it('falls back to the appendix and says there is no progress data when nothing was reported', () => {
    const blocks = chapter(2024, []);
    expect(table(blocks, '重点工程项目投资分布（规划文本表2）')).toBeDefined();
    expect(prose(blocks)).toContain('平台目前尚无项目年度实施进度和完成投资数据');
  });

  it('marks demonstration progress as 示例数据', () => {
    const blocks = chapter(2024, progress.map((f) => ({ ...f, isDemo: true })));
    const t = table(blocks, '重点工程项目投资完成情况（2024年）');
    expect(t!.rows.at(-1)!.slice(4)).toEqual(['15.00*', '12.50*', '7.1*']);
    expect(prose(blocks)).toContain('15.00（示例数据）');
  });
});
