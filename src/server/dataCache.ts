// Observations of a plan held in memory as an ObservationIndex, and evaluations computed from them, both
// keyed by a data version read from the database at most every `ttlMs` (as the plan read model is).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { evaluatePlan, ObservationIndex, type PlanEvaluation } from '../plan/evaluation.js';
import type { Horizon, Plan } from '../plan/model.js';
import type { Observation } from '../plan/observations.js';
import { observationViews } from '../store/observations.js';
import type { Database } from '../store/schema.js';
import { cachedBody, type CachedBody } from './planCache.js';

/**
 * Which observations an evaluation reads: `official`, the latest approved version of each (everyone who is not staff,
 * and the report); `staff`, the latest version whatever its status, so reporters and reviewers see an unreviewed
 * value at once (labelled provisional).
 */
export type EvaluationView = 'official' | 'staff';

interface View {
  observations: Observation[];
  index: ObservationIndex;
}

interface Snapshot extends View {
  version: string;
  official: View;
}

export interface EvaluationOptions {
  year: number;
  region: string;
  horizon?: Horizon;
  view: EvaluationView;
}

export class ObservationCache {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly checked = new Map<string, { version: string; at: number }>();
  private readonly evaluations = new Map<string, PlanEvaluation>();
  private readonly bodies = new Map<string, CachedBody>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 250,
  ) {}

  /** Counts invalidations (approvals and other writes through this instance): caches built on this one compare it. */
  generation = 0;

  invalidate(): void {
    this.generation++;
    this.checked.clear();
  }

  /** Version reads under way: requests finding the version stale at once share one query. */
  private readonly reading = new Map<string, { generation: number; done: Promise<string> }>();

  private async version(planId: string): Promise<string> {
    const now = performance.now();
    const known = this.checked.get(planId);
    if (known && now - known.at < this.ttlMs) return known.version;
    const pending = this.reading.get(planId);
    if (pending && pending.generation === this.generation) return pending.done;
    const entry = {
      generation: this.generation,
      done: (async () => {
        const row = await this.db
          .selectFrom('observations')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('recorded_at').as('t')])
          .where('plan_id', '=', planId)
          .executeTakeFirst();
        return `${Number(row?.n ?? 0)}@${row?.t ?? ''}`;
      })(),
    };
    this.reading.set(planId, entry);
    try {
      const version = await entry.done;
      if (entry.generation === this.generation) this.checked.set(planId, { version, at: now });
      return version;
    } finally {
      if (this.reading.get(planId) === entry) this.reading.delete(planId);
    }
  }

  async snapshot(planId: string): Promise<Snapshot> {
    const version = await this.version(planId);
    const cached = this.snapshots.get(planId);
    if (cached && cached.version === version) return cached;
    const { current, approved } = await observationViews(this.db, planId);
    const snap: Snapshot = { version, observations: current, index: new ObservationIndex(current), official: { observations: approved, index: new ObservationIndex(approved) } };
    this.snapshots.set(planId, snap);
    return snap;
  }

  /** The observations of one view of a plan, at the current data version. */
  async view(planId: string, view: EvaluationView): Promise<View & { version: string }> {
    const snap = await this.snapshot(planId);
    return view === 'staff' ? snap : { version: snap.version, ...snap.official };
  }

  private async keyed(plan: Plan, revision: number, opts: EvaluationOptions) {
    const snap = await this.view(plan.meta.id, opts.view);
    return { snap, key: `${plan.meta.id}@${revision}|${snap.version}|${opts.view}|${opts.year}|${opts.region}|${opts.horizon ?? 'auto'}` };
  }

  /** The evaluation of a plan for a year and region, computed once per plan revision and data version. */
  async evaluation(plan: Plan, revision: number, opts: EvaluationOptions): Promise<PlanEvaluation> {
    const { snap, key } = await this.keyed(plan, revision, opts);
    let result = this.evaluations.get(key);
    if (!result) {
      result = evaluatePlan(plan, snap.index, { year: opts.year, region: opts.region, horizon: opts.horizon });
      if (this.evaluations.size > 2000) {
        this.evaluations.clear();
        this.bodies.clear();
      }
      this.evaluations.set(key, result);
    }
    return result;
  }

  /**
   * A body made from one view's evaluations (the scorecard), made and serialised once per plan revision, data version
   * and `name` (which names everything else the body depends on: region, years). `make` reads the evaluations through
   * this cache; a body made while the data changed is keyed by the older version, so it is never served as newer.
   */
  async derivedBody(plan: Plan, revision: number, view: EvaluationView, name: string, make: () => Promise<unknown>): Promise<CachedBody> {
    const snap = await this.view(plan.meta.id, view);
    const key = `${name}|${plan.meta.id}@${revision}|${snap.version}|${view}`;
    let body = this.bodies.get(key);
    if (!body) {
      const tag = createHash('sha1').update(key).digest('hex').slice(0, 20);
      body = cachedBody(`${name.split('|')[0]}-${tag}`, await make());
      if (this.bodies.size > 2000) this.bodies.clear();
      this.bodies.set(key, body);
    }
    return body;
  }

  /** The same evaluation serialised once (plain and gzip), with an ETag naming the data it came from. */
  async evaluationBody(plan: Plan, revision: number, opts: EvaluationOptions): Promise<CachedBody> {
    const { key } = await this.keyed(plan, revision, opts);
    let body = this.bodies.get(key);
    if (!body) {
      const tag = createHash('sha1').update(key).digest('hex').slice(0, 20);
      body = cachedBody(`evaluation-${tag}`, { ...(await this.evaluation(plan, revision, opts)), view: opts.view });
      this.bodies.set(key, body);
    }
    return body;
  }
}
