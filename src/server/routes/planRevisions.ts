// Plan revisions (规划修订): propose a new version of the plan's content from an effective year, with its reason and
// approving document; a second person approves or rejects it; the history of each indicator through the versions.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatPath } from '../../plan/problems.js';
import { definitionBreaks, diffPlans, indicatorHistory, DEFINITION_FIELDS } from '../../plan/revisions.js';
import { PLAN_FILES, type RawPlanFiles } from '../../plan/schema.js';
import { decideRevision, listRevisions, proposeRevision, revisionDetail, RevisionRefused, revisionRoleProblem } from '../../store/planRevisions.js';
import { loadRawPlan } from '../../store/plans.js';
import { readPlanUpload, PLAN_UPLOAD_LIMITS } from '../../planfolder/upload.js';
import { safeFileName } from '../../plan/text.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import { readUpload, uploadBody } from '../upload.js';
import { planProblemsSchema } from './planDrafts.js';
import type { PlanCache } from '../planCache.js';

const tags = ['规划修订 Plan revisions'];
const planParams = z.object({ planId: z.string().min(1).describe('规划 id，或 default / plan id, or "default"') });
const revisionParams = planParams.extend({ no: z.coerce.number().int().min(0) });

const revisionSchema = z.object({
  no: z.number().int().describe('修订号；0 为初次载入的版本 / revision number; 0 is the version first loaded'),
  status: z.enum(['original', 'draft', 'approved', 'rejected']),
  effectiveYear: z.number().int().describe('自该年起施行（评估该年及以后各年用此版本）/ in force from this year'),
  reason: z.string().nullable(),
  document: z.string().nullable().describe('批复文件及文号 / the approving document'),
  proposedBy: z.string().nullable(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

const diffSchema = z.object({
  indicators: z.array(
    z.object({
      code: z.number().int(),
      name: z.string(),
      kind: z.enum(['added', 'retired', 'changed']),
      targets: z.array(z.object({ horizon: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
      definition: z.array(z.object({ field: z.enum(DEFINITION_FIELDS), from: z.string().nullable(), to: z.string().nullable() })).describe('口径变化：该指标修订前后的数值不可比 / definition changes: values before and after are not comparable'),
      departments: z.object({ from: z.array(z.string()), to: z.array(z.string()) }).nullable(),
      other: z.array(z.string()),
    }),
  ),
  departments: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  projects: z.object({
    added: z.array(z.object({ no: z.number().int(), name: z.string() })),
    removed: z.array(z.object({ no: z.number().int(), name: z.string() })),
    changed: z.array(z.object({ no: z.number().int(), name: z.string(), fields: z.array(z.string()) })),
  }),
  empty: z.boolean(),
});

const refusalSchema = errorBodySchema.extend({
  problems: z
    .array(z.object({ code: z.string(), where: z.string().nullable().describe('规划文件与位置（内容无效时）/ file and path, for an invalid plan'), message: z.string(), messageEn: z.string() }))
    .optional(),
});

const planFilesSchema = z.object(PLAN_FILES).describe('修订后的规划文件夹全部内容（与 plan show 所读文件相同）/ the whole revised plan folder, file by file');

const proposeBody = z
  .object({
    effectiveYear: z.number().int().describe('生效年份 / the first year the revision is in force'),
    reason: z.string().min(1).max(2000).describe('修订事由，如中期评估 / why, e.g. the mid-term review'),
    document: z.string().min(1).max(500).describe('批复文件及文号 / the approving document and its number'),
    targets: z
      .array(z.object({ code: z.number().int().positive(), horizon: z.string(), text: z.string().min(1).max(200) }))
      .optional()
      .describe('只改目标值时：逐项给出新的目标文字 / to change targets only: each new target text'),
    plan: planFilesSchema.optional(),
  })
  .refine((b) => (b.targets === undefined) !== (b.plan === undefined), { message: 'give either targets or plan / targets 与 plan 二者择一' });

export const planRevisionRoutes: FastifyPluginAsync<{ plans: PlanCache }> = async (app, { plans }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actor = (req: FastifyRequest) => ({ userId: req.user!.id, username: req.user!.username, ip: req.ip });

  /** Translates a store refusal into the API's error body, with every problem listed. */
  const refused = (e: unknown) => {
    if (!(e instanceof RevisionRefused)) return e;
    const problems = [
      ...e.problems.map((p) => ({ code: p.code, where: null, message: p.zh, messageEn: p.en })),
      ...e.planProblems.map((p) => ({ code: 'PLAN_PROBLEM', where: `${p.file} ${formatPath(p.path)}`, message: p.message, messageEn: p.messageEn })),
    ];
    return new ApiError(e.status, e.code, e.zh, e.en, undefined, problems);
  };

  r.get('/plans/:planId/revisions', {
    schema: { tags, summary: '规划的各版本：初次载入与历次修订 / the versions of a plan: as first loaded, and each revision', params: planParams, response: { 200: z.object({ revisions: z.array(revisionSchema) }), 404: errorBodySchema } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    return { revisions: await listRevisions(app.db, plan.meta.id) };
  });

  r.get('/plans/:planId/revisions/:no', {
    schema: {
      tags,
      summary: '一次修订及其改动（对照此前施行的版本）/ one revision and what it changes against the version before it',
      params: revisionParams,
      response: { 200: z.object({ revision: revisionSchema, diff: diffSchema.nullable() }), 404: errorBodySchema },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const detail = await revisionDetail(app.db, plan.meta.id, req.params.no);
    if (!detail) throw notFound(`修订 ${req.params.no}`, `revision ${req.params.no}`);
    return detail;
  });

  r.post('/plans/:planId/revisions/check', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary:
        '检查修订后的规划（工作簿 .xlsx 或规划文件夹 .zip）：校验并列出相对现行版本的改动，不保存；提出修订时把返回的 plan 作为请求体的 plan / check a revised plan (workbook or zipped folder): validated, and what it changes against the version in force; nothing is kept. Send the returned plan as the proposal\'s plan',
      description:
        '只比较规划内容（plan.yaml 与各 .yaml 文件）；边界图与考核方案不随修订改变。 Only the plan content is compared; boundaries and assessment schemes do not change by a revision.',
      params: planParams,
      upload: uploadBody(`修订后的规划工作簿（.xlsx）或规划文件夹压缩包（.zip），≤${PLAN_UPLOAD_LIMITS.maxFileBytes / 1048576} MB / the revised plan workbook or zipped plan folder`),
      response: {
        200: z.object({ sourceName: z.string(), kind: z.enum(['workbook', 'folder']), plan: planFilesSchema, diff: diffSchema }),
        400: planProblemsSchema,
        401: errorBodySchema,
        403: errorBodySchema,
        404: errorBodySchema,
        409: errorBodySchema,
        413: errorBodySchema,
        422: errorBodySchema,
      },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const { file, bytes } = await readUpload(req, PLAN_UPLOAD_LIMITS.maxFileBytes);
    const name = safeFileName(file.filename);
    const read = await readPlanUpload(bytes, name);
    if (!read.ok)
      throw new ApiError(400, 'PLAN_INVALID', `${name}：发现 ${read.problems.length} 个问题，未提出修订`, `${name}: ${read.problems.length} problem(s) found; nothing proposed`, undefined, read.problems);
    if (read.plan.meta.id !== plan.meta.id)
      throw new ApiError(409, 'REVISION_OTHER_PLAN', `${name} 是规划“${read.plan.meta.id}”，不是本规划“${plan.meta.id}”的修订`, `${name} is plan "${read.plan.meta.id}", not a revision of "${plan.meta.id}"`);
    return { sourceName: name, kind: read.kind, plan: read.files, diff: diffPlans(plan, read.plan) };
  });

  r.post('/plans/:planId/revisions', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary: '提出修订（管理员；草稿，待他人审核；记入审计日志）/ propose a revision (admin; a draft until someone else reviews it; audited)',
      description:
        '修订为规划的新版本：自生效年份起评估用新版本，此前各年仍按原版本评估。不能改变基准年、规划期、目标年和行政区；不能改变现状值；已有某年审定数值的指标，其目标或口径的修订最早自次年起生效。' +
        ' A revision is a new version of the plan in force from its effective year; earlier years stay evaluated by the version then in force.',
      params: planParams,
      body: proposeBody,
      response: { 201: z.object({ revision: revisionSchema, diff: diffSchema }), 400: refusalSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: refusalSchema },
    },
  }, async (req, reply) => {
    const { plan } = await plans.get(req.params.planId);
    const planId = plan.meta.id;
    const b = req.body;
    let files: RawPlanFiles;
    if (b.plan) files = b.plan as RawPlanFiles;
    else {
      files = await loadRawPlan(app.db, planId);
      for (const t of b.targets!) {
        const ind = files['indicators.yaml'].find((x) => x.code === t.code);
        if (!ind) throw new ApiError(400, 'UNKNOWN_INDICATOR', `规划中没有指标 ${t.code}`, `the plan has no indicator ${t.code}`);
        if (!(t.horizon in ind.targets)) throw new ApiError(400, 'UNKNOWN_HORIZON', `目标年“${t.horizon}”不是本规划的目标年`, `"${t.horizon}" is not a horizon of this plan`);
        ind.targets[t.horizon] = t.text.trim();
      }
    }
    try {
      const { no, diff } = await proposeRevision(app.db, planId, files, { effectiveYear: b.effectiveYear, reason: b.reason, document: b.document }, actor(req));
      const revision = (await listRevisions(app.db, planId)).find((x) => x.no === no)!;
      return reply.code(201).send({ revision, diff });
    } catch (e) {
      throw refused(e);
    }
  });

  for (const decision of ['approve', 'reject'] as const) {
    r.post(`/plans/:planId/revisions/:no/${decision}`, {
      preHandler: app.requireUser(['admin', 'reviewer']),
      schema: {
        tags,
        summary:
          decision === 'approve'
            ? '批准修订（提出人以外的管理员或牵头单位审核员；批准后即为现行规划；记入审计日志）/ approve a revision (an administrator or the owner department’s reviewer other than the proposer; audited)'
            : '退回修订（须写明理由；记入审计日志）/ reject a revision (with a reason; audited)',
        params: revisionParams,
        body: z.object({ note: z.string().max(2000).optional().describe(decision === 'approve' ? '审核意见 / review note' : '退回理由（必填）/ why (required)') }),
        response: { 200: z.object({ revision: revisionSchema }), 400: refusalSchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: refusalSchema },
      },
    }, async (req) => {
      const { plan } = await plans.get(req.params.planId);
      try {
        // Revisions are the plan owner's business: a reviewer of another department may not decide them.
        const denied = revisionRoleProblem(req.user!, 'decide', plan.meta.owner);
        if (denied) throw denied;
        const revision = await decideRevision(app.db, plan.meta.id, req.params.no, decision, actor(req), req.body.note ?? null);
        plans.invalidate();
        return { revision };
      } catch (e) {
        throw refused(e);
      }
    });
  }

  r.get('/plans/:planId/indicators/:code/history', {
    schema: {
      tags,
      summary: '指标在规划各版本中的目标与口径（含已退出的指标）/ an indicator through the plan’s versions (retired ones too)',
      params: planParams.extend({ code: z.coerce.number().int().positive() }),
      response: {
        200: z.object({
          code: z.number().int(),
          versions: z.array(
            z.object({
              revision: z.number().int(),
              effectiveYear: z.number().int(),
              document: z.string().nullable(),
              reason: z.string().nullable(),
              inForce: z.boolean().describe('该版本中是否有此指标 / whether the version has the indicator'),
              name: z.string().nullable(),
              unit: z.string().nullable(),
              binding: z.boolean().nullable(),
              targets: z.array(z.object({ horizon: z.string(), text: z.string() })),
              departments: z.array(z.string()),
            }),
          ),
          breaks: z
            .array(z.object({ year: z.number().int(), revision: z.number().int(), fields: z.array(z.enum(DEFINITION_FIELDS)) }))
            .describe('口径变化：自该年起与此前数值不可比 / definition changes: values from this year on are not comparable with earlier ones'),
        }),
        404: errorBodySchema,
      },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const code = req.params.code;
    const versions = indicatorHistory(plan, code);
    if (!versions.some((v) => v.inForce)) throw notFound(`指标 ${code}`, `indicator ${code}`);
    return { code, versions, breaks: definitionBreaks(plan, code) };
  });
};
