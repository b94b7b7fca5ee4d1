// The annual reporting round over HTTP: open a round (admin), my tasks (reporter), drafts, submit, review
// (reviewer), progress by department, and the history of a value. Scoping is checked here, on the server.
import { safeFileName } from '../../plan/text.js';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Plan } from '../../plan/model.js';
import { validateObservationRows } from '../../plan/observations.js';
import { implausibleChange, mayEditTask, mayReview, plausibleChangeBound, roundTasks, taskKey, type Task } from '../../plan/rounds.js';
import { approvedObservations, observationHistory } from '../../store/observations.js';
import { ObservationIndex } from '../../plan/evaluation.js';
import { horizonFor, targetOf } from '../../plan/horizons.js';
import type { User } from '../../store/users.js';
import { buildTemplate, templateTasks, MAX_UPLOAD_BYTES } from '../../importers/roundTemplate.js';
import { attachEvidence, evidenceFile, evidenceOf, findRound, listRounds, openRound, reviewTask, saveDraft, saveDrafts, submissionsOf, submitTask, WorkflowError } from '../../store/rounds.js';
import { MAX_EVIDENCE_BYTES, sniffEvidence } from '../../importers/evidence.js';
import { createHash } from 'node:crypto';
import type { ObservationCache } from '../dataCache.js';
import { isStaff } from '../auth.js';
import type { Offload } from '../offload/index.js';
import { ApiError, errorBodySchema, notFound, workbookProblemsSchema } from '../errors.js';
import { readUpload, uploadBody } from '../upload.js';
import { fileResponse, sendDownload, sendStoredFile, XLSX_TYPE } from '../download.js';
import { cachedBody, sendCached, type CachedBody, type PlanCache } from '../planCache.js';
import { planInForce } from '../../plan/revisions.js';
import { REGION_CODE_RE } from '../../plan/schema.js';

const tags = ['年度调度 Reporting rounds'];
const yearParams = z.object({ planId: z.string().min(1), year: z.coerce.number().int() });
const taskParams = yearParams.extend({ code: z.coerce.number().int().positive(), region: z.string().regex(REGION_CODE_RE), kind: z.enum(['value', 'assigned']) });
const submissionStatus = z.enum(['draft', 'submitted', 'returned', 'approved']);

const taskSchema = z.object({
  indicatorCode: z.number().int(),
  indicatorName: z.string(),
  unit: z.string(),
  binding: z.boolean(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.enum(['value', 'assigned']),
  departmentId: z.string(),
  departmentName: z.string(),
  target: z.string(),
  lastYear: z.object({ valueText: z.string().nullable(), state: z.string().nullable(), year: z.number().int() }).nullable(),
  canEdit: z.boolean(),
  evidenceRequired: z.boolean(),
  evidence: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), uploadedBy: z.string(), uploadedAt: z.string() })),
  submission: z
    .object({
      status: submissionStatus,
      valueText: z.string().nullable(),
      state: z.string().nullable(),
      checks: z.array(z.string()),
      source: z.string(),
      note: z.string().nullable(),
      reason: z.string().nullable(),
      reviewComment: z.string().nullable(),
      updatedBy: z.string(),
      updatedAt: z.string(),
      submittedAt: z.string().nullable(),
      reviewedBy: z.string().nullable(),
      reviewedAt: z.string().nullable(),
    })
    .nullable(),
});

const roundSchema = z.object({ id: z.string(), year: z.number().int(), deadline: z.string(), status: z.enum(['open', 'closed']), openedBy: z.string(), openedAt: z.string(), overdue: z.boolean() });

const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    if (e instanceof WorkflowError) throw new ApiError(e.status, e.code, e.message, e.messageEn);
    throw e;
  }
};

/** The plan's rule: which tasks need evidence before submission (docs/rounds.md). */
function evidenceRequired(plan: Plan, task: Task): boolean {
  if (task.kind === 'assigned' || plan.meta.evidenceRequired === 'none') return false;
  if (plan.meta.evidenceRequired === 'all') return true;
  return plan.indicators.find((x) => x.code === task.indicatorCode)!.binding;
}

/** The deadline is the end of its day in China Standard Time (UTC+8). */
const pastDeadline = (deadline: string, now = new Date()) => now.getTime() > Date.parse(`${deadline}T23:59:59.999+08:00`);

export const roundRoutes: FastifyPluginAsync<{ plans: PlanCache; data: ObservationCache; heavy: Offload }> = async (app, { plans, data, heavy }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const taskLists = new Map<string, CachedBody>();

  const roundOf = async (planId: string, year: number) => {
    const { plan: revised } = await plans.get(planId);
    const round = await findRound(app.db, revised.meta.id, year);
    if (!round) throw notFound(`${year} 年度调度`, `the ${year} round`);
    // A round reports one year: its tasks are the indicators of the plan version in force that year (plan revisions).
    return { plan: planInForce(revised, year), round };
  };
  const taskOf = (plan: Plan, p: { code: number; region: string; kind: 'value' | 'assigned' }): Task => {
    const task = roundTasks(plan).find((t) => t.indicatorCode === p.code && t.regionCode === p.region && t.kind === p.kind);
    if (!task) throw notFound(`调度任务（指标 ${p.code}，${p.region}，${p.kind}）`, `task ${p.code}/${p.region}/${p.kind}`);
    return task;
  };
  const shapeRound = (x: { id: string; year: number; deadline: string; status: 'open' | 'closed'; opened_by: string; opened_at: string }) => ({
    id: x.id,
    year: x.year,
    deadline: x.deadline,
    status: x.status,
    openedBy: x.opened_by,
    openedAt: x.opened_at,
    overdue: x.status === 'open' && pastDeadline(x.deadline),
  });

  r.get('/plans/:planId/rounds', { preHandler: app.requireUser(), schema: { tags, summary: '年度调度列表 / rounds', params: z.object({ planId: z.string() }), response: { 200: z.object({ rounds: z.array(roundSchema) }), 401: errorBodySchema } } }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    return { rounds: (await listRounds(app.db, plan.meta.id)).map(shapeRound) };
  });

  r.post('/plans/:planId/rounds', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary: '开启年度调度（管理员）/ open a round (admin)',
      params: z.object({ planId: z.string() }),
      body: z.object({ year: z.number().int(), deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') }),
      response: { 200: z.object({ round: roundSchema, tasks: z.number().int() }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const { year, deadline } = req.body;
    if (year < plan.meta.baseYear || year > plan.meta.period.end) throw new ApiError(400, 'YEAR_OUT_OF_RANGE', `年份 ${year} 超出规划范围`, `year ${year} is outside the plan`);
    if (Number.isNaN(Date.parse(deadline))) throw new ApiError(400, 'BAD_DEADLINE', `截止日期“${deadline}”无效`, `invalid deadline "${deadline}"`);
    const round = await wrap(() => openRound(app.db, plan.meta.id, year, deadline, req.user!));
    return { round: shapeRound(round), tasks: roundTasks(planInForce(plan, year)).length };
  });

  r.get('/plans/:planId/rounds/:year', {
    preHandler: app.requireUser(),
    schema: {
      tags,
      summary: '调度进度：各单位已提交/已审定 / round progress by department',
      params: yearParams,
      response: {
        200: z.object({
          round: roundSchema,
          totals: z.object({ tasks: z.number().int(), draft: z.number().int(), submitted: z.number().int(), returned: z.number().int(), approved: z.number().int(), missing: z.number().int() }),
          departments: z.array(z.object({ id: z.string(), name: z.string(), tasks: z.number().int(), draft: z.number().int(), submitted: z.number().int(), returned: z.number().int(), approved: z.number().int(), missing: z.number().int(), overdue: z.boolean() })),
        }),
        401: errorBodySchema,
        404: errorBodySchema,
      },
    },
  }, async (req) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const subs = new Map((await submissionsOf(app.db, round.id)).map((s) => [taskKey({ indicatorCode: s.indicator_code, regionCode: s.region_code, kind: s.kind }), s]));
    const empty = () => ({ tasks: 0, draft: 0, submitted: 0, returned: 0, approved: 0, missing: 0 });
    const totals = empty();
    const byDept = new Map<string, ReturnType<typeof empty>>();
    // A reporter sees the progress of their own department only.
    const own = req.user!.role === 'reporter' ? req.user!.departmentId : null;
    for (const t of roundTasks(plan).filter((x) => !own || x.departmentId === own)) {
      const c = byDept.get(t.departmentId) ?? empty();
      byDept.set(t.departmentId, c);
      const status = subs.get(taskKey(t))?.status ?? 'missing';
      for (const x of [c, totals]) {
        x.tasks++;
        x[status]++;
      }
    }
    const overdue = pastDeadline(round.deadline);
    return {
      round: shapeRound(round),
      totals,
      departments: [...byDept].map(([id, c]) => ({ id, name: plan.departments.find((d) => d.id === id)?.name ?? id, ...c, overdue: overdue && c.approved + c.submitted < c.tasks })),
    };
  });

  r.get('/plans/:planId/rounds/:year/tasks', {
    preHandler: app.requireUser(),
    schema: {
      tags,
      summary: '调度任务（填报员只见本单位）/ tasks (reporters see their own)',
      params: yearParams,
      querystring: z.object({
        department: z.string().optional(),
        status: z.enum(['draft', 'submitted', 'returned', 'approved', 'missing']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50).describe('page size (default 50)'),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ total: z.number().int(), offset: z.number().int(), tasks: z.array(taskSchema) }), 401: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const user = req.user!;
    const department = user.role === 'reporter' ? user.departmentId : req.query.department;
    const snap = await data.snapshot(plan.meta.id);
    // The list changes only with the round's revision (every submission change bumps it), the plan and the data.
    const key = [round.id, round.revision, plan.meta.id, (await plans.get(req.params.planId)).revision, snap.version, user.role, user.departmentId, department, req.query.status, req.query.offset, req.query.limit].join('|');
    const hit = taskLists.get(key);
    if (hit) return sendCached(req, reply, hit);
    const subs = new Map((await submissionsOf(app.db, round.id)).map((s) => [taskKey({ indicatorCode: s.indicator_code, regionCode: s.region_code, kind: s.kind }), s]));
    const evidence = await evidenceOf(app.db, round.id);
    // Last year's value is the latest approved one: a provisional correction is not official yet.
    const index = new ObservationIndex(await approvedObservations(app.db, plan.meta.id, round.year - 1));
    const matching = roundTasks(plan)
      .filter((t) => !department || t.departmentId === department)
      .filter((t) => !req.query.status || (subs.get(taskKey(t))?.status ?? 'missing') === req.query.status);
    // The target that applies in the round's year: the plan's first horizon not before it.
    const horizon = horizonFor(plan, round.year);
    const tasks = matching
      .slice(req.query.offset, req.query.offset + req.query.limit)
      .map((t) => {
        const ind = plan.indicators.find((x) => x.code === t.indicatorCode)!;
        const s = subs.get(taskKey(t));
        const prev = index.get(t.indicatorCode, t.regionCode, t.kind, round.year - 1);
        return {
          indicatorCode: t.indicatorCode,
          indicatorName: ind.name,
          unit: ind.unit,
          binding: ind.binding,
          regionCode: t.regionCode,
          regionName: plan.regions.find((g) => g.code === t.regionCode)!.name,
          kind: t.kind,
          departmentId: t.departmentId,
          departmentName: plan.departments.find((d) => d.id === t.departmentId)?.name ?? t.departmentId,
          target: targetOf(ind, horizon).text,
          lastYear: prev ? { valueText: prev.valueText, state: prev.state, year: prev.year } : null,
          canEdit: mayEditTask(user, t) && round.status === 'open',
          evidenceRequired: evidenceRequired(plan, t),
          evidence: s ? (evidence.get(s.id) ?? []) : [],
          submission: s
            ? {
                status: s.status,
                valueText: s.value_text,
                state: s.state,
                checks: s.checks ? s.checks.split(',') : [],
                source: s.source,
                note: s.note,
                reason: s.reason,
                reviewComment: s.review_comment,
                updatedBy: s.updated_by,
                updatedAt: s.updated_at,
                submittedAt: s.submitted_at,
                reviewedBy: s.reviewed_by,
                reviewedAt: s.reviewed_at,
              }
            : null,
        };
      });
    const body = cachedBody(`tasks-${round.id}-${round.revision}-${taskLists.size}`, { total: matching.length, offset: req.query.offset, tasks });
    if (taskLists.size > 500) taskLists.clear();
    taskLists.set(key, body);
    return sendCached(req, reply, body);
  });

  const ensureEditable = (plan: Plan, task: Task, user: User) => {
    if (!mayEditTask(user, task))
      throw new ApiError(403, 'OUT_OF_SCOPE', `无权填报：指标 ${task.indicatorCode}（${task.regionCode}）由${plan.departments.find((d) => d.id === task.departmentId)?.name ?? task.departmentId}填报`, `out of scope: this task belongs to ${task.departmentId}`);
  };

  r.put('/plans/:planId/rounds/:year/tasks/:code/:region/:kind', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: {
      tags,
      summary: '保存草稿 / save a draft',
      params: taskParams,
      body: z.object({ value: z.string().max(40).optional(), state: z.string().max(40).optional(), checks: z.array(z.string().max(40)).max(5).optional(), source: z.string().min(1).max(200), note: z.string().max(1000).optional(), reason: z.string().max(1000).optional() }),
      response: { 200: z.object({ status: submissionStatus, warnings: z.array(z.object({ zh: z.string(), en: z.string() })) }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const task = taskOf(plan, req.params);
    ensureEditable(plan, task, req.user!);
    const b = req.body;
    const { inputs, issues } = validateObservationRows(
      plan,
      [{ row: 1, cells: { indicator: String(task.indicatorCode), region: task.regionCode, year: String(round.year), kind: task.kind, value: b.value, state: b.state, checks: b.checks?.join('、'), source: b.source, note: b.note, reason: b.reason }, columns: {} }],
      { maxYear: round.year },
    );
    if (issues.length) throw new ApiError(400, 'VALIDATION_FAILED', issues.map((i) => `${i.field}：${i.message}`).join('；'), issues.map((i) => i.messageEn).join('; '));
    const input = inputs[0]!;
    const saved = await wrap(() => saveDraft(app.db, round, task, { valueText: input.valueText, state: input.state, checks: input.checks, source: input.source, note: input.note, reason: input.reason }, req.user!));
    return { status: saved.status, warnings: await plausibility(plan, task, round.year, saved.value_text, saved.note) };
  });

  // A large change from last year needs an explanation before it can be submitted (a warning while drafting).
  const plausibility = async (plan: Plan, task: Task, year: number, valueText: string | null, note: string | null) => {
    const index = new ObservationIndex(await approvedObservations(app.db, plan.meta.id, year - 1));
    const prev = index.get(task.indicatorCode, task.regionCode, task.kind, year - 1);
    const bound = plausibleChangeBound(plan, task.indicatorCode);
    const change = implausibleChange(prev?.valueText ?? null, valueText, bound);
    if (change === null || note) return [];
    return [{ zh: `较上年（${prev!.valueText}）变化 ${change.toFixed(1)}%，超过 ${bound}%，提交前须在备注中说明原因`, en: `changed ${change.toFixed(1)} % from last year (${prev!.valueText}), over ${bound} %: explain it in the note before submitting` }];
  };

  r.post('/plans/:planId/rounds/:year/tasks/:code/:region/:kind/submit', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: { tags, summary: '提交审核 / submit for review', params: taskParams, response: { 200: z.object({ status: submissionStatus }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema } },
  }, async (req) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const task = taskOf(plan, req.params);
    ensureEditable(plan, task, req.user!);
    const current = (await submissionsOf(app.db, round.id)).find((s) => taskKey({ indicatorCode: s.indicator_code, regionCode: s.region_code, kind: s.kind }) === taskKey(task));
    const warnings = await plausibility(plan, task, round.year, current?.value_text ?? null, current?.note ?? null);
    if (warnings.length) throw new ApiError(400, 'EXPLANATION_REQUIRED', warnings[0]!.zh, warnings[0]!.en);
    if (current && evidenceRequired(plan, task) && !(await evidenceOf(app.db, round.id)).get(current.id)?.length)
      throw new ApiError(400, 'EVIDENCE_REQUIRED', '约束性指标须上传佐证材料（PDF、图片或 Excel）后才能提交', 'a binding indicator needs an evidence file (PDF, image or Excel) before it can be submitted');
    const s = await wrap(() => submitTask(app.db, round, task, req.user!));
    return { status: s.status };
  });

  r.post('/plans/:planId/rounds/:year/tasks/:code/:region/:kind/review', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '审核：审定或退回 / review: approve or return',
      params: taskParams,
      body: z.object({ action: z.enum(['approve', 'return']), comment: z.string().max(1000).optional() }),
      response: { 200: z.object({ status: submissionStatus }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const task = taskOf(plan, req.params);
    if (!mayReview(req.user!)) throw new ApiError(403, 'FORBIDDEN', '无权审核', 'not allowed to review');
    const s = await wrap(() => reviewTask(app.db, plan.meta.id, round, task, req.body.action, req.body.comment ?? null, req.user!));
    data.invalidate();
    return { status: s.status };
  });

  /** The department a request acts for: a reporter's own; a reviewer or admin names one. */
  const departmentFor = (plan: Plan, user: User, requested: string | undefined) => {
    const id = user.role === 'reporter' ? user.departmentId : requested;
    if (!id) throw new ApiError(400, 'DEPARTMENT_REQUIRED', '请指定责任单位（department）', 'name a department');
    if (user.role === 'reporter' && requested && requested !== id) throw new ApiError(403, 'OUT_OF_SCOPE', '只能下载或上传本单位的模板', 'only your own department’s template');
    if (!plan.departments.some((d) => d.id === id)) throw new ApiError(400, 'UNKNOWN_DEPARTMENT', `未知的责任单位“${id}”`, `unknown department "${id}"`);
    return id;
  };

  r.get('/plans/:planId/rounds/:year/template.xlsx', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: { tags, summary: '下载本单位的 Excel 填报模板 / the department’s Excel template', params: yearParams, querystring: z.object({ department: z.string().optional() }), response: { 200: fileResponse('Excel 工作簿 / .xlsx', XLSX_TYPE) } },
  }, async (req, reply) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const department = departmentFor(plan, req.user!, req.query.department);
    const index = new ObservationIndex(await approvedObservations(app.db, plan.meta.id, round.year - 1));
    const body = await buildTemplate(plan, round, department, templateTasks(plan, round.year, department, index));
    const name = `${round.year}年度指标填报-${plan.departments.find((d) => d.id === department)!.name}.xlsx`;
    return sendDownload(reply, { type: XLSX_TYPE, fileName: name, fallback: 'template.xlsx', body });
  });

  r.post('/plans/:planId/rounds/:year/import', {
    preHandler: [app.requireUser(['admin', 'reviewer', 'reporter']), app.heavyImport],
    schema: {
      tags,
      summary: '上传填好的模板，导入为草稿（有任何问题则不导入）/ upload a filled template as drafts (all or nothing)', upload: uploadBody('填好的填报模板（.xlsx）/ the filled template (.xlsx)'),
      params: yearParams,
      querystring: z.object({ department: z.string().optional() }),
      response: {
        200: z.object({ drafts: z.number().int() }),
        400: workbookProblemsSchema,
        401: errorBodySchema,
        403: errorBodySchema,
        409: errorBodySchema,
        413: errorBodySchema,
      },
    },
  }, async (req, reply) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const department = departmentFor(plan, req.user!, req.query.department);
    const { file, bytes } = await readUpload(req, MAX_UPLOAD_BYTES, 'xlsx');
    const index = new ObservationIndex(await approvedObservations(app.db, plan.meta.id, round.year - 1));
    const tasks = templateTasks(plan, round.year, department, index);
    // Read (unzipped, screened, parsed, checked cell by cell) in the worker pool; written here.
    const { inputs, problems } = await heavy.compute('rounds.readTemplate', { planId: plan.meta.id, bytes, fileName: safeFileName(file.filename), round, department, tasks });
    if (problems.length) {
      const where = (p: (typeof problems)[number]) => [p.sheet && `工作表“${p.sheet}”`, p.row && `第 ${p.row} 行`, p.column && `${p.column} 列`, p.field && `（${p.field}）`].filter(Boolean).join(' ');
      return reply.code(400).send({
        statusCode: 400,
        code: 'TEMPLATE_INVALID',
        message: `${problems.length} 处问题，未导入任何数据：` + problems.map((p) => (where(p) ? `${where(p)}：${p.message}` : p.message)).join('；'),
        messageEn: `${problems.length} problem(s), nothing imported: ` + problems.map((p) => p.messageEn).join('; '),
        problems,
      });
    }
    const items = inputs.map((i) => ({
      task: tasks.find((t) => t.indicatorCode === i.indicatorCode && t.regionCode === i.regionCode && t.kind === i.kind)!,
      fields: { valueText: i.valueText, state: i.state, checks: i.checks, source: i.source, note: i.note, reason: i.reason },
    }));
    const drafts = await wrap(() => saveDrafts(app.db, round, items, req.user!));
    return { drafts };
  });

  r.post('/plans/:planId/rounds/:year/tasks/:code/:region/:kind/evidence', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: {
      tags,
      summary: '上传佐证材料（PDF、PNG、JPEG 或 .xlsx，按内容识别，≤10 MB）/ attach evidence (by content, ≤10 MB)', upload: uploadBody('佐证文件：PDF、PNG、JPEG 或 .xlsx，≤10 MB / the evidence file'),
      params: taskParams,
      response: { 200: z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), uploadedBy: z.string(), uploadedAt: z.string() }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 413: errorBodySchema },
    },
  }, async (req) => {
    const { plan, round } = await roundOf(req.params.planId, req.params.year);
    const task = taskOf(plan, req.params);
    ensureEditable(plan, task, req.user!);
    const { file, bytes } = await readUpload(req, MAX_EVIDENCE_BYTES, 'any');
    const contentType = await sniffEvidence(bytes);
    if (!contentType)
      throw new ApiError(400, 'UNSUPPORTED_FILE', `“${safeFileName(file.filename)}”不是 PDF、PNG、JPEG 或 Excel（.xlsx）文件（按文件内容识别，与扩展名无关）`, `"${safeFileName(file.filename)}" is not a PDF, PNG, JPEG or .xlsx file (judged by its content, not its name)`);
    return wrap(() => attachEvidence(app.db, round, task, { name: safeFileName(file.filename), contentType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') }, req.user!));
  });

  r.get('/plans/:planId/evidence/:id', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '下载佐证材料 / download an evidence file', params: z.object({ planId: z.string(), id: z.string() }), response: { 200: fileResponse('佐证文件，按存储时的类型 / the file, of the type it was stored with', '*/*') } },
  }, async (req, reply) => {
    const { plan } = await plans.get(req.params.planId);
    const row = await evidenceFile(app.db, req.params.id);
    // A file of another plan is not found under this one (the id alone must not reach across plans).
    if (!row || row.plan_id !== plan.meta.id) throw notFound('佐证材料', 'evidence file');
    const user = req.user!;
    // docs/rounds.md: reviewers (and admins) and the reporting department read evidence; viewers do not.
    if (user.role === 'viewer') throw new ApiError(403, 'FORBIDDEN', '领导（只读）账户不能下载佐证材料；请联系牵头单位审核员', 'viewers cannot download evidence files; ask a reviewer');
    if (user.role === 'reporter' && user.departmentId !== row.department_id) throw new ApiError(403, 'OUT_OF_SCOPE', '只能查看本单位的佐证材料', 'only your department’s evidence');
    return sendStoredFile(reply, row);
  });

  r.get('/plans/:planId/observations/history', {
    schema: {
      tags,
      summary: '数值的历史版本与操作记录 / every version of a value and what happened to it',
      description: '填报、审核和管理人员看到全部版本及录入人；公众与领导只读账户只看到已审定版本，不含录入人 / staff see every version and who recorded it; the public and viewers see approved versions only, without who recorded them',
      params: z.object({ planId: z.string() }),
      querystring: z.object({ indicator: z.coerce.number().int().positive(), region: z.string().regex(REGION_CODE_RE) }),
      response: {
        200: z.object({
          versions: z.array(z.object({ year: z.number().int(), kind: z.string(), version: z.number().int(), valueText: z.string().nullable(), state: z.string().nullable(), source: z.string(), reason: z.string().nullable(), status: z.string(), recordedAt: z.string(), recordedBy: z.string().nullable(), isDemo: z.boolean() })),
        }),
      },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const staff = isStaff(req.user);
    const versions = (await observationHistory(app.db, plan.meta.id, req.query.indicator, req.query.region)).filter((v) => staff || v.status === 'approved');
    return { versions: versions.map((v) => ({ year: v.year, kind: v.kind, version: v.version, valueText: v.valueText, state: v.state, source: v.source, reason: v.reason, status: v.status, recordedAt: v.recordedAt, recordedBy: staff ? v.recordedBy : null, isDemo: v.isDemo })) };
  });
};
