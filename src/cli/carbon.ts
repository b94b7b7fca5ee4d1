// `ecoplan carbon …`: the greenhouse-gas inventory, peak-pathway scenarios, and the carbon workbook.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SECTORS, type Sector } from '../carbon/activity.js';
import { CarbonInputError } from '../carbon/factors.js';
import { GWP_SETS, type GwpSet } from '../carbon/factorData.js';
import { computeIndicators } from '../carbon/indicators.js';
import { computeInventory, LABELS, type Inventory } from '../carbon/inventory.js';
import { runScenario } from '../carbon/scenarios.js';
import { UnitError } from '../carbon/units.js';
import { buildCarbonWorkbook, readCarbonWorkbook } from '../importers/carbonWorkbook.js';
import { CarbonStoreError, carbonUsesDemo, currentActivity, findScenario, listScenarios, loadCarbonContext, saveActivity } from '../store/carbon.js';
import { planRegionName } from '../plan/views.js';
import { openStore } from './store.js';
import { subRegions } from '../plan/views.js';

interface Common {
  db: string;
  planDir?: string;
}

const wan = (t: number) => (t / 1e4).toFixed(2);

function fail(e: unknown): number {
  if (e instanceof CarbonInputError || e instanceof UnitError || e instanceof CarbonStoreError) {
    console.error(`✘ ${e.message}\n  ${e.messageEn}`);
    return 1;
  }
  throw e;
}

function printInventory(inv: Inventory, regionName: string) {
  const t = inv.totals;
  console.log(`${regionName}（${inv.regionCode}）${inv.year} 年温室气体清单 / GHG inventory — GWP ${inv.gwpSet}，因子表 ${inv.factorVersion}，电网因子 ${inv.gridLevel}${inv.rolledUp ? '，各县（市、区）合计 / sum of counties' : ''}`);
  console.log('单位：万吨二氧化碳当量 / 10^4 t CO2e');
  for (const s of Object.keys(SECTORS) as Sector[]) if (s !== 'macro') console.log(`  ${SECTORS[s].zh.padEnd(10, '　')} ${SECTORS[s].en.padEnd(22)} ${wan(t.bySector[s]).padStart(12)}`);
  console.log(`  总排放（不含LULUCF）gross              ${wan(t.gross).padStart(12)}`);
  console.log(`  净排放（含碳汇）net                    ${wan(t.net).padStart(12)}`);
  console.log(`  调入电力（范围二）scope 2              ${wan(t.scope2).padStart(12)}`);
  console.log(`  能源活动CO2（强度口径）energy CO2       ${wan(t.energyCO2).padStart(12)}`);
    console.log(`  按气体（占总排放，不含LULUCF）by gas, share of gross: ${(['CO2', 'CH4', 'N2O'] as const).map((g) => `${g} ${wan(t.byGas[g].co2e)}${t.byGas[g].shareText === null ? '' : `（${t.byGas[g].shareText}%）`}`).join('，')}`);
  const fuels = Object.entries(t.byFuel).sort((a, b) => b[1] - a[1]);
  if (fuels.length) console.log(`  按燃料 by fuel: ${fuels.map(([f, v]) => `${LABELS.fuels[f]?.zh ?? f} ${wan(v)}`).join('，')}`);
  for (const w of inv.warnings) console.log(`  ⚠ ${w.zh} / ${w.en}`);
}

export async function carbonInventory(opts: Common & { year: number; region?: string; gwp?: string; grid?: string; json?: boolean }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const plan = store.plan;
    const region = opts.region ?? plan.meta.region;
    const r = plan.regions.find((x) => x.code === region || x.name === region);
    if (!r) {
      console.error(`✘ 未知的行政区“${region}”，应为 ${plan.regions.map((x) => x.code).join('、')} 之一 / unknown region "${region}"`);
      return 2;
    }
    if (opts.gwp && !(opts.gwp in GWP_SETS)) {
      console.error(`✘ 未知的 GWP 取值“${opts.gwp}”，可选 ${Object.keys(GWP_SETS).join('、')} / unknown GWP set`);
      return 2;
    }
    if (opts.grid && opts.grid !== 'national' && opts.grid !== 'south') {
      console.error(`✘ 电网因子应为 national 或 south / --grid must be national or south`);
      return 2;
    }
    const ctx = await loadCarbonContext(store.db, plan.meta.id);
    const o = { year: opts.year, regionCode: r.code, regions: plan.regions, gwp: opts.gwp as GwpSet | undefined, grid: opts.grid as 'national' | 'south' | undefined, factors: ctx.factors };
    const inv = computeInventory(ctx.index, o);
    const indicators = computeIndicators(ctx.records, o, ctx.index);
    const usesDemo = carbonUsesDemo(ctx.records, opts.year, r.code, plan.meta.region);
    if (opts.json) {
      console.log(JSON.stringify({ inventory: inv, indicators, usesDemo }, null, 2));
      return 0;
    }
    if (usesDemo) console.log(`【示例数据 / demo data】以下清单使用示例数据，不代表${planRegionName(plan)}实际排放 / this inventory uses demonstration data`);
    if (!inv.lines.length) {
      console.error(`✘ ${r.name} ${opts.year} 年没有活动数据（ecoplan carbon import FILE 导入）/ no activity data for ${r.code} in ${opts.year}`);
      return 1;
    }
    printInventory(inv, r.name);
    for (const x of [indicators.indicator25, indicators.indicator23])
      if ('error' in x) console.log(`  · ${x.error.message}`);
      else console.log(`  指标 ${x.indicatorCode}：${x.valueText} ${x.unit}（${x.provenance}）`);
    return 0;
  } catch (e) {
    return fail(e);
  } finally {
    await store.close();
  }
}

export async function carbonScenarioList(opts: Common & { json?: boolean }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const list = await listScenarios(store.db, store.plan.meta.id);
    if (opts.json) {
      console.log(JSON.stringify({ scenarios: list.map((s) => ({ name: s.name, label: s.params.label, version: s.version, savedBy: s.savedBy, savedAt: s.savedAt, isDemo: s.isDemo })) }, null, 2));
      return 0;
    }
    if (!list.length) console.log('尚无情景（控制台或 PUT …/carbon/scenarios/{name} 保存）/ no scenarios saved');
    for (const s of list) console.log(`${s.name.padEnd(16)} ${s.params.label}（第 ${s.version} 版，${s.savedBy}）${s.isDemo ? ' 示例数据' : ''}`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function carbonScenarioRun(name: string, opts: Common & { json?: boolean }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const s = await findScenario(store.db, store.plan.meta.id, name);
    if (!s) {
      const names = (await listScenarios(store.db, store.plan.meta.id)).map((x) => x.name);
      console.error(`✘ 没有名为“${name}”的情景${names.length ? `，已有：${names.join('、')}` : ''} / no scenario "${name}"`);
      return 1;
    }
    const ctx = await loadCarbonContext(store.db, store.plan.meta.id, { years: [] });
    const r = runScenario(s.params, ctx.factors);
    if (opts.json) {
      console.log(JSON.stringify(r, null, 2));
      return 0;
    }
    const statusZh = { peaked: '已达峰', plateau: '平台期', notPeaked: `${r.params.endYear} 年前未达峰` }[r.peak.status];
    console.log(`${r.label}（${r.name}，第 ${s.version} 版）${r.params.baseYear}–${r.params.endYear}`);
    console.log(`  峰值 / peak: ${r.peak.peakYear} 年 ${r.peak.peakValue.toFixed(1)} 万吨，${statusZh}${r.peak.plateau ? `（平台 ${r.peak.plateau.from}–${r.peak.plateau.to}）` : ''}；${r.peak.beforeDeadline ? `✔ ${r.peak.deadline} 年前达峰` : `✘ 未实现 ${r.peak.deadline} 年前达峰`}`);
    for (const g of r.intensityGaps) console.log(`  ${g.year} 年单位GDP二氧化碳排放 ${g.projectedIntensity.toFixed(3)}，目标 ${g.targetIntensity.toFixed(3)} 吨/万元 ${g.met ? '✔' : `✘ 差 ${g.gap.toFixed(3)}`}`);
    const d = r.decomposition;
    console.log(`  LMDI ${d.from}→${d.to}：变化 ${d.change.toFixed(1)} 万吨 = 人口 ${d.population.toFixed(1)} + 人均GDP ${d.affluence.toFixed(1)} + 能源强度 ${d.energyIntensity.toFixed(1)} + 能源碳强度 ${d.carbonIntensity.toFixed(1)}`);
    console.log('  年份   人口(万人)  GDP(亿元)  能耗(万tce)  CO2(万t)  强度(t/万元)  措施减排(万t)');
    for (const y of r.years) console.log(`  ${y.year}  ${y.population.toFixed(1).padStart(9)}  ${y.gdp.toFixed(1).padStart(9)}  ${y.energy.toFixed(1).padStart(10)}  ${y.co2.toFixed(1).padStart(8)}  ${y.carbonIntensity.toFixed(3).padStart(10)}  ${y.measureReduction.toFixed(1).padStart(10)}`);
    return 0;
  } catch (e) {
    return fail(e);
  } finally {
    await store.close();
  }
}

export async function carbonImport(file: string, opts: Common & { by: string }): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    console.error(`✘ 无法读取文件 ${file}：${(e as Error).message} / cannot read ${file}`);
    return 1;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { changes, problems } = await readCarbonWorkbook(bytes, basename(file), store.plan.regions);
    if (problems.length) {
      console.error(`✘ ${basename(file)}：${problems.length} 个问题，未写入任何数据 / ${problems.length} problem(s), nothing written`);
      for (const p of problems.slice(0, 50)) console.error(`  ${p.message}\n    ${p.messageEn}`);
      if (problems.length > 50) console.error(`  …另有 ${problems.length - 50} 处 / ${problems.length - 50} more`);
      return 1;
    }
    const r = await saveActivity(store.db, store.plan.meta.id, changes, { id: null, username: opts.by }, { origin: `cli import ${basename(file)}` });
    console.log(`✔ 已导入：新增 ${r.inserted} 行，修改 ${r.versioned} 行（新版本），未变 ${r.unchanged} 行 / imported: ${r.inserted} new, ${r.versioned} new versions, ${r.unchanged} unchanged`);
    return 0;
  } catch (e) {
    return fail(e);
  } finally {
    await store.close();
  }
}

export async function carbonExport(file: string, opts: Common & { year?: number[]; gwp?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const plan = store.plan;
    const ctx = await loadCarbonContext(store.db, plan.meta.id);
    const years = opts.year?.length ? opts.year : [...new Set(ctx.records.filter((r) => r.sector !== 'macro').map((r) => r.year))].sort();
    const regions = [plan.meta.region, ...subRegions(plan).map((r) => r.code)];
    const inventories = years.flatMap((year) => regions.map((regionCode) => computeInventory(ctx.index, { year, regionCode, regions: plan.regions, factors: ctx.factors, gwp: opts.gwp as GwpSet | undefined })));
    const activity = await currentActivity(store.db, plan.meta.id, opts.year?.length ? { years: opts.year } : {});
    const bytes = await buildCarbonWorkbook({ planName: plan.meta.name, activity, inventories: inventories.filter((i) => i.lines.length), factors: ctx.factors, regionName: (c) => plan.regions.find((r) => r.code === c)?.name ?? c });
    writeFileSync(file, bytes);
    console.log(`✔ 已写出 ${file}：活动数据 ${activity.length} 行，清单 ${years.join('、') || '无'} 年 / written`);
    return 0;
  } catch (e) {
    return fail(e);
  } finally {
    await store.close();
  }
}
