// A worker thread of the Offload pool: its own read-only connection to the server's database (SQLite's WAL lets it
// read while the server writes; PostgreSQL: a small pool of its own), its own plan read model, and the tasks of tasks.ts. ApiErrors (404, 400) and refused
// uploads (413) travel back as data, so the route answers them as it would have in its own thread.
import { workerData } from 'node:worker_threads';
import { registrySeededElsewhere } from '../../store/monitoring.js';
import { openWorkerDatabase } from '../../store/db.js';
import { UploadRefused } from '../../importers/upload.js';
import { ApiError } from '../errors.js';
import { PlanCache } from '../planCache.js';
import { TASKS, type TaskName } from './tasks.js';

const db = openWorkerDatabase((workerData as { dbPath: string }).dbPath);
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
