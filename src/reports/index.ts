// The annual assessment report (规划实施年度评估报告): model → document tree → Word or HTML. One entry point for
// the CLI (`ecoplan report`), the API (GET …/reports/{year}.docx|.html) and the benchmark. See docs/reports.md.
import type { DrawChart } from './chartCache.js';
import { buildReportModel, type ReportInput, type ReportModel } from './model.js';
import { buildReportDocument, REPORT_SECTIONS } from './sections.js';
import type { ReportSection } from './document.js';

export { buildReportModel, checkReportYear, ReportYearError, type ReportModel } from './model.js';
export { buildReportDocument, REPORT_SECTIONS, withSection } from './sections.js';
export type { ReportSection } from './document.js';
export { gepSection } from './gepSection.js';
export type { ReportGep } from './gepFacts.js';
export { carbonSection } from './carbonSection.js';
export type { CarbonReportInput } from './carbonReport.js';

export type ReportFormat = 'docx' | 'html';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

export interface GeneratedReport {
  body: Buffer;
  contentType: string;
  /** File name with extension: the plan's short name, the year and 年度实施评估报告, e.g. …2024年度实施评估报告.docx */
  fileName: string;
  model: ReportModel;
}

/**
 * `chartDir`: a directory where the Word file's chart images are kept between runs (see chartCache.ts); the command
 * passes one next to the database. Without it, charts are drawn (once per process and spec). `drawChart`: what draws
 * a chart not kept (default: this thread; the command passes a ChartWorker's).
 */
export async function generateReport(input: ReportInput & { format: ReportFormat; sections?: readonly ReportSection[]; chartDir?: string; drawChart?: DrawChart }): Promise<GeneratedReport> {
  const model = buildReportModel(input);
  const doc = buildReportDocument(model, input.sections ?? REPORT_SECTIONS);
  let body: Buffer;
  if (input.format === 'docx') {
    // Loaded on use: the HTML page does not need the Word writer, nor resvg; ECharts and resvg are loaded only
    // for a chart that is not in chartDir.
    const { renderDocx } = await import('./docx.js');
    body = await renderDocx(doc, { dir: input.chartDir, draw: input.drawChart });
  } else {
    const { renderHtml } = await import('./html.js');
    body = Buffer.from(renderHtml(doc), 'utf8');
  }
  return { body, contentType: REPORT_CONTENT_TYPES[input.format], fileName: `${model.title}.${input.format}`, model };
}
