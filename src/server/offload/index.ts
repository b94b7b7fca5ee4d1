// Heavy computations off the request thread. One process serves everyone, so a request that
// computes for seconds (a year of station-hours, a GEP account, a report) would make every other request wait. Offload
// runs the tasks of tasks.ts in a pool of worker threads (piscina), each reading the same database, and keeps each
// answer until the database changes: the key is the database's version, read in one cheap query (store/db.ts
// dataVersion: it moves with a commit by this server, a command or another instance, on SQLite and PostgreSQL). Any
// write makes every answer recomputed on its next request: coarse, but never stale.
// An in-memory database (tests) cannot be shared with a thread: tasks then run in the server's thread.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Kysely } from 'kysely';
import { dataVersion } from '../../store/db.js';
import { ensureDefaultPrices } from '../../store/gep.js';
import type { Database } from '../../store/schema.js';
import { ApiError } from '../errors.js';
import type { PlanCache } from '../planCache.js';
import { TASKS, type TaskArgs, type TaskName, type TaskResult } from './tasks.js';
import type { WorkerAnswer } from './worker.js';

export interface OffloadOptions {
  db: Kysely<Database>;
  /** The database file the workers open; null (or ':memory:') runs every task in this thread. */
  dbPath: string | null;
  plans: PlanCache;
  /** Worker threads (default: the cores less one, at least 1, at most 4; env ECOPLAN_WORKERS). */
  threads?: number;
  /** Tasks waiting for a thread beyond which a request is answered 503 (default 64). */
  maxQueue?: number;
  /** Keep answers until the database changes (default; env ECOPLAN_COMPUTE_CACHE=0 turns it off, for benchmarks). */
  cache?: boolean;
}

/** The pool's queue is full: 503 with advice to retry. */
export const serverBusy = () =>
  new ApiError(503, 'SERVER_BUSY', '服务器正忙于计算，请稍后重试', 'the server is busy computing; retry shortly', 5);

/** A Buffer from what a worker sent (structured clone turns a Buffer into a Uint8Array). */
export const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const MAX_CACHED = 256;

export class Offload {
  private readonly pool: Piscina | null;
  private readonly cache = new Map<string, { version: string; value: Promise<unknown> }>();
  private readonly local;
  private readonly caching: boolean;

  constructor(private readonly opts: OffloadOptions) {
    this.local = { db: opts.db, plans: opts.plans };
    this.caching = opts.cache ?? process.env.ECOPLAN_COMPUTE_CACHE !== '0';
    const threads = opts.threads ?? (Number(process.env.ECOPLAN_WORKERS) || Math.max(1, Math.min(4, availableParallelism() - 1)));
    if (!opts.dbPath || opts.dbPath === ':memory:' || threads <= 0) {
      this.pool = null;
      return;
    }
    const here = fileURLToPath(import.meta.url);
    // Under the tests the sources are TypeScript: the thread loads them through tsx (worker-tsx.mjs).
    const typescript = here.endsWith('.ts');
    this.pool = new Piscina({
      filename: new URL(typescript ? './worker-tsx.mjs' : './worker.js', import.meta.url).href,
      workerData: { dbPath: opts.dbPath },
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      maxQueue: opts.maxQueue ?? 64,
    });
  }

  /** Whether tasks run in worker threads. */
  get threaded(): boolean {
    return this.pool !== null;
  }

  private version(): Promise<string> {
    return dataVersion(this.opts.db);
  }

  /**
   * What the computations write on first use (the shipped GEP prices) is written here, by the server's connection:
   * a worker's is read-only. Before the version is read, so that the write is part of it.
   */
  private async seed(name: TaskName, args: unknown): Promise<void> {
    if (!name.startsWith('gep.') && name !== 'report') return;
    const { plan } = await this.opts.plans.get((args as { planId: string }).planId);
    await ensureDefaultPrices(this.opts.db, plan.meta.id);
  }

  /** The task's answer: from the cache when the database has not changed since, else computed in a worker. */
  async run<K extends TaskName>(name: K, args: TaskArgs<K>): Promise<TaskResult<K>> {
    await this.seed(name, args);
    if (!this.caching) return this.compute(name, args);
    const version = await this.version();
    const key = `${name}|${JSON.stringify(args)}`;
    const hit = this.cache.get(key);
    if (hit && hit.version === version) return hit.value as Promise<TaskResult<K>>;
    const value = this.compute(name, args);
    this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    const entry = { version, value: value as Promise<unknown> };
    this.cache.set(key, entry);
    // A failure is not kept: the next request tries again.
    value.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return value;
  }

  /**
   * The task computed now, its answer not kept: for a task whose arguments are an upload (a workbook to read) or
   * whose answer is written next (a proposal).
   */
  async compute<K extends TaskName>(name: K, args: TaskArgs<K>): Promise<TaskResult<K>> {
    if (!this.pool) return (TASKS[name] as (c: typeof this.local, a: TaskArgs<K>) => Promise<TaskResult<K>>)(this.local, args);
    let answer: WorkerAnswer;
    try {
      answer = (await this.pool.run({ name, args })) as WorkerAnswer;
    } catch (e) {
      if (e instanceof Error && /queue is at limit/i.test(e.message)) throw serverBusy();
      throw e;
    }
    if ('error' in answer) throw new ApiError(answer.error.statusCode, answer.error.code, answer.error.message, answer.error.messageEn);
    return answer.ok as TaskResult<K>;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
