// A worker thread of the Offload pool: its own read-only connection to the server's database file (WAL lets it read
// while the server writes), its own plan read model, and the tasks of tasks.ts. ApiErrors (404, 400) and refused
// uploads (413) travel back as data, so the route answers them as it would have in its own thread.
import { workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { registrySeededElsewhere } from '../../store/monitoring.js';
import { registerRaw } from '../../store/db.js';
import { registerResultsWriter } from '../../store/monitoringResults.js';
import type { Database } from '../../store/schema.js';
import { UploadRefused } from '../../importers/upload.js';
import { ApiError } from '../errors.js';
import { PlanCache } from '../planCache.js';
import { TASKS, type TaskName } from './tasks.js';

const sqlite = new SQLite((workerData as { dbPath: string }).dbPath, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 2000');
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
registerRaw(db, sqlite);
// Computed results are kept in the database (a cache, store/monitoringResults.ts) through a second connection, the
// only one of this thread that writes; it never waits for the write lock (a busy database: not kept this time).
const writer = new SQLite((workerData as { dbPath: string }).dbPath, { fileMustExist: true });
writer.pragma('busy_timeout = 0');
registerResultsWriter(db, writer);
// The server seeded the monitoring registries before it started this pool; a read-only connection cannot.
registrySeededElsewhere(db);
// The plan's revision is read on every task (one small query): a task must see the plan the server keyed it by.
const ctx = { db, plans: new PlanCache(db, 0) };

export type WorkerAnswer = { ok: unknown } | { error: { statusCode: number; code: string; message: string; messageEn: string } };

export default async function runTask({ name, args }: { name: TaskName; args: unknown }): Promise<WorkerAnswer> {
  try {
    const task = TASKS[name] as (c: typeof ctx, a: unknown) => Promise<unknown>;
    return { ok: await task(ctx, args) };
  } catch (e) {
    if (e instanceof ApiError) return { error: { statusCode: e.statusCode, code: e.code, message: e.message, messageEn: e.messageEn } };
    // An upload refused while it was read (a workbook inflating beyond the limit): answered as in the server's thread.
    if (e instanceof UploadRefused) return { error: { statusCode: e.status, code: e.code, message: e.message, messageEn: e.messageEn } };
    throw e;
  }
}
