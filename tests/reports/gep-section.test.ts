// The annual report's GEP chapter: figures worked out by hand from a small set of facts and prices, and the same
// figures the GEP API gives for them (the chapter and the console must agree).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceBook, type StoredFact, type StoredPrice } from '../../src/gep/facts.js';
import type { Plan } from '../../src/plan/model.js';
import type { Block } from '../../src/reports/document.js';
import { buildReportDocument, buildReportModel, REPORT_SECTIONS, type ReportGep } from '../../src/reports/index.js';
import { accountResponse, gepData } from '../../src/store/gepQueries.js';
import { seededDatabase } from '../helpers/store.js';

let plan: Plan;
let close: () => Promise<void>;
beforeAll(async () => {
  const store = await seededDatabase();
  plan = store.plan;
  close = () => store.db.destroy();
});
afterAll(() => close());

const fact = (region: string, year: number, kind: StoredFact['kind'], key: string, value: string, unit: string, sub = ''): StoredFact => ({ kind, region, year, key, sub, value, unit });
const price = (key: string, year: number, value: string, unit: string): StoredPrice => ({ key, year, value, unit, source: 'test', indexKey: null });

// The city (440200) is all forest, 1 841 266 hm² = the plan's 18 412.66 km², so the area check passes.
// 2024: agriculture output 2 000 000 000 元 (20.00 亿) + hydropower 1 000 000 000 kWh × 0.30 元/kWh = 300 000 000 元
//       (3.00 亿) → GEP 2 300 000 000 元 = 23.00 亿: material 100 %, regulating 0, cultural 0.
//       Per capita 2 300 000 000 / 2 300 000 persons = 1000.00 元; GEP/GDP 2.3e9 / 1.15e11 = 0.02 → 2.00 %.
//       Item shares: agriculture 20/23 = 86.96 %, hydropower 3/23 = 13.04 %.
// 2023: agriculture 1 800 000 000 元 (18.00 亿) + 800 000 000 kWh × 0.25 = 200 000 000 元 (2.00 亿) → 20.00 亿.
// Change +3.00 亿. Agriculture (index 1.0 in both years): quantity effect (20 − 18)·(1 + 1)/2 = 2.00 亿, price 0.
//   Hydropower: quantity (1.0e9 − 0.8e9)·(0.25 + 0.30)/2 = 55 000 000 元, price 100 000 000 − 55 000 000 = 45 000 000.
//   → quantity effect 2.55 亿, price effect 0.45 亿 (sum 3.00).
// Counties 2024: 武江区 agriculture 500 000 000 元 = 5.00 亿, 浈江区 300 000 000 元 = 3.00 亿 (no region area: unchecked).
const facts: StoredFact[] = [
  fact('440200', 2024, 'extent', 'forest', '1841266', 'hm²'),
  fact('440200', 2024, 'input', 'agriculture.value', '2000000000', '元'),
  fact('440200', 2024, 'input', 'eco_energy.hydropower', '1000000000', 'kWh'),
  fact('440200', 2024, 'stat', 'population', '2300000', '人'),
  fact('440200', 2024, 'stat', 'gdp', '115000000000', '元'),
  fact('440200', 2023, 'extent', 'forest', '1841266', 'hm²'),
  fact('440200', 2023, 'input', 'agriculture.value', '18', '亿元'),
  fact('440200', 2023, 'input', 'eco_energy.hydropower', '8', '亿kWh'),
  fact('440203', 2024, 'extent', 'forest', '50000', 'hm²'),
  fact('440203', 2024, 'input', 'agriculture.value', '500000000', '元'),
  fact('440204', 2024, 'extent', 'forest', '40000', 'hm²'),
  fact('440204', 2024, 'input', 'agriculture.value', '300000000', '元'),
];
const prices: StoredPrice[] = [
  price('index.agriculture', 2023, '1', '1'),
  price('index.agriculture', 2024, '1', '1'),
  price('price.hydropower', 2023, '0.25', '元/kWh'),
  price('price.hydropower', 2024, '0.30', '元/kWh'),
];

const gep = (demo: string[] = []): ReportGep => ({ data: gepData(facts, priceBook(prices)), demoRegionYears: new Set(demo) });

function chapter(opts: { year?: number; region?: string; gep?: ReportGep }) {
  const model = buildReportModel({ plan, revision: 1, year: opts.year ?? 2024, region: opts.region, observations: [], gep: opts.gep });
  const doc = buildReportDocument(model, REPORT_SECTIONS);
  const start = doc.blocks.findIndex((b) => b.type === 'heading' && b.level === 1 && b.title === '生态产品总值（GEP）核算');
  if (start < 0) return { model, doc, blocks: [] as Block[] };
  const end = doc.blocks.findIndex((b, i) => i > start && b.type === 'heading' && b.level === 1);
  return { model, doc, blocks: doc.blocks.slice(start, end < 0 ? undefined : end) };
}
const text = (blocks: Block[]) => blocks.map((b) => (b.type === 'paragraph' ? b.text : b.type === 'heading' ? b.title : '')).join('\n');
const table = (blocks: Block[]) => blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')!;

describe('GEP chapter of the annual report', () => {
  it('is absent when the report was not given GEP data', () => {
    expect(chapter({}).blocks).toEqual([]);
  });

  it('gives the total, categories, per capita and GEP/GDP worked out by hand', () => {
    const { blocks } = chapter({ gep: gep() });
    const t = text(blocks);
    expect(t).toContain('韶关市2024年生态产品总值（GEP）为23.00亿元');
    expect(t).toContain('物质产品23.00亿元（100.00%）、调节服务0.00亿元（0.00%）、文化服务0.00亿元（0.00%）');
    expect(t).toContain('人均GEP 1000.00元');
    expect(t).toContain('GEP相当于同年地区生产总值的2.00%');
    expect(table(blocks).rows).toEqual([
      ['农业产品', '物质产品', '20.00', '86.96'],
      ['生态能源', '物质产品', '3.00', '13.04'],
      ['合计', '', '23.00', '100.00'],
    ]);
  });

  it('agrees with the account the API answers for the same facts and prices', () => {
    const api = accountResponse(plan, gep().data, { region: '440200', year: 2024, method: 'spec' });
    expect(api.method === 'spec' && api.total.yi).toBe('23.00');
    expect(text(chapter({ gep: gep() }).blocks)).toContain(`为${api.total.yi}亿元`);
  });

  it('splits the change from the previous year into quantity and price effects', () => {
    const t = text(chapter({ gep: gep() }).blocks);
    expect(t).toContain('与2023年（20.00亿元）相比，2024年GEP增加3.00亿元；按对称分解，其中实物量变化（数量效应）增加2.55亿元，价格变化（价格效应）增加0.45亿元');
  });

  it('lists the counties of the plan region, highest first, and names those without an extent', () => {
    const { blocks } = chapter({ gep: gep() });
    const t = text(blocks);
    expect(t).toContain('2024年已核算2个县级行政区，GEP最高的是武江区（5.00亿元），最低的是浈江区（3.00亿元）');
    expect(t).toContain('曲江区');
    const chart = blocks.find((b): b is Extract<Block, { type: 'chart' }> => b.type === 'chart')!;
    expect(chart.spec.categories).toEqual(['武江区', '浈江区']);
    expect(chart.spec.series.find((s) => s.name === '物质产品')!.values).toEqual([5, 3]);
  });

  it('has no county part in a county report, and no comparison without the previous year', () => {
    const { blocks } = chapter({ gep: gep(), region: '440203' });
    const t = text(blocks);
    expect(t).toContain('武江区2024年生态产品总值（GEP）为5.00亿元');
    expect(t).not.toContain('与上年比较');
    expect(t).not.toContain('各区县');
  });

  it('says there is no data for a year without an extent', () => {
    const t = text(chapter({ gep: gep(), year: 2022 }).blocks);
    expect(t).toContain('韶关市2022年暂无数据');
  });

  it('reports a missing price instead of a wrong figure', () => {
    const noHydroPrice = { data: gepData(facts, priceBook(prices.filter((x) => x.key !== 'price.hydropower'))), demoRegionYears: new Set<string>() };
    const t = text(chapter({ gep: noHydroPrice }).blocks);
    expect(t).toContain('未能核算');
    expect(t).toContain('price.hydropower');
  });

  it('marks demonstration data and puts the demo banner on the cover', () => {
    const { blocks, doc, model } = chapter({ gep: gep(['440200|2024']) });
    expect(model.usesDemo).toBe(true);
    expect(doc.cover.banner).toContain('示例数据');
    expect(text(blocks)).toContain('23.00*亿元');
    expect(table(blocks).notes.some((n) => n.includes('示例数据'))).toBe(true);
    expect(chapter({ gep: gep() }).model.usesDemo).toBe(false);
  });
});
