// Opening the database: SQLite through better-sqlite3 in WAL mode (the default, a file created and migrated on first
// use), or PostgreSQL when the location is a postgres:// URL (store/postgres.ts). Both run the same
// migrations. A database written by a newer ecoplan (migrations this build does not know) is refused untouched.
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema.js';
import * as m0001 from './migrations/0001_plan.js';
import * as m0002 from './migrations/0002_observations.js';
import * as m0003 from './migrations/0003_indicator_progress.js';
import * as m0004 from './migrations/0004_users.js';
import * as m0005 from './migrations/0005_audit_chain.js';
import * as m0006 from './migrations/0006_rounds.js';
import * as m0007 from './migrations/0007_round_revision.js';
import * as m0008 from './migrations/0008_evidence.js';
import * as m0009 from './migrations/0009_validation_rules.js';
import * as m0010 from './migrations/0010_project_library.js'; // key project library
import * as m0011 from './migrations/0011_monitoring.js'; // monitoring data
import * as m0012 from './migrations/0012_gep.js'; // GEP accounting
import * as m0013 from './migrations/0013_carbon.js'; // carbon accounts
import * as m0014 from './migrations/0014_security.js'; // sign-in throttle, audit checkpoints
import * as m0015 from './migrations/0015_portal_documents.js'; // published documents
import * as m0016 from './migrations/0016_monitoring_results.js'; // import batches, computed-results cache
import { recoverInterruptedBatches } from './batches.js';
import { connectPostgres, openPostgres, setPostgresLockTimeout } from './postgres.js';
import { registerResultsWriter } from './monitoringResults.js';
import { isPostgres, isPostgresUrl } from './dialect.js';
import * as m0017 from './migrations/0017_survey.js'; // the public survey
import * as m0018 from './migrations/0018_assessment.js'; // assessment schemes, vetoes, published results
import * as m0019 from './migrations/0019_carbon_publication.js'; // published carbon inventory years
import * as m0020 from './migrations/0020_rate_limits.js'; // rate limits shared by server instances
import * as m0021 from './migrations/0021_plan_settings.js'; // carbon sectors of departments, initial project links
import * as m0022 from './migrations/0022_user_plan_roles.js'; // roles per plan
import * as m0023 from './migrations/0023_plan_revisions.js'; // plan revisions
import * as m0024 from './migrations/0024_plan_drafts.js'; // plans uploaded in the console
import * as m0025 from './migrations/0025_indicator_measures.js'; // what an indicator is computed from
import * as m0026 from './migrations/0026_air_days.js'; // hourly air data one row per station-day

export const DEFAULT_DB_PATH = './data/ecoplan.db';
export const MIGRATION_TABLE = 'kysely_migration';

export { dialectOf, isPostgres, isPostgresUrl } from './dialect.js';

/** Every migration of this build, in order. Names are permanent: a released name is never changed. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_plan': m0001,
  '0002_observations': m0002,
  '0003_indicator_progress': m0003,
  '0004_users': m0004,
  '0005_audit_chain': m0005,
  '0006_rounds': m0006,
  '0007_round_revision': m0007,
  '0008_evidence': m0008,
  '0009_validation_rules': m0009,
  '0010_project_library': m0010, // key project library
  '0011_monitoring': m0011, // monitoring data
  '0012_gep': m0012, // GEP accounting
  '0013_carbon': m0013, // carbon accounts
  '0014_security': m0014, // sign-in throttle, audit checkpoints
  '0015_portal_documents': m0015, // published documents
  '0016_monitoring_results': m0016, // import batches, computed-results cache
  '0017_survey': m0017, // the public survey
  '0018_assessment': m0018, // assessment
  '0019_carbon_publication': m0019, // the portal's carbon headline
  '0020_rate_limits': m0020, // rate limits shared by server instances
  '0021_plan_settings': m0021, // plan settings moved out of the code
  '0022_user_plan_roles': m0022, // accounts hold roles in several plans
  '0023_plan_revisions': m0023, // versions of a plan's content with effective year and approving document
  '0024_plan_drafts': m0024, // uploaded plans awaiting publication
  '0025_indicator_measures': m0025, // monitoring, carbon and survey values find the plan's indicator
  '0026_air_days': m0026, // hourly air data one row per station, day and import (issue 21)
};

const RAW = new WeakMap<object, SQLite.Database>();

/** Remembers the better-sqlite3 handle under a Kysely instance (bulk writers prepare statements on it). */
export function registerRaw(db: Kysely<Database>, sqlite: SQLite.Database): void {
  RAW.set(db, sqlite);
}

/**
 * The better-sqlite3 handle of a Kysely instance made by openDatabase (or registered), for bulk work that a query
 * builder would slow down. Use it inside `db.connection().execute(…)` so that no Kysely transaction is open on the
 * same connection meanwhile.
 */
export function rawSqlite(db: Kysely<Database>): SQLite.Database {
  const raw = RAW.get(db);
  if (!raw) throw new Error('rawSqlite: this Kysely instance was not opened by openDatabase');
  return raw;
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Busy waits (ms): ECOPLAN_BUSY_TIMEOUT_MS, else 30 s for a command, 1 s for the server. */
export function busyTimeoutMs(who: 'cli' | 'server'): number {
  const env = Number(process.env.ECOPLAN_BUSY_TIMEOUT_MS);
  if (Number.isInteger(env) && env >= 0) return env;
  return who === 'cli' ? 30_000 : 1_000;
}

/**
 * Whether an error is "database is busy": SQLite's locked/busy, or PostgreSQL's lock_not_available (55P03, the
 * wait for the write lock ran past lock_timeout): another connection holds the write lock.
 */
export function isDatabaseBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^SQLITE_(BUSY|LOCKED)/.test(code) || code === '55P03');
}

/**
 * Whether PostgreSQL cut a statement or transaction short by a timeout the database's administrator set:
 * query_canceled (57014: statement_timeout, or a cancel by pg_cancel_backend) or idle_in_transaction_session_timeout
 * (25P03). The transaction was rolled back, so nothing of it was written.
 */
export function isDatabaseTimeout(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '57014' || code === '25P03';
}

/** How long this handle's writes wait for another writer's lock (the server lowers it: serve.ts). */
export async function setBusyTimeout(db: Kysely<Database>, ms: number): Promise<void> {
  if (isPostgres(db)) setPostgresLockTimeout(db, ms);
  else rawSqlite(db).pragma(`busy_timeout = ${ms}`);
}

export class DatabaseError extends Error {
  constructor(
    readonly code: 'DB_NEWER_SCHEMA' | 'DB_OPEN_FAILED' | 'DB_MIGRATION_FAILED' | 'DB_BUSY',
    message: string,
    readonly messageEn: string,
  ) {
    super(`${message} / ${messageEn}`);
    this.name = 'DatabaseError';
  }
}

/** Names of the migrations applied to the file, read without writing to it (none for a new file). */
function appliedMigrations(path: string): string[] {
  if (!existsSync(path)) return [];
  let probe: SQLite.Database;
  try {
    probe = new SQLite(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new DatabaseError('DB_OPEN_FAILED', `无法打开数据库 ${path}`, `cannot open database ${path}: ${(e as Error).message}`);
  }
  try {
    const table = probe.prepare("select name from sqlite_master where type = 'table' and name = ?").get(MIGRATION_TABLE);
    if (!table) return [];
    const rows = probe.prepare(`select name from ${MIGRATION_TABLE}`).all() as { name: string }[];
    return rows.map((r) => r.name);
  } catch (e) {
    throw new DatabaseError('DB_OPEN_FAILED', `数据库 ${path} 无法读取（不是 SQLite 数据库或已损坏）`, `database ${path} is unreadable (not SQLite, or damaged): ${(e as Error).message}`);
  } finally {
    probe.close();
  }
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** The file's absolute path, or the PostgreSQL URL without its password (for messages and logs). */
  path: string;
  /** What to open it again with (a worker thread, another command): the path, or the URL with its password. */
  location: string;
  dialect: 'sqlite' | 'postgres';
  /** Migrations applied by this open (empty when the schema was already current). */
  applied: string[];
}

/**
 * Opens and migrates the database at `location`: a SQLite file (created with its folder if needed) or a
 * postgres:// URL (the database must exist; its tables are created).
 */
export async function openDatabase(location: string = DEFAULT_DB_PATH): Promise<OpenedDatabase> {
  if (isPostgresUrl(location)) return openPostgres(location, provider);
  const pathArg = location;
  const path = pathArg === ':memory:' ? pathArg : resolve(pathArg);
  let current = false;
  if (path !== ':memory:') {
    const applied = appliedMigrations(path);
    const newer = applied.filter((n) => !(n in MIGRATIONS));
    // Every migration of this build applied already: the migrator would only take the write lock to find nothing to
    // do (a command then waits behind another process's import; it is also time every command pays).
    current = applied.length === Object.keys(MIGRATIONS).length && !newer.length;
    if (newer.length)
      throw new DatabaseError(
        'DB_NEWER_SCHEMA',
        `数据库 ${path} 由较新版本的 ecoplan 创建（未知迁移：${newer.join('、')}）。为免损坏数据，未做任何修改；请升级 ecoplan 或用 --db 指定其他数据库。`,
        `database ${path} was written by a newer ecoplan (unknown migrations: ${newer.join(', ')}). Nothing was changed; upgrade ecoplan or choose another database with --db.`,
      );
    mkdirSync(dirname(path), { recursive: true });
  }
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // How long a writer waits for another's write lock before SQLITE_BUSY. better-sqlite3 waits synchronously, so
  // the server lowers it (serve.ts: a wait stalls its every request); a command may wait longer.
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs('cli')}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerRaw(db, sqlite);
  if (current) {
    // What an import killed mid-way left behind (never visible) is removed by whoever opens the file next.
    await recoverInterruptedBatches(db);
    return { db, path, location: path, dialect: 'sqlite', applied: [] };
  }
  const migrator = new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    if (isDatabaseBusy(error))
      throw new DatabaseError('DB_BUSY', `数据库 ${path} 正被另一个进程写入（可能是另一个导入或服务），等待超时；未做任何修改，请稍后重试。`, `database ${path} is being written by another process (another import, or the server) and the wait timed out; nothing was changed, retry later.`);
    throw new DatabaseError('DB_MIGRATION_FAILED', `数据库迁移失败：${String(error)}`, `database migration failed: ${String(error)}`);
  }
  // What an import killed mid-way left behind (never visible) is removed here, by whoever opens the file next.
  await recoverInterruptedBatches(db);
  return { db, path, location: path, dialect: 'sqlite', applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * A worker thread's handle on the server's database (server/offload): read-only where the engine allows it, with
 * results of computations kept through a writer that never waits for the write lock. Not migrated (the server did).
 */
export function openWorkerDatabase(location: string): Kysely<Database> {
  if (isPostgresUrl(location)) {
    // Reads and the results cache share one small pool; a busy write lock skips the cache write (lock_timeout 0 is
    // "wait forever" in PostgreSQL, so 1 ms).
    const db = connectPostgres(location, { max: 2 });
    setPostgresLockTimeout(db, 1);
    return db;
  }
  const sqlite = new SQLite(location, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 2000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerRaw(db, sqlite);
  // Computed results are kept in the database (a cache, store/monitoringResults.ts) through a second connection, the
  // only one of this thread that writes; it never waits for the write lock (a busy database: not kept this time).
  const writer = new SQLite(location, { fileMustExist: true });
  writer.pragma('busy_timeout = 0');
  registerResultsWriter(db, writer);
  return db;
}

/**
 * A value that changes whenever anything may have been committed to the database, by this process or any other
 * (a command, another server instance): the key under which computed answers are kept (server/offload).
 * SQLite: this connection's total_changes() and the file's data_version. PostgreSQL: the current snapshot
 * (xmin:xmax:in-progress ids) — every committed write took a transaction id, so the snapshot moves with it, also for
 * writes by other instances; it also moves for other databases of the cluster and for autovacuum (coarse, never stale).
 */
export async function dataVersion(db: Kysely<Database>): Promise<string> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(db);
    return rows[0]!.v;
  }
  const { rows } = await sql<{ c: number; v: number }>`select total_changes() as c, (select data_version from pragma_data_version) as v`.execute(db);
  return `${rows[0]!.c}:${rows[0]!.v}`;
}
