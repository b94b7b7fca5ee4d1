// `ecoplan report`: the annual assessment report (规划实施年度评估报告) as Word (.docx) or printable HTML.
import { isPostgresUrl } from '../store/dialect.js';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { noChartsKept } from '../reports/chartCache.js';
import { ChartWorker } from '../reports/chartWorker.js';
import { checkReportYear, generateReport, ReportYearError, type ReportFormat } from '../reports/index.js';
import { approvedObservations, reportProjects } from '../reports/store.js';
import { reportGep } from '../reports/gepStore.js';
import { reportCarbon } from '../reports/carbonStore.js';
import { reportAssessmentInput } from '../reports/assessmentStore.js'; // the assessment chapter
import { resolvePlan } from '../store/plans.js';
import { openStore } from './store.js';

export interface ReportOptions {
  year: number;
  out?: string;
  format?: string;
  region?: string;
  db: string;
  planDir?: string;
}

function formatOf(opts: ReportOptions): ReportFormat | null {
  if (opts.format) return opts.format === 'docx' || opts.format === 'html' ? opts.format : null;
  const ext = opts.out ? extname(opts.out).toLowerCase() : '';
  return ext === '.html' || ext === '.htm' ? 'html' : 'docx';
}

export async function report(opts: ReportOptions): Promise<number> {
  const format = formatOf(opts);
  if (!format) {
    console.error(`✘ 格式应为 docx 或 html，而不是“${opts.format}” / format must be docx or html`);
    return 1;
  }
  // Chart images are kept next to the database (cache/charts), keyed by what they show: a report of data already
  // reported on does not draw its charts again. Those it does draw are drawn in a thread of their own while this one
  // reads the data and writes the document; started now when no image is kept (the first report of a database, where
  // every chart is drawn), else when the first chart is found missing.
  // With a PostgreSQL URL there is no file to sit beside: ./data/cache/charts.
  const chartDir = join(isPostgresUrl(opts.db) ? resolve('data') : dirname(resolve(opts.db)), 'cache', 'charts');
  const charts = format === 'docx' && ChartWorker.available() ? new ChartWorker() : null;
  if (charts && noChartsKept(chartDir)) charts.start();
  const store = await openStore(opts);
  if (!store) {
    await charts?.close();
    return 1;
  }
  try {
    const { plan } = store;
    const region = opts.region ?? plan.meta.region;
    if (!plan.regions.some((r) => r.code === region)) {
      console.error(`✘ 未知的行政区“${region}”，可用：${plan.regions.map((r) => `${r.code} ${r.name}`).join('，')} / unknown region`);
      return 1;
    }
    try {
      checkReportYear(plan, opts.year);
    } catch (e) {
      if (e instanceof ReportYearError) {
        console.error(`✘ ${e.zh} / ${e.en}`);
        return 1;
      }
      throw e;
    }
    const ref = await resolvePlan(store.db, plan.meta.id);
    const observations = await approvedObservations(store.db, plan.meta.id);
    const [projects, gep, carbon, assessment] = await Promise.all([reportProjects(store.db, plan), reportGep(store.db, plan), reportCarbon(store.db, plan), reportAssessmentInput(store.db, plan)]);
    const result = await generateReport({ plan, revision: ref?.revision ?? 1, year: opts.year, region, observations, projects, gep, carbon, assessment, format, chartDir, drawChart: charts ? (spec, scale) => charts.png(spec, scale) : undefined });
    const out = resolve(opts.out ?? result.fileName);
    await writeFile(out, result.body);
    const m = result.model;
    const c = m.evaluation.summary.counts;
    console.log(`✔ 已生成${m.title}（${format === 'docx' ? 'Word' : 'HTML'}）→ ${out}`);
    console.log(`  数据版本 / data version: ${m.dataVersion.id}（${m.dataVersion.observationCount} 条已审定指标值 / approved observations）`);
    console.log(`  达标 ${c.attained}，未达标 ${c.not_attained}，无数据 ${c.no_data}，不适用 ${c.not_applicable}${m.hasData ? '' : `；${m.year} 年暂无数据 / no data for the year`}`);
    if (m.usesDemo) console.log('  * 含示例数据（已在报告中标注）/ uses demo data (marked in the report)');
    return 0;
  } finally {
    await Promise.all([store.close(), charts?.close()]);
  }
}
