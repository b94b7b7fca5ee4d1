// The computations a request may ask for that take long enough to stall everyone else:
// annual air statistics over every station-hour of a year, the monitoring indicators, GEP accounts, the GEP
// workbook, the annual report. Each is a function of the database and its arguments only, so it runs the same in a
// worker thread (over the worker's own read-only connection) as in the server's thread. The computations
// themselves live where they did; these are only the calls, from arguments a route validated.
import type { Kysely } from 'kysely';
import type { GwpSet } from '../../carbon/factorData.js';
import type { ScenarioInput } from '../../carbon/scenarios.js';
import { readCarbonWorkbook } from '../../importers/carbonWorkbook.js';
import { exportGepWorkbook, parseGepWorkbook } from '../../importers/gepWorkbook.js';
import { readTemplate, type TemplateTask } from '../../importers/roundTemplate.js';
import { generateReport, type ReportFormat } from '../../reports/index.js';
import { reportCarbon } from '../../reports/carbonStore.js';
import { reportGep } from '../../reports/gepStore.js';
import { approvedObservations, reportProjects } from '../../reports/store.js';
import { assessmentReportInput, reportAssessmentInput } from '../../reports/assessmentStore.js';
import { accountResponse, balanceSheetResponse, compareResponse, extentResponse, loadGep, regionTotals } from '../../store/gepQueries.js';
import type { Database } from '../../store/schema.js';
import { asBuffer } from '../offload/index.js';
import { writeXlsx, type Sheet } from '../../portal/xlsx.js';
import type { PlanCache } from '../planCache.js';
import { carbonInventory, carbonProposal, carbonScenarios, carbonSeries, carbonWorkbookFile } from '../routes/carbon.js';
import { gepRun } from '../routes/gep.js';
import { airDaily, waterAnnual } from '../routes/monitoring.js';
import { airAnnualStored, indicatorsStored } from '../../store/monitoringResults.js';

export interface TaskContext {
  db: Kysely<Database>;
  plans: PlanCache;
}

const plan = async (ctx: TaskContext, planId = 'default') => (await ctx.plans.get(planId)).plan;
const model = (ctx: TaskContext, planId = 'default') => ctx.plans.get(planId);
type GepQuery = { planId: string; region: string; year: number };

export const TASKS = {
  // Served from the results kept in the database when they are current (store/monitoringResults.ts).
  'monitoring.airDaily': async (ctx: TaskContext, q: { planId?: string; year: number; station?: string; region?: string; standard?: string }) => {
    const m = await model(ctx, q.planId);
    return airDaily(ctx.db, m.plan, m.revision, q);
  },
  'monitoring.airAnnual': async (ctx: TaskContext, q: { planId?: string; year: number }) => {
    const m = await model(ctx, q.planId);
    return airAnnualStored(ctx.db, m.plan, m.revision, q.year);
  },
  'monitoring.waterAnnual': async (ctx: TaskContext, q: { planId?: string; year: number }) => waterAnnual(ctx.db, await plan(ctx, q.planId), q.year),
  'monitoring.indicators': async (ctx: TaskContext, q: { planId: string; year: number }) => {
    const m = await model(ctx, q.planId);
    return { year: q.year, values: await indicatorsStored(ctx.db, m.plan, m.revision, q.year) };
  },

  'gep.account': async (ctx: TaskContext, q: GepQuery & { method: 'spec' | 'equivalent'; constantYear?: number; include?: string[]; exclude?: string[] }) => {
    const p = await plan(ctx, q.planId);
    const data = await loadGep(ctx.db, p);
    return gepRun(() => accountResponse(p, data, { region: q.region, year: q.year, method: q.method, options: { constantYear: q.constantYear ?? null, include: q.include, exclude: q.exclude } }));
  },
  'gep.regions': async (ctx: TaskContext, q: { planId: string; year: number; constantYear?: number }) => {
    const p = await plan(ctx, q.planId);
    const data = await loadGep(ctx.db, p);
    return { year: q.year, regions: gepRun(() => regionTotals(p, data, q.year, { constantYear: q.constantYear ?? null })) };
  },
  'gep.compare': async (ctx: TaskContext, q: { planId: string; region: string; from: number; to: number }) => {
    const p = await plan(ctx, q.planId);
    const data = await loadGep(ctx.db, p);
    return gepRun(() => compareResponse(p, data, q.region, q.from, q.to));
  },
  'gep.extent': async (ctx: TaskContext, q: GepQuery) => {
    const p = await plan(ctx, q.planId);
    const data = await loadGep(ctx.db, p);
    return gepRun(() => extentResponse(p, data, q.region, q.year));
  },
  'gep.balanceSheet': async (ctx: TaskContext, q: GepQuery) => {
    const p = await plan(ctx, q.planId);
    const data = await loadGep(ctx.db, p);
    return gepRun(() => balanceSheetResponse(p, data, q.region, q.year));
  },
  'gep.workbook': async (ctx: TaskContext, q: { planId: string }) => {
    const p = await plan(ctx, q.planId);
    await loadGep(ctx.db, p);
    return { body: await exportGepWorkbook(ctx.db, p), fileName: `${p.meta.shortName}GEP核算.xlsx` };
  },

  // Carbon accounts: the reads that compute inventories, series, scenarios and the workbook.
  'carbon.inventory': async (ctx: TaskContext, q: { planId: string; year: number; region?: string; gwp?: GwpSet; grid?: 'national' | 'south'; lines: boolean }) => carbonInventory(ctx.db, await plan(ctx, q.planId), q),
  'carbon.series': async (ctx: TaskContext, q: { planId: string; region?: string; from?: number; to?: number; gwp?: GwpSet; grid?: 'national' | 'south' }) => carbonSeries(ctx.db, await plan(ctx, q.planId), q),
  'carbon.scenarios': async (ctx: TaskContext, q: { planId: string } & ({ names: string[] } | { params: ScenarioInput })) => carbonScenarios(ctx.db, await plan(ctx, q.planId), q),
  'carbon.workbook': async (ctx: TaskContext, q: { planId: string; year?: number; gwp?: GwpSet }) => carbonWorkbookFile(ctx.db, await plan(ctx, q.planId), q),
  'carbon.proposal': async (ctx: TaskContext, q: { planId: string; year: number; gwp?: GwpSet; grid?: 'national' | 'south' }) => carbonProposal(ctx.db, await plan(ctx, q.planId), q),

  // Workbooks uploaded over HTTP, read (unzipped with the inflation screen, parsed, checked cell by cell) here; the
  // route checks scope and writes in its own thread.
  'carbon.readWorkbook': async (ctx: TaskContext, q: { planId: string; bytes: Uint8Array; fileName: string }) => readCarbonWorkbook(asBuffer(q.bytes), q.fileName, (await plan(ctx, q.planId)).regions),
  'gep.readWorkbook': async (ctx: TaskContext, q: { planId: string; bytes: Uint8Array; fileName: string }) => parseGepWorkbook(asBuffer(q.bytes), q.fileName, await plan(ctx, q.planId)),

  'rounds.readTemplate': async (ctx: TaskContext, q: { planId: string; bytes: Uint8Array; fileName: string; round: { id: string; year: number }; department: string; tasks: TemplateTask[] }) =>
    readTemplate(asBuffer(q.bytes), q.fileName, await plan(ctx, q.planId), q.round, q.department, q.tasks),

  // The portal's open-data workbooks: rows in, bytes out. The portal's site keeps each per data version.
  'portal.xlsx': async (_ctx: TaskContext, q: { sheets: Sheet[] }) => writeXlsx(q.sheets),

  /** The annual report; the route keys its cache by the data versions, the worker only renders. */
  report: async (ctx: TaskContext, q: { planId: string; year: number; region: string; format: ReportFormat }) => {
    const model = await ctx.plans.get(q.planId);
    const p = model.plan;
    const [observations, projects, gep, carbon, assessment] = await Promise.all([approvedObservations(ctx.db, p.meta.id), reportProjects(ctx.db, p), reportGep(ctx.db, p), reportCarbon(ctx.db, p), reportAssessmentInput(ctx.db, p)]);
    const r = await generateReport({ plan: p, revision: model.revision, year: q.year, region: q.region, observations, projects, gep, carbon, assessment, format: q.format });
    return { body: r.body, contentType: r.contentType, fileName: r.fileName, dataVersionId: r.model.dataVersion.id };
  },

  // The assessment report (.docx, the annual report's house style) and Excel export of a year; null when
  // the scheme is unknown.
  'assessment.report': async (ctx: TaskContext, q: { planId: string; year: number; scheme?: string }) => {
    const p = await plan(ctx, q.planId);
    const input = await assessmentReportInput(ctx.db, p, q.year, q.scheme);
    if (!input) return null;
    const { buildAssessmentDocument } = await import('../../reports/assessmentSection.js');
    const { renderDocx } = await import('../../reports/docx.js');
    const doc = buildAssessmentDocument(input);
    return { body: await renderDocx(doc), fileName: `${doc.title}.docx` };
  },
  'assessment.workbook': async (ctx: TaskContext, q: { planId: string; year: number; scheme?: string }) => {
    const p = await plan(ctx, q.planId);
    const input = await assessmentReportInput(ctx.db, p, q.year, q.scheme);
    if (!input) return null;
    const { assessmentWorkbook } = await import('../../reports/assessmentWorkbook.js');
    return { body: await assessmentWorkbook(input), fileName: `${p.meta.shortName}${q.year}年度考核结果.xlsx` };
  },
};


export type TaskName = keyof typeof TASKS;
export type TaskArgs<K extends TaskName> = Parameters<(typeof TASKS)[K]>[1];
export type TaskResult<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>;
