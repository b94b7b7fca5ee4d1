// The backend-specific part of `ecoplan backup` / `ecoplan restore`: a consistent snapshot of a live
// database, the order rows are read in (the same on every backend, so table checksums agree), and opening a restore
// target. Everything else (src/store/backup.ts) goes through Kysely's generic interface and the migration list.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, SqliteDialect, sql, type RawBuilder } from 'kysely';
import { MIGRATIONS } from './db.js';
import type { Database } from './schema.js';

export type Backend = 'sqlite' | 'postgres';

export class SnapshotError extends Error {
  constructor(
    readonly code: 'DB_NOT_FOUND' | 'POSTGRES_PENDING' | 'SNAPSHOT_FAILED',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'SnapshotError';
  }
}

/** The backend a `--db` argument names: a postgres:// (or postgresql://) URL, else a SQLite file path. */
export function backendOfArg(dbArg: string): Backend {
  return /^postgres(ql)?:\/\//i.test(dbArg) ? 'postgres' : 'sqlite';
}

/** The backend behind a Kysely instance (a transaction included). */
export function backendOf(db: Kysely<Database>): Backend {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * PENDING(PostgreSQL backup and restore): until openDatabase opens postgres:// URLs with a PostgresDialect, such a URL would be
 * taken for a file path (a SQLite file in a folder named "postgres:"); refuse it instead. Remove this check when the
 * PostgreSQL work lands; the code after each call is already written for it.
 */
function refusePostgresForNow(dbArg: string): void {
  if (backendOfArg(dbArg) === 'postgres')
    throw new SnapshotError(
      'POSTGRES_PENDING',
      `此版本尚不支持 PostgreSQL（${redact(dbArg)}）：备份与恢复目前仅支持 SQLite 数据库文件`,
      `this build does not support PostgreSQL yet (${redact(dbArg)}): backup and restore take a SQLite database file for now`,
    );
}

/** A URL without its password, for messages. */
export function redact(dbArg: string): string {
  return dbArg.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

/**
 * One column term of the canonical row order: Unicode code points for text (SQLite's BINARY collation compares UTF-8
 * bytes, which orders as code points; PostgreSQL's default collation follows the locale, so it needs COLLATE "C"), and
 * NULLs first (SQLite's default; PostgreSQL puts them last unless told).
 */
export function orderTerm(db: Kysely<Database>, column: string, isText: boolean): RawBuilder<unknown> {
  if (backendOf(db) === 'postgres') return isText ? sql`${sql.ref(column)} collate "C" nulls first` : sql`${sql.ref(column)} nulls first`;
  return sql`${sql.ref(column)}`;
}

export interface Snapshot {
  db: Kysely<Database>;
  backend: Backend;
  /** Names of the migrations applied to the snapshot. */
  migrations: string[];
}

/**
 * Runs `fn` on a consistent snapshot of the live database `dbArg`, which other processes (the server) may be writing
 * meanwhile. Never creates or migrates the database. With `keepSqliteCopy`, a SQLite snapshot file is also kept at
 * that path (a single self-contained file, journal_mode DELETE).
 *
 * SQLite: the online backup API copies every page in one step, holding one read transaction (WAL: writers go on), so
 * the copy is the database as of one commit; the export then reads the copy at leisure and it is removed after.
 */
export async function withSnapshot<T>(dbArg: string, work: { tempPath: string; keepSqliteCopy?: string }, fn: (s: Snapshot) => Promise<T>): Promise<T> {
  refusePostgresForNow(dbArg);
  if (backendOfArg(dbArg) === 'postgres') {
    // PENDING(PostgreSQL backup and restore), written for it but not yet run: one REPEATABLE READ, READ ONLY transaction sees
    // every table as of one moment while writers go on (PostgreSQL's MVCC; what pg_dump itself does). The dialect
    // needs pg-cursor for Kysely's .stream(). A physical copy for PostgreSQL is pg_basebackup/pg_dump (operations.md).
    const { openDatabase } = await import('./db.js');
    const { db } = await openDatabase(dbArg);
    try {
      return await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => fn({ db: trx, backend: 'postgres', migrations: await appliedMigrationNames(trx) }));
    } finally {
      await db.destroy();
    }
  }
  const path = resolve(dbArg);
  if (!existsSync(path)) throw new SnapshotError('DB_NOT_FOUND', `数据库文件不存在：${path}`, `no database file at ${path}`);
  const tmp = resolve(work.tempPath);
  removeSqliteFiles(tmp);
  try {
    const source = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      // One step for every page (0x7fffffff): a backup done in several steps restarts whenever another connection
      // writes between them, which a busy server could make endless.
      await source.backup(tmp, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
  } catch (e) {
    removeSqliteFiles(tmp);
    throw new SnapshotError('SNAPSHOT_FAILED', `无法为数据库 ${path} 建立快照：${(e as Error).message}`, `cannot take a snapshot of ${path}: ${(e as Error).message}`);
  }
  const copy = new SQLite(tmp);
  let kept = false;
  try {
    // The copy carries the source's WAL flag; a single-file journal makes it self-contained once closed.
    copy.pragma('journal_mode = DELETE');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }) });
    try {
      const result = await fn({ db, backend: 'sqlite', migrations: await appliedMigrationNames(db) });
      if (work.keepSqliteCopy) {
        await db.destroy();
        renameSync(tmp, resolve(work.keepSqliteCopy));
        kept = true;
      }
      return result;
    } finally {
      await db.destroy();
    }
  } finally {
    if (copy.open) copy.close();
    if (!kept) removeSqliteFiles(tmp);
  }
}

/** Applied migration names, in order, read through Kysely (none when the migration table is absent). */
export async function appliedMigrationNames(db: Kysely<Database>): Promise<string[]> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return rows.rows.map((r) => r.name);
  } catch {
    return [];
  }
}

export interface RestoreTarget {
  db: Kysely<Database>;
  backend: Backend;
  /** Where the audit keys of a SQLite database live (null: only ECOPLAN_AUDIT_KEYS). */
  keyPath: string | null;
  /** Undoes what opening wrote when the restore is refused: a database file this open created is removed. */
  discard(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the restore target, creating it if missing, and migrates it to `level` (a prefix of this build's migrations:
 * the backup's schema). Migrations run forward only; a database of a newer or different schema is refused before
 * anything is written (openDatabase's rule).
 */
export async function openRestoreTarget(dbArg: string, level: readonly string[]): Promise<RestoreTarget> {
  refusePostgresForNow(dbArg);
  const all = Object.keys(MIGRATIONS);
  if (backendOfArg(dbArg) === 'postgres' || level.length === all.length) {
    // The backup's schema is this build's: the usual open (PENDING(PostgreSQL backup and restore) for postgres:// URLs).
    const path = backendOfArg(dbArg) === 'sqlite' ? resolve(dbArg) : null;
    const created = path !== null && !existsSync(path);
    const { openDatabase } = await import('./db.js');
    const { db } = await openDatabase(dbArg);
    return {
      db,
      backend: backendOfArg(dbArg),
      keyPath: path,
      discard: async () => {
        await db.destroy();
        if (created && path) removeSqliteFiles(path);
      },
      close: () => db.destroy(),
    };
  }
  // An older backup: the target is made at the backup's schema, loaded, and then migrated forward by the next open
  // (openDatabase), as an upgrade of that deployment would be. Only into a new SQLite file: an existing database
  // cannot go back to an older schema.
  const path = resolve(dbArg);
  if (existsSync(path))
    throw new SnapshotError(
      'SNAPSHOT_FAILED',
      `备份来自较旧版本的 ecoplan（${level.length}/${all.length} 个迁移），只能恢复到新的数据库文件：${path} 已存在，未做任何修改`,
      `the backup comes from an older ecoplan (${level.length} of ${all.length} migrations) and restores only into a new database file: ${path} exists, nothing was changed`,
    );
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const subset = Object.fromEntries(level.map((n) => [n, MIGRATIONS[n]!]));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => subset }, migrationTableName: 'kysely_migration' }).migrateToLatest();
  if (error) {
    await db.destroy();
    removeSqliteFiles(path);
    throw error;
  }
  return {
    db,
    backend: 'sqlite',
    keyPath: path,
    discard: async () => {
      await db.destroy();
      removeSqliteFiles(path);
    },
    close: async () => {
      await db.destroy();
      // The migrations this build adds run now, over the restored rows.
      const { openDatabase } = await import('./db.js');
      await (await openDatabase(path)).db.destroy();
    },
  };
}

/** Removes a SQLite database file and its WAL companions. */
export function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Runs `fn` on an existing restore target opened read-only (null when there is no database yet), so that a refused
 * restore writes nothing, not even a migration. PENDING(PostgreSQL backup and restore): a PostgreSQL target is checked by
 * openRestoreTarget's connection instead (its migrations are transactional; an empty schema is the usual target).
 */
export async function inspectTarget<T>(dbArg: string, fn: (db: Kysely<Database>, migrations: string[]) => Promise<T>): Promise<T | null> {
  refusePostgresForNow(dbArg);
  const path = resolve(dbArg);
  if (!existsSync(path)) return null;
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    throw new SnapshotError('SNAPSHOT_FAILED', `数据库 ${path} 无法读取（不是 SQLite 数据库或已损坏）：${(e as Error).message}`, `database ${path} is unreadable (not SQLite, or damaged): ${(e as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    return await fn(db, await appliedMigrationNames(db));
  } finally {
    await db.destroy();
  }
}
