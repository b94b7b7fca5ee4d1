// The section registry and the pure helpers of the report: numbering, exact decimals, rates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headingText, numberBlocks, tidy, type Block } from '../../src/reports/document.js';
import { percentText, subtractDecimal, withUnit, zhNumeral } from '../../src/reports/format.js';
import { buildReportDocument, buildReportModel, REPORT_SECTIONS, withSection, type ReportModel, type ReportSection } from '../../src/reports/index.js';
import { renderHtml } from '../../src/reports/html.js';
import { fixtureStore } from './helpers.js';

let model: ReportModel;
let close: () => Promise<void>;

beforeAll(async () => {
  const store = await fixtureStore();
  model = buildReportModel({ plan: store.plan, revision: 1, year: 2024, observations: await store.observations() });
  close = () => store.db.destroy();
});
afterAll(() => close());

describe('section registry', () => {
  it('lists the sections in order, the annex last', () => {
    expect(REPORT_SECTIONS.map((s) => s.id)).toEqual(['summary', 'revisions', 'domains', 'projects', 'gep', 'carbon', 'assessment', 'data-gaps', 'annex']);
  });

  it('takes a later capability’s section through the same mechanism, numbered in place', () => {
    const disclosure: ReportSection = {
      id: 'disclosure',
      title: '环境信息公开',
      build: (m) => [
        { type: 'heading', level: 1, title: '环境信息公开' },
        { type: 'paragraph', text: `${m.year} 年环境信息公开情况暂无数据。` },
      ],
    };
    const sections = withSection(REPORT_SECTIONS, disclosure);
    // The revisions, GEP, carbon and assessment chapters build nothing without their data (this model has none), so the numbering skips them.
    expect(sections.map((s) => s.id)).toEqual(['summary', 'revisions', 'domains', 'projects', 'gep', 'carbon', 'assessment', 'data-gaps', 'disclosure', 'annex']);
    const doc = buildReportDocument(model, sections);
    const level1 = doc.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 1).map(headingText);
    expect(level1).toEqual(['一、总体评估结论', '二、分领域评估', '三、重点工程项目实施情况', '四、数据缺口与统计需求', '五、环境信息公开', '附件　数据来源与审定记录']);
    expect(renderHtml(doc)).toContain('<h1 id="h');
    expect(renderHtml(doc)).toContain('五、环境信息公开');
    expect(withSection(REPORT_SECTIONS, disclosure, { after: 'summary' }).map((s) => s.id)).toEqual(['summary', 'disclosure', 'revisions', 'domains', 'projects', 'gep', 'carbon', 'assessment', 'data-gaps', 'annex']);
  });

  it('leaves out a part that does not exist (a plan without key projects)', () => {
    const doc = buildReportDocument({ ...model, projects: { ...model.projects, all: [] } });
    expect(doc.blocks.some((b) => b.type === 'heading' && b.title === '重点工程项目实施情况')).toBe(false);
    expect(doc.blocks.find((b) => b.type === 'heading' && b.title === '数据缺口与统计需求')).toMatchObject({ number: '三、' });
  });
});

describe('numbering and formatting', () => {
  it('numbers headings 一、（一）1. with resets, and tables and figures in order', () => {
    const blocks = numberBlocks([
      { type: 'heading', level: 1, title: 'A' },
      { type: 'heading', level: 2, title: 'B' },
      { type: 'heading', level: 3, title: 'C' },
      { type: 'heading', level: 3, title: 'D' },
      { type: 'heading', level: 2, title: 'E' },
      { type: 'heading', level: 3, title: 'F' },
      { type: 'table', title: 't', columns: [], rows: [], notes: [] },
      { type: 'heading', level: 1, title: 'G' },
      { type: 'heading', level: 2, title: 'H' },
      { type: 'table', title: 'u', columns: [], rows: [], notes: [] },
    ]);
    expect(blocks.map((b) => (b.type === 'heading' ? headingText(b) : `表${b.type === 'table' ? b.number : ''}`))).toEqual(['一、A', '（一）B', '1. C', '2. D', '（二）E', '1. F', '表1', '二、G', '（一）H', '表2']);
    expect([1, 9, 10, 11, 20, 21, 99].map(zhNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
  });

  it('computes differences exactly and rates with two decimals', () => {
    expect(subtractDecimal('74.8', '74.70')).toBe('0.10');
    expect(subtractDecimal('0.3', '0.1')).toBe('0.2'); // 0.19999999999999998 in floating point
    expect(subtractDecimal('125', '128')).toBe('-3');
    expect(subtractDecimal('-0.5', '0.25')).toBe('-0.75');
    expect(percentText(3 / 128)).toBe('2.34');
    expect(percentText(-0.00001)).toBe('0.00');
    expect(withUnit('23', '微克/立方米')).toBe('23 微克/立方米');
    expect(withUnit('74.8', '%')).toBe('74.8%');
    expect(withUnit('建立', '—')).toBe('建立');
    expect(tidy('对韶关市 2024 年规划共 45 项，数据版本 x（见附件）')).toBe('对韶关市2024年规划共45项，数据版本x（见附件）');
  });

  it('computes the target completion of a numeric indicator and leaves qualitative ones out', () => {
    const row = (code: number) => model.rows.find((r) => r.ind.code === code)!;
    expect(row(8).completion).toEqual({ targetText: '25', percent: 108.7, percentText: '108.70' }); // 25 / 23, lower is better
    expect(row(12).completion).toEqual({ targetText: '85.0', percent: 99.53, percentText: '99.53' });
    expect(row(7).completion?.targetText).toBe('95'); // the assigned figure
    expect(row(1).completion).toBeNull();
    expect(row(40).completion).toBeNull();
  });
});
