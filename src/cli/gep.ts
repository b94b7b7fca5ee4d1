// `ecoplan gep …`: GEP accounts, comparison, compensation, the item spec and the Excel round trip.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { GepError } from '../gep/errors.js';
import { specJson } from '../gep/spec.js';
import { exportGepWorkbook, formatWorkbookProblem, importGepWorkbook } from '../importers/gepWorkbook.js';
import { listSchemes } from '../store/gep.js';
import { accountResponse, compareResponse, compensationResponse, loadGep } from '../store/gepQueries.js';
import { planRegionName } from '../plan/views.js';
import { openStore } from './store.js';

interface StoreOpts {
  db: string;
  planDir?: string;
}

const out = (v: unknown) => console.log(JSON.stringify(v, null, 2));

async function withStore(opts: StoreOpts, f: (s: NonNullable<Awaited<ReturnType<typeof openStore>>>) => Promise<number>): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    return await f(store);
  } catch (e) {
    if (e instanceof GepError) {
      console.error(`✘ ${e.message}\n  ${e.messageEn}`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

export async function gepAccount(opts: StoreOpts & { region: string; year: number; json?: boolean; method?: string; constantYear?: number; include?: string }): Promise<number> {
  if (opts.method && opts.method !== 'spec' && opts.method !== 'equivalent') {
    console.error(`✘ --method 应为 spec 或 equivalent / --method must be spec or equivalent`);
    return 2;
  }
  return withStore(opts, async (s) => {
    const data = await loadGep(s.db, s.plan);
    const r = accountResponse(s.plan, data, {
      region: opts.region,
      year: opts.year,
      method: (opts.method as 'spec' | 'equivalent') ?? 'spec',
      options: { constantYear: opts.constantYear ?? null, include: opts.include?.split(',').filter(Boolean) },
    });
    if (opts.json) return out(r), 0;
    if (r.usesDemo) console.log(`【示例数据 / demo data】以下核算使用示例数据，不代表${planRegionName(s.plan)}实际情况 / this account uses demonstration data`);
    if (r.method === 'equivalent') {
      console.log(`${r.region} ${r.year} 年 ${r.label.zh}`);
      console.log(`  合计 / total: ${r.total.yi} 亿元（标准当量 ${r.standardEquivalentYuanPerHm2} 元/公顷）`);
      for (const s2 of r.byService) console.log(`  ${s2.zh.padEnd(8, '　')} ${s2.yi.padStart(12)} 亿元`);
      if (r.unverifiedRowsUsed.length) console.log(`  注：使用了未核实的当量行 / unverified rows used: ${r.unverifiedRowsUsed.join('、')}`);
      return 0;
    }
    const basis = r.prices.basis === 'current' ? '当年价 / current prices' : `${r.prices.baseYear} 年不变价 / constant ${r.prices.baseYear} prices`;
    console.log(`${r.regionName}（${r.region}）${r.year} 年 GEP：${r.total.yi} 亿元（${basis}）`);
    for (const c of r.byCategory) console.log(`  ${c.zh} ${c.yi} 亿元`);
    for (const i of r.items) {
      const mark = !i.included ? '（不计入 / not counted）' : i.status === 'complete' ? '' : i.status === 'partial' ? `（部分：缺 ${i.missingInputs.join('、')}）` : `（无数据：缺 ${i.missingInputs.join('、')}）`;
      console.log(`    ${i.zh.padEnd(7, '　')} ${i.yi.padStart(12)} 亿元 ${mark}`);
    }
    if (r.perCapita) console.log(`  人均 GEP / per capita: ${r.perCapita.yuan} 元`);
    if (r.gepToGdp) console.log(`  GEP/GDP: ${r.gepToGdp}`);
    return 0;
  });
}

export async function gepCompare(opts: StoreOpts & { region: string; from: number; to: number; json?: boolean }): Promise<number> {
  if (opts.from >= opts.to) {
    console.error(`✘ --from ${opts.from} 应早于 --to ${opts.to} / --from must precede --to`);
    return 2;
  }
  return withStore(opts, async (s) => {
    const r = compareResponse(s.plan, await loadGep(s.db, s.plan), opts.region, opts.from, opts.to);
    if (opts.json) return out(r), 0;
    if (r.usesDemo) console.log('【示例数据 / demo data】以下比较使用示例数据 / this comparison uses demonstration data');
    console.log(`${r.regionName}（${r.region}）GEP ${r.from}→${r.to}：${r.fromTotal.yi} → ${r.toTotal.yi} 亿元，变化 ${r.change.yi} 亿元`);
    console.log(`  数量效应 / quantity effect ${r.quantityEffect.yi} 亿元；价格效应 / price effect ${r.priceEffect.yi} 亿元`);
    console.log(`  ${r.formula.zh}`);
    for (const i of r.byItem) console.log(`    ${i.zh.padEnd(7, '　')} 变化 ${i.change.yi.padStart(10)}  数量 ${i.quantityEffect.yi.padStart(10)}  价格 ${i.priceEffect.yi.padStart(10)}`);
    return 0;
  });
}

export async function gepCompensate(opts: StoreOpts & { year: number; scheme?: string; fund?: string; baseYear?: number; json?: boolean }): Promise<number> {
  return withStore(opts, async (s) => {
    const schemes = await listSchemes(s.db, s.plan.meta.id);
    const saved = opts.scheme ? schemes.find((x) => x.name === opts.scheme) : schemes[0];
    if (!saved) {
      console.error(`✘ 未找到补偿方案${opts.scheme ? `“${opts.scheme}”` : ''}（可用：${schemes.map((x) => x.name).join('、') || '无'}）/ scheme not found`);
      return 1;
    }
    const scheme = opts.fund ? { ...saved.scheme, fundYuan: opts.fund } : saved.scheme;
    const r = compensationResponse(s.plan, await loadGep(s.db, s.plan), scheme, opts.year, opts.baseYear);
    if (opts.json) return out(r), 0;
    console.log(`${r.scheme}（${opts.year} 年）：资金 ${r.fund.yuan} 元，分配合计 ${r.total.yuan} 元`);
    console.log(`  ${r.formula.zh}`);
    for (const a of r.allocations) console.log(`  ${a.explanation.zh}`);
    return 0;
  });
}

export function gepSpec(opts: { json?: boolean }): number {
  const spec = specJson();
  if (opts.json) return out(spec), 0;
  console.log(spec.specification.zh);
  console.log(`  ${spec.clauseNote.zh}`);
  for (const c of spec.categories) {
    console.log(`${c.zh} / ${c.en}`);
    for (const i of spec.items.filter((x) => x.category === c.id)) {
      console.log(`  ${i.id}  ${i.zh} / ${i.en}${i.defaultIncluded ? '' : '（默认不计入 / off by default）'}`);
      console.log(`      实物量 ${i.physicalFormula}`);
      console.log(`      价值量 ${i.valueFormula}`);
    }
  }
  return 0;
}

export async function gepImport(file: string, opts: StoreOpts & { reason?: string; by: string }): Promise<number> {
  return withStore(opts, async (s) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      console.error(`✘ 无法读取文件 ${file}：${(e as Error).message} / cannot read the file`);
      return 1;
    }
    await loadGep(s.db, s.plan);
    const r = await importGepWorkbook(s.db, s.plan, bytes, basename(file), { recordedBy: opts.by, reason: opts.reason ?? null });
    if (!r.ok) {
      console.error(`✘ 工作簿有 ${r.problems.length} 处问题，未写入任何数据 / nothing was written:`);
      for (const p of r.problems) console.error(`  ${formatWorkbookProblem(p)}`);
      return 1;
    }
    console.log(`✔ 已导入：数据新增 ${r.facts!.inserted}、新版本 ${r.facts!.versioned}、未变 ${r.facts!.unchanged}；价格新增 ${r.prices!.inserted}、新版本 ${r.prices!.versioned}、未变 ${r.prices!.unchanged} / imported`);
    return 0;
  });
}

export async function gepExport(file: string, opts: StoreOpts): Promise<number> {
  return withStore(opts, async (s) => {
    await loadGep(s.db, s.plan);
    writeFileSync(file, await exportGepWorkbook(s.db, s.plan));
    console.log(`✔ 已导出 ${file} / written`);
    return 0;
  });
}
