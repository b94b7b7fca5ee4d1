// Evaluation routes: a year's evaluation, the scorecard over years, an indicator's series, observations.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { defaultEvaluationYear, evaluationOf } from '../../plan/evaluation.js';
import { horizonsOf, isHorizon } from '../../plan/horizons.js';
import type { EvaluationView, ObservationCache } from '../dataCache.js';
import { isStaff } from '../auth.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import { evaluationSchema, indicatorEvaluationSchema, observationSchema, scorecardSchema, yearCoverageSchema } from '../evaluationSchemas.js';
import { sendCached, type PlanCache } from '../planCache.js';
import { REGION_CODE_RE } from '../../plan/schema.js';
import { DEFINITION_FIELDS, definitionBreaks } from '../../plan/revisions.js';

const tags = ['评估 Evaluation'];
const planParams = z.object({ planId: z.string().min(1) });
const yearField = z.coerce.number().int();
const regionField = z.string().regex(REGION_CODE_RE).optional().describe('行政区代码，默认全市 / region code, default the city');
const horizonField = z
  .string()
  .optional()
  .describe('指定目标年，须为规划的目标年之一（默认按年份：取不早于该年的第一个目标年）/ force a horizon: one of the plan’s horizon years (default: the first horizon not before the year)');
const viewField = z
  .enum(['official', 'staff'])
  .optional()
  .describe('official：仅已审定数值（未登录用户与领导只读账户始终如此）；staff：含待审核数值并标注（填报、审核、管理员默认）/ official: approved values only (always, for the public and viewers); staff: unreviewed values too, labelled (the default for reporters, reviewers and admins)');

/** The view a request gets: the one it asks for if allowed, else staff for staff and official for everyone else. */
function viewOf(req: FastifyRequest, asked: EvaluationView | undefined): EvaluationView {
  const staff = isStaff(req.user);
  if (asked === 'staff' && !staff)
    throw new ApiError(403, 'STAFF_VIEW_FORBIDDEN', '含待审核数值的评估仅对填报、审核和管理人员开放；公开评估只用已审定数值', 'the evaluation with unreviewed values is for reporters, reviewers and administrators only; the public evaluation uses approved values');
  return asked ?? (staff ? 'staff' : 'official');
}

export const evaluationRoutes: FastifyPluginAsync<{ plans: PlanCache; data: ObservationCache }> = async (app, { plans, data }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const context = async (planId: string, region: string | undefined, years: number[]) => {
    const model = await plans.get(planId);
    const { plan } = model;
    const code = region ?? plan.meta.region;
    if (!plan.regions.some((g) => g.code === code)) throw notFound(`行政区 ${code}`, `region ${code}`);
    for (const y of years)
      if (y < plan.meta.baseYear || y > plan.meta.period.end)
        throw new ApiError(400, 'YEAR_OUT_OF_RANGE', `年份 ${y} 超出规划范围（${plan.meta.baseYear}–${plan.meta.period.end}）`, `year ${y} is outside the plan (${plan.meta.baseYear}–${plan.meta.period.end})`);
    return { model, plan, region: code };
  };

  r.get('/plans/:planId/evaluation', {
    schema: {
      tags,
      summary: '年度评估：达标情况、进展、预警与汇总 / evaluation of a year: attainment, progress, warnings, roll-ups',
      params: planParams,
      querystring: z.object({ year: yearField, region: regionField, horizon: horizonField, view: viewField }),
      response: { 200: evaluationSchema, 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const view = viewOf(req, req.query.view);
    const { model, plan, region } = await context(req.params.planId, req.query.region, [req.query.year]);
    // The answer depends on who asks (the view): a shared cache must not hand a staff answer to the public.
    reply.header('cache-control', 'private, no-cache');
    const horizon = req.query.horizon;
    if (horizon !== undefined && !isHorizon(plan, horizon)) {
      const allowed = horizonsOf(plan);
      throw new ApiError(400, 'UNKNOWN_HORIZON', `目标年“${horizon}”不是本规划的目标年，应为 ${allowed.join('、')} 之一`, `"${horizon}" is not a horizon of this plan; expected one of ${allowed.join(', ')}`);
    }
    return sendCached(req, reply, await data.evaluationBody(plan, model.revision, { year: req.query.year, region, horizon, view }));
  });

  r.get('/plans/:planId/evaluation/years', {
    schema: {
      tags,
      summary: '各年评估的完整程度与默认年份 / how complete each year is, and the year a dashboard should open on',
      description:
        '默认年份为最近一个评估完整（每项适用指标均已依据已审定数值作出判断）的年份；没有完整年份时取已判断指标最多的年份。' +
        ' The default is the latest year whose evaluation is complete (every applicable indicator decided on approved figures); without one, the year with the most indicators decided.',
      params: planParams,
      querystring: z.object({ region: regionField }),
      response: {
        200: z.object({
          region: z.string(),
          years: z.array(yearCoverageSchema),
          defaultYear: z.number().int(),
          basis: z.enum(['complete', 'most_covered', 'no_data']).describe('why defaultYear was chosen'),
        }),
        404: errorBodySchema,
      },
    },
  }, async (req) => {
    const base = await plans.get(req.params.planId);
    const { model, plan, region } = await context(req.params.planId, req.query.region, []);
    const last = Math.max(base.plan.meta.baseYear, Math.min(new Date().getFullYear(), base.plan.meta.period.end));
    const years = Array.from({ length: last - plan.meta.baseYear + 1 }, (_, i) => plan.meta.baseYear + i);
    // Completeness counts approved figures only, so the year a dashboard opens on is the same for everyone.
    const coverage = await Promise.all(years.map(async (year) => (await data.evaluation(plan, model.revision, { year, region, view: 'official' })).coverage));
    const chosen = defaultEvaluationYear(coverage)!;
    return { region, years: coverage, defaultYear: chosen.year, basis: chosen.basis };
  });

  r.get('/plans/:planId/scorecard', {
    schema: {
      tags,
      summary: '计分卡：指标 × 年份 / scorecard: indicators × years',
      params: planParams,
      querystring: z.object({ region: regionField, from: yearField.optional(), to: yearField.optional(), view: viewField }),
      response: { 200: scorecardSchema, 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const view = viewOf(req, req.query.view);
    const base = await plans.get(req.params.planId);
    const from = req.query.from ?? base.plan.meta.baseYear;
    const to = req.query.to ?? Math.min(new Date().getFullYear(), base.plan.meta.period.end);
    if (from > to) throw new ApiError(400, 'BAD_RANGE', `起始年 ${from} 晚于结束年 ${to}`, `from ${from} is after to ${to}`);
    const { model, plan, region } = await context(req.params.planId, req.query.region, [from, to]);
    // Built and serialised once per plan revision, data version, view, region and years (rebuilding and
    // checking it against the schema on every request made it the slowest evaluation endpoint).
    const body = await data.derivedBody(plan, model.revision, view, `scorecard|${region}|${from}|${to}`, async () => {
      const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
      const evaluations = await Promise.all(years.map((year) => data.evaluation(plan, model.revision, { year, region, view })));
      // Checked against the response schema once, as the serialiser did on every request.
      return scorecardSchema.parse({
        region,
        view,
        years,
        indicators: plan.indicators.map((ind) => ({
          code: ind.code,
          name: ind.name,
          binding: ind.binding,
          domainId: ind.domainId,
          cells: evaluations.map((ev) => {
            // By code: a revised plan's years may hold other indicators than the plan in force now.
            const e = evaluationOf(plan, ev, ind);
            return { year: ev.year, status: e.status, warning: e.warning?.level ?? null, valueText: e.value?.valueText ?? null, state: e.value?.state ?? null, provisional: e.provisional, demo: e.observations.some((o) => o.isDemo && o.year === ev.year) };
          }),
        })),
      });
    });
    // The answer depends on who asks (the view): a shared cache must not hand a staff answer to the public.
    reply.header('cache-control', 'private, no-cache');
    return sendCached(req, reply, body);
  });

  r.get('/plans/:planId/indicators/:code/series', {
    schema: {
      tags,
      summary: '指标历年数值与逐年评估 / an indicator over the years with its evaluation each year',
      params: planParams.extend({ code: z.coerce.number().int().positive() }),
      querystring: z.object({ region: regionField, view: viewField }),
      response: {
        200: z.object({
          code: z.number().int(),
          region: z.string(),
          view: z.enum(['official', 'staff']),
          observations: z.array(observationSchema),
          evaluations: z.array(indicatorEvaluationSchema.extend({ year: z.number().int() })),
          breaks: z
            .array(z.object({ year: z.number().int(), revision: z.number().int(), fields: z.array(z.enum(DEFINITION_FIELDS)) }))
            .describe('规划修订改变指标口径之处：自该年起的数值与此前不可比 / where a plan revision changed the definition: values from that year on are not comparable with earlier ones'),
        }),
        403: errorBodySchema,
        404: errorBodySchema,
      },
    },
  }, async (req) => {
    const view = viewOf(req, req.query.view);
    const { model, plan, region } = await context(req.params.planId, req.query.region, []);
    const ind = plan.indicators.find((x) => x.code === req.params.code);
    if (!ind) throw notFound(`指标 ${req.params.code}`, `indicator ${req.params.code}`);
    const snap = await data.view(plan.meta.id, view);
    const observations = snap.observations.filter((o) => o.indicatorCode === ind.code && o.regionCode === region).sort((a, b) => a.year - b.year);
    const last = Math.min(Math.max(new Date().getFullYear(), ...observations.map((o) => o.year)), plan.meta.period.end);
    const years = Array.from({ length: last - plan.meta.baseYear + 1 }, (_, i) => plan.meta.baseYear + i);
    const evaluations = await Promise.all(
      years.map(async (year) => ({ year, ...evaluationOf(plan, await data.evaluation(plan, model.revision, { year, region, view }), ind) })),
    );
    return { code: ind.code, region, view, observations, evaluations, breaks: definitionBreaks(plan, ind.code) };
  });

  r.get('/plans/:planId/observations', {
    schema: {
      tags,
      summary: '指标值（当前版本；公众仅见已审定版本）/ observations (current versions; the public sees approved versions only)',
      params: planParams,
      querystring: z.object({ year: yearField.optional(), region: regionField, indicator: z.coerce.number().int().positive().optional(), view: viewField }),
      response: { 200: z.object({ view: z.enum(['official', 'staff']), observations: z.array(observationSchema) }), 403: errorBodySchema, 404: errorBodySchema },
    },
  }, async (req) => {
    const view = viewOf(req, req.query.view);
    const { plan } = await plans.get(req.params.planId);
    const snap = await data.view(plan.meta.id, view);
    const q = req.query;
    return {
      view,
      observations: snap.observations
        .filter((o) => (q.year === undefined || o.year === q.year) && (q.region === undefined || o.regionCode === q.region) && (q.indicator === undefined || o.indicatorCode === q.indicator))
        .sort((a, b) => a.indicatorCode - b.indicatorCode || a.year - b.year || a.regionCode.localeCompare(b.regionCode)),
    };
  });
};
