// Plan routes: overview, indicators (with the projects linked to each), departments, regions.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filterIndicators } from '../../plan/views.js';
import { listPlans, loadBoundaries } from '../../store/plans.js';
import { geoJsonSchema } from '../../planfolder/boundaries.js';
import { projectsServing } from '../../store/projects.js';
import { errorBodySchema, notFound } from '../errors.js';
import { cachedBody, sendCached, type CachedBody, type PlanCache } from '../planCache.js';
import {
  departmentSchema,
  indicatorSchema,
  noteSchema,
  overviewSchema,
  regionSchema,
} from '../schemas.js';

const planParams = z.object({ planId: z.string().min(1).describe('规划 id，或 default / plan id, or "default"') });
const tags = ['规划 Plans'];
const boundaryInfoSchema = z.object({
  boundaries: z
    .object({
      mapName: z.string().describe('地图注册名（规划 id 与版本）/ the name to register the map under (plan id and revision)'),
      file: z.string().describe('规划文件夹中的 GeoJSON 文件 / the GeoJSON file in the plan folder'),
      source: z.string(),
      licence: z.string(),
      licenceText: z.string().nullable(),
      reviewNumber: z.string().nullable().describe('审图号；非标准地图为 null / map review number; null for a map that is not officially reviewed'),
      note: z.string().nullable(),
      regions: z.array(z.string()).describe('边界中的行政区名称 / the regions the boundaries draw, by name'),
    })
    .nullable(),
});

export const plansRoutes: FastifyPluginAsync<{ plans: PlanCache }> = async (app, { plans }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/plans', {
    schema: {
      tags,
      summary: '规划列表 / list plans',
      response: { 200: z.object({ plans: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string(), isDefault: z.boolean() })) }) },
    },
  }, async () => {
    const rows = await listPlans(app.db);
    return { plans: rows.map((p) => ({ id: p.id, name: p.name, nameEn: p.name_en, isDefault: p.is_default === 1 })) };
  });

  // The plan's region boundaries (its folder's boundaries.yaml), pre-serialised once per plan revision: the console
  // fetches them whole for its maps. A plan without them has none (404 here; `boundaries: null` from /info).
  const boundaryBodies = new Map<string, { revision: number; body: CachedBody | null; info: z.infer<typeof boundaryInfoSchema> }>();
  const boundariesOf = async (planId: string) => {
    const model = await plans.get(planId);
    const id = model.plan.meta.id;
    const known = boundaryBodies.get(id);
    if (known && known.revision === model.revision) return known;
    const row = await loadBoundaries(app.db, id);
    const geojson = row ? (JSON.parse(row.geojson) as z.infer<typeof geoJsonSchema>) : null;
    const entry = {
      revision: model.revision,
      body: geojson ? cachedBody(`${id}-${model.revision}-boundaries`, geojson) : null,
      info: {
        boundaries:
          row && geojson
            ? {
                mapName: `${id}@${model.revision}`,
                file: row.file,
                source: row.source,
                licence: row.licence,
                licenceText: row.licence_text,
                reviewNumber: row.review_number,
                note: row.note,
                regions: geojson.features.map((f) => f.properties.name),
              }
            : null,
      },
    };
    boundaryBodies.set(id, entry);
    return entry;
  };

  r.get('/plans/:planId/boundaries', {
    schema: {
      tags,
      summary: '行政区边界（GeoJSON，来自规划文件夹 boundaries.yaml；来源、许可与审图号见 /boundaries/info）/ region boundaries as GeoJSON (source, licence and review number: /boundaries/info)',
      params: planParams,
      response: { 200: geoJsonSchema, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const { body } = await boundariesOf(req.params.planId);
    if (!body) throw notFound('该规划的行政区边界（规划文件夹中没有 boundaries.yaml）', "this plan's region boundaries (its folder has no boundaries.yaml)");
    return sendCached(req, reply, body);
  });

  r.get('/plans/:planId/boundaries/info', {
    schema: { tags, summary: '行政区边界的来源、许可与审图号；无边界时为 null / source, licence and review number of the boundaries; null when the plan has none', params: planParams, response: { 200: boundaryInfoSchema, 404: errorBodySchema } },
  }, async (req) => (await boundariesOf(req.params.planId)).info);

  r.get('/plans/:planId', {
    schema: { tags, summary: '规划概览 / plan overview', params: planParams, response: { 200: overviewSchema, 404: errorBodySchema } },
  }, async (req) => (await plans.get(req.params.planId)).overview);

  r.get('/plans/:planId/indicators', {
    schema: {
      tags,
      summary: '指标列表（可筛选）/ indicators, optionally filtered',
      params: planParams,
      querystring: z.object({
        domain: z.string().optional().describe('领域 id 或名称 / domain id or name'),
        taskArea: z.string().optional().describe('任务 id 或名称 / task area id or name'),
        binding: z.enum(['true', 'false']).optional().describe('true 约束性 / false 参考性'),
        department: z.string().optional().describe('责任单位 id 或名称 / department id or name'),
        q: z.string().max(100).optional().describe('搜索 / search text'),
      }),
      response: { 200: z.object({ indicators: z.array(indicatorSchema) }), 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const model = await plans.get(req.params.planId);
    const q = req.query;
    if (!q.domain && !q.taskArea && !q.binding && !q.department && !q.q) {
      return sendCached(req, reply, model.bodies.indicators);
    }
    return { indicators: filterIndicators(model.plan.indicators, { ...q, binding: q.binding === undefined ? undefined : q.binding === 'true' }) };
  });

  r.get('/plans/:planId/indicators/:code', {
    schema: {
      tags,
      summary: '指标详情及表1注 / one indicator with the notes of table 1 that concern it',
      params: planParams.extend({ code: z.coerce.number().int().positive() }),
      response: {
        200: z.object({
          indicator: indicatorSchema,
          notes: z.array(noteSchema),
          projects: z.array(z.object({ no: z.number().int(), name: z.string(), nameEn: z.string() })).describe('关联的重点工程项目 / linked key projects'),
        }),
        404: errorBodySchema,
      },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const indicator = plan.indicators.find((x) => x.code === req.params.code);
    if (!indicator) throw notFound(`指标 ${req.params.code}`, `indicator ${req.params.code}`);
    return { indicator, notes: plan.notes.filter((n) => indicator.notes.includes(n.no)), projects: await projectsServing(app.db, plan, indicator.code) };
  });

  // GET /projects and /projects/{no} live in routes/projects.ts (the project library).

  r.get('/plans/:planId/departments', {
    schema: { tags, summary: '责任单位 / departments', params: planParams, response: { 200: z.object({ departments: z.array(departmentSchema) }), 404: errorBodySchema } },
  }, async (req) => ({ departments: (await plans.get(req.params.planId)).plan.departments }));

  r.get('/plans/:planId/regions', {
    schema: { tags, summary: '行政区 / regions', params: planParams, response: { 200: z.object({ regions: z.array(regionSchema) }), 404: errorBodySchema } },
  }, async (req) => ({ regions: (await plans.get(req.params.planId)).plan.regions }));
};
