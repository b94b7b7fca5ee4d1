// Writing an air import's station-days (table air_days, in the bounded batches of store/batches.ts) on SQLite or
// PostgreSQL. The importer decides what to write; this file writes it: on SQLite through prepared multi-row inserts on
// the raw handle (the fast path of batches.ts), on PostgreSQL through COPY in a transaction that holds the write lock.
// The batch protocol is the same on both: rows staged under the batch id stay invisible until the small final
// transaction.
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { StationDay } from '../monitoring/air.js';
import { beginBatch, BATCH_STALE_MS, withRaw, type Batch } from './batches.js';
import { VISIBLE_HOURS } from './visibleHours.js';
import { rawSqlite } from './db.js';
import { isPostgres } from './dialect.js';
import { stationDaysVersion, storeImportedStationDays, storeImportedStationDaysIn } from './monitoringResults.js';
import { copyRows, withPgTransaction } from './postgres.js';
import type { Database } from './schema.js';

/** The columns of a staged station-day, in the order of `stage`'s flat rows. */
export const AIR_DAY_COLUMNS = ['station_code', 'day', 'import_id', 'slots', 'data'] as const;
type Value = string | number | Uint8Array;

/** A stored day of a station: its natural day ('YYYY-MM-DD') and the bytes of one import's values of it. */
export interface StoredDay {
  day: string;
  data: Uint8Array;
}

export interface AirStaging {
  /** The visible stored rows of a station between two natural days (several rows of a day: several imports). */
  readStored(code: string, fromDay: string, toDay: string): Promise<StoredDay[]>;
  /** One short transaction: the station-days of `ranges` ([station, first day, last day]), AIR_DAY_COLUMNS flat. */
  stage(ranges: [string, string, string][], days: Value[]): Promise<void>;
  /** Drops everything staged (a refused or failed import). */
  discard(): Promise<void>;
  /** Staging-only engine settings on (SQLite: no sync per chunk, no checkpoint midway) or back off. */
  tune(on: boolean): Promise<void>;
  /**
   * The final transaction: moves the air version, makes the rows visible, keeps the days computed during the import
   * when nothing else changed air data since `beforeAir`, and runs `log` in it.
   */
  publish(beforeAir: number, days: Map<number, Map<string, StationDay[]>>, log: (trx: Kysely<Database>) => Promise<void>): Promise<void>;
}

/** Opens a batch (waiting while another live import holds one) on the database's engine. */
export async function openAirStaging(db: Kysely<Database>, id: string, fileName: string, onWait?: (other: string) => void): Promise<AirStaging> {
  return isPostgres(db) ? PostgresStaging.open(db, id, fileName, onWait) : new SqliteStaging(db, await beginBatch(db, id, fileName, onWait));
}

const ROWS_PER_INSERT = 50;
const WIDTH = AIR_DAY_COLUMNS.length;

class SqliteStaging implements AirStaging {
  private readonly raw: SQLite.Database;
  private readonly st;
  private tuning: { synchronous: unknown; cache: unknown; checkpoint: unknown } | null = null;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly batch: Batch,
  ) {
    this.raw = rawSqlite(db);
    const one = `(${Array(WIDTH).fill('?').join(', ')})`;
    this.st = {
      select: this.raw.prepare(`select day, data from air_days where station_code = ? and day >= ? and day <= ? and ${VISIBLE_HOURS} order by day`),
      many: this.raw.prepare(`insert into air_days (${AIR_DAY_COLUMNS.join(', ')}) values ${Array(ROWS_PER_INSERT).fill(one).join(', ')}`),
      one: this.raw.prepare(`insert into air_days (${AIR_DAY_COLUMNS.join(', ')}) values ${one}`),
    };
  }
  readStored(code: string, fromDay: string, toDay: string): Promise<StoredDay[]> {
    return withRaw(this.db, () => this.st.select.all(code, fromDay, toDay) as StoredDay[]);
  }
  stage(ranges: [string, string, string][], days: Value[]): Promise<void> {
    const w = WIDTH;
    // Each row's station is checked by the foreign key, as for any insert: a chunk is about 1,700 station-days, so
    // the lookups cost little (one per station-hour did: the per-chunk check of the earlier layout is not needed).
    return withRaw(this.db, () =>
      this.batch.chunk(ranges, () => {
        const block = ROWS_PER_INSERT * w;
        const params: Value[] = new Array(block);
        let i = 0;
        for (; i + block <= days.length; i += block) {
          for (let k = 0; k < block; k++) params[k] = days[i + k]!;
          this.st.many.run(params);
        }
        for (; i < days.length; i += w) this.st.one.run(days.slice(i, i + w));
      }),
    );
  }
  discard(): Promise<void> {
    return withRaw(this.db, () => this.batch.discard());
  }
  tune(on: boolean): Promise<void> {
    return withRaw(this.db, (raw) => {
      if (on) this.tuning ??= { synchronous: raw.pragma('synchronous', { simple: true }), cache: raw.pragma('cache_size', { simple: true }), checkpoint: raw.pragma('wal_autocheckpoint', { simple: true }) };
      const t = this.tuning;
      if (!t) return;
      raw.pragma(`synchronous = ${on ? 'NORMAL' : t.synchronous}`);
      raw.pragma(`cache_size = ${on ? -262_144 : t.cache}`);
      raw.pragma(`wal_autocheckpoint = ${on ? 0 : t.checkpoint}`);
    });
  }
  async publish(beforeAir: number, days: Map<number, Map<string, StationDay[]>>, log: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
    const raw = this.raw;
    await this.db.transaction().execute(async (trx) => {
      // The write comes first, so that this transaction holds the write lock from its first statement.
      raw.prepare("update monitoring_versions set n = n + 1 where name = 'air'").run();
      const bumped = (raw.prepare("select n from monitoring_versions where name = 'air'").get() as { n: number }).n;
      this.batch.publishIn();
      const now = (raw.prepare("select n from monitoring_versions where name = 'air'").get() as { n: number }).n;
      // The days computed here are current only if nothing else changed the air data since this import began.
      if (bumped - 1 === beforeAir) storeImportedStationDays(raw, stationDaysVersion({ air: beforeAir }), stationDaysVersion({ air: now }), days);
      await log(trx);
    });
    // The staged pages into the database file now, by this command, not by the next writer that commits.
    await withRaw(this.db, (r) => r.pragma('wal_checkpoint(PASSIVE)'));
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

class PostgresStaging implements AirStaging {
  private readonly ranges: [string, string, string][] = [];
  private constructor(
    private readonly db: Kysely<Database>,
    private readonly id: string,
  ) {}

  static async open(db: Kysely<Database>, id: string, fileName: string, onWait?: (other: string) => void): Promise<PostgresStaging> {
    const { hostname } = await import('node:os');
    let told = false;
    for (;;) {
      await recoverInterruptedBatchesPostgres(db);
      const other = await db.transaction().execute(async (trx) => {
        const o = await trx.selectFrom('monitoring_batches').select('file_name').limit(1).executeTakeFirst();
        if (o) return o.file_name;
        const now = new Date().toISOString();
        await trx.insertInto('monitoring_batches').values({ id, file_name: fileName, host: hostname(), pid: process.pid, started_at: now, heartbeat_at: now, staged: '[]' }).execute();
        return null;
      });
      if (other === null) return new PostgresStaging(db, id);
      if (!told) {
        onWait?.(other);
        told = true;
      }
      await sleep(100);
    }
  }

  async readStored(code: string, fromDay: string, toDay: string): Promise<StoredDay[]> {
    return this.db
      .selectFrom('air_days')
      .select(['day', 'data'])
      .where('station_code', '=', code)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .where(sql<boolean>`${sql.raw(VISIBLE_HOURS)}`)
      .orderBy('day')
      .execute();
  }

  async stage(ranges: [string, string, string][], days: Value[]): Promise<void> {
    await withPgTransaction(this.db, async (client) => {
      this.ranges.push(...ranges);
      await client.query('update monitoring_batches set heartbeat_at = $1, staged = $2 where id = $3', [new Date().toISOString(), JSON.stringify(this.ranges), this.id]);
      await copyRows(client, 'air_days', AIR_DAY_COLUMNS, days);
    });
  }

  discard(): Promise<void> {
    return discardPostgres(this.db, this.id);
  }

  async tune(): Promise<void> {}

  async publish(beforeAir: number, days: Map<number, Map<string, StationDay[]>>, log: (trx: Kysely<Database>) => Promise<void>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const version = async () => Number((await trx.selectFrom('monitoring_versions').select('n').where('name', '=', 'air').executeTakeFirstOrThrow()).n);
      await trx.updateTable('monitoring_versions').set((eb) => ({ n: eb('n', '+', 1) })).where('name', '=', 'air').execute();
      const bumped = await version();
      await trx.deleteFrom('monitoring_batches').where('id', '=', this.id).execute();
      const now = await version();
      if (bumped - 1 === beforeAir) await storeImportedStationDaysIn(trx, stationDaysVersion({ air: beforeAir }), stationDaysVersion({ air: now }), days);
      await log(trx);
    });
  }
}

/** Deletes a batch's staged rows (by the station-day ranges it recorded) and the batch, in bounded transactions. */
async function discardPostgres(db: Kysely<Database>, id: string): Promise<void> {
  const row = await db.selectFrom('monitoring_batches').select('staged').where('id', '=', id).executeTakeFirst();
  if (!row) return;
  for (const [code, from, to] of JSON.parse(row.staged) as [string, string, string][])
    await db.transaction().execute((trx) => trx.deleteFrom('air_days').where('station_code', '=', code).where('day', '>=', from).where('day', '<=', to).where('import_id', '=', id).execute());
  await db.transaction().execute((trx) => trx.deleteFrom('monitoring_batches').where('id', '=', id).execute());
}

/**
 * PostgreSQL: what killed imports left. Several hosts may share the database, so a batch is dead when its process
 * on this host is gone, or when it has not been renewed for BATCH_STALE_MS.
 */
export async function recoverInterruptedBatchesPostgres(db: Kysely<Database>): Promise<string[]> {
  const { hostname } = await import('node:os');
  const removed: string[] = [];
  for (const b of await db.selectFrom('monitoring_batches').selectAll().execute()) {
    let alive = Date.now() - Date.parse(b.heartbeat_at) < BATCH_STALE_MS;
    if (b.host === hostname()) {
      if (b.pid === process.pid) alive = true;
      else
        try {
          process.kill(b.pid, 0);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ESRCH') alive = false;
        }
    }
    if (!alive) {
      await discardPostgres(db, b.id);
      removed.push(b.id);
    }
  }
  return removed;
}
