// Air imports written in bounded transactions, all or nothing. An import's rows go
// into air_days under its batch id a chunk at a time, each chunk a short transaction, so the write lock is never
// held for long; while the batch is listed in monitoring_batches every read leaves its rows out (visibleHours), and
// one small final transaction (publish) removes it from the list, which makes all its rows visible at once. A batch
// whose process died (kill -9, power loss) is removed, rows and all, by the next open of the file. One batch at a
// time: a second import waits for the first.
import { hostname } from 'node:os';
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { rawSqlite, isDatabaseBusy } from './db.js';

/** A batch not renewed for this long is taken as dead even when its process cannot be checked (another host). */
export const BATCH_STALE_MS = 10 * 60_000;
const HOST = hostname();

interface BatchRow {
  id: string;
  file_name: string;
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
  staged: string;
}

function alive(b: BatchRow, nowMs: number): boolean {
  if (b.host === HOST) {
    if (b.pid === process.pid) return true;
    try {
      process.kill(b.pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    }
  }
  return nowMs - Date.parse(b.heartbeat_at) < BATCH_STALE_MS;
}

/** Deletes a batch's staged rows (by the station-day ranges it recorded) and the batch, in bounded transactions. */
function discard(raw: SQLite.Database, id: string): void {
  const row = raw.prepare('select staged from monitoring_batches where id = ?').get(id) as { staged: string } | undefined;
  if (!row) return;
  const ranges = JSON.parse(row.staged) as [string, string, string][];
  const del = raw.prepare('delete from air_days where station_code = ? and day >= ? and day <= ? and import_id = ?');
  for (const [code, from, to] of ranges) raw.transaction(() => del.run(code, from, to, id)).immediate();
  raw.transaction(() => raw.prepare('delete from monitoring_batches where id = ?').run(id)).immediate();
}

/** Removes what imports killed mid-way left (invisible rows); a busy database is left for the next open. */
export async function recoverInterruptedBatches(db: Kysely<Database>): Promise<string[]> {
  const raw = rawSqlite(db);
  const removed: string[] = [];
  try {
    const batches = raw.prepare('select * from monitoring_batches').all() as BatchRow[];
    for (const b of batches)
      if (!alive(b, Date.now())) {
        discard(raw, b.id);
        removed.push(b.id);
      }
  } catch (e) {
    if (!isDatabaseBusy(e)) throw e;
  }
  return removed;
}

export class Batch {
  private readonly ranges: [string, string, string][] = [];
  private readonly renew: SQLite.Statement;
  constructor(
    readonly raw: SQLite.Database,
    readonly id: string,
  ) {
    this.renew = raw.prepare('update monitoring_batches set heartbeat_at = ?, staged = ? where id = ?');
  }

  /**
   * Runs `write` in one short transaction and records the station-day ranges it staged (so that a killed batch
   * can be removed by key, without scanning air_days).
   */
  chunk(ranges: [string, string, string][], write: () => void): void {
    this.raw
      .transaction(() => {
        this.ranges.push(...ranges);
        this.renew.run(new Date().toISOString(), JSON.stringify(this.ranges), this.id);
        write();
      })
      .immediate();
  }

  /** Drops everything staged (a refused import). */
  discard(): void {
    discard(this.raw, this.id);
  }

  /** In the final transaction: makes the rows visible. */
  publishIn(): void {
    this.raw.prepare('delete from monitoring_batches where id = ?').run(this.id);
  }
}

/**
 * Runs synchronous work on the raw handle while holding Kysely's connection, so that it never lands inside a
 * transaction another request has open on the same connection.
 */
export const withRaw = <T>(db: Kysely<Database>, fn: (raw: SQLite.Database) => T | Promise<T>): Promise<T> => db.connection().execute(async (): Promise<T> => fn(rawSqlite(db)));

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Opens a batch, waiting while another live import holds one (`onWait` is told once); a dead one is removed first.
 * Runs inside the caller's hold of the Kysely connection.
 */
export async function beginBatch(db: Kysely<Database>, id: string, fileName: string, onWait?: (other: string) => void): Promise<Batch> {
  const raw = rawSqlite(db);
  let told = false;
  for (;;) {
    await withRaw(db, () => recoverInterruptedBatches(db));
    const got = await withRaw(db, () => raw
      .transaction(() => {
        const other = raw.prepare('select * from monitoring_batches limit 1').get() as BatchRow | undefined;
        if (other) return other;
        const now = new Date().toISOString();
        raw.prepare('insert into monitoring_batches (id, file_name, host, pid, started_at, heartbeat_at, staged) values (?, ?, ?, ?, ?, ?, ?)').run(id, fileName, HOST, process.pid, now, now, '[]');
        return null;
      })
      .immediate());
    if (!got) return new Batch(raw, id);
    if (!told) {
      onWait?.(got.file_name);
      told = true;
    }
    await sleep(100);
  }
}

export { VISIBLE_HOURS } from './visibleHours.js';
