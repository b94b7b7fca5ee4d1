// `ecoplan projects summary | export | import`: the key project library's roll-ups (table 2 by default) and Excel.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importWorkbook, buildProjectsWorkbook } from '../importers/projectsWorkbook.js';
import { currentProgress, libraryProjects } from '../projects/library.js';
import { decimalYear, endOfYear, projectSummary, type Rollup } from '../projects/rollups.js';
import { loadLibraryFacts } from '../store/projects.js';
import { openStore } from './store.js';

/** Display width: CJK and full-width characters take two columns. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number, right = false) => (right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s))));

/** A plain text table: first column left-aligned, the others right-aligned. */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export async function projectsSummary(opts: { db: string; planDir?: string; year?: number; json?: boolean }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { plan } = store;
    if (opts.year !== undefined && (opts.year < plan.meta.baseYear - 1 || opts.year > plan.meta.period.end)) {
      console.error(`✘ 年份 ${opts.year} 超出规划范围（${plan.meta.baseYear - 1}–${plan.meta.period.end}）/ year outside the plan`);
      return 2;
    }
    const facts = await loadLibraryFacts(store.db, plan.meta.id);
    const library = libraryProjects(plan, facts.versions);
    const year = opts.year ?? null;
    const summary = projectSummary(plan, library, currentProgress(facts.progress), { year, asOf: year === null ? decimalYear(new Date()) : endOfYear(year) });
    if (opts.json) {
      console.log(JSON.stringify(summary, null, 2));
      return 0;
    }
    const rows = (rs: Rollup[]) => rs.map((r) => [r.name, String(r.count), r.investment, r.share]);
    console.log(`${plan.meta.name}\n重点工程项目投资分布（表2）/ investment by category (table 2)\n`);
    console.log(textTable(['工程类别', '项目数（个）', '投资（亿元）', '占比（%）'], [...rows(summary.byCategory), ['合计', String(summary.total.count), summary.total.investment, summary.total.share]]));
    const reported = summary.byYear.some((y) => y.planned !== '0.00' || y.completed !== '0.00');
    if (year !== null || reported) {
      const label = year === null ? '各年累计' : `${year} 年`;
      console.log(`\n投资完成情况（${label}）/ investment ${year === null ? 'over all years' : `in ${year}`}\n`);
      console.log(
        textTable(
          ['工程类别', '计划投资（亿元）', '完成投资（亿元）', '累计完成率（%）'],
          [...summary.byCategory, summary.total].map((r) => [r.name, r.planned, r.completed, r.completionRate ?? '—']),
        ),
      );
    }
    const red = summary.warnings.filter((w) => w.level === 'red');
    const yellow = summary.warnings.filter((w) => w.level === 'yellow');
    console.log(`\n预警 / warnings（${year === null ? '按当前日期' : `按 ${year} 年末`}）：红色 ${red.length} 项，黄色 ${yellow.length} 项`);
    for (const w of summary.warnings) console.log(`  ${w.level === 'red' ? '●红' : '●黄'} ${w.message}`);
    if (facts.progress.some((p) => p.isDemo)) console.log('\n注：进展数据含示例数据（演示用，非真实统计）/ progress includes demo data');
    return 0;
  } finally {
    await store.close();
  }
}

export async function projectsExport(file: string, opts: { db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const facts = await loadLibraryFacts(store.db, store.plan.meta.id);
    const library = libraryProjects(store.plan, facts.versions);
    writeFileSync(file, await buildProjectsWorkbook(store.plan, library, currentProgress(facts.progress)));
    console.log(`✔ 已导出项目库 ${library.filter((p) => !p.retired).length} 个项目及年度进展到 ${file} / exported`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function projectsImport(file: string, opts: { db: string; planDir?: string; kind: 'library' | 'progress'; by: string }): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    console.error(`✘ 无法读取文件 ${file}：${(e as Error).message} / cannot read the file`);
    return 1;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const facts = await loadLibraryFacts(store.db, store.plan.meta.id);
    const m = { plan: store.plan, library: libraryProjects(store.plan, facts.versions), current: currentProgress(facts.progress) };
    const result = await importWorkbook(store.db, m, opts.kind, bytes, basename(file), { role: 'admin', departmentId: null }, { id: null, username: opts.by });
    if ('errors' in result) {
      console.error(`✘ ${result.errors.length} 处问题，未导入任何数据 / nothing imported:`);
      for (const e of result.errors) console.error(`  ${[e.sheet && `工作表“${e.sheet}”`, e.column && `${e.column} 列`].filter(Boolean).join(' ')} ${e.message}`.trim());
      return 1;
    }
    console.log(`✔ 已导入${opts.kind === 'library' ? '项目库变更' : '年度进展'} ${result.imported} 条 / ${result.imported} ${opts.kind} row(s) imported`);
    return 0;
  } finally {
    await store.close();
  }
}
