// Read model of stored plans, cached per plan revision. The revision is re-read from the database at most
// every `revisionTtlMs` (250 ms by default), so another server instance's change to a plan is seen within that
// window; a change made through this instance calls invalidate() and is seen at once.
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  /** Pre-serialised bodies of the hottest list endpoints, plain and gzipped, built once per revision. */
  bodies: { indicators: CachedBody; projects: CachedBody };
}

export class PlanCache {
  private readonly entries = new Map<string, PlanReadModel>();
  private readonly loading = new Map<string, Promise<PlanReadModel>>();
  private readonly refs = new Map<string, { ref: { id: string; revision: number }; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly revisionTtlMs = 250,
  ) {}

  /** Forget what is known of a plan's revision (after this instance changed the plan). */
  invalidate(): void {
    this.refs.clear();
    this.epoch++; // a read started before this change is not joined
  }

  /** Revision reads under way, by id or alias: concurrent requests share one query (no stampede at TTL expiry). */
  private readonly resolving = new Map<string, { epoch: number; done: ReturnType<typeof resolvePlan> }>();
  private epoch = 0;

  private async resolve(idOrAlias: string) {
    const now = performance.now();
    const known = this.refs.get(idOrAlias);
    if (known && now - known.at < this.revisionTtlMs) return known.ref;
    const pending = this.resolving.get(idOrAlias);
    if (pending && pending.epoch === this.epoch) return pending.done;
    const entry = { epoch: this.epoch, done: resolvePlan(this.db, idOrAlias) };
    this.resolving.set(idOrAlias, entry);
    try {
      const ref = await entry.done;
      if (entry.epoch === this.epoch) {
        if (ref) this.refs.set(idOrAlias, { ref, at: now });
        else this.refs.delete(idOrAlias);
      }
      return ref;
    } finally {
      if (this.resolving.get(idOrAlias) === entry) this.resolving.delete(idOrAlias);
    }
  }

  /** The id a plan id or alias (default) names, or null when there is no such plan (revision reads cached as for get). */
  async idOf(idOrAlias: string): Promise<string | null> {
    return (await this.resolve(idOrAlias))?.id ?? null;
  }

  async get(idOrAlias: string): Promise<PlanReadModel> {
    const ref = await this.resolve(idOrAlias);
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
      bodies: {
        indicators: cachedBody(`${id}-${revision}-indicators`, { indicators: document.indicators }),
        projects: cachedBody(`${id}-${revision}-projects`, { projects: document.projects, categoryTotals: document.categoryTotals, total: document.total }),
      },
    };
    this.entries.set(id, model);
    return model;
  }
}

export interface CachedBody {
  etag: string;
  plain: Buffer;
  gzip: Buffer;
}

export function cachedBody(tag: string, value: unknown): CachedBody {
  const plain = Buffer.from(JSON.stringify(value));
  return { etag: `"${tag}"`, plain, gzip: gzipSync(plain, { level: 9 }) };
}

/** Sends a cached body: 304 when the client has it, gzip when the client accepts it (browsers do). */
export function sendCached(req: FastifyRequest, reply: FastifyReply, body: CachedBody) {
  reply.header('etag', body.etag).header('vary', 'accept-encoding').type('application/json; charset=utf-8');
  if (req.headers['if-none-match'] === body.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.plain);
}
