// `ecoplan projects summary | export | import` and the demo's example progress (load and remove).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../src/cli/demo.js';
import { projectsExport, projectsImport, projectsSummary } from '../../src/cli/projects.js';
import { demoProjectProgress, removeProjectDemo } from '../../src/demo/projects.js';
import { loadLibraryFacts } from '../../src/store/projects.js';
import { seededDatabase } from '../helpers/store.js';
import { tempDir } from '../helpers/planFolder.js';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
};
afterEach(() => vi.restoreAllMocks());

describe('ecoplan projects summary', () => {
  it('prints table 2 as a readable Chinese table by default', async () => {
    const db = join(tempDir(), 'e.db');
    const c = capture();
    expect(await projectsSummary({ db })).toBe(0);
    const lines = c.out().split('\n');
    expect(lines).toContain('重点工程项目投资分布（表2）/ investment by category (table 2)');
    expect(lines).toContain('工程类别                  项目数（个）  投资（亿元）  占比（%）');
    expect(lines).toContain('生态空间体系建设重点工程             5        171.44       28.4');
    expect(lines).toContain('生态经济体系建设重点工程             6        242.64       40.2');
    expect(lines).toContain('生态安全体系建设重点工程             8         52.97        8.8');
    expect(lines).toContain('生态生活体系建设重点工程             3         93.40       15.5');
    expect(lines).toContain('生态文化体系建设重点工程             2         43.13        7.1');
    expect(lines).toContain('合计                                24        603.58      100.0');
    expect(c.out()).not.toContain('投资完成情况'); // nothing reported yet
  });

  it('prints JSON, and a year with the demo data: completion and the warnings of that year-end', async () => {
    const db = join(tempDir(), 'e.db');
    let c = capture();
    // Loading the demo through the store, as `ecoplan demo load` does.
    const { openStore } = await import('../../src/cli/store.js');
    const s = (await openStore({ db }))!;
    await loadDemo(s.db, s.plan);
    await s.close();
    vi.restoreAllMocks();
    c = capture();
    expect(await projectsSummary({ db, json: true, year: 2024 })).toBe(0);
    const json = JSON.parse(c.out()) as { year: number; total: { investment: string }; warnings: { projectNo: number; kind: string; level: string }[] };
    expect(json.year).toBe(2024);
    expect(json.total.investment).toBe('603.58');
    // The demo's stories: 19 delayed past its end (2024) → red; 8 suspended; 5 over budget (explained); 13, 16, 21 behind.
    expect(json.warnings.filter((w) => w.level === 'red').map((w) => w.projectNo)).toEqual([19]);
    expect(json.warnings.map((w) => `${w.projectNo}:${w.kind}`)).toEqual(expect.arrayContaining(['8:stalled', '5:over_budget', '13:behind_schedule', '16:behind_schedule', '21:behind_schedule', '19:stalled']));
    vi.restoreAllMocks();
    c = capture();
    expect(await projectsSummary({ db, year: 2024 })).toBe(0);
    expect(c.out()).toContain('投资完成情况（2024 年）');
    expect(c.out()).toContain('预警 / warnings（按 2024 年末）：红色 1 项');
    expect(c.out()).toContain('注：进展数据含示例数据');
    vi.restoreAllMocks();
    c = capture();
    expect(await projectsSummary({ db, year: 2050 })).toBe(2);
    expect(c.err()).toContain('年份 2050 超出规划范围');
  });
});

describe('ecoplan projects export / import', () => {
  it('exports a workbook and imports it back without change; a missing file is refused', async () => {
    const dir = tempDir();
    const db = join(dir, 'e.db');
    const file = join(dir, 'p.xlsx');
    let c = capture();
    expect(await projectsExport(file, { db })).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(c.out()).toContain('已导出项目库 24 个项目');
    vi.restoreAllMocks();
    c = capture();
    expect(await projectsImport(file, { db, kind: 'library', by: 'cli-test' })).toBe(0);
    expect(c.out()).toContain('已导入项目库变更 0 条');
    vi.restoreAllMocks();
    c = capture();
    expect(await projectsImport(join(dir, 'missing.xlsx'), { db, kind: 'progress', by: 'cli-test' })).toBe(1);
    expect(c.err()).toContain('无法读取文件');
  });
});

describe('demo progress', () => {
  it('is labelled 示例数据, loads idempotently and is removed without touching real entries', async () => {
    const store = await seededDatabase();
    const entries = demoProjectProgress(store.plan);
    expect(entries.every((e) => e.note?.startsWith('示例数据'))).toBe(true);
    expect(entries.every((e) => e.year >= 2021 && e.year <= 2024)).toBe(true);
    await loadDemo(store.db, store.plan);
    const first = (await loadLibraryFacts(store.db, store.plan.meta.id)).progress;
    expect(first.length).toBe(entries.length);
    expect(first.every((e) => e.isDemo)).toBe(true);
    await loadDemo(store.db, store.plan);
    expect((await loadLibraryFacts(store.db, store.plan.meta.id)).progress.length).toBe(entries.length);
    expect(await removeProjectDemo(store.db, store.plan.meta.id)).toBe(entries.length);
    expect((await loadLibraryFacts(store.db, store.plan.meta.id)).progress).toEqual([]);
    await store.db.destroy();
  });
});
