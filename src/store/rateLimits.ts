// Rate-limit counters in the database: with several server instances behind a proxy, a client's
// requests land on any of them, so a per-process counter would let through the limit times the instances. On
// PostgreSQL @fastify/rate-limit counts here (one upsert per limited request, no lock: it is a single statement);
// a SQLite deployment is one process and keeps the plugin's in-memory counters.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';
import type { Database } from './schema.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Counts a hit of `key` in the current window; starts a new window when the last one has passed. */
export async function countHit(db: Kysely<Database>, key: string, windowMs: number, now = Date.now()): Promise<{ current: number; ttl: number }> {
  const expired = sql<boolean>`rate_limits.window_start + ${windowMs} <= ${now}`;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<number>`case when ${expired} then ${now} else rate_limits.window_start end`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
  // Windows long past are dropped now and then (a table of every address ever seen would only grow).
  if (Math.random() < 0.01) await db.deleteFrom('rate_limits').where('window_start', '<', now - 24 * 3600_000).execute();
  return { current: Number(row.hits), ttl: Math.max(0, Number(row.window_start) + windowMs - now) };
}

/** A store for @fastify/rate-limit over the database, or undefined for the plugin's own (SQLite: one process). */
export function sharedRateLimitStore(db: Kysely<Database>) {
  if (!isPostgres(db)) return undefined;
  class DatabaseRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly scope = '',
    ) {}
    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, `${this.scope}|${key}`, timeWindow).then((r) => callback(null, r), (e: Error) => callback(e));
    }
    /**
     * The plugin's per-route store: the route (method and URL pattern, or its groupId) scopes the counters. The
     * plugin passes its merged route parameters (routeInfo: the route's options), whatever its typings say.
     */
    child(routeParams: object): DatabaseRateLimitStore {
      const params = routeParams as { groupId?: string; routeInfo?: { method?: string | string[]; url?: string } };
      if (params.groupId) return new DatabaseRateLimitStore(undefined, `group:${params.groupId}`);
      const m = params.routeInfo?.method;
      return new DatabaseRateLimitStore(undefined, `${Array.isArray(m) ? m.join(',') : (m ?? '')} ${params.routeInfo?.url ?? ''}`);
    }
  }
  return DatabaseRateLimitStore;
}
