// Read model of stored plans, cached per plan revision. Each request still asks the database for the
// revision, so several server instances over one database never serve a stale plan.
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

function cachedBody(tag: string, value: unknown): CachedBody {
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
