// `ecoplan plan validate` and `ecoplan plan show`.
import { formatProblem } from '../plan/problems.js';
import { planDocument } from '../plan/views.js';
import { readPlanFolder } from '../planfolder/read.js';
import { openStore } from './store.js';

export function planValidate(dir: string, opts: { json?: boolean }): number {
  const { result, dir: abs } = readPlanFolder(dir);
  if (opts.json) {
    console.log(JSON.stringify(result.ok ? { ok: true, problems: [] } : { ok: false, problems: result.problems }, null, 2));
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    const p = result.plan;
    console.log(
      `✔ ${abs}: ${p.meta.name} — ${p.indicators.length} 项指标（约束性 ${p.indicators.filter((x) => x.binding).length}，参考性 ${p.indicators.filter((x) => !x.binding).length}），${p.projects.length} 个重点工程项目 / valid`,
    );
    return 0;
  }
  console.error(`✘ ${abs}: 发现 ${result.problems.length} 个问题 / ${result.problems.length} problem(s) found`);
  for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
  return 1;
}

export async function planShow(opts: { json?: boolean; db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const doc = planDocument(store.plan);
    if (opts.json) {
      process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      return 0;
    }
    const p = store.plan;
    console.log(`${p.meta.name}`);
    console.log(`规划范围 ${p.meta.area.text} ${p.meta.area.unit}，基准年 ${p.meta.baseYear}，目标年 ${p.meta.horizons.map((h) => h.year).join(' / ')}`);
    for (const d of p.domains) {
      console.log(`\n${d.name} ${d.nameEn}`);
      for (const t of d.taskAreas) {
        console.log(`  ${t.numeral} ${t.name}`);
        for (const x of p.indicators.filter((i) => i.taskAreaId === t.id))
          console.log(
            `    ${String(x.code).padStart(2)} ${x.group ? `${x.group}·` : ''}${x.name}${x.local ? '#' : ''} [${x.unit}] ${x.binding ? '约束性' : '参考性'}  现状 ${x.baseline.text}  2025: ${x.targets['2025'].text}  2035: ${x.targets['2035'].text}`,
          );
      }
    }
    console.log('\n重点工程项目投资分布（表2）/ investment by category');
    for (const c of doc.categoryTotals) console.log(`  ${c.category}  ${c.count} 项  ${c.investmentText} 亿元  ${c.shareText}%`);
    console.log(`  合计  ${doc.total.count} 项  ${doc.total.investmentText} 亿元`);
    return 0;
  } finally {
    await store.close();
  }
}
