// The backend-specific part of `ecoplan backup` / `ecoplan restore`: a consistent snapshot of a live
// database, the order rows are read in (the same on every backend, so table checksums agree), and opening a restore
// target. Everything else (src/store/backup.ts) goes through Kysely's generic interface and the migration list.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresAdapter, SqliteDialect, sql, type Compilable, type Migration, type RawBuilder } from 'kysely';
import { MIGRATIONS, MIGRATION_TABLE } from './db.js';
import { pinnedTransaction } from './postgres.js';
import type { Database } from './schema.js';

export type Backend = 'sqlite' | 'postgres';

export class SnapshotError extends Error {
  constructor(
    readonly code: 'DB_NOT_FOUND' | 'SNAPSHOT_FAILED',
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

let cursors = 0;

/**
 * The rows of a select, read in bounded memory. SQLite: better-sqlite3's iterator. PostgreSQL: a cursor of the
 * transaction (DECLARE … FETCH 1000 at a time), so it must run inside one (a snapshot, or a restore's transaction);
 * plain SQL, so no extra driver package (pg-cursor) is needed for it.
 */
export async function* streamRows(db: Kysely<Database>, query: Compilable<Record<string, unknown>> & { stream(n: number): AsyncIterableIterator<Record<string, unknown>> }): AsyncGenerator<Record<string, unknown>> {
  if (backendOf(db) === 'sqlite') {
    yield* query.stream(1000);
    return;
  }
  const name = `ecoplan_read_${++cursors}`;
  const q = query.compile();
  await db.executeQuery(CompiledQuery.raw(`declare ${name} no scroll cursor for ${q.sql}`, [...q.parameters]));
  let done = false;
  try {
    for (;;) {
      const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`fetch forward 1000 from ${name}`));
      if (!rows.length) break;
      yield* rows;
    }
    done = true;
  } finally {
    // After an error the transaction is aborted (and will be rolled back): closing would fail too.
    if (done) await db.executeQuery(CompiledQuery.raw(`close ${name}`));
  }
}

/**
 * After rows were loaded with their ids (a restore): PostgreSQL's identity columns would hand out ids from 1 again,
 * colliding with the restored ones; each is moved past its column's largest value. SQLite needs nothing (an integer
 * key takes max + 1, and AUTOINCREMENT's sqlite_sequence follows inserted ids).
 */
export async function afterLoad(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  if (backendOf(db) !== 'postgres') return;
  const { rows } = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES' order by table_name, column_name`.execute(db);
  for (const r of rows) {
    if (!tables.includes(r.table_name)) continue;
    const [t, c] = [sql.ref(r.table_name), sql.ref(r.column_name)];
    await sql`select setval(pg_get_serial_sequence(${sql.lit(`"${r.table_name}"`)}, ${sql.lit(r.column_name)}), coalesce((select max(${c}) from ${t}), 0) + 1, false)`.execute(db);
  }
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
  if (backendOfArg(dbArg) === 'postgres') {
    if (work.keepSqliteCopy)
      throw new SnapshotError('SNAPSHOT_FAILED', `--format sqlite 只适用于 SQLite 数据库：PostgreSQL 请用可移植格式（默认），或 pg_dump / pg_basebackup`, `--format sqlite takes a SQLite database: for PostgreSQL use the portable format (the default), or pg_dump / pg_basebackup`);
    // One REPEATABLE READ, READ ONLY transaction sees every table as of one moment while the server writes on
    // (what pg_dump does); it takes no lock, so writers never wait for it.
    const t = await pinnedTransaction(dbArg, 'snapshot');
    try {
      return await fn({ db: t.db, backend: 'postgres', migrations: await appliedMigrationNames(t.db) });
    } finally {
      await t.rollback();
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
  if (backendOf(db) === 'postgres') {
    // Asked first, not tried: a failed query would abort the snapshot's transaction.
    const exists = await sql<{ t: string | null }>`select to_regclass(${MIGRATION_TABLE}) as t`.execute(db);
    if (!exists.rows[0]?.t) return [];
  }
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
  /** PostgreSQL: `db` is already one transaction (loadBackup runs in it; close commits, discard rolls back). */
  inTransaction: boolean;
  /** PostgreSQL: rows loaded with COPY (its bulk load) instead of multi-row INSERTs. */
  insert?: (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => Promise<void>;
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
  const all = Object.keys(MIGRATIONS);
  if (backendOfArg(dbArg) === 'postgres') {
    // Migrations, rows and checks in one transaction (PostgreSQL's DDL is transactional): a refused restore leaves
    // the database as it was, even an empty one. An older backup: the schema is built at the backup's level, loaded,
    // then migrated forward before the commit, as an upgrade of that deployment would be.
    const t = await pinnedTransaction(dbArg, 'write');
    try {
      const applied = await appliedMigrationNames(t.db);
      if (level.length < all.length && applied.length)
        throw new SnapshotError(
          'SNAPSHOT_FAILED',
          `备份来自较旧版本的 ecoplan（${level.length}/${all.length} 个迁移），只能恢复到空的数据库：${redact(dbArg)} 已有 ecoplan 的表，未做任何修改`,
          `the backup comes from an older ecoplan (${level.length} of ${all.length} migrations) and restores only into an empty database: ${redact(dbArg)} already holds ecoplan's tables, nothing was changed`,
        );
      await migrateInTransaction(t.db, level);
    } catch (e) {
      await t.rollback();
      throw e;
    }
    return {
      db: t.db,
      backend: 'postgres',
      keyPath: null,
      inTransaction: true,
      insert: t.copy,
      discard: () => t.rollback(),
      close: async () => {
        try {
          await migrateInTransaction(t.db, all);
        } catch (e) {
          await t.rollback();
          throw e;
        }
        await t.commit();
      },
    };
  }
  if (level.length === all.length) {
    // The backup's schema is this build's: the usual open.
    const path = resolve(dbArg);
    const created = !existsSync(path);
    const { openDatabase } = await import('./db.js');
    const { db } = await openDatabase(dbArg);
    return {
      db,
      backend: 'sqlite',
      keyPath: path,
      inTransaction: false,
      discard: async () => {
        await db.destroy();
        if (created) removeSqliteFiles(path);
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
    inTransaction: false,
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

/** Runs the migrations named in `level` that `db` (a pinned PostgreSQL transaction) lacks, inside its transaction. */
async function migrateInTransaction(db: Kysely<Database>, level: readonly string[]): Promise<void> {
  const subset: Record<string, Migration> = Object.fromEntries(level.map((n) => [n, MIGRATIONS[n]!]));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => subset }, migrationTableName: MIGRATION_TABLE, disableTransactions: true }).migrateToLatest();
  if (error) throw error;
}

/** Removes a SQLite database file and its WAL companions. */
export function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Runs `fn` on an existing restore target opened read-only (null when there is no SQLite file yet), so that a refused
 * restore writes nothing, not even a migration. PostgreSQL: a read-only snapshot of the database (it must exist:
 * createdb; an empty one has no migrations).
 */
export async function inspectTarget<T>(dbArg: string, fn: (db: Kysely<Database>, migrations: string[]) => Promise<T>): Promise<T | null> {
  if (backendOfArg(dbArg) === 'postgres') {
    const t = await pinnedTransaction(dbArg, 'snapshot');
    try {
      return await fn(t.db, await appliedMigrationNames(t.db));
    } finally {
      await t.rollback();
    }
  }
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
