// Observations of a plan held in memory as an ObservationIndex, and evaluations computed from them, both
// keyed by a data version read from the database at most every `ttlMs` (as the plan read model is).
import type { Kysely } from 'kysely';
import { evaluatePlan, ObservationIndex, type PlanEvaluation } from '../plan/evaluation.js';
import type { Horizon, Plan } from '../plan/model.js';
import type { Observation } from '../plan/observations.js';
import { currentObservations } from '../store/observations.js';
import type { Database } from '../store/schema.js';

interface Snapshot {
  version: string;
  observations: Observation[];
  index: ObservationIndex;
}

export class ObservationCache {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly checked = new Map<string, { version: string; at: number }>();
  private readonly evaluations = new Map<string, PlanEvaluation>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 250,
  ) {}

  invalidate(): void {
    this.checked.clear();
  }

  private async version(planId: string): Promise<string> {
    const now = performance.now();
    const known = this.checked.get(planId);
    if (known && now - known.at < this.ttlMs) return known.version;
    const row = await this.db
      .selectFrom('observations')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('recorded_at').as('t')])
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    const version = `${Number(row?.n ?? 0)}@${row?.t ?? ''}`;
    this.checked.set(planId, { version, at: now });
    return version;
  }

  async snapshot(planId: string): Promise<Snapshot> {
    const version = await this.version(planId);
    const cached = this.snapshots.get(planId);
    if (cached && cached.version === version) return cached;
    const observations = await currentObservations(this.db, planId);
    const snap = { version, observations, index: new ObservationIndex(observations) };
    this.snapshots.set(planId, snap);
    return snap;
  }

  /** The evaluation of a plan for a year and region, computed once per plan revision and data version. */
  async evaluation(plan: Plan, revision: number, opts: { year: number; region: string; horizon?: Horizon }): Promise<PlanEvaluation> {
    const snap = await this.snapshot(plan.meta.id);
    const key = `${plan.meta.id}@${revision}|${snap.version}|${opts.year}|${opts.region}|${opts.horizon ?? 'auto'}`;
    let result = this.evaluations.get(key);
    if (!result) {
      result = evaluatePlan(plan, snap.index, opts);
      if (this.evaluations.size > 2000) this.evaluations.clear();
      this.evaluations.set(key, result);
    }
    return result;
  }
}
