// Demonstration data (示例数据, `ecoplan demo load`) is marked wherever it appears in a report: a banner on the
// cover, an asterisk on each value and a note under each table that shows one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/cli/demo.js';
import type { Observation } from '../../src/plan/observations.js';
import { generateReport } from '../../src/reports/index.js';
import { approvedObservations } from '../../src/reports/store.js';
import { seededDatabase } from '../helpers/store.js';
import { buildApp } from '../../src/server/app.js';
import { tableAfter, textOf, unzip } from './helpers.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let observations: Observation[];

beforeAll(async () => {
  store = await seededDatabase();
  await loadDemo(store.db, store.plan);
  observations = await approvedObservations(store.db, store.plan.meta.id);
});
afterAll(() => store.db.destroy());

describe('a report on the demo dataset', () => {
  it('puts a 示例数据 banner on the cover and a note under every table that shows demo values', async () => {
    const r = await generateReport({ plan: store.plan, revision: 1, year: 2024, observations, format: 'docx' });
    expect(r.model.usesDemo).toBe(true);
    const xml = unzip(r.body)['word/document.xml']!;
    const text = textOf(xml);
    expect(text.slice(0, text.indexOf('目　　录'))).toContain('示例数据　本报告含示例数据（演示用，非真实统计），仅供演示，不得作为正式评估结论引用。');
    let marked = 0;
    for (const m of xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)) {
      const cells = textOf(m[0]).split('\n');
      if (!cells.some((c) => c.endsWith('*'))) continue;
      marked++;
      const after = textOf(xml.slice(m.index + m[0].length, m.index + m[0].length + 4000)).split('\n').filter(Boolean).slice(0, 3).join('\n');
      expect(after).toContain('示例数据');
    }
    // The summary, the six domains, the gaps and the annex.
    expect(marked).toBeGreaterThanOrEqual(8);
    const security = tableAfter(xml, '生态安全领域指标完成情况（2024年）');
    expect(security.find((row) => row[0] === '8')![4]).toMatch(/^\d+\*$/);
    expect(text).toContain('本报告使用了示例数据，上述结论仅用于演示，不代表实际情况。');
  });

  it('does not mark the official value (indicator 13 in 2021) as demo data', async () => {
    const r = await generateReport({ plan: store.plan, revision: 1, year: 2021, observations, format: 'docx' });
    const xml = unzip(r.body)['word/document.xml']!;
    expect(tableAfter(xml, '生态安全领域指标完成情况（2021年）').find((row) => row[0] === '13')![4]).toBe('74.95');
    const annex = tableAfter(xml, '报告所用数值的来源与审定记录（2021年报告）').filter((row) => row[0] === '13 森林覆盖率' && row[2] === '2021');
    expect(annex).toHaveLength(1);
    expect(annex[0]![3]).toBe('74.95');
    expect(annex[0]![4]).toContain('人民网');
  });

  it('marks the HTML page the same way', async () => {
    const r = await generateReport({ plan: store.plan, revision: 1, year: 2024, observations, format: 'html' });
    const html = r.body.toString('utf8');
    expect(html).toContain('<div class="banner" data-demo="true">示例数据　本报告含示例数据');
    expect(html).toContain('注：标“*”的数值为示例数据（演示用，非真实统计），不得作为正式统计数据引用。');
  });

  it('served over HTTP, has the key-project, GEP and carbon chapters from the stored data, and follows a change', async () => {
    const app = await buildApp({ db: store.db, webDir: '/nonexistent' });
    try {
      const res = await app.inject({ url: '/api/v1/plans/default/reports/2023.html' });
      expect(res.statusCode).toBe(200);
      const html = res.body;
      // The demo dataset has project progress, a GEP account and a carbon inventory for 2023.
      expect(html).toContain('重点工程项目投资完成情况（2023年）');
      expect(html).toContain('生态产品总值（GEP）核算');
      expect(html).toContain('碳达峰与温室气体排放');
      expect(html).not.toContain('平台目前尚无项目年度实施进度和完成投资数据');
      // Removing the GEP data changes the chapter (the cached report is not served again).
      const { removeDemoGep } = await import('../../src/store/gep.js');
      await removeDemoGep(store.db, store.plan.meta.id);
      const after = (await app.inject({ url: '/api/v1/plans/default/reports/2023.html' })).body;
      expect(after).toContain('暂无数据：尚无生态系统范围（各类型面积）数据');
    } finally {
      await app.close();
    }
  });
});
