// Read model of stored plans, cached per plan revision. Each request still asks the database for the
// revision, so several server instances over one database never serve a stale plan.
import type { Kysely } from 'kysely';
import type { Plan } from '../plan/model.js';
import { planOverview, planDocument } from '../plan/views.js';
import { loadPlan, resolvePlan } from '../store/plans.js';
import type { Database } from '../store/schema.js';
import { notFound } from './errors.js';

export interface PlanReadModel {
  plan: Plan;
  revision: number;
  overview: ReturnType<typeof planOverview>;
  document: ReturnType<typeof planDocument>;
  /** Pre-serialised bodies of the hottest list endpoints. */
  json: { indicators: string; projects: string };
}

export class PlanCache {
  private readonly entries = new Map<string, PlanReadModel>();
  private readonly loading = new Map<string, Promise<PlanReadModel>>();

  constructor(private readonly db: Kysely<Database>) {}

  async get(idOrAlias: string): Promise<PlanReadModel> {
    const ref = await resolvePlan(this.db, idOrAlias);
    if (!ref) throw notFound(`规划“${idOrAlias}”`, `plan "${idOrAlias}"`);
    const cached = this.entries.get(ref.id);
    if (cached && cached.revision === ref.revision) return cached;
    const key = `${ref.id}@${ref.revision}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.build(ref.id, ref.revision).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async build(id: string, revision: number): Promise<PlanReadModel> {
    const plan = await loadPlan(this.db, id);
    const document = planDocument(plan);
    const model: PlanReadModel = {
      plan,
      revision,
      overview: planOverview(plan),
      document,
      json: {
        indicators: JSON.stringify({ indicators: document.indicators }),
        projects: JSON.stringify({ projects: document.projects, categoryTotals: document.categoryTotals, total: document.total }),
      },
    };
    this.entries.set(id, model);
    return model;
  }
}
