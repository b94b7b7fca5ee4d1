// Report routes: the annual assessment report (规划实施年度评估报告) of a year as Word (.docx) or printable HTML.
// Reports are generated from the same plan read model and observation snapshot as the evaluation routes and kept,
// per plan revision and data version, until either changes.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORT_CONTENT_TYPES, type ReportFormat } from '../../reports/index.js';
import { accountsRevision } from '../../reports/store.js';
import { libraryRevision } from '../../store/projects.js';
import type { ObservationCache } from '../dataCache.js';
import { contentDisposition, fileResponse } from '../download.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import type { PlanCache } from '../planCache.js';
import { REPORT_CSP } from '../security.js';
import { asBuffer, type Offload } from '../offload/index.js';
import { REGION_CODE_RE } from '../../plan/schema.js';

type ReportFile = { body: Buffer; contentType: string; fileName: string; dataVersionId: string };

const tags = ['报告 Reports'];
const params = z.object({
  planId: z.string().min(1).describe('规划 id，或 default / plan id, or "default"'),
  year: z
    .string()
    .regex(/^\d{4}$/, '年份应为四位数字 / a four-digit year')
    .transform(Number)
    .describe('评估年份（规划基准年至规划期末）/ year of the report (the plan’s base year to the end of its period)'),
});
const querystring = z.object({ region: z.string().regex(REGION_CODE_RE).optional().describe('行政区代码，默认全市 / region code, default the city') });


export const reportsRoutes: FastifyPluginAsync<{ plans: PlanCache; data: ObservationCache; heavy: Offload }> = async (app, { plans, data, heavy }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cache = new Map<string, Promise<ReportFile>>();

  async function report(planId: string, year: number, regionArg: string | undefined, format: ReportFormat): Promise<ReportFile> {
    const model = await plans.get(planId);
    const { plan } = model;
    const region = regionArg ?? plan.meta.region;
    if (!plan.regions.some((g) => g.code === region)) throw notFound(`行政区 ${region}`, `region ${region}`);
    if (year < plan.meta.baseYear || year > plan.meta.period.end)
      throw new ApiError(400, 'YEAR_OUT_OF_RANGE', `年份 ${year} 超出规划范围（${plan.meta.baseYear}–${plan.meta.period.end}），无法生成年度评估报告`, `year ${year} is outside the plan (${plan.meta.baseYear}–${plan.meta.period.end}): no annual report`);
    const snap = await data.snapshot(plan.meta.id);
    // The project library has its own revision: a progress report changes the report's projects chapter.
    const projectsRevision = await libraryRevision(app.db, plan.meta.id);
    // GEP and carbon facts too: their chapters follow the data.
    const accounts = await accountsRevision(app.db, plan.meta.id);
    const key = `${plan.meta.id}@${model.revision}|${snap.version}|p${projectsRevision}|${accounts}|${year}|${region}|${format}`;
    let pending = cache.get(key);
    if (!pending) {
      if (cache.size >= 32) cache.clear();
      // The snapshot's version keys the cache; the report reads the latest approved versions itself.
      // Rendered in a worker thread (Offload): a report takes seconds, and no one else may wait for it.
      pending = heavy.run('report', { planId: plan.meta.id, year, region, format }).then((r) => ({ ...r, body: asBuffer(r.body) }));
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return pending;
  }

  r.get('/plans/:planId/reports/:year.docx', {
    schema: {
      tags,
      summary: '年度评估报告（Word）/ the annual assessment report as a Word document',
      description: '封面、目录、总体结论、分领域评估（表与图）、重点工程、数据缺口、数据来源附件；只用已审定数据，示例数据均有标注。/ Only approved observations are used; demo data is marked.',
      params,
      querystring,
      response: {
        200: fileResponse('Word 文档 / .docx', REPORT_CONTENT_TYPES.docx),
        400: errorBodySchema,
        404: errorBodySchema,
      },
    },
  }, async (req, reply) => {
    const result = await report(req.params.planId, req.params.year, req.query.region, 'docx');
    return reply
      .type(result.contentType)
      .header('content-disposition', contentDisposition('attachment', result.fileName, `ecoplan-report-${req.params.year}.docx`))
      .header('x-ecoplan-data-version', result.dataVersionId)
      .send(result.body);
  });

  r.get('/plans/:planId/reports/:year.html', {
    schema: {
      tags,
      summary: '年度评估报告（可打印 HTML）/ the annual assessment report as a printable HTML page',
      description: '与 Word 版内容相同的单页 HTML，图表为内嵌 SVG，可直接打印为 A4。/ Same content as the Word file; charts as inline SVG; prints on A4.',
      params,
      querystring,
      response: {
        200: fileResponse('HTML 页面 / HTML page', 'text/html'),
        400: errorBodySchema,
        404: errorBodySchema,
      },
    },
  }, async (req, reply) => {
    const result = await report(req.params.planId, req.params.year, req.query.region, 'html');
    return reply
      .type(result.contentType)
      .header('content-disposition', contentDisposition('inline', result.fileName, `ecoplan-report-${req.params.year}.html`))
      .header('content-security-policy', REPORT_CSP)
      .header('x-ecoplan-data-version', result.dataVersionId)
      .send(result.body);
  });
};
