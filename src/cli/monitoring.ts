// `ecoplan monitoring import|stations|sections` and `ecoplan demo monitoring`.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import { ImportFileError, importMonitoringFile, type ImportResult } from '../importers/monitoring.js';
import { demoStations, DEMO_SECTIONS, syntheticAirCsv, syntheticWaterSamples } from '../monitoring/synthetic.js';
import { listSections, listStations, nonFiniteMonitoringValues, RegistryError, repairNonFiniteMonitoring, saveRegistry } from '../store/monitoring.js';
import { readTable, type ColumnSpec } from '../importers/table.js';
import { SECTION_COLUMNS, STATION_COLUMNS, validateSection, validateStation, type SectionEntry, type StationEntry } from '../monitoring/registry.js';
import type { Database } from '../store/schema.js';
import { openStore } from './store.js';
import { airAnnualStored } from '../store/monitoringResults.js';
import { resolvePlan } from '../store/plans.js';

const CLI_USER = { id: null, username: `cli:${process.env.USER ?? 'unknown'}` };

/** A progress bar on stderr: percent of bytes read and rows per second (only on a terminal, or when forced). */
function progressBar(label: string) {
  const t0 = performance.now();
  const tty = process.stderr.isTTY || process.env.ECOPLAN_PROGRESS === '1';
  let last = '';
  return {
    update(p: { bytes: number; total: number; rows: number }) {
      if (!tty) return;
      const pct = p.total ? Math.min(100, (p.bytes / p.total) * 100) : 0;
      const secs = (performance.now() - t0) / 1000;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const line = `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${pct.toFixed(0).padStart(3)}%  ${p.rows.toLocaleString('en')} 行 rows  ${secs > 0 ? Math.round(p.rows / secs).toLocaleString('en') : 0} 行/秒 rows/s`;
      if (line !== last) process.stderr.write(`\r${line}`);
      last = line;
    },
    done() {
      if (tty && last) process.stderr.write('\n');
    },
  };
}

function printResult(r: ImportResult, elapsedMs: number) {
  const counts = Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join('，');
  console.log(`${r.ok ? '✔' : '✘'} ${r.file}：${r.kind === 'air' ? '空气' : '地表水'}，${r.layout === 'wide' ? '宽表' : '长表'}${r.encoding ? `，${r.encoding}` : ''}；数据行 ${r.rows}，导入 ${r.imported}，重复 ${r.duplicates}，${r.ok ? '跳过' : '有问题'} ${r.skipped}（${(elapsedMs / 1000).toFixed(1)} s）`);
  console.log(`  ${r.kind} ${r.layout}: rows ${r.rows}, imported ${r.imported}, duplicates ${r.duplicates}, ${r.ok ? 'skipped' : 'invalid'} ${r.skipped}, ${r.kind === 'air' ? 'station-hours' : 'values'} written ${r.stored}`);
  if (r.ignoredColumns.length) console.log(`  忽略的列 / ignored columns: ${r.ignoredColumns.join(', ')}`);
  if (counts) console.log(`  问题计数 / problems by reason: ${counts}`);
  const stream = r.ok ? console.log : console.error;
  for (const e of r.errors.slice(0, r.ok ? 10 : 50)) stream(`  ${e.message} / ${e.messageEn}`);
  const listed = r.ok ? 10 : 50;
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  if (total > listed) stream(`  ……共 ${total} 处 / ${total} in all`);
  if (r.reportFile) console.log(`  跳过的行已写入 / skipped rows written to: ${r.reportFile}`);
  if (!r.ok) console.error('✘ 未导入任何数据；修正后重试，或加 --skip-invalid 只导入有效行 / nothing imported; fix the rows, or use --skip-invalid to import the valid rows');
}

export async function monitoringImport(file: string, opts: { kind?: string; skipInvalid?: boolean; report?: string; db: string; planDir?: string }): Promise<number> {
  if (opts.kind !== undefined && opts.kind !== 'air' && opts.kind !== 'water') {
    console.error(`✘ --kind 应为 air 或 water，收到“${opts.kind}” / --kind must be air or water`);
    return 2;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  const bar = progressBar('导入 import');
  const t0 = performance.now();
  try {
    const r = await importMonitoringFile(store.db, file, {
      kind: opts.kind as 'air' | 'water' | undefined,
      skipInvalid: opts.skipInvalid,
      reportPath: opts.report,
      by: CLI_USER,
      onProgress: (p) => bar.update(p),
      onWait: (other) => console.error(`… 另一个导入（${other}）正在写入，本导入等待其完成 / another import (${other}) is being written; this one waits for it`),
    });
    bar.done();
    printResult(r, performance.now() - t0);
    if (r.ok && r.years.length) {
      // The year's annual statistics, computed now from the days the import kept, so the API serves them at once.
      const t1 = performance.now();
      const ref = await resolvePlan(store.db, store.plan.meta.id);
      for (const year of r.years) await airAnnualStored(store.db, store.plan, ref?.revision ?? 0, year);
      console.log(`  已计算并保存日 AQI 与 HJ 663 年度统计 / daily AQI and HJ 663 annual statistics computed and kept: ${r.years.join(', ')}（${((performance.now() - t1) / 1000).toFixed(1)} s）`);
    }
    return r.ok ? 0 : 1;
  } catch (e) {
    bar.done();
    if (e instanceof ImportFileError) {
      console.error(`✘ ${e.message} / ${e.messageEn}`);
      return 1;
    }
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`✘ 找不到文件 ${file} / file not found`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

export async function monitoringList(what: 'stations' | 'sections', opts: { json?: boolean; db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const name = (code: string | null) => (code ? (store.plan.regions.find((g) => g.code === code)?.name ?? code) : '未知');
    if (what === 'stations') {
      const rows = await listStations(store.db);
      if (opts.json) console.log(JSON.stringify(rows, null, 2));
      else {
        console.log('编码 code\t名称 name\t行政区 region\t级别 level\t经度 lon\t纬度 lat\t站时 hours\t来源 source');
        for (const s of rows) console.log([s.code, s.name + (s.uncertain ? '（不确定 uncertain）' : '') + (s.is_demo ? '（示例数据）' : ''), `${s.region_code ?? ''} ${name(s.region_code)}`, s.level, s.lon ?? '', s.lat ?? '', s.hours, s.source].join('\t'));
      }
    } else {
      const rows = await listSections(store.db);
      if (opts.json) console.log(JSON.stringify(rows, null, 2));
      else {
        console.log('编码 code\t名称 name\t河流 river\t考核 assessment\t目标 target\t水源地 drinking\t行政区 region\t样品 samples\t来源 source');
        for (const s of rows) console.log([s.code, s.name + (s.is_demo ? '（示例数据）' : ''), s.river, s.assessment, s.target_class, s.drinking_water ? '是' : '否', `${s.region_code ?? ''} ${name(s.region_code)}`, s.samples, s.source].join('\t'));
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** Writes N demo stations and the demo sections into the registries (示例数据), idempotently. */
async function ensureDemoRegistry(db: Kysely<Database>, n: number) {
  const now = new Date().toISOString();
  const note = '示例数据：由 ecoplan demo monitoring 生成，不是真实站点 / demo data, not a real station';
  for (const s of demoStations(n))
    await db
      .insertInto('air_stations')
      .values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo: placed near the county centre', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'ecoplan demo monitoring', note, is_demo: 1, created_at: now })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  for (const s of DEMO_SECTIONS)
    await db
      .insertInto('water_sections')
      .values({ code: s.code, name: s.name, river: s.river, waterbody: 'river', assessment: s.drinkingWater ? '市考' : '省考', target_class: s.targetClass, drinking_water: s.drinkingWater ? 1 : 0, region_code: s.regionCode, region_method: 'demo', lon: null, lat: null, source: 'ecoplan demo monitoring', note, is_demo: 1, created_at: now })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
}

async function writeLines(path: string, lines: Iterable<string>) {
  const out = createWriteStream(path);
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export async function demoMonitoring(opts: { stations: number; year: number; out?: string; format?: string; db: string; planDir?: string }): Promise<number> {
  const format = opts.format ?? 'wide';
  if (format !== 'wide' && format !== 'long') {
    console.error(`✘ --format 应为 wide 或 long / --format must be wide or long`);
    return 2;
  }
  if (!Number.isInteger(opts.stations) || opts.stations < 1 || opts.stations > 5000) {
    console.error('✘ --stations 应为 1–5000 的整数 / --stations must be an integer 1–5000');
    return 2;
  }
  const codes = demoStations(opts.stations).map((s) => s.code);
  if (opts.out) {
    // A file for benchmarks and trials; its stations are demo codes (load them with --db first to import it).
    await writeLines(opts.out, syntheticAirCsv(codes, opts.year, format));
    console.log(`✔ 已写入 ${opts.out}：${opts.stations} 个示例站点 ${opts.year} 年逐时数据（${format}）/ written`);
    return 0;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { air: a, water: w } = await loadDemoMonitoring(store.db, { stations: opts.stations, year: opts.year, format, progress: true });
    console.log(`✔ 已载入示例监测数据（标注“示例数据”）：${opts.stations} 个站点 ${a.stored} 个站时（${a.skipped} 行含无效值已跳过），${DEMO_SECTIONS.length} 个断面 ${w.stored} 个监测值；删除：ecoplan demo remove`);
    console.log(`  demo monitoring data loaded: ${a.stored} station-hours (${a.skipped} rows with invalid values skipped), ${w.stored} water values`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * Generates and imports a year of synthetic monitoring data (示例数据) for `stations` demo stations and the demo
 * water sections, through the same importer as a user's file; used by `ecoplan demo monitoring` and `serve --demo`.
 */
export async function loadDemoMonitoring(
  db: Kysely<Database>,
  opts: { stations: number; year: number; format?: 'wide' | 'long'; progress?: boolean },
): Promise<{ air: ImportResult; water: ImportResult }> {
  const codes = demoStations(opts.stations).map((s) => s.code);
  const dir = mkdtempSync(join(tmpdir(), 'ecoplan-demo-'));
  try {
    await ensureDemoRegistry(db, opts.stations);
    const air = join(dir, `demo-air-${opts.year}.csv`);
    await writeLines(air, syntheticAirCsv(codes, opts.year, opts.format ?? 'wide'));
    const bar = opts.progress ? progressBar('示例数据 demo') : null;
    const a = await importMonitoringFile(db, air, { kind: 'air', skipInvalid: true, reportPath: join(dir, 'air.skipped.csv'), by: CLI_USER, isDemo: true, onProgress: bar ? (p) => bar.update(p) : undefined });
    bar?.done();
    const water = join(dir, `demo-water-${opts.year}.csv`);
    await writeLines(water, (function* () {
      yield 'section,date,item,value\n';
      for (const s of syntheticWaterSamples(opts.year)) yield `${s.section},${s.date},${s.item},${s.value}\n`;
    })());
    const w = await importMonitoringFile(db, water, { kind: 'water', skipInvalid: true, reportPath: join(dir, 'water.skipped.csv'), by: CLI_USER, isDemo: true });
    return { air: a, water: w };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `ecoplan monitoring registry FILE --kind air|water`: registers stations or sections from a .csv/.xlsx table
 * (STATION_COLUMNS / SECTION_COLUMNS, Chinese or English headers), all or nothing; changed entries need --reason.
 */
export async function monitoringRegistry(file: string, opts: { kind: string; reason?: string; by?: string; db: string; planDir?: string }): Promise<number> {
  if (opts.kind !== 'air' && opts.kind !== 'water') {
    console.error('✘ --kind 应为 air（空气站点）或 water（地表水断面）/ --kind must be air or water');
    return 2;
  }
  const kind = opts.kind;
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const columns = kind === 'air' ? STATION_COLUMNS : SECTION_COLUMNS;
    const table = await readTable<string>(file, columns as readonly ColumnSpec<string>[]);
    const problems = table.problems.map((p) => `${table.file}${p.row ? ` 第 ${p.row} 行` : ''}${p.column ? ` ${p.column} 列` : ''}：${p.message} / ${p.messageEn}`);
    const entries: (StationEntry | SectionEntry)[] = [];
    for (const row of table.rows) {
      const checked = kind === 'air' ? validateStation(row.cells, store.plan.regions) : validateSection(row.cells, store.plan.regions);
      if ('issues' in checked)
        for (const i of checked.issues) problems.push(`${table.file} 工作表“${table.sheet}” 第 ${row.row} 行${row.columns[i.field as never] ? ` ${row.columns[i.field as never]} 列` : ''}（${i.field}）：${i.message} / ${i.messageEn}`);
      else entries.push(checked.entry);
    }
    if (problems.length) {
      console.error(`✘ ${problems.length} 处问题，未写入任何登记 / ${problems.length} problem(s), nothing registered:`);
      for (const p of problems) console.error(`  ${p}`);
      return 1;
    }
    const r = await saveRegistry(store.db, kind, entries, { by: { id: null, username: opts.by ?? 'cli' }, reason: opts.reason ?? null });
    console.log(`✔ ${kind === 'air' ? '空气站点' : '地表水断面'}：新增 ${r.added}，修改 ${r.changed}，未变 ${r.unchanged} / added ${r.added}, changed ${r.changed}, unchanged ${r.unchanged}`);
    return 0;
  } catch (e) {
    if (e instanceof RegistryError) {
      console.error(`✘ ${e.message} / ${e.messageEn}（用 --reason 说明修改原因 / give --reason）`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

/** `ecoplan monitoring repair [--apply]`: stored values that are not finite numbers, listed, and removed with --apply. */
export async function monitoringRepair(opts: { apply?: boolean; by: string; db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const found = opts.apply ? await repairNonFiniteMonitoring(store.db, { id: null, username: opts.by }) : await nonFiniteMonitoringValues(store.db);
    if (!found.length) {
      console.log('✔ 没有不是有限数的监测数值 / no stored monitoring value is non-finite');
      return 0;
    }
    for (const f of found) console.log(`  ${f.table === 'air_days' ? '空气' : '地表水'} ${f.code} ${f.time} ${f.item} = ${f.value}（导入 import ${f.importId}）`);
    if (opts.apply) console.log(`✔ 已删除 ${found.length} 个不是有限数的数值，已记入审计日志 / removed ${found.length} non-finite value(s), audited`);
    else console.log(`共 ${found.length} 个；加 --apply 删除（记入审计日志）/ ${found.length} value(s); run with --apply to remove them (audited)`);
    return 0;
  } finally {
    await store.close();
  }
}
