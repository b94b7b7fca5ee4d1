// Entering observations over HTTP (the console form): signed-in users, scoped to their department.
// A reporter's value is provisional until reviewed (the reporting-round workflow); a reviewer's or admin's is
// approved. A changed value needs a reason and becomes a new version; nothing is overwritten.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { governedRegion, type Plan } from '../../plan/model.js';
import { validateObservationRows } from '../../plan/observations.js';
import { recordObservations } from '../../store/observations.js';
import { audit, type User } from '../../store/users.js';
import type { ObservationCache } from '../dataCache.js';
import { ApiError, errorBodySchema } from '../errors.js';
import type { PlanCache } from '../planCache.js';
import { REGION_CODE_RE } from '../../plan/schema.js';

const bodySchema = z.object({
  indicator: z.number().int().positive(),
  region: z.string().regex(REGION_CODE_RE),
  year: z.number().int(),
  kind: z.enum(['value', 'assigned']).optional(),
  value: z.string().max(40).optional().describe('exact decimal as text, e.g. "74.60"'),
  state: z.string().max(40).optional().describe('state code or its Chinese label'),
  checks: z.array(z.string().max(40)).max(5).optional(),
  source: z.string().min(1).max(200),
  note: z.string().max(1000).optional(),
  reason: z.string().max(1000).optional().describe('required when changing an existing value'),
});

/** Whether a user may write this indicator for this region (server-side scoping). */
export function mayWrite(plan: Plan, user: User, indicatorCode: number, region: string): boolean {
  if (user.role === 'admin' || user.role === 'reviewer') return true;
  if (user.role !== 'reporter' || !user.departmentId) return false;
  const department = plan.departments.find((d) => d.id === user.departmentId);
  if (!department) return false;
  // A sub-region government (county or town) reports for its own region; a plan-level department its own indicators.
  const governed = governedRegion(department);
  if (governed) return governed === region;
  return plan.indicators.some((x) => x.code === indicatorCode && x.departmentIds.includes(department.id));
}

export const observationWriteRoutes: FastifyPluginAsync<{ plans: PlanCache; data: ObservationCache }> = async (app, { plans, data }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/plans/:planId/observations', {
    preHandler: app.requireUser(['admin', 'reviewer', 'reporter']),
    schema: {
      tags: ['评估 Evaluation'],
      summary: '录入一个指标值 / enter one observation',
      params: z.object({ planId: z.string().min(1) }),
      body: bodySchema,
      response: {
        200: z.object({ status: z.enum(['approved', 'provisional']), inserted: z.number().int(), versioned: z.number().int(), unchanged: z.number().int() }),
        400: errorBodySchema,
        401: errorBodySchema,
        403: errorBodySchema,
        409: errorBodySchema,
      },
    },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const user = req.user!;
    const b = req.body;
    if (!mayWrite(plan, user, b.indicator, b.region))
      throw new ApiError(403, 'OUT_OF_SCOPE', `无权填报指标 ${b.indicator}（行政区 ${b.region}）：不属于本单位的填报范围`, `indicator ${b.indicator} for region ${b.region} is outside your department's scope`);
    const { inputs, issues } = validateObservationRows(
      plan,
      [
        {
          row: 1,
          cells: {
            indicator: String(b.indicator),
            region: b.region,
            year: String(b.year),
            kind: b.kind,
            value: b.value,
            state: b.state,
            checks: b.checks?.join('、'),
            source: b.source,
            note: b.note,
            reason: b.reason,
          },
          columns: {},
        },
      ],
      { maxYear: new Date().getFullYear() },
    );
    if (issues.length)
      throw new ApiError(400, 'VALIDATION_FAILED', issues.map((i) => `${i.field}：${i.message}`).join('；'), issues.map((i) => i.messageEn).join('; '));
    const status: 'approved' | 'provisional' = user.role === 'reporter' ? 'provisional' : 'approved';
    const outcome = await recordObservations(app.db, plan.meta.id, inputs, { origin: 'import', recordedBy: user.username, status });
    if (!outcome.ok) {
      const c = outcome.conflicts[0]!;
      throw new ApiError(409, 'REASON_REQUIRED', `已有 ${c.input.year} 年的值 ${c.current.valueText ?? c.current.state}（第 ${c.current.version} 版）；修改须填写修改原因`, `a value already exists (${c.current.valueText ?? c.current.state}, version ${c.current.version}); a change needs a reason`);
    }
    data.invalidate();
    await audit(app.db, { userId: user.id, action: 'observation.record', entity: 'observation', entityId: `${b.indicator}|${b.region}|${b.year}|${b.kind ?? 'value'}`, detail: { ...b, status }, ip: req.ip });
    return { status, inserted: outcome.inserted, versioned: outcome.versioned, unchanged: outcome.unchanged };
  });
};
