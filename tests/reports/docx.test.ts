// The annual report as Word, generated from the fixture dataset (tests/fixtures/shaoguan-2024.csv) imported the
// way a user imports it; the document is read back from word/document.xml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../src/plan/observations.js';
import { buildReportModel, generateReport, ReportYearError } from '../../src/reports/index.js';
import { recordObservations } from '../../src/store/observations.js';
import { fixtureStore, tableAfter, textOf, unzip } from './helpers.js';

let store: Awaited<ReturnType<typeof fixtureStore>>;
let observations: Observation[];
let docx: Buffer;
let files: Record<string, string>;
let xml: string;
let text: string;
let dataVersion: string;

beforeAll(async () => {
  store = await fixtureStore();
  observations = await store.observations();
  const r = await generateReport({ plan: store.plan, revision: 1, year: 2024, observations, format: 'docx' });
  docx = r.body;
  dataVersion = r.model.dataVersion.id;
  files = unzip(docx);
  xml = files['word/document.xml']!;
  text = textOf(xml);
});
afterAll(() => store.db.destroy());

/** The text between two level-1 headings (or to the end). */
function chapter(title: string): string {
  const start = text.lastIndexOf(title); // the first occurrence is the table of contents
  const next = text.slice(start + title.length).search(/\n(?:[一二三四五六七八九十]+、|附件)/);
  return next < 0 ? text.slice(start) : text.slice(start, start + title.length + next);
}

describe('the 2024 report as .docx', () => {
  it('is a Word document with a cover, a table of contents field and headings numbered 一、（一）1.', () => {
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(files['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    const cover = text.slice(0, text.indexOf('目　　录')).trim();
    expect(cover.split(/\n+/)).toEqual(['韶关市生态文明建设规划', '2024年度实施评估报告', '评估年度：2024年', '评估范围：韶关市', '评估依据：《韶关市生态文明建设规划（2021-2035年）》', `数据版本：${dataVersion}`, expect.stringMatching(/^数据最近录入：\d{4}年\d+月\d+日$/)]);
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(files['word/settings.xml']).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
    for (const h of ['一、总体评估结论', '二、分领域评估', '（二）生态安全领域', '1. 指标完成情况', '2. 主要变化', '3. 预警与原因', '三、重点工程项目实施情况', '四、数据缺口与统计需求', '附件　数据来源与审定记录'])
      expect(text).toContain(`\n${h}\n`);
    // Headings are Word headings (the table of contents lists them), with bookmarks 1, 2, … for its links.
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:bookmarkStart w:name="_Toc1" w:id="1"/>');
  });

  it('is laid out as a government document: A4, GB/T 9704 margins, 仿宋_GB2312 三号 body, 黑体 and 楷体 headings, page numbers', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const styles = files['word/styles.xml']!;
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>/);
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?w:eastAsia="黑体"/);
    expect(styles).toMatch(/w:styleId="Heading2"[\s\S]*?w:eastAsia="楷体_GB2312"/);
    expect(styles).toMatch(/w:styleId="Title"[\s\S]*?w:eastAsia="方正小标宋简体"/);
    const footers = Object.keys(files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) expect(files[f]).toMatch(/PAGE/);
    expect(xml).toContain('<w:pgNumType w:start="1" w:fmt="decimal"/>');
  });

  it('summarises the year: counts, binding indicators 12 and 42 not attained, an overall judgement', () => {
    const summary = chapter('一、总体评估结论');
    expect(summary).toContain('规划共45项指标，纳入本年度评估45项，其中达标39项，未达标5项，无数据1项');
    expect(summary).toContain('约束性指标24项，达标22项');
    expect(summary).toMatch(/未达标的约束性指标：12“生态环境状况指数”（2024年为84\.6%[^）]*）；42“政府绿色采购比例”/);
    expect(summary).toMatch(/总体判断：2024年规划实施总体平稳，有数据的44项指标中39项达标，达标率88\.64%/);
    // The body names the data's date; the version hash is for the cover and the appendix.
    expect(summary).not.toContain(dataVersion);
    expect(summary).toMatch(/数据截至 ?\d{4}年\d+月\d+日（所用数据的版本标识见附件）/);
    const byDomain = tableAfter(xml, '分领域指标评估汇总（2024年）');
    expect(byDomain.find((r) => r[0] === '生态安全')).toEqual(['生态安全', '13', '12', '1', '0', '0', '1', '1']);
    expect(byDomain.at(-1)).toEqual(['合计', '45', '39', '5', '1', '0', '2', '4']);
  });

  it('gives each domain its table: 生态安全 holds 12 at 84.6 未达标 and 8 at 23 达标', () => {
    const rows = tableAfter(xml, '生态安全领域指标完成情况（2024年）');
    expect(rows[0]).toEqual(['序号', '指标', '单位', '基准值', '本年值', '2025目标', '2035目标', '达标情况', '进展']);
    expect(rows.find((r) => r[0] === '12')).toEqual(['12', '生态环境状况指数▲', '%', '84.9', '84.6', '≥85.0', '≥85.0', '未达标', '停滞或倒退']);
    expect(rows.find((r) => r[0] === '8')).toEqual(['8', 'PM2.5年均浓度▲', '微克/立方米', '24', '23', '25', '22', '达标', '已达标']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    for (const d of ['生态制度', '生态空间', '生态经济', '生态生活', '生态文化']) expect(text).toContain(`${d}领域指标完成情况（2024年）`);
    // Numbers as reported: 74.8, not 74.80000001; the 2019 baseline of 37 with its year.
    expect(tableAfter(xml, '生态安全领域指标完成情况（2024年）').find((r) => r[0] === '13')![4]).toBe('74.8');
    expect(tableAfter(xml, '生态生活领域指标完成情况（2024年）').find((r) => r[0] === '37')![3]).toBe('72.36（2019年）');
  });

  it('writes the changes and warnings of a domain in sentences from the data', () => {
    const security = text.slice(text.indexOf('（二）生态安全领域\n1.'), text.indexOf('（三）生态空间领域\n1.'));
    expect(security).toContain('与2023年相比，有两年数值可比的指标1项');
    expect(security).toContain('持平的是16“特有性或指示性水生物种保护率”保持96%');
    expect(security).toMatch(/红色预警：约束性指标12“生态环境状况指数”2024年未达标（2024年为84\.6%，未达到目标 ≥85\.0）/);
    expect(security).toContain('黄色预警：约束性指标7“优良天数比例”进展缓慢');
    const economy = text.slice(text.indexOf('（四）生态经济领域\n1.'), text.indexOf('（五）生态生活领域\n1.'));
    // 24 单位地区生产总值用水量: 128 in 2023 → 125 in 2024, lower is better.
    expect(economy).toMatch(/改善最明显的是24“单位地区生产总值用水量”由128立方米\/万元下降至125立方米\/万元（下降3立方米\/万元，2\.34%）/);
  });

  it('embeds one server-rendered chart per domain, plus the summary and the investment charts, as PNG', () => {
    const media = Object.keys(files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media).toHaveLength(8);
    expect((xml.match(/<pic:pic\b/g) ?? []).length).toBe(8);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(text).toMatch(new RegExp(`\\n图${n}　`));
  });

  it('reports the key projects from table 2 without inventing progress', () => {
    const projects = chapter('三、重点工程项目实施情况');
    expect(projects).toContain('重点工程项目24个，估算总投资603.58亿元');
    expect(projects).toContain('暂无数据');
    const byCategory = tableAfter(xml, '重点工程项目投资分布（规划文本表2）');
    expect(byCategory.at(-1)).toEqual(['合计', '24', '603.58', '100.0']);
    expect(byCategory.find((r) => r[0] === '生态经济体系建设重点工程')).toEqual(['生态经济体系建设重点工程', '6', '242.64', '40.2']);
    // Project 7 ran 2021–2023: its construction period is over before 2024.
    const overdue = tableAfter(xml, '建设期已满的重点工程项目（截至2024年）');
    expect(overdue.slice(1).map((r) => r[0])).toEqual(['7']);
    expect(overdue[1]!.at(-1)).toBe('建设期已满，需核实完成情况');
  });

  it('lists data gaps: the indicators of 表1 注4 and those without data for the year, with what is needed', () => {
    const noStats = tableAfter(xml, '尚无统计数据的指标（2024年情况）');
    expect(noStats.slice(1).map((r) => r[0])).toEqual(['16', '22', '39', '40', '41']);
    expect(chapter('四、数据缺口与统计需求')).toContain('表1注4');
    const missing = tableAfter(xml, '无数据的指标及所需数据（2024年）');
    expect(missing.slice(1)).toEqual([['40', '在售用水器具中节水型器具占比', '参考性', '市商务局', '2024 年尚无数值']]);
  });

  it('cites the source and approval record of every value used, the plan baseline as 规划文本表1现状值', () => {
    const annex = tableAfter(xml, '报告所用数值的来源与审定记录（2024年报告）');
    expect(annex[0]).toEqual(['指标', '行政区', '年份', '数值', '数据来源', '状态', '版本', '录入时间', '录入人']);
    const pm = annex.filter((r) => r[0] === '8 PM2.5年均浓度');
    expect(pm).toEqual([
      ['8 PM2.5年均浓度', '韶关市', '2020', '24', '规划文本表1现状值', '规划文本', '—', expect.any(String), '—'],
      ['8 PM2.5年均浓度', '韶关市', '2024', '23', '测试夹具', '已审定', '第1版', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), 'test'],
    ]);
    expect(annex.some((r) => r[3] === '上级下达 95')).toBe(true);
    expect(chapter('附件　数据来源与审定记录')).toContain(dataVersion);
    expect(dataVersion).toMatch(/^shaoguan-2021-2035@r1-[0-9a-f]{12}$/);
  });

  it('is reproducible: the same data gives the same bytes, dated from the data', async () => {
    const again = await generateReport({ plan: store.plan, revision: 1, year: 2024, observations, format: 'docx' });
    expect(unzip(again.body)['word/document.xml']).toBe(xml);
    expect(again.body.equals(docx)).toBe(true);
    const latest = observations.map((o) => o.recordedAt).sort().at(-1)!;
    expect(files['docProps/core.xml']).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${latest.slice(0, 19)}Z</dcterms:created>`);
    expect(files['docProps/core.xml']).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${latest.slice(0, 19)}Z</dcterms:modified>`);
  });

  it('uses approved observations only: a newer provisional value neither shows nor changes the data version', async () => {
    const input = { indicatorCode: 12, regionCode: '440200', year: 2024, kind: 'value' as const, valueText: '86.0', state: null, checks: [], source: '填报中', note: null, reason: '重新测算' };
    expect(await recordObservations(store.db, store.plan.meta.id, [input], { origin: 'import', recordedBy: 'reporter', status: 'provisional' })).toMatchObject({ ok: true, versioned: 1 });
    const after = await store.observations();
    const m = buildReportModel({ plan: store.plan, revision: 1, year: 2024, observations: after });
    expect(m.rows.find((r) => r.ind.code === 12)).toMatchObject({ valueText: '84.6', statusText: '未达标' });
    expect(m.dataVersion.id).toBe(dataVersion);
    // Even handed a provisional observation directly, the model drops it.
    const direct = buildReportModel({ plan: store.plan, revision: 1, year: 2024, observations: after.map((o) => (o.indicatorCode === 8 && o.year === 2024 ? { ...o, status: 'provisional' as const } : o)) });
    expect(direct.rows.find((r) => r.ind.code === 8)!.valueText).toBe('—');
  });

  it('says 暂无数据 in every section for a year without data (2022), without failing', async () => {
    const r = await generateReport({ plan: store.plan, revision: 1, year: 2022, observations, format: 'docx' });
    expect(r.model.hasData).toBe(false);
    const t = textOf(unzip(r.body)['word/document.xml']!);
    const body = t.slice(t.indexOf('\n一、总体评估结论\n本报告') + 1); // after the cover and the contents
    const chapters = body.split(/\n(?=[一二三四五六七八九十]+、|附件　)/);
    expect(chapters.map((c) => c.split('\n')[0])).toEqual(['一、总体评估结论', '二、分领域评估', '三、重点工程项目实施情况', '四、数据缺口与统计需求', '附件　数据来源与审定记录']);
    for (const c of chapters) expect(c, c.split('\n')[0]).toContain('暂无数据');
    expect(body.match(/本领域2022年暂无数据，未绘制图表/g)).toHaveLength(6);
    expect(t).toContain('总体判断：2022年暂无数据（尚无已审定的指标值），无法作出总体判断');
  });

  it('refuses years outside the plan with a bilingual error', () => {
    for (const year of [2019, 2036]) {
      let error: unknown;
      try {
        buildReportModel({ plan: store.plan, revision: 1, year, observations });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReportYearError);
      expect((error as ReportYearError).zh).toContain(`年份 ${year} 超出规划范围（2020–2035）`);
      expect((error as ReportYearError).en).toContain('outside the plan');
    }
  });
});
