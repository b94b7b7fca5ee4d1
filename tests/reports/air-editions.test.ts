// The report names the editions of the ambient-air standards behind indicators 7 and 8 and the HJ 663-2026 gap:
// in the domain table's notes and in the data-gaps section, for a year before, at and after the switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/reports/document.js';
import { buildReportDocument, buildReportModel } from '../../src/reports/index.js';
import { fixtureStore } from './helpers.js';

let store: Awaited<ReturnType<typeof fixtureStore>>;
beforeAll(async () => {
  store = await fixtureStore();
});
afterAll(() => store.db.destroy());

async function documentOf(year: number) {
  return buildReportDocument(buildReportModel({ plan: store.plan, revision: 1, year, observations: await store.observations() }));
}
/** The text of blocks, without spaces (the document tidies the spacing between Chinese and Latin). */
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.type === 'table' ? b.notes : b.type === 'heading' ? [b.title] : [])).map((t) => t.replace(/\s+/g, ''));
const flat = (t: string) => t.replace(/\s+/g, '');

/** The blocks from a level-2 heading to the next heading of level ≤ 2. */
function subsection(blocks: Block[], title: string): Block[] {
  const i = blocks.findIndex((b) => b.type === 'heading' && b.title === title);
  if (i < 0) return [];
  const j = blocks.findIndex((b, k) => k > i && b.type === 'heading' && b.level <= 2);
  return blocks.slice(i, j < 0 ? undefined : j);
}

describe('the air standards in the annual report', () => {
  it('2026: both AQI editions, the stated rule, not comparable across the switch, and the HJ 663-2026 gap', async () => {
    const doc = await documentOf(2026);
    const gaps = texts(subsection(doc.blocks, '环境空气质量评价标准的版本')).join('\n');
    expect(gaps).toContain(flat('1—2 月 HJ 633-2012，3 月 1 日起 HJ 633-2026'));
    expect(gaps).toContain(flat('GB 3095-2026（过渡阶段'));
    expect(gaps).toContain(flat('当日施行'));
    expect(gaps).toContain(flat('HJ 663-2026《环境空气质量评价技术规范》的文本未能取得核实'));
    expect(gaps).toContain(flat('按 HJ 663-2013 方法（HJ 663-2026 未核实）'));
    const notes = texts(doc.blocks).filter((t) => t.includes(flat('优良天数比例”自 2026-03-01 起按 HJ 633-2026')));
    expect(notes.length).toBe(1);
    expect(notes[0]).toContain(flat('不可直接比较'));
  });

  it('2024: the 2012/2013 editions, and a pointer to the switch', async () => {
    const gaps = texts(subsection((await documentOf(2024)).blocks, '环境空气质量评价标准的版本')).join('\n');
    expect(gaps).toContain(flat('HJ 633-2012、GB 3095-2012、HJ 663-2013'));
    expect(gaps).not.toContain(flat('未能取得核实'));
    expect(gaps).toContain(flat('自 2026-03-01 起 GB 3095-2026'));
  });

  it('2031: the final limits', async () => {
    expect(texts(subsection((await documentOf(2031)).blocks, '环境空气质量评价标准的版本')).join('\n')).toContain(flat('GB 3095-2026（最终限值'));
  });
});
