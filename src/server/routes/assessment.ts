// Assessment routes: the year's scores, ranks, grades and breakdowns of county governments and
// departments, the counties' composite index, the published (frozen) result with its differences from the live
// one, vetoes, publishing, and the assessment report (.docx) and Excel export. The console uses these routes
// like any integrator. Results are computed from approved observations only, once per plan revision, data
// version, library revision and vetoes.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assess, type AssessmentResult } from '../../assessment/assess.js';
import { compareResults } from '../../assessment/compare.js';
import { pickScheme, PROGRESS_LEVEL_CODES, RULES, TARGET_KINDS, type RuleName, type Scheme, type TargetKind } from '../../assessment/scheme.js';
import { currentProgress, libraryProjects } from '../../projects/library.js';
import { AssessmentError, addVeto, listVetoes, loadSchemes, publishedResult, publishResult, validateVeto } from '../../store/assessment.js';
import { libraryRevision, loadLibraryFacts } from '../../store/projects.js';
import type { ObservationCache } from '../dataCache.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import type { PlanCache } from '../planCache.js';
import { fileResponse, sendDownload, XLSX_TYPE } from '../download.js';
import { asBuffer, type Offload } from '../offload/index.js';
import { REPORT_CONTENT_TYPES } from '../../reports/index.js';
import { usedObservationSchema } from '../evaluationSchemas.js';
import type { Assert, Same } from '../schemas.js';

const tags = ['考核 Assessment'];
const planParams = z.object({ planId: z.string().min(1) });
// A scheme as validated and stored (src/assessment/scheme.ts; its file format: docs/assessment.md). Weights are in
// hundredths of a point, so that sums are exact.
const hundredths = z.number().int().describe('百分之一分 / hundredths of a point');
const weightedIndicators = z.array(z.object({ code: z.number().int(), domainId: z.string(), weight: hundredths }));
const named = { id: z.string(), name: z.string(), nameEn: z.string() };
const schemeSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  isDefault: z.boolean(),
  basis: z.string().describe('各项选择的依据 / where each choice comes from'),
  hash: z.string().describe('sha-256 of the scheme’s canonical JSON: a published result names the exact scheme it used'),
  regions: z.object({ indicators: weightedIndicators, domains: z.array(z.object({ domainId: z.string(), weight: hundredths })) }),
  departments: z.object({ kinds: z.array(z.string()), indicatorPoints: z.number(), projectPoints: z.number(), shareFactor: z.number(), indicators: weightedIndicators }),
  rules: z.object(Object.fromEntries(TARGET_KINDS.map((k) => [k, z.object({ rule: z.enum(RULES), credit: z.record(z.string(), z.number()).describe('stateCredit: credit per state code') })])) as Record<TargetKind, z.ZodObject<{ rule: z.ZodEnum<{ [R in RuleName]: R }>; credit: z.ZodRecord<z.ZodString, z.ZodNumber> }>>).describe('目标类型的计分规则 / the scoring rule of each target kind'),
  progressLevels: z.object(Object.fromEntries(PROGRESS_LEVEL_CODES.map((c) => [c, z.number()])) as Record<(typeof PROGRESS_LEVEL_CODES)[number], z.ZodNumber>),
  projectCredit: z.object({ onSchedule: z.number(), behind: z.number(), overdue: z.number() }),
  missingCredit: z.number(),
  deductions: z.array(z.object({ id: z.literal('projectOverdue'), name: z.string(), nameEn: z.string(), points: z.number(), max: z.number(), subjects: z.array(z.enum(['region', 'department'])) })),
  vetoes: z.array(z.object(named)),
  grades: z.array(z.object({ ...named, min: z.number() })).describe('highest band first; the last band is the one a veto forces'),
  index: z.object({
    name: z.string(),
    nameEn: z.string(),
    categories: z.array(z.object({ ...named, weight: z.number(), indicators: z.array(z.object({ code: z.number().int(), weight: z.number(), negative: z.boolean() })) })),
  }),
});
export type _checks = [Assert<Same<z.infer<typeof schemeSchema>, Scheme>>];
const yearField = z.coerce.number().int().describe('考核年份 / year');
const schemeField = z.string().min(1).optional().describe('考核方案编号，默认为默认方案 / scheme id (default: the default scheme)');

const bilingual = z.object({ zh: z.string(), en: z.string() });
const indexCategories = z.array(z.object({ id: z.string(), value: z.number().nullable() }));

// One item of a subject's score, of any of the four kinds: the fields of the other kinds are absent.
const itemSchema = z.object({
  kind: z.enum(['indicator', 'project', 'deduction', 'veto']),
  indicator: z.number().int().nullable().describe('指标序号（项目、扣分、否决项为 null）/ indicator code, null for other items'),
  name: z.string(),
  points: z.number().describe('得分（扣分为负）/ points earned (negative for a deduction)'),
  maxPoints: z.number(),
  rule: z.string(),
  reason: bilingual,
  fraction: z.number().optional().describe('indicator, project: share of maxPoints earned, 0–1'),
  domainId: z.string().optional().describe('indicator'),
  role: z.enum(['lead', 'share']).nullable().optional().describe('indicator, project: 牵头 lead or 配合 share'),
  status: z.string().optional().describe('indicator: the evaluation status; project: on_schedule | behind | overdue'),
  value: z.object({ valueText: z.string().nullable(), state: z.string().nullable(), year: z.number().int() }).nullable().optional(),
  target: z.object({ horizon: z.string(), text: z.string(), textEn: z.string() }).optional(),
  observations: z.array(usedObservationSchema).optional(),
  missing: bilingual.nullable().optional().describe('indicator: what is missing when the missing-data credit was given'),
  project: z.number().int().nullable().optional(),
  report: z.object({ year: z.number().int(), version: z.number().int(), status: z.string(), physicalProgress: z.number().nullable() }).nullable().optional(),
  deduction: z.string().optional(),
  veto: z.string().optional(),
  evidence: z.string().optional(),
  recordId: z.string().optional(),
  recordedBy: z.string().optional(),
  recordedAt: z.string().optional(),
});

const subjectSchema = z.object({
  kind: z.enum(['region', 'department']),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  score: z.number().describe('各项得分之和 / the sum of the items’ points'),
  rank: z.number().int().describe('名次；同分同名次（1、2、2、4），被一票否决者排在其后 / rank: ties share a rank, vetoed subjects come after'),
  grade: z.string(),
  gradeId: z.string(),
  gradeEn: z.string(),
  vetoed: z.boolean(),
  items: z.array(itemSchema),
  missingCount: z.number().int(),
  byDomain: z.array(z.object({ domainId: z.string(), points: z.number(), maxPoints: z.number() })),
  previous: z.object({ score: z.number(), rank: z.number().int(), grade: z.string() }).nullable(),
  change: z.number().nullable(),
  index: z.object({ value: z.number().nullable(), rank: z.number().int().nullable(), categories: indexCategories }).nullable().describe('the composite index (regions only)'),
});

const compositeIndexSchema = z.object({
  name: z.string(),
  nameEn: z.string(),
  categories: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string(), weight: z.number() })),
  regions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      value: z.number().nullable(),
      rank: z.number().int().nullable(),
      categories: indexCategories,
      indicators: z.array(z.object({ code: z.number().int(), value: z.number().nullable(), scaled: z.number().nullable(), basis: z.string() })),
    }),
  ),
});

export const assessmentSchema = z.object({
  scheme: z.object({ id: z.string(), version: z.number().int(), name: z.string(), nameEn: z.string(), hash: z.string() }),
  year: z.number().int(),
  previousYear: z.number().int().nullable(),
  subjects: z.array(subjectSchema),
  index: compositeIndexSchema,
  published: z
    .object({ publishedAt: z.string(), publishedBy: z.string(), schemeVersion: z.number().int(), note: z.string().nullable() })
    .nullable()
    .describe('已发布的正式结果；null 表示尚未发布 / the published official result, null if none'),
  frozen: assessmentSchemaFrozen().nullable().describe('正式结果中的各对象得分与等级 / scores and grades as published'),
  differences: z
    .array(z.object({ kind: z.string(), code: z.string(), name: z.string(), field: z.string(), item: z.string().nullable(), frozen: z.union([z.string(), z.number()]).nullable(), live: z.union([z.string(), z.number()]).nullable() }))
    .describe('发布后数据变化带来的差异（正式结果不被改写）/ changes since publishing (the official result is never rewritten)'),
});

function assessmentSchemaFrozen() {
  return z.array(z.object({ kind: z.string(), code: z.string(), score: z.number(), rank: z.number().int(), grade: z.string() }));
}

const vetoSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  subjectKind: z.enum(['region', 'department']),
  subjectCode: z.string(),
  veto: z.string(),
  evidence: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export interface AssessmentService {
  result(planId: string, year: number, schemeId?: string): Promise<{ scheme: Scheme; result: AssessmentResult; planName: string }>;
}

export const assessmentRoutes: FastifyPluginAsync<{ plans: PlanCache; data: ObservationCache; heavy: Offload }> = async (app, { plans, data, heavy }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schemesCache = new Map<string, Promise<Scheme[]>>();
  const results = new Map<string, AssessmentResult>();

  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof AssessmentError) throw new ApiError(e.status, e.code, e.zh, e.en);
      throw e;
    }
  };

  async function context(planId: string, year: number, schemeId: string | undefined) {
    const model = await plans.get(planId);
    const { plan } = model;
    if (year <= plan.meta.baseYear || year > plan.meta.period.end)
      throw new ApiError(400, 'YEAR_OUT_OF_RANGE', `考核年份 ${year} 不在规划期 ${plan.meta.baseYear + 1}–${plan.meta.period.end} 内`, `year ${year} is outside ${plan.meta.baseYear + 1}–${plan.meta.period.end}`);
    const key = `${plan.meta.id}@${model.revision}`;
    let pending = schemesCache.get(key);
    if (!pending) schemesCache.set(key, (pending = loadSchemes(app.db, plan.meta.id)));
    const schemes = await pending;
    const scheme = pickScheme(schemes, schemeId);
    if (!scheme) throw notFound(`考核方案“${schemeId ?? '默认'}”`, `assessment scheme "${schemeId ?? 'default'}"`);
    return { model, plan, scheme };
  }

  /** The live result, computed once per plan revision, data version, library revision and set of vetoes. */
  async function live(planId: string, year: number, schemeId: string | undefined) {
    const { model, plan, scheme } = await context(planId, year, schemeId);
    const [snap, libRev, vetoes] = await Promise.all([data.snapshot(plan.meta.id), libraryRevision(app.db, plan.meta.id), listVetoes(app.db, plan.meta.id)]);
    const key = `${plan.meta.id}@${model.revision}|${snap.version}|p${libRev}|v${vetoes.length}:${vetoes.at(-1)?.id ?? ''}|${scheme.id}:${scheme.hash}|${year}`;
    let result = results.get(key);
    if (!result) {
      const facts = await loadLibraryFacts(app.db, plan.meta.id);
      result = assess({ plan, scheme, year, observations: snap.official.index, library: libraryProjects(plan, facts.versions), progress: currentProgress(facts.progress), vetoes });
      if (results.size > 64) results.clear();
      results.set(key, result);
    }
    return { plan, scheme, result };
  }

  app.decorate('assessment', {
    result: async (planId: string, year: number, schemeId?: string) => {
      const { plan, scheme, result } = await live(planId, year, schemeId);
      return { scheme, result, planName: plan.meta.name };
    },
  } satisfies AssessmentService);

  r.get('/plans/:planId/assessment/schemes', {
    schema: {
      tags,
      summary: '考核方案（权重、计分规则、扣分、否决事项、等级、综合指数）/ the assessment schemes',
      params: planParams,
      response: { 200: z.object({ schemes: z.array(schemeSchema) }), 404: errorBodySchema },
    },
  }, async (req) => {
    const model = await plans.get(req.params.planId);
    return { schemes: await loadSchemes(app.db, model.plan.meta.id) };
  });

  r.get('/plans/:planId/assessment', {
    schema: {
      tags,
      summary: '年度考核：各县（市、区）政府和部门的得分、排名、等级、逐项得分，县区综合指数，正式结果与差异 / the year’s assessment',
      description:
        '只用已审定数值。每个对象的各项得分之和等于其总分；每一项注明指标、数值、目标、计分规则和所用的指标值（或缺少的数据）。' +
        ' Approved values only. Each subject’s item points add up to its score; every item names its indicator, value, target, rule and observation (or what is missing).',
      params: planParams,
      querystring: z.object({ year: yearField, scheme: schemeField }),
      response: { 200: assessmentSchema, 400: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req) => {
    const { plan, scheme, result } = await live(req.params.planId, req.query.year, req.query.scheme);
    const published = await publishedResult(app.db, plan.meta.id, req.query.year, scheme.id);
    return {
      ...result,
      published: published && { publishedAt: published.publishedAt, publishedBy: published.publishedBy, schemeVersion: published.schemeVersion, note: published.note },
      frozen: published && published.result.subjects.map((s) => ({ kind: s.kind, code: s.code, score: s.score, rank: s.rank, grade: s.grade })),
      differences: published ? compareResults(published.result, result) : [],
    };
  });

  const actor = (req: FastifyRequest) => ({ userId: req.user!.id, username: req.user!.username, ip: req.ip });

  r.post('/plans/:planId/assessment/publish', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '发布正式结果（审核员、管理员；冻结，记入审计日志）/ publish the year’s official result (reviewer, admin; frozen, audited)',
      params: planParams,
      body: z.object({ year: z.number().int(), scheme: schemeField, note: z.string().max(1000).optional() }),
      response: { 201: z.object({ publishedAt: z.string(), publishedBy: z.string(), year: z.number().int(), scheme: z.string(), schemeVersion: z.number().int() }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req, reply) => {
    const { plan, result } = await live(req.params.planId, req.body.year, req.body.scheme);
    const p = await wrap(() => publishResult(app.db, plan.meta.id, result, actor(req), req.body.note?.trim() || null));
    return reply.code(201).send({ publishedAt: p.publishedAt, publishedBy: p.publishedBy, year: p.year, scheme: p.schemeId, schemeVersion: p.schemeVersion });
  });

  r.get('/plans/:planId/assessment/vetoes', {
    schema: { tags, summary: '一票否决记录 / vetoes', params: planParams, querystring: z.object({ year: yearField.optional() }), response: { 200: z.object({ vetoes: z.array(vetoSchema) }), 404: errorBodySchema } },
  }, async (req) => {
    const model = await plans.get(req.params.planId);
    return { vetoes: await listVetoes(app.db, model.plan.meta.id, req.query.year) };
  });

  r.post('/plans/:planId/assessment/vetoes', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '录入一票否决事项，须附依据（审核员、管理员；记入审计日志）/ enter a veto with its evidence (reviewer, admin; audited)',
      params: planParams,
      body: z.object({
        year: z.number().int(),
        subjectKind: z.enum(['region', 'department']),
        subjectCode: z.string().min(1),
        veto: z.string().min(1),
        evidence: z.string().max(1000).describe('依据：文件名称、文号或调查报告（必填）/ evidence (required)'),
        note: z.string().max(1000).optional(),
        scheme: schemeField,
      }),
      response: { 201: z.object({ veto: vetoSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
    },
  }, async (req, reply) => {
    const { plan, scheme } = await context(req.params.planId, req.body.year, req.body.scheme);
    const problem = validateVeto(plan, scheme, req.body);
    if (problem) throw new ApiError(problem.status, problem.code, problem.zh, problem.en);
    const veto = await addVeto(app.db, plan.meta.id, req.body, actor(req));
    return reply.code(201).send({ veto });
  });

  const fileQuery = z.object({ year: yearField, scheme: schemeField });

  r.get('/plans/:planId/assessment/report.docx', {
    schema: {
      tags,
      summary: '年度考核报告（Word，与年度评估报告同一版式）/ the assessment report of a year (.docx, the annual report’s house style)',
      params: planParams,
      querystring: fileQuery,
      response: { 200: fileResponse('Word 文档 / .docx', REPORT_CONTENT_TYPES.docx), 400: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const { plan, scheme } = await context(req.params.planId, req.query.year, req.query.scheme);
    const file = await heavy.run('assessment.report', { planId: plan.meta.id, year: req.query.year, scheme: scheme.id });
    if (!file) throw notFound(`考核方案“${scheme.id}”`, `assessment scheme "${scheme.id}"`);
    return sendDownload(reply, { type: REPORT_CONTENT_TYPES.docx, fileName: file.fileName, fallback: `assessment-${req.query.year}.docx`, body: asBuffer(file.body) });
  });

  r.get('/plans/:planId/assessment/export.xlsx', {
    schema: {
      tags,
      summary: '导出年度考核结果（Excel：排名、逐项得分、综合指数）/ the year’s assessment as an Excel workbook',
      params: planParams,
      querystring: fileQuery,
      response: { 200: fileResponse('Excel 工作簿 / .xlsx', XLSX_TYPE), 400: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const { plan, scheme } = await context(req.params.planId, req.query.year, req.query.scheme);
    const file = await heavy.run('assessment.workbook', { planId: plan.meta.id, year: req.query.year, scheme: scheme.id });
    if (!file) throw notFound(`考核方案“${scheme.id}”`, `assessment scheme "${scheme.id}"`);
    return sendDownload(reply, { type: XLSX_TYPE, fileName: file.fileName, fallback: `assessment-${req.query.year}.xlsx`, body: asBuffer(file.body) });
  });
};

// Downloads are made in a worker thread (Offload): rendering the Word file takes seconds.
declare module 'fastify' {
  interface FastifyInstance {
    assessment: AssessmentService;
  }
}
