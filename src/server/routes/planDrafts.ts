// Plans uploaded in the console (规划管理): a plan workbook or a zipped plan folder is checked like `plan validate`,
// kept as a draft for review, then published beside the other plans or discarded. Deployment administrators only
// (administrators of the default plan): a new plan has no accounts of its own until it is published.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { horizonsOf } from '../../plan/horizons.js';
import { checkFolderTexts, readPlanUpload, PLAN_UPLOAD_LIMITS } from '../../planfolder/upload.js';
import { discardDraft, DraftRefused, getDraft, listDrafts, publishDraft, saveDraft } from '../../store/planDrafts.js';
import { safeFileName } from '../../plan/text.js';
import { ApiError, errorBodySchema } from '../errors.js';
import { readUpload, uploadBody } from '../upload.js';

const tags = ['规划管理 Plan drafts'];
const idParams = z.object({ id: z.string().uuid() });

const draftSchema = z.object({
  id: z.string(),
  planId: z.string().describe('plan.yaml 中的规划 id / the plan id its plan.yaml gives'),
  name: z.string(),
  sourceName: z.string().describe('上传的文件名 / the uploaded file'),
  kind: z.enum(['workbook', 'folder']),
  status: z.enum(['draft', 'published', 'discarded']),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  planExists: z.boolean().describe('已有同 id 的规划（只能以修订方式变更）/ a plan with this id is loaded already'),
});

const previewSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  baseYear: z.number().int(),
  horizons: z.array(z.string()),
  region: z.string(),
  regions: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  departments: z.number().int(),
  indicators: z.array(z.object({ code: z.number().int(), name: z.string(), unit: z.string(), binding: z.boolean(), baseline: z.string(), targets: z.record(z.string(), z.string()), departments: z.array(z.string()) })),
  projects: z.object({ count: z.number().int(), investmentText: z.string().describe('亿元') }),
  boundaries: z.object({ file: z.string(), source: z.string(), licence: z.string(), reviewNumber: z.string().nullable() }).nullable(),
  schemes: z.number().int().describe('考核方案数 / assessment schemes'),
  files: z.array(z.string()).describe('草稿中的文件 / the files of the draft'),
});

/** A refused plan upload: every problem located by file and line, or sheet, row and column. */
export const planProblemsSchema = errorBodySchema.extend({
  problems: z.array(
    z.object({
      file: z.string().nullable(),
      sheet: z.string().nullable(),
      row: z.number().nullable(),
      column: z.string().nullable(),
      field: z.string().nullable(),
      line: z.number().nullable(),
      message: z.string(),
      messageEn: z.string(),
    }),
  ),
});

export const planDraftRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actor = (req: FastifyRequest) => ({ userId: req.user!.id, ip: req.ip });
  const wrap = async <T>(f: () => Promise<T>) => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof DraftRefused) throw new ApiError(e.status, e.code, e.zh, e.en);
      throw e;
    }
  };
  const admin = app.requireUser(['admin']);

  r.get('/plan-drafts', {
    preHandler: admin,
    schema: { tags, summary: '上传的规划草稿（部署管理员）/ uploaded plan drafts (deployment administrators)', response: { 200: z.object({ drafts: z.array(draftSchema) }), 401: errorBodySchema, 403: errorBodySchema } },
  }, async () => ({ drafts: await listDrafts(app.db) }));

  r.post('/plan-drafts', {
    preHandler: admin,
    schema: {
      tags,
      summary: '上传规划（工作簿 .xlsx 或规划文件夹 .zip），校验后保存为草稿；有任何问题则不保存 / upload a plan (workbook or zipped folder): checked, then kept as a draft; nothing kept when anything is wrong',
      upload: uploadBody(`规划工作簿（.xlsx）或规划文件夹压缩包（.zip），≤${PLAN_UPLOAD_LIMITS.maxFileBytes / 1048576} MB / the plan workbook or the zipped plan folder`),
      response: { 201: z.object({ draft: draftSchema }), 400: planProblemsSchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema, 422: errorBodySchema },
    },
  }, async (req, reply) => {
    const { file, bytes } = await readUpload(req, PLAN_UPLOAD_LIMITS.maxFileBytes);
    const name = safeFileName(file.filename);
    const read = await readPlanUpload(bytes, name);
    if (!read.ok)
      throw new ApiError(400, 'PLAN_INVALID', `${name}：发现 ${read.problems.length} 个问题，未保存`, `${name}: ${read.problems.length} problem(s) found; nothing was kept`, undefined, read.problems);
    const draft = await saveDraft(app.db, { planId: read.plan.meta.id, name: read.plan.meta.name, sourceName: name, kind: read.kind, texts: read.texts }, actor(req));
    return reply.code(201).send({ draft });
  });

  r.get('/plan-drafts/:id', {
    preHandler: admin,
    schema: { tags, summary: '规划草稿及其内容预览 / a plan draft with a preview of its content', params: idParams, response: { 200: z.object({ draft: draftSchema, preview: previewSchema }), 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema } },
  }, async (req) => {
    const draft = await getDraft(app.db, req.params.id);
    if (!draft) throw new ApiError(404, 'NOT_FOUND', '未找到该规划草稿', 'plan draft not found');
    const folder = checkFolderTexts(draft.texts);
    if (!folder.result.ok) throw new ApiError(409, 'DRAFT_INVALID', '草稿已不能通过校验，请重新上传', 'the draft no longer validates; upload it again');
    const p = folder.result.plan;
    const total = p.projects.reduce((s, x) => s + Math.round(x.investment * 100), 0);
    return {
      draft: draft.summary,
      preview: {
        id: p.meta.id,
        name: p.meta.name,
        nameEn: p.meta.nameEn,
        baseYear: p.meta.baseYear,
        horizons: horizonsOf(p),
        region: p.meta.region,
        regions: p.regions.map((g) => ({ code: g.code, name: g.name, level: g.level })),
        departments: p.departments.length,
        indicators: p.indicators.map((x) => ({ code: x.code, name: x.name, unit: x.unit, binding: x.binding, baseline: x.baseline.text, targets: Object.fromEntries(Object.entries(x.targets).map(([h, t]) => [h, t.text])), departments: x.departments })),
        projects: { count: p.projects.length, investmentText: (total / 100).toFixed(2) },
        boundaries: folder.boundaries && { file: folder.boundaries.file, source: folder.boundaries.source, licence: folder.boundaries.licence, reviewNumber: folder.boundaries.reviewNumber },
        schemes: folder.schemes.length,
        files: Object.keys(draft.texts).sort(),
      },
    };
  });

  r.post('/plan-drafts/:id/publish', {
    preHandler: admin,
    schema: {
      tags,
      summary: '发布规划草稿：载入数据库，与其他规划并存，发布人成为其管理员（记入审计日志）/ publish a draft: loaded beside the other plans; the publisher becomes its administrator (audited)',
      params: idParams,
      response: { 200: z.object({ draft: draftSchema }), 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => ({ draft: await wrap(() => publishDraft(app.db, req.params.id, actor(req))) }));

  r.post('/plan-drafts/:id/discard', {
    preHandler: admin,
    schema: { tags, summary: '放弃规划草稿（记入审计日志）/ discard a draft (audited)', params: idParams, response: { 200: z.object({ draft: draftSchema }), 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema } },
  }, async (req) => ({ draft: await wrap(() => discardDraft(app.db, req.params.id, actor(req))) }));
};
