// Carbon accounts over HTTP: the catalogue and factors, activity data (scoped writes), the inventory,
// indicators 23 and 25 (and proposing them to the year's round), scenarios, and the carbon workbook.
// Thin: validate, authorise, call src/carbon (pure) and src/store/carbon.ts, answer.
import { safeFileName } from '../../plan/text.js';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_FIELDS, CATEGORIES, ENERGY_SUBSECTORS, SECTORS, validateActivity, type ActivityRecord, type Sector } from '../../carbon/activity.js';
import { FACTOR_DATA_VERSION, FUELS, GWP_SETS, type GwpSet } from '../../carbon/factorData.js';
import { CarbonInputError } from '../../carbon/factors.js';
import { computeIndicators, type IndicatorValue } from '../../carbon/indicators.js';
import { computeInventory } from '../../carbon/inventory.js';
import { runScenario, scenarioSchema, type ScenarioInput, type ScenarioParams } from '../../carbon/scenarios.js';
import { UNITS, UnitError } from '../../carbon/units.js';
import { buildCarbonWorkbook } from '../../importers/carbonWorkbook.js';
import { MAX_UPLOAD_BYTES } from '../../importers/roundTemplate.js';
import { governedRegion, indicatorOfMeasure, type Plan } from '../../plan/model.js';
import { planInForce } from '../../plan/revisions.js';
import { roundTasks } from '../../plan/rounds.js';
import { CarbonStoreError, carbonUsesDemo, currentActivity, findScenario, listScenarios, loadCarbonContext, overrideHistory, saveActivity, saveOverride, saveScenario, type ActivityChange } from '../../store/carbon.js';
import { attachEvidence, findRound, saveDraft, submitTask, WorkflowError } from '../../store/rounds.js';
import type { Database } from '../../store/schema.js';
import type { User } from '../../store/users.js';
import { ApiError, errorBodySchema } from '../errors.js';
import { readUpload, uploadBody } from '../upload.js';
import { fileResponse, sendDownload, XLSX_TYPE } from '../download.js';
import { asBuffer, type Offload } from '../offload/index.js';
import type { PlanCache } from '../planCache.js';
import type { ObservationCache } from '../dataCache.js';
import { publicationEvents, publishInventory, withdrawInventory } from '../../store/carbonPublications.js';
import { activitySchema, catalogueSchema, factorHistorySchema, factorsSchema, inventoryResponseSchema, savedScenarioSchema, scenarioResultSchema, scenariosSchema, seriesSchema } from '../carbonSchemas.js';
import { subRegions } from '../../plan/views.js';

const tags = ['碳核算 Carbon'];
const planParams = z.object({ planId: z.string().min(1) });
const gwpQuery = z.enum(Object.keys(GWP_SETS) as [GwpSet, ...GwpSet[]]).optional().describe('SAR | AR4 | AR5 | AR6 (default AR5)');
const gridQuery = z.enum(['national', 'south']).optional().describe('grid factor level (default national)');
const problemsSchema = z.array(z.object({ row: z.number().nullable(), message: z.string(), messageEn: z.string() }));
const errors = { 400: errorBodySchema.extend({ problems: problemsSchema.optional() }), 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema.extend({ problems: problemsSchema.optional() }) };

/**
 * Which departments' reporters may enter which sectors, from the plan (departments.yaml carbonSectors; a platform
 * setting). A plan that names none leaves entry to administrators and reviewers. A county or town government's
 * reporter enters any sector for its own region.
 */
export function sectorDepartments(plan: Plan): Record<Sector, string[]> {
  const out = Object.fromEntries((Object.keys(SECTORS) as Sector[]).map((s) => [s, [] as string[]])) as Record<Sector, string[]>;
  for (const d of plan.departments) for (const s of d.carbonSectors) out[s].push(d.id);
  return out;
}

export function mayWriteActivity(plan: Plan, user: Pick<User, 'role' | 'departmentId'>, r: Pick<ActivityRecord, 'sector' | 'regionCode'>): boolean {
  if (user.role === 'admin' || user.role === 'reviewer') return true;
  if (user.role !== 'reporter' || !user.departmentId) return false;
  const dept = plan.departments.find((d) => d.id === user.departmentId);
  if (!dept) return false;
  const governed = governedRegion(dept);
  if (governed) return governed === r.regionCode;
  return dept.carbonSectors.includes(r.sector);
}

const rowInput = z.object({
  region: z.string().max(20),
  year: z.union([z.string(), z.number()]),
  category: z.string().max(40),
  subsector: z.string().max(40).optional(),
  item: z.string().max(40),
  value: z.union([z.string(), z.number()]),
  unit: z.string().max(20),
  source: z.string().max(200),
  note: z.string().max(1000).optional(),
  reason: z.string().max(1000).optional(),
});

const wrap = async <T>(f: () => Promise<T> | T): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    if (e instanceof CarbonInputError || e instanceof UnitError) throw new ApiError(400, e.code, e.message, e.messageEn);
    if (e instanceof WorkflowError) throw new ApiError(e.status, e.code, e.message, e.messageEn);
    if (e instanceof CarbonStoreError) throw Object.assign(new ApiError(e.status, e.code, e.message, e.messageEn), { problems: e.details });
    throw e;
  }
};

function regionOf(plan: Plan, code: string | undefined) {
  const c = code ?? plan.meta.region;
  const region = plan.regions.find((x) => x.code === c || x.name === c);
  if (!region) throw new ApiError(400, 'UNKNOWN_REGION', `未知的行政区“${c}”`, `unknown region "${c}"`);
  return region;
}

// The computations of the carbon reads and of the workbook import, as functions of the database and validated
// arguments: they run in the worker pool (offload/tasks.ts), off the thread that answers requests.
type CarbonOptions = { gwp?: GwpSet; grid?: 'national' | 'south' };

export async function carbonInventory(db: Kysely<Database>, plan: Plan, q: CarbonOptions & { year: number; region?: string; lines: boolean }) {
  const region = regionOf(plan, q.region);
  const ctx = await loadCarbonContext(db, plan.meta.id);
  const o = { year: q.year, regionCode: region.code, regions: plan.regions, gwp: q.gwp, grid: q.grid, factors: ctx.factors };
  const inventory = await wrap(() => computeInventory(ctx.index, o));
  const indicators = computeIndicators(ctx.records, o, ctx.index);
  return { inventory: q.lines ? inventory : { ...inventory, lines: [] }, indicators, usesDemo: carbonUsesDemo(ctx.records, q.year, region.code, plan.meta.region) };
}

export async function carbonSeries(db: Kysely<Database>, plan: Plan, q: CarbonOptions & { region?: string; from?: number; to?: number }) {
  const region = regionOf(plan, q.region);
  const ctx = await loadCarbonContext(db, plan.meta.id);
  const years = [...new Set(ctx.records.filter((x) => x.sector !== 'macro').map((x) => x.year))].filter((y) => (!q.from || y >= q.from) && (!q.to || y <= q.to)).sort();
  const series = await wrap(() =>
    years.map((year) => {
      const o = { year, regionCode: region.code, regions: plan.regions, gwp: q.gwp, grid: q.grid, factors: ctx.factors };
      const inv = computeInventory(ctx.index, o);
      const ind = computeIndicators(ctx.records, o, ctx.index);
      const value = (x: (typeof ind)['indicator25']) => ('error' in x ? null : { value: x.value, valueText: x.valueText });
      return { year, gwpSet: inv.gwpSet, rolledUp: inv.rolledUp, totals: { ...inv.totals, fuelFlows: undefined }, indicator25: value(ind.indicator25), indicator23: value(ind.indicator23), warnings: inv.warnings };
    }),
  );
  return { regionCode: region.code, series };
}

/** Saved scenarios run (`names`), or one set of parameters already checked against scenarioSchema (`params`). */
export async function carbonScenarios(db: Kysely<Database>, plan: Plan, q: { names: string[] } | { params: ScenarioInput }) {
  const ctx = await loadCarbonContext(db, plan.meta.id, { years: [] });
  if ('params' in q) return { results: [await wrap(() => runScenario(q.params, ctx.factors))] };
  const all = await listScenarios(db, plan.meta.id);
  const missing = q.names.filter((n) => !all.some((s) => s.name === n));
  if (missing.length) throw new ApiError(404, 'NOT_FOUND', `未找到情景：${missing.join('、')}`, `scenario(s) not found: ${missing.join(', ')}`);
  return { results: await wrap(() => q.names.map((n) => runScenario(all.find((s) => s.name === n)!.params, ctx.factors))) };
}

export async function carbonWorkbookFile(db: Kysely<Database>, plan: Plan, q: { year?: number; gwp?: GwpSet }) {
  const ctx = await loadCarbonContext(db, plan.meta.id);
  const years = q.year ? [q.year] : [...new Set(ctx.records.filter((x) => x.sector !== 'macro').map((x) => x.year))].sort();
  const regions = [plan.meta.region, ...subRegions(plan).map((x) => x.code)];
  const inventories = await wrap(() => years.flatMap((year) => regions.map((regionCode) => computeInventory(ctx.index, { year, regionCode, regions: plan.regions, factors: ctx.factors, gwp: q.gwp }))).filter((i) => i.lines.length));
  const activity = q.year ? ctx.records.filter((x) => x.year === q.year) : ctx.records;
  const body = await buildCarbonWorkbook({ planName: plan.meta.name, activity, inventories, factors: ctx.factors, regionName: (c) => plan.regions.find((x) => x.code === c)?.name ?? c });
  return { body, fileName: `${plan.meta.shortName}碳核算${q.year ?? ''}.xlsx` };
}

/** Indicators 23 and 25 of a year for the city, and the year's workbook attached to a proposal. */
export async function carbonProposal(db: Kysely<Database>, plan: Plan, q: CarbonOptions & { year: number }) {
  const ctx = await loadCarbonContext(db, plan.meta.id);
  const o = { year: q.year, regionCode: plan.meta.region, regions: plan.regions, gwp: q.gwp, grid: q.grid, factors: ctx.factors };
  const outcome = computeIndicators(ctx.records, o, ctx.index);
  if ('error' in outcome.indicator25 && 'error' in outcome.indicator23) return { outcome, workbook: null };
  const inventories = [await wrap(() => computeInventory(ctx.index, o))];
  const workbook = await buildCarbonWorkbook({ planName: plan.meta.name, activity: ctx.records.filter((x) => x.year === q.year || x.year === q.year - 1), inventories, factors: ctx.factors, regionName: (c) => plan.regions.find((x) => x.code === c)?.name ?? c });
  return { outcome, workbook };
}

/** The measure of each carbon computation, keyed by the default plan's numbering the computations carry (25, 23). */
const CARBON_MEASURES = { 25: 'carbon.co2Intensity', 23: 'carbon.energyIntensityDecline' } as const;

export const carbonRoutes: FastifyPluginAsync<{ plans: PlanCache; heavy: Offload; data?: ObservationCache }> = async (app, { plans, heavy, data }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Errors carrying per-row problems answer them in the body.
  app.setErrorHandler((err, req, reply) => {
    const problems = (err as { problems?: unknown }).problems;
    if (err instanceof ApiError && Array.isArray(problems) && problems.length)
      return reply.code(err.statusCode).send({ statusCode: err.statusCode, code: err.code, message: err.message, messageEn: err.messageEn, problems });
    throw err;
  });

  r.get('/plans/:planId/carbon/catalogue', {
    schema: { tags, summary: '可填报的类别、部门、品种、单位与 GWP 取值 / what may be entered: categories, sub-sectors, items, units, GWP sets', params: planParams, response: { 200: catalogueSchema, ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    return {
      sectors: SECTORS,
      categories: CATEGORIES.map((c) => ({ code: c.code, sector: c.sector, zh: c.zh, en: c.en, gpc: c.gpc, subsector: c.subsector, items: c.items, signed: c.signed ?? false })),
      subsectors: ENERGY_SUBSECTORS,
      fuels: FUELS,
      units: UNITS,
      fields: [...ACTIVITY_FIELDS],
      gwpSets: GWP_SETS,
      sectorDepartments: sectorDepartments(plan),
    };
  });

  r.get('/plans/:planId/carbon/factors', {
    schema: { tags, summary: '排放因子（内置值与本地替换值，各附来源）/ factors as used: shipped values with local overrides, each with its source', params: planParams, response: { 200: factorsSchema, ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const ctx = await loadCarbonContext(app.db, plan.meta.id, { years: [] });
    return { version: FACTOR_DATA_VERSION, gwpSets: GWP_SETS, factors: ctx.factors.list(), overrides: ctx.overrides };
  });

  r.put('/plans/:planId/carbon/factors/:key', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '设置或撤销本地因子（新版本，须说明原因）/ set (value) or withdraw (null) a local factor: a new version with a reason',
      params: planParams.extend({ key: z.string().min(1).max(80) }),
      body: z.object({ value: z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal').nullable(), unit: z.string().min(1).max(30), reason: z.string().min(1).max(1000) }),
      response: { 200: z.object({ key: z.string(), version: z.number().int() }), ...errors },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const { version } = await wrap(() => saveOverride(app.db, plan.meta.id, { key: req.params.key, valueText: req.body.value, unit: req.body.unit, reason: req.body.reason }, req.user!));
    return { key: req.params.key, version };
  });

  r.get('/plans/:planId/carbon/factors/:key/history', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '本地因子的各版本 / versions of a local factor', params: planParams.extend({ key: z.string().min(1).max(80) }), response: { 200: factorHistorySchema, ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const rows = await overrideHistory(app.db, plan.meta.id, req.params.key);
    return { versions: rows.map((x) => ({ version: x.version, value: x.value_text, unit: x.unit, reason: x.reason, recordedBy: x.recorded_by, recordedAt: x.recorded_at })) };
  });

  r.get('/plans/:planId/carbon/activity', {
    preHandler: app.requireUser(),
    schema: {
      tags,
      summary: '活动数据（当前版本）/ activity data, current versions',
      params: planParams,
      querystring: z.object({ year: z.coerce.number().int().optional(), region: z.string().optional(), sector: z.enum(Object.keys(SECTORS) as [Sector, ...Sector[]]).optional() }),
      response: { 200: activitySchema, ...errors },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const rows = await currentActivity(app.db, plan.meta.id, { years: req.query.year ? [req.query.year] : undefined, region: req.query.region ? regionOf(plan, req.query.region).code : undefined, sector: req.query.sector });
    return { rows };
  });

  r.put('/plans/:planId/carbon/activity', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: {
      tags,
      summary: '录入活动数据（整批校验，任何问题则不写入；修改须说明原因）/ enter activity data: all or nothing; a change needs a reason',
      params: planParams,
      body: z.object({ rows: z.array(rowInput).min(1).max(5000) }),
      response: { 200: z.object({ inserted: z.number().int(), versioned: z.number().int(), unchanged: z.number().int() }), ...errors },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const problems: { row: number; message: string; messageEn: string }[] = [];
    const changes: ActivityChange[] = [];
    req.body.rows.forEach((raw, i) => {
      const row = i + 1;
      const { record, issues } = validateActivity({ ...raw, year: String(raw.year), value: String(raw.value) }, plan.regions);
      for (const x of issues) problems.push({ row, message: `第 ${row} 行（${x.fieldZh}）：${x.message}`, messageEn: `row ${row} (${x.field}): ${x.messageEn}` });
      if (!record) return;
      if (!mayWriteActivity(plan, req.user!, record)) {
        const dept = plan.departments.find((d) => d.id === req.user!.departmentId);
        problems.push({ row, message: `第 ${row} 行：无权录入${SECTORS[record.sector].zh}（${record.regionCode}）数据，${dept?.name ?? '本单位'}可录入：${governedRegion(dept) ? `${dept!.kind === 'town' ? '本乡镇（街道）' : '本县'}（${governedRegion(dept)}）数据` : (dept?.carbonSectors ?? []).map((s) => SECTORS[s].zh).join('、') || '无'}`, messageEn: `row ${row}: not allowed to enter ${record.sector} data for ${record.regionCode}` });
        return;
      }
      changes.push({ row, record, reason: raw.reason ?? null });
    });
    if (problems.some((p) => p.message.includes('无权'))) throw Object.assign(new ApiError(403, 'OUT_OF_SCOPE', `未写入任何数据：${problems.map((p) => p.message).join('；')}`, `nothing was written: ${problems.map((p) => p.messageEn).join('; ')}`), { problems });
    if (problems.length) throw Object.assign(new ApiError(400, 'VALIDATION_FAILED', `未写入任何数据：${problems.map((p) => p.message).join('；')}`, `nothing was written: ${problems.map((p) => p.messageEn).join('; ')}`), { problems });
    return wrap(() => saveActivity(app.db, plan.meta.id, changes, req.user!, { origin: 'api' }));
  });

  r.get('/plans/:planId/carbon/inventory', {
    preHandler: app.requireUser(),
    schema: {
      tags,
      summary: '温室气体清单：逐行（含公式与参数来源）、按气体/部门/燃料/行政区汇总，及指标 23、25 / the inventory with every line and its inputs, totals, and indicators 23 and 25',
      params: planParams,
      querystring: z.object({ year: z.coerce.number().int().min(2005).max(2060), region: z.string().optional(), gwp: gwpQuery, grid: gridQuery, lines: z.enum(['true', 'false']).default('true').describe('include the lines (default true)') }),
      response: { 200: inventoryResponseSchema, ...errors },
    },
  }, async (req) => {
    await plans.get(req.params.planId);
    const { lines, ...q } = req.query;
    return heavy.run('carbon.inventory', { planId: req.params.planId, ...q, lines: lines !== 'false' });
  });

  // Publishing on the public portal: inventories have no approval step, so the portal's carbon headline shows only a year a
  // reviewer published, with the figures as published. docs/carbon.md.
  const publicationSchema = z.object({
    year: z.number().int(),
    action: z.enum(['publish', 'withdraw']),
    figures: z.object({ year: z.number().int(), regionCode: z.string(), gross: z.number(), lulucf: z.number(), net: z.number(), gwpSet: z.string(), factorVersion: z.string(), demo: z.boolean() }).nullable(),
    reason: z.string().nullable(),
    by: z.string(),
    at: z.string(),
  });
  r.get('/plans/:planId/carbon/publications', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '清单发布记录（门户只显示已发布年份）/ publication record of inventory years (the portal shows published years only)', params: planParams, response: { 200: z.object({ events: z.array(publicationSchema) }), ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    return { events: await publicationEvents(app.db, plan.meta.id) };
  });
  r.post('/plans/:planId/carbon/publications/publish', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '发布某年全市温室气体清单的总量到门户（记入审计日志；发布时的数字即公开的数字）/ publish a year\'s city inventory totals on the portal (audited; the figures as published are what the public sees)',
      params: planParams,
      body: z.object({ year: z.number().int().min(2005).max(2060), gwp: gwpQuery }),
      response: { 200: z.object({ published: publicationSchema.shape.figures.unwrap() }), ...errors },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const { year } = req.body;
    const { inventory, usesDemo } = await heavy.compute('carbon.inventory', { planId: plan.meta.id, year, gwp: req.body.gwp, lines: true });
    if (!inventory.lines.length) throw new ApiError(400, 'NO_INVENTORY', `${year} 年没有活动数据，无法发布清单`, `no activity data for ${year}: nothing to publish`);
    const figures = { year, regionCode: inventory.regionCode, gross: inventory.totals.gross, lulucf: inventory.totals.lulucf, net: inventory.totals.net, gwpSet: inventory.gwpSet, factorVersion: inventory.factorVersion, demo: usesDemo };
    await publishInventory(app.db, plan.meta.id, figures, req.user!);
    data?.invalidate(); // the portal re-reads its data version at once
    return { published: figures };
  });
  r.post('/plans/:planId/carbon/publications/withdraw', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '从门户撤回某年清单（须说明原因，记入审计日志）/ withdraw a published year from the portal (reason required, audited)',
      params: planParams,
      body: z.object({ year: z.number().int().min(2005).max(2060), reason: z.string().trim().min(1, '须说明撤回原因 / a reason is required').max(1000) }),
      response: { 200: z.object({ withdrawn: z.number().int() }), ...errors },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const done = await withdrawInventory(app.db, plan.meta.id, req.body.year, plan.meta.region, req.body.reason, req.user!);
    if (!done) throw new ApiError(409, 'NOT_PUBLISHED', `${req.body.year} 年清单未发布，无需撤回`, `the ${req.body.year} inventory is not published`);
    data?.invalidate();
    return { withdrawn: req.body.year };
  });

  r.get('/plans/:planId/carbon/inventory/series', {
    preHandler: app.requireUser(),
    schema: {
      tags,
      summary: '逐年清单汇总与指标（趋势图）/ yearly totals and indicators for trajectories',
      params: planParams,
      querystring: z.object({ region: z.string().optional(), from: z.coerce.number().int().min(2005).max(2060).optional(), to: z.coerce.number().int().min(2005).max(2060).optional(), gwp: gwpQuery, grid: gridQuery }),
      response: { 200: seriesSchema, ...errors },
    },
  }, async (req) => {
    await plans.get(req.params.planId);
    return heavy.run('carbon.series', { planId: req.params.planId, ...req.query });
  });

  r.get('/plans/:planId/carbon/scenarios', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '已保存的情景（最新版本）/ saved scenarios, latest versions', params: planParams, response: { 200: scenariosSchema, ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    return { scenarios: (await listScenarios(app.db, plan.meta.id)).map((s) => ({ name: s.name, label: s.params.label, labelEn: s.params.labelEn, version: s.version, reason: s.reason, savedBy: s.savedBy, savedAt: s.savedAt, isDemo: s.isDemo })) };
  });

  r.get('/plans/:planId/carbon/scenarios/compare', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '比较多个情景的结果 / run and compare saved scenarios', params: planParams, querystring: z.object({ names: z.string().min(1).describe('comma-separated names') }), response: { 200: z.object({ results: z.array(scenarioResultSchema) }), ...errors } },
  }, async (req) => {
    await plans.get(req.params.planId);
    const names = req.query.names.split(',').map((s) => s.trim()).filter(Boolean);
    return heavy.run('carbon.scenarios', { planId: req.params.planId, names });
  });

  r.get('/plans/:planId/carbon/scenarios/:name', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '情景参数与运行结果 / a saved scenario: its parameters and its result', params: planParams.extend({ name: z.string() }), response: { 200: savedScenarioSchema, ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const s = await findScenario(app.db, plan.meta.id, req.params.name);
    if (!s) throw new ApiError(404, 'NOT_FOUND', `未找到情景“${req.params.name}”`, `scenario "${req.params.name}" not found`);
    const { results } = await heavy.run('carbon.scenarios', { planId: req.params.planId, params: s.params });
    return { scenario: { ...s }, result: results[0]! };
  });

  r.put('/plans/:planId/carbon/scenarios/:name', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '保存情景（新版本；修改须说明原因）/ save a scenario as a new version (a change needs a reason)',
      params: planParams.extend({ name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }),
      body: z.object({ params: scenarioSchema.omit({ name: true }).describe('情景参数（名称取自路径）/ the parameters; the name is the path’s'), reason: z.string().max(1000).optional() }),
      response: { 200: z.object({ name: z.string(), version: z.number().int() }), ...errors },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const params: ScenarioParams = { ...req.body.params, name: req.params.name };
    // Refuse parameters that cannot run (e.g. measures larger than the emissions) before saving them.
    await wrap(() => runScenario(params));
    const { version } = await wrap(() => saveScenario(app.db, plan.meta.id, params, req.body.reason ?? null, req.user!));
    return { name: params.name, version };
  });

  r.post('/plans/:planId/carbon/scenarios/run', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '运行未保存的情景参数（不写入）/ run unsaved parameters (nothing is written)', params: planParams, body: scenarioSchema, response: { 200: z.object({ result: scenarioResultSchema }), ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const { results } = await heavy.run('carbon.scenarios', { planId: plan.meta.id, params: req.body });
    return { result: results[0]! };
  });

  r.post('/plans/:planId/carbon/propose', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '将计算的指标 23、25 作为当年调度的提交值（附计算过程与工作簿）送审 / propose computed indicators 23 and 25 to the open round for approval',
      params: planParams,
      body: z.object({ year: z.number().int().min(2005).max(2060), reason: z.string().max(1000).optional(), gwp: gwpQuery, grid: gridQuery }),
      response: {
        200: z.object({ year: z.number().int(), results: z.array(z.object({ indicatorCode: z.number().int(), status: z.enum(['submitted', 'notComputed']), valueText: z.string().nullable(), note: z.string() })) }),
        ...errors,
      },
    },
  }, async (req) => {
    const { plan: current } = await plans.get(req.params.planId);
    const { year } = req.body;
    // The round reports one year: its tasks are those of the plan version in force that year. Each computation goes
    // to the plan's indicator of its measure (the default plan's 25 and 23), and one the plan lacks is not proposed.
    const plan = planInForce(current, year);
    const codeOf = (key: 23 | 25) => indicatorOfMeasure(plan, CARBON_MEASURES[key])?.code ?? null;
    if (codeOf(25) === null && codeOf(23) === null)
      throw new ApiError(409, 'NO_CARBON_INDICATOR', `${plan.meta.shortName}（${year} 年施行的版本）没有计算来源为碳核算的指标（indicators.yaml 的 measure: carbon.co2Intensity 或 carbon.energyIntensityDecline），计算值无处提交`, `the plan (its version in force in ${year}) has no indicator computed from the carbon accounts (measure carbon.co2Intensity or carbon.energyIntensityDecline in indicators.yaml): the values have nowhere to go`);
    const round = await findRound(app.db, plan.meta.id, year);
    if (!round || round.status !== 'open')
      throw new ApiError(409, 'NO_OPEN_ROUND', `${year} 年度调度${round ? '已关闭' : '尚未开启'}，无法提交计算值（请管理员先开启 ${year} 年度调度）`, `the ${year} round is ${round ? 'closed' : 'not open'}: computed values cannot be proposed (an administrator opens the round first)`);
    // Computed in the worker pool, written here (the pool's connections only read).
    const { outcome, workbook: computedWorkbook } = await heavy.compute('carbon.proposal', { planId: plan.meta.id, year, gwp: req.body.gwp, grid: req.body.grid });
    // Each computation with the plan's indicator it goes to; one the plan does not have is left out.
    const computed = ([[25, outcome.indicator25], [23, outcome.indicator23]] as const)
      .map(([key, x]) => ({ code: codeOf(key), x }))
      .filter((c): c is { code: number; x: typeof c.x } => c.code !== null);
    const codes = computed.map((c) => c.code);
    if (computed.every((c) => 'error' in c.x) || !computedWorkbook) {
      const msgs = computed.map((c) => ('error' in c.x ? c.x.error : null)).filter((m) => m !== null);
      throw new ApiError(400, 'NOT_COMPUTABLE', `指标 ${codes.join('、')} 均无法计算：${msgs.map((m) => m.message).join('；')}`, `indicator ${codes.join(', ')} cannot be computed: ${msgs.map((m) => m.messageEn).join('; ')}`);
    }
    // The workbook of the year is attached as the evidence of each proposal.
    const workbook = asBuffer(computedWorkbook);
    const { createHash } = await import('node:crypto');
    const results = [];
    for (const { code, x } of computed) {
      if ('error' in x) {
        results.push({ indicatorCode: code, status: 'notComputed' as const, valueText: null, note: `${x.error.message} / ${x.error.messageEn}` });
        continue;
      }
      const v = x as IndicatorValue;
      const task = roundTasks(plan).find((t) => t.indicatorCode === code && t.regionCode === plan.meta.region && t.kind === 'value');
      if (!task) throw new ApiError(404, 'NOT_FOUND', `调度中没有指标 ${code} 的任务`, `no round task for indicator ${code}`);
      const note = `由碳核算计算 / computed by the carbon accounts：${v.provenance}`;
      // Draft, evidence and submission in one transaction: a refusal at any step leaves nothing behind.
      await wrap(() =>
        app.db.transaction().execute(async (trx) => {
          await saveDraft(trx, round, task, { valueText: v.valueText, state: null, checks: [], source: 'ecoplan 碳核算（温室气体清单）/ carbon accounts', note: note.slice(0, 1000), reason: req.body.reason ?? null }, req.user!);
          await attachEvidence(trx, round, task, { name: `${year}年碳核算工作簿.xlsx`, contentType: XLSX_TYPE, bytes: workbook, sha256: createHash('sha256').update(workbook).digest('hex') }, req.user!);
          await submitTask(trx, round, task, req.user!);
        }),
      );
      results.push({ indicatorCode: code, status: 'submitted' as const, valueText: v.valueText, note });
    }
    return { year, results };
  });

  r.get('/plans/:planId/carbon/workbook.xlsx', {
    preHandler: app.requireUser(),
    schema: { tags, summary: '导出碳核算工作簿（活动数据可修改后导入）/ the carbon workbook (activity sheet re-importable)', params: planParams, querystring: z.object({ year: z.coerce.number().int().min(2005).max(2060).optional(), gwp: gwpQuery }), response: { 200: fileResponse('Excel 工作簿 / .xlsx', XLSX_TYPE) } },
  }, async (req, reply) => {
    await plans.get(req.params.planId);
    const { body, fileName } = await heavy.run('carbon.workbook', { planId: req.params.planId, ...req.query });
    return sendDownload(reply, { type: XLSX_TYPE, fileName, fallback: 'carbon.xlsx', body: asBuffer(body) });
  });

  r.post('/plans/:planId/carbon/workbook', {
    preHandler: [app.requireUser(['admin', 'reviewer', 'reporter']), app.heavyImport],
    schema: {
      tags,
      summary: '上传碳核算工作簿导入活动数据（整份文件无误才写入）/ import activity data from the workbook (all or nothing)', upload: uploadBody('碳核算工作簿（.xlsx）/ the carbon workbook (.xlsx)'),
      params: planParams,
      response: { 200: z.object({ inserted: z.number().int(), versioned: z.number().int(), unchanged: z.number().int() }), ...errors, 413: errorBodySchema },
    },
  }, async (req, reply) => {
    const { plan } = await plans.get(req.params.planId);
    const { file, bytes } = await readUpload(req, MAX_UPLOAD_BYTES, 'xlsx');
    // Read (unzipped, screened, parsed) in the worker pool; checked for scope and written here.
    const { changes, problems } = await heavy.compute('carbon.readWorkbook', { planId: plan.meta.id, bytes, fileName: safeFileName(file.filename) });
    const denied = changes.filter((c) => !mayWriteActivity(plan, req.user!, c.record));
    if (problems.length || denied.length) {
      const all = [...problems.map((p) => ({ file: safeFileName(file.filename), sheet: p.sheet, row: p.row, column: p.column, field: p.field, message: p.message, messageEn: p.messageEn })), ...denied.map((c) => ({ file: safeFileName(file.filename), sheet: null, row: c.row, column: null, field: null, message: `第 ${c.row} 行：无权录入${SECTORS[c.record.sector].zh}（${c.record.regionCode}）数据`, messageEn: `row ${c.row}: not allowed to enter ${c.record.sector} data for ${c.record.regionCode}` }))];
      const status = problems.length ? 400 : 403;
      return reply.code(status).send({ statusCode: status, code: problems.length ? 'WORKBOOK_INVALID' : 'OUT_OF_SCOPE', message: `${all.length} 处问题，未导入任何数据：${all.map((p) => p.message).join('；')}`, messageEn: `${all.length} problem(s), nothing imported: ${all.map((p) => p.messageEn).join('; ')}`, problems: all });
    }
    return wrap(() => saveActivity(app.db, plan.meta.id, changes, req.user!, { origin: `workbook ${safeFileName(file.filename)}` }));
  });
};
