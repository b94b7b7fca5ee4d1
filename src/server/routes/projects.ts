// Key project library over HTTP: the library with filters and warnings, one project with its versions,
// progress, links and evidence, changes (add, revise, retire), yearly progress, links, evidence, roll-ups and
// Excel. Computation is in src/projects/ (pure); storage in src/store/projects.ts. Writes are audited there.
import { safeFileName } from '../../plan/text.js';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Assert, Same } from '../schemas.js';
import { categoryTotals } from '../../plan/rollups.js';
import type { Plan } from '../../plan/model.js';
import { formatScaled } from '../../plan/decimal.js';
import {
  cumulativeUnits,
  currentProgress,
  libraryProjects,
  mayReportProgress,
  validateProgress,
  validateProject,
  versionHistory,
  type FieldChanges,
  type Issue,
  type LibraryEntry,
  type ProgressFact,
} from '../../projects/library.js';
import { allLinks, projectLinks } from '../../projects/links.js';
import { completionRate, decimalYear, endOfYear, projectSummary, projectWarnings } from '../../projects/rollups.js';
import { buildProjectsWorkbook, importWorkbook, type ImportError } from '../../importers/projectsWorkbook.js';
import { MAX_EVIDENCE_BYTES, sniffEvidence } from '../../importers/evidence.js';
import { MAX_UPLOAD_BYTES } from '../../importers/roundTemplate.js';
import {
  addProject,
  attachProjectEvidence,
  fieldsFromEntry,
  libraryRevision,
  loadLibraryFacts,
  projectEvidence,
  projectEvidenceFile,
  ProjectError,
  recordProgress,
  reviseProject,
  setLinks,
  type LibraryFacts,
} from '../../store/projects.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import { fileTooLarge, isTooLarge, readUpload, uploadBody } from '../upload.js';
import { fileResponse, sendDownload, sendStoredFile, XLSX_TYPE } from '../download.js';
import { cachedBody, sendCached, type CachedBody, type PlanCache } from '../planCache.js';
import { categoryTotalSchema, projectSchema, totalSchema } from '../schemas.js';

const tags = ['重点工程项目库 Key project library'];
const planParams = z.object({ planId: z.string().min(1).describe('规划 id，或 default / plan id, or "default"') });
const noParams = planParams.extend({ no: z.coerce.number().int().positive() });

const statusEnum = z.enum(['not_started', 'in_progress', 'completed', 'delayed', 'suspended', 'terminated']);
const money = z.string().regex(/^\d+\.\d{2}$/).describe('亿元, exact decimal text with two decimals');

export const progressEntrySchema = z
  .object({
    year: z.number().int(),
    plannedInvestment: money,
    completedInvestment: money,
    cumulativeInvestment: money.nullable().describe('累计完成投资：reported, else the yearly amounts summed'),
    physicalProgress: z.number().min(0).max(100).nullable(),
    status: statusEnum,
    reason: z.string().nullable().describe('状态原因（延期、暂停、终止）或修改原因 / status reason or reason of the change'),
    milestones: z.array(z.object({ name: z.string(), date: z.string(), done: z.boolean() })),
    note: z.string().nullable(),
    explanation: z.string().nullable().describe('超概算说明 / why cumulative exceeds the total'),
    version: z.number().int(),
    recordedAt: z.string(),
    recordedBy: z.string(),
    isDemo: z.boolean().describe('示例数据 / demonstration data'),
  })
  .describe('年度进展 / yearly progress');

export const warningSchema = z.object({
  projectNo: z.number().int(),
  projectName: z.string(),
  kind: z.enum(['overdue', 'behind_schedule', 'over_budget', 'stalled']),
  level: z.enum(['red', 'yellow']),
  message: z.string(),
  messageEn: z.string(),
});

export const libraryProjectSchema = projectSchema.extend({
  version: z.number().int(),
  retired: z.boolean(),
  retiredReason: z.string().nullable(),
  indicatorLinks: z.array(z.number().int()),
  latest: progressEntrySchema.nullable(),
  completionRate: z.string().nullable().describe('累计完成投资 / 总投资, %, one decimal'),
});

const rollupSchema = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  count: z.number().int(),
  investment: money,
  share: z.string().describe('% of the total, one decimal'),
  planned: money,
  completed: money,
  completionRate: z.string().nullable(),
});

export const projectListSchema = z.object({ projects: z.array(libraryProjectSchema), categoryTotals: z.array(categoryTotalSchema), total: totalSchema, warnings: z.array(warningSchema) });
/** A field's change in a version: its value before (null for a project's first stored version) and after. */
const change = <T extends z.ZodType>(value: T) => z.object({ from: value.nullable(), to: value }).optional();
const fieldChangesSchema = z
  .object({
    category: change(z.string()).describe('类别 id / category id'),
    subcategory: change(z.string().nullable()),
    name: change(z.string()),
    nameEn: change(z.string()),
    content: change(z.string()),
    investment: change(z.string()).describe('万元, as written'),
    leads: change(z.array(z.string())).describe('牵头单位名称 / lead departments by name'),
    regions: change(z.array(z.string())).describe('行政区代码 / region codes'),
    startYear: change(z.number().int()),
    endYear: change(z.number().int()),
    subItems: change(z.array(z.string())).describe('子项目名称 / sub-item names'),
    retired: change(z.boolean()),
  })
  .describe('只列出改变的字段 / only the fields that changed');
export type _checks = [Assert<Same<z.infer<typeof fieldChangesSchema>, FieldChanges>>];

export const projectDetailSchema = z.object({
  project: libraryProjectSchema,
  versions: z.array(z.object({ version: z.number().int(), at: z.string(), by: z.string(), reason: z.string(), changes: fieldChangesSchema })),
  progress: z.array(progressEntrySchema),
  links: z.array(z.object({ indicatorCode: z.number().int(), indicatorName: z.string(), reason: z.string() })),
  evidence: z.array(z.object({ id: z.string(), year: z.number().int(), fileName: z.string(), size: z.number().int(), uploadedAt: z.string(), uploadedBy: z.string() })),
  warnings: z.array(warningSchema),
});
export const summarySchema = z.object({
  year: z.number().int().nullable(),
  byCategory: z.array(rollupSchema),
  byYear: z.array(z.object({ year: z.number().int(), planned: money, completed: money, count: z.number().int() })),
  byDepartment: z.array(rollupSchema),
  byRegion: z.array(rollupSchema),
  total: rollupSchema,
  warnings: z.array(warningSchema),
});
const importErrorSchema = z.object({ sheet: z.string().nullable(), row: z.number().int().nullable(), column: z.string().nullable(), field: z.string().nullable(), message: z.string(), messageEn: z.string() });

const projectBody = z.object({
  category: z.string().max(100).optional().describe('类别 id 或名称 / category id or name'),
  subcategory: z.string().max(100).nullable().optional(),
  name: z.string().max(200).optional(),
  nameEn: z.string().max(300).optional(),
  content: z.string().max(4000).optional(),
  investment: z.union([z.string().max(20), z.number()]).optional().describe('亿元, e.g. "12.30"'),
  leads: z.array(z.string().max(100)).max(20).optional().describe('牵头单位 id 或名称 / department ids or names'),
  regions: z.array(z.string().max(40)).max(20).optional().describe('行政区代码 / region codes'),
  startYear: z.union([z.number().int(), z.string().max(4)]).optional(),
  endYear: z.union([z.number().int(), z.string().max(4)]).optional(),
});

const progressBody = z.object({
  plannedInvestment: z.union([z.string().max(20), z.number()]).optional(),
  completedInvestment: z.union([z.string().max(20), z.number()]).optional(),
  cumulativeInvestment: z.union([z.string().max(20), z.number()]).nullable().optional(),
  physicalProgress: z.union([z.number(), z.string().max(10)]).nullable().optional(),
  status: z.string().max(20).optional(),
  reason: z.string().max(1000).nullable().optional(),
  milestones: z.array(z.object({ name: z.string().max(200), date: z.string().max(10), done: z.boolean().optional() })).max(50).nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
  explanation: z.string().max(2000).nullable().optional(),
});

const reasonField = z.string().max(1000);

const invalid = (issues: Issue[]) =>
  new ApiError(400, 'VALIDATION_FAILED', issues.map((i) => `${i.field}：${i.message}`).join('；'), issues.map((i) => `${i.field}: ${i.messageEn}`).join('; '));

const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ProjectError) throw new ApiError(e.status, e.code, e.message, e.messageEn);
    throw e;
  }
};

/** The library's read model for one plan revision and library revision. */
interface LibraryModel {
  plan: Plan;
  facts: LibraryFacts;
  library: LibraryEntry[];
  current: ProgressFact[];
  links: Map<number, ReturnType<typeof projectLinks>>;
}

export const projectRoutes: FastifyPluginAsync<{ plans: PlanCache; revisionTtlMs?: number }> = async (app, { plans, revisionTtlMs = 250 }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const models = new Map<string, { key: string; model: LibraryModel; listBody?: { day: string; body: CachedBody }; summaries?: Map<string, ReturnType<typeof projectSummary>> }>();
  const revisions = new Map<string, { revision: number; at: number }>();

  /** The library model, rebuilt when the plan or the library changed (the library revision is re-read at most
   * every revisionTtlMs, like the plan's; this instance's own writes invalidate at once). */
  const modelOf = async (planIdOrAlias: string): Promise<LibraryModel & { cacheKey: string }> => {
    const pm = await plans.get(planIdOrAlias);
    const planId = pm.plan.meta.id;
    const now = performance.now();
    let rev = revisions.get(planId);
    if (!rev || now - rev.at >= revisionTtlMs) {
      rev = { revision: await libraryRevision(app.db, planId), at: now };
      revisions.set(planId, rev);
    }
    const key = `${planId}@${pm.revision}@${rev.revision}`;
    const hit = models.get(planId);
    if (hit && hit.key === key) return { ...hit.model, cacheKey: key };
    const facts = await loadLibraryFacts(app.db, planId);
    const library = libraryProjects(pm.plan, facts.versions);
    const model: LibraryModel = { plan: pm.plan, facts, library, current: currentProgress(facts.progress), links: allLinks(pm.plan, library.map((p) => p.no), facts.linkSets) };
    models.set(planId, { key, model });
    return { ...model, cacheKey: key };
  };
  const invalidate = (planId: string) => revisions.delete(planId);

  const entryOut = (current: readonly ProgressFact[], e: ProgressFact) => ({
    year: e.year,
    plannedInvestment: e.plannedInvestment,
    completedInvestment: e.completedInvestment,
    cumulativeInvestment: formatScaled(cumulativeUnits(current.filter((x) => x.no === e.no), e.year), 2),
    physicalProgress: e.physicalProgress,
    status: e.status,
    reason: e.reason,
    milestones: e.milestones,
    note: e.note,
    explanation: e.explanation,
    version: e.version,
    recordedAt: e.recordedAt,
    recordedBy: e.recordedBy,
    isDemo: e.isDemo,
  });
  const projectOut = (m: LibraryModel, p: LibraryEntry) => {
    const own = m.current.filter((e) => e.no === p.no);
    const latest = own.at(-1) ?? null;
    return {
      ...(({ version: _v, retired: _r, retiredReason: _rr, ...rest }) => rest)(p),
      version: p.version,
      retired: p.retired,
      retiredReason: p.retiredReason,
      indicatorLinks: (m.links.get(p.no) ?? []).map((l) => l.indicatorCode),
      latest: latest ? entryOut(m.current, latest) : null,
      completionRate: completionRate(p, m.current),
    };
  };
  const nowYear = () => decimalYear(new Date());
  const findProject = (m: LibraryModel, no: number) => {
    const p = m.library.find((x) => x.no === no);
    if (!p) throw notFound(`重点工程项目 ${no}`, `key project ${no}`);
    return p;
  };

  r.get('/plans/:planId/projects', {
    schema: {
      tags,
      summary: '项目库：重点工程项目、投资分布（表2）与预警 / the project library, table 2 and warnings',
      params: planParams,
      querystring: z.object({
        category: z.string().max(100).optional().describe('工程类别 id 或名称 / category id or name'),
        department: z.string().max(100).optional().describe('牵头单位 id 或名称 / lead department id or name'),
        region: z.string().max(20).optional().describe('行政区代码；规划范围本身的代码（plan.meta.region）= 全域性项目 / region code; the plan\'s own region = projects of the whole area'),
        status: z.union([statusEnum, z.literal('not_reported')]).optional().describe('最新状态 / latest status'),
        indicator: z.coerce.number().int().positive().optional().describe('关联指标 / linked indicator code'),
        q: z.string().max(100).optional(),
        includeRetired: z.enum(['true', 'false']).optional(),
      }),
      response: { 200: projectListSchema, 400: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const m = await modelOf(req.params.planId);
    const q = req.query;
    const filtered = Boolean(q.category || q.department || q.region || q.status || q.indicator || q.q || q.includeRetired === 'true');
    const day = new Date().toISOString().slice(0, 10);
    const cached = models.get(m.plan.meta.id);
    if (!filtered && cached?.key === m.cacheKey && cached.listBody?.day === day) return sendCached(req, reply, cached.listBody.body);
    const dept = q.department ? m.plan.departments.find((d) => d.id === q.department || d.name === q.department) : undefined;
    const cat = q.category ? m.plan.categories.find((c) => c.id === q.category || c.name === q.category || c.appendixName === q.category) : undefined;
    const text = q.q?.trim().toLowerCase();
    const list = m.library.filter((p) => {
      if (p.retired && q.includeRetired !== 'true') return false;
      if (q.category && p.categoryId !== cat?.id) return false;
      if (q.department && !p.leadIds.includes(dept?.id ?? q.department)) return false;
      if (q.region && (q.region === m.plan.meta.region ? p.regions.length > 0 : !p.regions.includes(q.region))) return false;
      if (q.indicator && !(m.links.get(p.no) ?? []).some((l) => l.indicatorCode === q.indicator)) return false;
      if (q.status) {
        const latest = m.current.filter((e) => e.no === p.no).at(-1);
        if ((latest?.status ?? 'not_reported') !== q.status) return false;
      }
      if (text && ![p.name, p.nameEn, p.content, String(p.no)].some((s) => s.toLowerCase().includes(text))) return false;
      return true;
    });
    const active = list.filter((p) => !p.retired);
    const t = categoryTotals(m.plan.categories, active);
    const body = {
      projects: list.map((p) => projectOut(m, p)),
      categoryTotals: t.categoryTotals,
      total: t.total,
      warnings: projectWarnings(active, m.current, { asOf: nowYear() }),
    };
    if (filtered) return body;
    const built = cachedBody(`projects-${m.cacheKey}-${day}`, body);
    if (cached?.key === m.cacheKey) cached.listBody = { day, body: built };
    return sendCached(req, reply, built);
  });

  r.get('/plans/:planId/projects/:no', {
    schema: { tags, summary: '项目详情：版本、进展、关联指标、佐证材料、预警 / one project with versions, progress, links, evidence and warnings', params: noParams, response: { 200: projectDetailSchema, 404: errorBodySchema } },
  }, async (req) => {
    const m = await modelOf(req.params.planId);
    const p = findProject(m, req.params.no);
    const own = m.current.filter((e) => e.no === p.no);
    return {
      project: projectOut(m, p),
      versions: versionHistory(m.plan, p.no, m.facts.versions),
      progress: own.map((e) => entryOut(m.current, e)),
      links: m.links.get(p.no) ?? [],
      evidence: (await projectEvidence(app.db, m.plan.meta.id, p.no)).map(({ contentType: _c, ...e }) => e),
      warnings: projectWarnings([p], m.current, { asOf: nowYear() }),
    };
  });

  const actor = (req: FastifyRequest) => ({ id: req.user!.id, username: req.user!.username });
  const staff = app.requireUser(['admin', 'reviewer']);

  r.post('/plans/:planId/projects', {
    preHandler: staff,
    schema: {
      tags,
      summary: '新增项目（管理员、审核员）/ add a project (admin, reviewer)',
      params: planParams,
      body: projectBody.extend({ reason: reasonField }),
      response: { 201: z.object({ project: libraryProjectSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
    },
  }, async (req, reply) => {
    const { plan } = await plans.get(req.params.planId);
    const { reason, ...input } = req.body;
    if (!reason.trim()) throw invalid([{ field: 'reason', message: '须填写新增原因', messageEn: 'a reason is required' }]);
    const v = validateProject(plan, input, null);
    if ('issues' in v) throw invalid(v.issues);
    const added = await wrap(() => addProject(app.db, plan, v.fields, reason.trim(), actor(req)));
    invalidate(plan.meta.id);
    const m = await modelOf(req.params.planId);
    return reply.code(201).send({ project: projectOut(m, findProject(m, added.no)) });
  });

  r.put('/plans/:planId/projects/:no', {
    preHandler: staff,
    schema: {
      tags,
      summary: '修改项目（新版本，须写原因）/ revise a project: a new version with a reason',
      params: noParams,
      body: z.object({ changes: projectBody, reason: reasonField }),
      response: { 200: z.object({ project: libraryProjectSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const m = await modelOf(req.params.planId);
    const p = findProject(m, req.params.no);
    if (!req.body.reason.trim()) throw invalid([{ field: 'reason', message: '须填写修改原因', messageEn: 'a reason is required' }]);
    if (p.retired) throw new ApiError(409, 'RETIRED', `项目 ${p.no} 已退出项目库，不能再修改`, `project ${p.no} is retired and cannot be changed`);
    const v = validateProject(m.plan, req.body.changes, fieldsFromEntry(p));
    if ('issues' in v) throw invalid(v.issues);
    await wrap(() => reviseProject(app.db, m.plan, p.no, { fields: v.fields }, req.body.reason.trim(), actor(req)));
    invalidate(m.plan.meta.id);
    const after = await modelOf(req.params.planId);
    return { project: projectOut(after, findProject(after, p.no)) };
  });

  r.post('/plans/:planId/projects/:no/retire', {
    preHandler: staff,
    schema: {
      tags,
      summary: '项目退出项目库（须写原因）/ retire a project with a reason',
      params: noParams,
      body: z.object({ reason: reasonField }),
      response: { 200: z.object({ project: libraryProjectSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const m = await modelOf(req.params.planId);
    const p = findProject(m, req.params.no);
    if (!req.body.reason.trim()) throw invalid([{ field: 'reason', message: '须填写退出原因', messageEn: 'a reason is required' }]);
    await wrap(() => reviseProject(app.db, m.plan, p.no, { retire: true }, req.body.reason.trim(), actor(req)));
    invalidate(m.plan.meta.id);
    const after = await modelOf(req.params.planId);
    return { project: projectOut(after, findProject(after, p.no)) };
  });

  const ensureMayReport = (m: LibraryModel, p: LibraryEntry, req: FastifyRequest) => {
    if (!mayReportProgress(m.plan, req.user!, p))
      throw new ApiError(403, 'OUT_OF_SCOPE', `无权填报：项目 ${p.no}（${p.name}）由${p.leads.join('、')}牵头`, `out of scope: project ${p.no} is led by ${p.leadIds.join(', ')}`);
  };

  r.put('/plans/:planId/projects/:no/progress/:year', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: {
      tags,
      summary: '填报年度进展（牵头单位填报员或管理员、审核员；再次保存为新版本，须写原因）/ report a year’s progress',
      params: noParams.extend({ year: z.coerce.number().int() }),
      body: progressBody,
      response: { 200: z.object({ progress: progressEntrySchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const m = await modelOf(req.params.planId);
    const p = findProject(m, req.params.no);
    ensureMayReport(m, p, req);
    if (p.retired) throw new ApiError(409, 'RETIRED', `项目 ${p.no} 已退出项目库`, `project ${p.no} is retired`);
    const own = m.current.filter((e) => e.no === p.no);
    const v = validateProgress(p, req.params.year, req.body, own, m.plan.meta.period.end);
    if ('issues' in v) throw invalid(v.issues);
    const { entry } = await wrap(() => recordProgress(app.db, m.plan.meta.id, p.no, req.params.year, v.values, actor(req)));
    invalidate(m.plan.meta.id);
    const after = await modelOf(req.params.planId);
    return { progress: entryOut(after.current, after.current.find((e) => e.no === p.no && e.year === entry.year)!) };
  });

  r.put('/plans/:planId/projects/:no/links', {
    preHandler: staff,
    schema: {
      tags,
      summary: '修改项目关联的指标（须写原因）/ set the indicators a project serves, with a reason',
      params: noParams,
      body: z.object({ indicators: z.array(z.number().int().positive()).max(45), reason: reasonField }),
      response: { 200: z.object({ links: projectDetailSchema.shape.links }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req) => {
    const m = await modelOf(req.params.planId);
    const p = findProject(m, req.params.no);
    const unknown = req.body.indicators.filter((c) => !m.plan.indicators.some((i) => i.code === c));
    if (unknown.length) throw invalid([{ field: 'indicators', message: `未知的指标编号：${unknown.join('、')}`, messageEn: `unknown indicator codes: ${unknown.join(', ')}` }]);
    if (!req.body.reason.trim()) throw invalid([{ field: 'reason', message: '须填写修改原因', messageEn: 'a reason is required' }]);
    const before = (m.links.get(p.no) ?? []).map((l) => l.indicatorCode);
    const next = [...new Set(req.body.indicators)].sort((a, b) => a - b);
    await wrap(() => setLinks(app.db, m.plan.meta.id, p.no, next, before, req.body.reason.trim(), actor(req)));
    invalidate(m.plan.meta.id);
    const after = await modelOf(req.params.planId);
    return { links: after.links.get(p.no) ?? [] };
  });

  r.post('/plans/:planId/projects/:no/evidence', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: {
      tags,
      summary: '上传项目佐证材料（multipart：file 与 year；PDF、PNG、JPEG 或 .xlsx，≤10 MB）/ attach evidence (file + year)', upload: uploadBody('佐证文件：PDF、PNG、JPEG 或 .xlsx，≤10 MB / the evidence file', { year: z.string().describe('年份 / year, e.g. 2024') }),
      params: noParams,
      response: { 201: z.object({ evidence: projectDetailSchema.shape.evidence.element }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 413: errorBodySchema },
    },
  }, async (req, reply) => {
    const m = await modelOf(req.params.planId);
    const p = findProject(m, req.params.no);
    ensureMayReport(m, p, req);
    let file: { name: string; bytes: Buffer } | null = null;
    let yearText = '';
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } })) {
        if (part.type === 'file') file = { name: safeFileName(part.filename), bytes: await part.toBuffer() };
        else if (part.fieldname === 'year') yearText = String(part.value);
      }
    } catch (e) {
      if (isTooLarge(e)) throw fileTooLarge(MAX_EVIDENCE_BYTES);
      throw e;
    }
    if (!file) throw new ApiError(400, 'NO_FILE', '请选择要上传的文件', 'attach a file');
    const year = /^\d{4}$/.test(yearText.trim()) ? Number(yearText) : NaN;
    if (Number.isNaN(year) || year < p.startYear || year > Math.max(p.endYear, m.plan.meta.period.end))
      throw invalid([{ field: 'year', message: `年份“${yearText}”无效（应在项目建设期限 ${p.startYear}–${p.endYear} 内）`, messageEn: `year "${yearText}" is invalid (the project runs ${p.startYear}–${p.endYear})` }]);
    const contentType = await sniffEvidence(file.bytes);
    if (!contentType)
      throw new ApiError(400, 'UNSUPPORTED_FILE', `“${file.name}”不是 PDF、PNG、JPEG 或 Excel（.xlsx）文件（按文件内容识别，与扩展名无关）`, `"${file.name}" is not a PDF, PNG, JPEG or .xlsx file (judged by its content, not its name)`);
    const meta = await attachProjectEvidence(app.db, m.plan.meta.id, p.no, year, { name: file.name, contentType, bytes: file.bytes, sha256: createHash('sha256').update(file.bytes).digest('hex') }, actor(req));
    invalidate(m.plan.meta.id);
    const { contentType: _c, ...evidence } = meta;
    return reply.code(201).send({ evidence });
  });

  r.get('/plans/:planId/projects/:no/evidence/:id', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '下载项目佐证材料 / download a project evidence file', params: noParams.extend({ id: z.string().max(64) }), response: { 200: fileResponse('佐证文件，按存储时的类型 / the file, of the type it was stored with', '*/*') } },
  }, async (req, reply) => {
    const m = await modelOf(req.params.planId);
    const p = findProject(m, req.params.no);
    // As for a round's evidence (docs/rounds.md, docs/security.md): admins, reviewers and the project's reporting
    // department read the files; viewers (领导) see the list in the project's detail but not the files.
    if (req.user!.role === 'viewer') throw new ApiError(403, 'FORBIDDEN', '领导（只读）账户不能下载佐证材料；请联系牵头单位审核员', 'viewers cannot download evidence files; ask a reviewer');
    if (req.user!.role === 'reporter') ensureMayReport(m, p, req);
    const row = await projectEvidenceFile(app.db, m.plan.meta.id, p.no, req.params.id);
    if (!row) throw notFound('佐证材料', 'evidence file');
    return sendStoredFile(reply, row);
  });

  r.get('/plans/:planId/projects-summary', {
    schema: {
      tags,
      summary: '项目库汇总：按类别（表2）、年度、牵头单位、行政区；投资完成率；预警 / roll-ups and warnings',
      params: planParams,
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('只看该年及以前的填报，按年末评估 / reports up to this year, assessed at its end') }),
      response: { 200: summarySchema, 400: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req) => {
    const m = await modelOf(req.params.planId);
    const year = req.query.year ?? null;
    // Cached per library state and year (and per day for the current moment's warnings).
    const entry = models.get(m.plan.meta.id);
    const key = `${year ?? new Date().toISOString().slice(0, 10)}`;
    const hit = entry?.key === m.cacheKey ? entry.summaries?.get(key) : undefined;
    if (hit) return hit;
    const summary = projectSummary(m.plan, m.library, m.current, { year, asOf: year === null ? nowYear() : endOfYear(year) });
    if (entry?.key === m.cacheKey) (entry.summaries ??= new Map()).set(key, summary);
    return summary;
  });

  r.get('/plans/:planId/projects.xlsx', {
    schema: { tags, summary: '导出项目库（附表格式）及年度进展 / the library in the appendix layout and the yearly progress, as .xlsx', params: planParams, response: { 200: fileResponse('Excel 工作簿 / .xlsx', XLSX_TYPE) } },
  }, async (req, reply) => {
    const m = await modelOf(req.params.planId);
    const body = await buildProjectsWorkbook(m.plan, m.library, m.current);
    return sendDownload(reply, { type: XLSX_TYPE, fileName: `${m.plan.meta.shortName}重点工程项目库.xlsx`, fallback: 'projects.xlsx', body });
  });

  r.post('/plans/:planId/projects/import', {
    preHandler: [app.requireUser(['admin', 'reviewer', 'reporter']), app.heavyImport],
    schema: {
      tags,
      summary: '从 Excel 导入项目库或年度进展（有任何问题则不写入）/ import the library or yearly progress (all or nothing)', upload: uploadBody('项目库或年度进展工作簿（.xlsx）/ the library or progress workbook (.xlsx)'),
      params: planParams,
      querystring: z.object({ kind: z.enum(['library', 'progress']).default('progress') }),
      response: {
        200: z.object({ imported: z.number().int(), kind: z.enum(['library', 'progress']) }),
        400: errorBodySchema,
        401: errorBodySchema,
        403: errorBodySchema,
        413: errorBodySchema,
        422: errorBodySchema.extend({ errors: z.array(importErrorSchema) }),
      },
    },
  }, async (req, reply) => {
    const kind = req.query.kind;
    if (kind === 'library' && !['admin', 'reviewer'].includes(req.user!.role))
      throw new ApiError(403, 'FORBIDDEN', '无权操作：导入项目库需要系统管理员或牵头单位审核员权限', 'not allowed: importing the library needs role admin or reviewer');
    const m = await modelOf(req.params.planId);
    const { file, bytes } = await readUpload(req, MAX_UPLOAD_BYTES, 'xlsx');
    const result = await importWorkbook(app.db, m, kind, bytes, safeFileName(file.filename), req.user!, actor(req));
    invalidate(m.plan.meta.id);
    if ('errors' in result) return reply.code(422).send(importFailure(result.errors));
    return { imported: result.imported, kind };
  });
};

/** The 422 body of a refused import: every problem, located. */
export function importFailure(errors: ImportError[]) {
  const where = (p: ImportError) => [p.sheet && `工作表“${p.sheet}”`, p.column && `${p.column} 列`, p.field && `（${p.field}）`].filter(Boolean).join(' ');
  return {
    statusCode: 422,
    code: 'IMPORT_INVALID',
    message: `${errors.length} 处问题，未导入任何数据：` + errors.map((p) => (where(p) ? `${where(p)} ${p.message}` : p.message)).join('；'),
    messageEn: `${errors.length} problem(s), nothing imported: ` + errors.map((p) => p.messageEn).join('; '),
    errors,
  };
}

