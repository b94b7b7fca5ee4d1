// GEP accounting over HTTP: the item spec, accounts, comparisons, extent, balance sheet, compensation,
// entered facts and prices (signed-in writes, versioned with a reason, audited) and the Excel round trip.
// Thin: validation by zod, computation in src/gep (pure) through src/store/gepQueries.
import { safeFileName } from '../../plan/text.js';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GepError } from '../../gep/errors.js';
import { checkFact, checkPrice, FACT_KINDS, type FactInput } from '../../gep/facts.js';
import { horizontalCompensation } from '../../gep/compensation.js';
import { horizontalJson } from '../../gep/present.js';
import { specJson } from '../../gep/spec.js';
import { governedRegion, type Plan } from '../../plan/model.js';
import { approveFacts, currentFactRows, currentPriceRows, listSchemes, recordFacts, recordPrices, saveScheme } from '../../store/gep.js';
import { compensationResponse, extentAreaFailures, loadGep } from '../../store/gepQueries.js';
import { formatWorkbookProblem, importParsedGepWorkbook } from '../../importers/gepWorkbook.js';
import { audit, type User } from '../../store/users.js';
import { accountSchema, balanceSheetSchema, compareSchema, compensationSchema, extentSchema, factsSchema, horizontalSchema, importResultSchema, pricesSchema, regionsSchema, specSchema } from '../gepSchemas.js';
import { ApiError, errorBodySchema } from '../errors.js';
import { readUpload, uploadBody } from '../upload.js';
import { fileResponse, sendDownload, XLSX_TYPE } from '../download.js';
import type { PlanCache } from '../planCache.js';
import { asBuffer, type Offload } from '../offload/index.js';
import { REGION_CODE_RE } from '../../plan/schema.js';

const TAG = ['GEP 生态产品总值'];
const year = z.coerce.number().int().min(2000).max(2100);
const region = z.string().regex(REGION_CODE_RE);
const planParams = z.object({ planId: z.string().min(1) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
/** A refused GEP workbook: every problem by file, sheet, row, column and field. */
const workbookRefusal = errorBodySchema.extend({
  problems: z.array(z.object({ file: z.string(), sheet: z.string().nullable(), row: z.number().nullable(), column: z.string().nullable(), field: z.string().nullable(), message: z.string(), messageEn: z.string() })),
});
const itemList = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined));

const factSchema = z.object({
  kind: z.enum(FACT_KINDS as [string, ...string[]]),
  region,
  year: z.number().int(),
  key: z.string().min(1).max(80),
  sub: z.string().max(80).optional().describe('生态系统类型 / ecosystem type; asset flow; "fromYear:toType" of a transition'),
  value: z.string().min(1).max(40).describe('decimal text, e.g. "1650.5"'),
  unit: z.string().min(1).max(40),
  source: z.string().min(1).max(300),
  note: z.string().max(1000).optional(),
  reason: z.string().max(1000).optional().describe('required when changing an existing value'),
});

const priceSchema = z.object({
  key: z.string().min(1).max(80),
  year: z.number().int(),
  value: z.string().min(1).max(40),
  unit: z.string().min(1).max(40),
  source: z.string().min(1).max(300),
  indexKey: z.string().max(80).nullable().optional(),
  note: z.string().max(1000).optional(),
  reason: z.string().max(1000).optional(),
});

const schemeSchema = z.object({
  name: z.string().min(1).max(120),
  fundYuan: z.string().min(1).max(30),
  source: z.string().max(300).optional(),
  indicators: z.array(z.object({ key: z.string().min(1).max(60), zh: z.string().min(1).max(60), en: z.string().min(1).max(80), weight: z.string().min(1).max(20), negative: z.enum(['zero', 'refuse']).optional() })).min(1).max(12),
});

/** GepError → 400 with its bilingual message. */
export function gepRun<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GepError) throw new ApiError(400, e.code, e.message, e.messageEn);
    throw e;
  }
}

/** Region scope of a writer: admin/reviewer everywhere, a reporter of a county or town government its own region only. */
function mayWriteRegion(plan: Plan, user: User, regionCode: string): boolean {
  if (user.role === 'admin' || user.role === 'reviewer') return true;
  if (user.role !== 'reporter' || !user.departmentId) return false;
  const d = plan.departments.find((x) => x.id === user.departmentId);
  return d !== undefined && governedRegion(d) === regionCode;
}

export const gepRoutes: FastifyPluginAsync<{ plans: PlanCache; heavy: Offload }> = async (app, { plans, heavy }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const planOf = async (req: { params: { planId: string } }) => (await plans.get(req.params.planId)).plan;

  r.get('/plans/:planId/gep/spec', { schema: { tags: TAG, summary: '核算项目规格（表单、校验、文档同源）/ the item spec', params: planParams, response: { 200: specSchema, 404: errorBodySchema } } }, async (req) => {
    await planOf(req);
    return specJson();
  });

  r.get('/plans/:planId/gep/account', {
    schema: {
      tags: TAG,
      summary: '一个行政区一年的 GEP 核算 / the GEP account of a region and year',
      params: planParams,
      querystring: z.object({ region, year, method: z.enum(['spec', 'equivalent']).default('spec'), constantYear: year.optional(), include: itemList, exclude: itemList }),
      response: { 200: accountSchema, ...errors },
    },
  }, async (req) => heavy.run('gep.account', { planId: req.params.planId, ...req.query }));

  r.get('/plans/:planId/gep/regions', {
    schema: { tags: TAG, summary: '各行政区 GEP 对比 / GEP of every region for a year', params: planParams, querystring: z.object({ year, constantYear: year.optional() }), response: { 200: regionsSchema, ...errors } },
  }, async (req) => heavy.run('gep.regions', { planId: req.params.planId, ...req.query }));

  r.get('/plans/:planId/gep/compare', {
    schema: { tags: TAG, summary: '两年比较：数量效应与价格效应 / change between two years', params: planParams, querystring: z.object({ region, from: year, to: year }), response: { 200: compareSchema, ...errors } },
  }, async (req) => {
    await planOf(req);
    if (req.query.from >= req.query.to) throw new ApiError(400, 'YEARS', `起始年 ${req.query.from} 应早于 ${req.query.to}`, `from (${req.query.from}) must precede to (${req.query.to})`);
    return heavy.run('gep.compare', { planId: req.params.planId, ...req.query });
  });

  r.get('/plans/:planId/gep/extent', {
    schema: { tags: TAG, summary: '生态系统范围账户及面积校验 / extent account with the area check', params: planParams, querystring: z.object({ region, year }), response: { 200: extentSchema, ...errors } },
  }, async (req) => heavy.run('gep.extent', { planId: req.params.planId, ...req.query }));

  r.get('/plans/:planId/gep/balance-sheet', {
    schema: { tags: TAG, summary: '自然资源资产负债表（SEEA 资产账户）/ natural-resource asset balance sheet', params: planParams, querystring: z.object({ region, year }), response: { 200: balanceSheetSchema, ...errors } },
  }, async (req) => heavy.run('gep.balanceSheet', { planId: req.params.planId, ...req.query }));

  r.get('/plans/:planId/gep/inputs', {
    schema: { tags: TAG, summary: '已录入的核算数据（当前版本）/ entered facts (current versions)', params: planParams, querystring: z.object({ region: region.optional(), year: year.optional(), kind: z.enum(FACT_KINDS as [string, ...string[]]).optional() }), response: { 200: factsSchema, ...errors } },
  }, async (req) => {
    const plan = await planOf(req);
    const rows = await currentFactRows(app.db, plan.meta.id, req.query);
    return {
      facts: rows.map((f) => ({ kind: f.kind, region: f.region_code, year: f.year, key: f.key, sub: f.sub, value: f.value_text, unit: f.unit, source: f.source, note: f.note, version: f.version, status: f.status, isDemo: f.is_demo === 1, recordedBy: f.recorded_by, recordedAt: f.recorded_at, reason: f.reason })),
    };
  });

  r.post('/plans/:planId/gep/inputs/approve', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags: TAG,
      summary: '审核通过某行政区某年待审核的核算数据 / approve the facts of a region and year awaiting review',
      params: planParams,
      body: z.object({ region, year, reason: z.string().max(1000).optional() }),
      response: { 200: z.object({ approved: z.number().int() }), ...errors },
    },
  }, async (req) => {
    const plan = await planOf(req);
    const user = req.user!;
    if (!plan.regions.some((x) => x.code === req.body.region)) throw new ApiError(400, 'UNKNOWN_REGION', `未知的行政区代码“${req.body.region}”`, `unknown region "${req.body.region}"`);
    const reason = req.body.reason?.trim() || `审核通过（${user.username}）/ approved`;
    const approved = await approveFacts(app.db, plan.meta.id, { region: req.body.region, year: req.body.year }, { recordedBy: user.username, reason });
    await audit(app.db, { userId: user.id, action: 'gep.facts.approve', entity: 'gep_fact', entityId: `${req.body.region}|${req.body.year}`, detail: { approved, reason }, ip: req.ip });
    return { approved };
  });

  r.put('/plans/:planId/gep/inputs', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: {
      tags: TAG,
      summary: '录入或修改核算数据（全部成功或全部不写入）/ enter or change facts, all or nothing',
      params: planParams,
      body: z.object({ facts: z.array(factSchema).min(1).max(5000), reason: z.string().max(1000).optional() }),
      response: { 200: z.object({ inserted: z.number().int(), versioned: z.number().int(), unchanged: z.number().int(), status: z.enum(['approved', 'provisional']) }), ...errors },
    },
  }, async (req) => {
    const plan = await planOf(req);
    const user = req.user!;
    const facts = req.body.facts as FactInput[];
    for (const f of facts)
      if (!mayWriteRegion(plan, user, f.region))
        throw new ApiError(403, 'OUT_OF_SCOPE', `无权录入行政区 ${f.region} 的核算数据：不属于本单位的填报范围`, `region ${f.region} is outside your department's scope`);
    const problems = facts.flatMap((f, i) => checkFact(f, plan.regions.map((x) => x.code), { min: 2000, max: new Date().getFullYear() }).map((p) => ({ i, ...p })));
    if (problems.length)
      throw new ApiError(400, 'VALIDATION_FAILED', problems.map((p) => `第 ${p.i + 1} 条 ${p.field}：${p.message}`).join('；'), problems.map((p) => `item ${p.i + 1} ${p.field}: ${p.messageEn}`).join('; '));
    const areaFailures = await extentAreaFailures(app.db, plan, facts);
    if (areaFailures.length)
      throw new ApiError(400, 'AREA_SUM', areaFailures.map((f) => f.error.message).join('；'), areaFailures.map((f) => f.error.messageEn).join('; '));
    const status: 'approved' | 'provisional' = user.role === 'reporter' ? 'provisional' : 'approved';
    const outcome = await recordFacts(app.db, plan.meta.id, facts, { recordedBy: user.username, status, reason: req.body.reason ?? null });
    if (!outcome.ok) {
      const c = outcome.conflicts[0]!;
      throw new ApiError(409, 'REASON_REQUIRED', `${c.key} 已有值 ${c.current}（第 ${c.currentVersion} 版）；修改须填写修改原因（共 ${outcome.conflicts.length} 处）`, `${c.key} already has ${c.current} (version ${c.currentVersion}); a change needs a reason (${outcome.conflicts.length} in all)`);
    }
    await audit(app.db, { userId: user.id, action: 'gep.facts.record', entity: 'gep_fact', entityId: `${facts.length}`, detail: { count: facts.length, regions: [...new Set(facts.map((f) => f.region))], reason: req.body.reason ?? null, status, ...outcome, conflicts: undefined }, ip: req.ip });
    return { inserted: outcome.inserted, versioned: outcome.versioned, unchanged: outcome.unchanged, status };
  });

  r.get('/plans/:planId/gep/prices', {
    schema: { tags: TAG, summary: '价格与参数（当前版本，含来源与年份）/ prices and parameters', params: planParams, response: { 200: pricesSchema, ...errors } },
  }, async (req) => {
    const plan = await planOf(req);
    await loadGep(app.db, plan); // ships the defaults on first use
    const rows = await currentPriceRows(app.db, plan.meta.id);
    return {
      prices: rows
        .sort((a, b) => a.key.localeCompare(b.key) || a.year - b.year)
        .map((p) => ({ key: p.key, year: p.year, value: p.value_text, unit: p.unit, source: p.source, note: p.note, indexKey: p.index_key, version: p.version, isDefault: p.is_default === 1, isDemo: p.is_demo === 1, recordedBy: p.recorded_by, recordedAt: p.recorded_at, reason: p.reason })),
    };
  });

  r.put('/plans/:planId/gep/prices', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags: TAG,
      summary: '录入或修改价格与参数 / enter or change prices and parameters',
      params: planParams,
      body: z.object({ prices: z.array(priceSchema).min(1).max(2000), reason: z.string().max(1000).optional() }),
      response: { 200: z.object({ inserted: z.number().int(), versioned: z.number().int(), unchanged: z.number().int() }), ...errors },
    },
  }, async (req) => {
    const plan = await planOf(req);
    const problems = req.body.prices.flatMap((p, i) => checkPrice(p, { min: 2000, max: new Date().getFullYear() + 1 }).map((x) => ({ i, ...x })));
    if (problems.length)
      throw new ApiError(400, 'VALIDATION_FAILED', problems.map((p) => `第 ${p.i + 1} 条 ${p.field}：${p.message}`).join('；'), problems.map((p) => `item ${p.i + 1} ${p.field}: ${p.messageEn}`).join('; '));
    await loadGep(app.db, plan);
    const outcome = await recordPrices(app.db, plan.meta.id, req.body.prices, { recordedBy: req.user!.username, reason: req.body.reason ?? null });
    if (!outcome.ok) {
      const c = outcome.conflicts[0]!;
      throw new ApiError(409, 'REASON_REQUIRED', `价格 ${c.key} 已有值 ${c.current}（第 ${c.currentVersion} 版）；修改须填写修改原因`, `price ${c.key} already has ${c.current}; a change needs a reason`);
    }
    await audit(app.db, { userId: req.user!.id, action: 'gep.prices.record', entity: 'gep_price', entityId: req.body.prices.map((p) => `${p.key}|${p.year}`).join(',').slice(0, 200), detail: { prices: req.body.prices, reason: req.body.reason ?? null }, ip: req.ip });
    return { inserted: outcome.inserted, versioned: outcome.versioned, unchanged: outcome.unchanged };
  });

  r.get('/plans/:planId/gep/schemes', {
    schema: { tags: TAG, summary: '补偿分配方案（当前版本）/ compensation schemes', params: planParams, response: { 200: z.object({ schemes: z.array(z.object({ name: z.string(), version: z.number().int(), scheme: schemeSchema, recordedBy: z.string(), recordedAt: z.string(), reason: z.string().nullable() })) }), ...errors } },
  }, async (req) => {
    const plan = await planOf(req);
    return { schemes: await listSchemes(app.db, plan.meta.id) };
  });

  r.post('/plans/:planId/gep/compensation', {
    preHandler: app.requireUser(),
    schema: {
      tags: TAG,
      summary: '生态补偿资金分配（可保存方案）/ allocate a compensation fund (optionally saving the scheme)',
      params: planParams,
      body: z.object({
        year,
        baseYear: year.optional().describe('needed by the gep_change indicator'),
        scheme: schemeSchema.optional().describe('the scheme; default: the saved scheme named by schemeName'),
        schemeName: z.string().max(120).optional(),
        save: z.boolean().optional().describe('save the scheme as a new version (admin, reviewer)'),
        reason: z.string().max(1000).optional(),
        counties: z.array(z.object({ region, name: z.string().min(1).max(60), values: z.record(z.string(), z.union([z.string(), z.number()])) })).max(50).optional().describe('explicit indicator values instead of those from the accounts and facts'),
      }),
      response: { 200: compensationSchema, ...errors },
    },
  }, async (req) => {
    const plan = await planOf(req);
    const b = req.body;
    let scheme = b.scheme;
    if (!scheme) {
      const saved = (await listSchemes(app.db, plan.meta.id)).find((s) => s.name === b.schemeName);
      if (!saved) throw new ApiError(404, 'NOT_FOUND', `未找到补偿方案“${b.schemeName ?? ''}”`, `scheme "${b.schemeName ?? ''}" not found`);
      scheme = saved.scheme;
    }
    const data = await loadGep(app.db, plan);
    const result = gepRun(() => compensationResponse(plan, data, scheme, b.year, b.baseYear, b.counties));
    let saved: { version: number } | null = null;
    if (b.save) {
      if (req.user!.role !== 'admin' && req.user!.role !== 'reviewer') throw new ApiError(403, 'FORBIDDEN', '保存补偿方案需要系统管理员或审核员权限', 'saving a scheme needs role admin or reviewer');
      saved = await saveScheme(app.db, plan.meta.id, scheme, { recordedBy: req.user!.username, reason: b.reason ?? null });
      await audit(app.db, { userId: req.user!.id, action: 'gep.scheme.save', entity: 'gep_scheme', entityId: scheme.name, detail: { scheme, version: saved.version, reason: b.reason ?? null }, ip: req.ip });
    }
    return { ...result, saved };
  });

  r.post('/plans/:planId/gep/horizontal', {
    schema: {
      tags: TAG,
      summary: '上下游横向补偿（断面水质指数 P）/ horizontal upstream-downstream compensation',
      params: planParams,
      body: z.object({
        upstream: z.string().min(1).max(60),
        downstream: z.string().min(1).max(60),
        amountYuan: z.string().min(1).max(30),
        k0: z.string().min(1).max(20),
        pollutants: z.array(z.object({ key: z.string().min(1).max(30), zh: z.string().min(1).max(30), weight: z.string().min(1).max(20), concentration: z.string().min(1).max(20), baseline: z.string().min(1).max(20) })).min(1).max(10),
      }),
      response: { 200: horizontalSchema, ...errors },
    },
  }, async (req) => {
    await planOf(req);
    return gepRun(() => horizontalJson(horizontalCompensation(req.body)));
  });

  r.get('/plans/:planId/gep/export.xlsx', { schema: { tags: TAG, summary: '导出 GEP 工作簿（数据、价格、核算结果）/ export the GEP workbook', params: planParams, response: { 200: fileResponse('Excel 工作簿 / .xlsx', XLSX_TYPE) } } }, async (req, reply) => {
    const { body, fileName } = await heavy.run('gep.workbook', { planId: req.params.planId });
    return sendDownload(reply, { type: XLSX_TYPE, fileName, fallback: 'gep.xlsx', body: asBuffer(body) });
  });

  r.post('/plans/:planId/gep/import', {
    preHandler: [app.requireUser(['admin', 'reviewer']), app.heavyImport],
    schema: { tags: TAG, summary: '导入 GEP 工作簿（全部成功或全部不写入）/ import the GEP workbook, all or nothing', upload: uploadBody('GEP 工作簿（.xlsx）/ the GEP workbook (.xlsx)'), params: planParams, querystring: z.object({ reason: z.string().max(1000).optional() }), response: { 200: importResultSchema, ...errors, 400: workbookRefusal, 413: errorBodySchema } },
  }, async (req, reply) => {
    const plan = await planOf(req);
    const { file, bytes } = await readUpload(req, 5 * 1024 * 1024, 'xlsx');
    await loadGep(app.db, plan);
    // Read (unzipped, screened, parsed) in the worker pool; checked against the store and written here.
    const parsed = await heavy.compute('gep.readWorkbook', { planId: plan.meta.id, bytes, fileName: safeFileName(file.filename) });
    const result = await importParsedGepWorkbook(app.db, plan, parsed, safeFileName(file.filename), { recordedBy: req.user!.username, reason: req.query.reason ?? null });
    if (!result.ok)
      return reply.code(400).send({
        statusCode: 400,
        code: 'WORKBOOK_INVALID',
        message: `工作簿有 ${result.problems.length} 处问题，未写入任何数据：${result.problems.slice(0, 5).map(formatWorkbookProblem).join('；')}`,
        messageEn: `the workbook has ${result.problems.length} problem(s); nothing was written`,
        problems: result.problems,
      });
    await audit(app.db, { userId: req.user!.id, action: 'gep.import', entity: 'gep_workbook', entityId: safeFileName(file.filename), detail: { facts: result.facts, prices: result.prices, reason: req.query.reason ?? null }, ip: req.ip });
    return { facts: result.facts, prices: result.prices };
  });
};
