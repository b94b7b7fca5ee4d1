// PostgreSQL behind the same Kysely interface as SQLite: a provincial deployment, several server
// instances on one database. Everything that differs between the engines lives here and in the few store functions
// that ask dialectOf(); the rest of ecoplan runs unchanged.
//
// - One writer at a time, as on SQLite: every transaction takes one advisory lock first, so the read-then-write
//   logic written for SQLite (the audit chain's next link, an observation's next version, a round's revision) stays
//   correct across connections and across server instances. Reads outside a transaction never wait.
// - Types: the migrations' portable names are turned into PostgreSQL's (integer → bigint, as SQLite's integers are
//   64-bit; real → double precision; blob → bytea; autoincrement → identity). bigint and numeric come back from pg as
//   strings: they are parsed once, here, into numbers (refusing a value a double cannot hold exactly).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { from as CopyFrom } from 'pg-copy-streams';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  OperationNodeTransformer,
  PostgresDialect,
  PostgresDriver,
  type ColumnDefinitionNode,
  type DatabaseConnection,
  type Driver,
  type KyselyPlugin,
  type MigrationProvider,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TransactionSettings,
  type UnknownRow,
  DataTypeNode,
  GeneratedNode,
} from 'kysely';
import { recoverInterruptedBatchesPostgres } from './airStaging.js';
import { DatabaseError, MIGRATIONS, MIGRATION_TABLE, busyTimeoutMs, isDatabaseBusy, type OpenedDatabase } from './db.js';
import type { Database } from './schema.js';

/** The advisory lock every transaction takes (an arbitrary constant: "ecoplan" in ASCII, as a bigint). */
export const WRITE_LOCK = 0x65636f706c616en;

/** A URL as shown in messages and logs: never its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

// The PostgreSQL client is loaded on first use: a command on a SQLite file (every import into the default database)
// need not pay for loading it at start.
const requireCjs = createRequire(import.meta.url);
let pgLoaded: typeof pg | null = null;
const pgLib = (): typeof pg => (pgLoaded ??= requireCjs('pg') as typeof pg);
const copyFrom: typeof CopyFrom = (text) => (requireCjs('pg-copy-streams') as { from: typeof CopyFrom }).from(text);

const int8 = (text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is beyond the exactly representable range (±2^53)`);
  return n;
};

/** bigint (count(*), sum(integer)) and numeric (sum(bigint), avg) as numbers, as SQLite gives them. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pgLib().types.builtins.INT8) return int8;
    if (oid === pgLib().types.builtins.NUMERIC) return (text: string) => Number(text);
    return pgLib().types.getTypeParser(oid, format as 'text');
  },
};

/** The migrations' SQLite-flavoured column types in PostgreSQL's words. */
class PortableTypes extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode, queryId?: Parameters<OperationNodeTransformer['transformColumnDefinition']>[1]): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node, queryId);
    const integerKey = node.primaryKey && DataTypeNode.is(node.dataType) && node.dataType.dataType === 'integer';
    if (!out.autoIncrement && !integerKey) return out;
    // SQLite's "integer primary key" (autoincrement or not) is assigned when an insert leaves it out: an identity
    // column does the same.
    return { ...out, autoIncrement: undefined, dataType: DataTypeNode.create('bigint'), generated: GeneratedNode.create({ identity: true, byDefault: true }) };
  }
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const map: Record<string, 'bigint' | 'double precision' | 'bytea'> = { integer: 'bigint', real: 'double precision', blob: 'bytea' };
    const to = map[node.dataType];
    return to ? DataTypeNode.create(to) : node;
  }
}

class PortableTypesPlugin implements KyselyPlugin {
  private readonly t = new PortableTypes();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const k = args.node.kind;
    return k === 'CreateTableNode' || k === 'AlterTableNode' ? this.t.transformNode(args.node, args.queryId) : args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Per pool: how long a transaction waits for the write lock before failing as busy (55P03). At least 1 ms: 0 means
 * "don't wait" to SQLite's busy_timeout but "wait forever" to PostgreSQL's lock_timeout.
 */
const LOCK_TIMEOUT = new WeakMap<object, { ms: number }>();

class SerializedDriver extends PostgresDriver {
  constructor(
    config: ConstructorParameters<typeof PostgresDriver>[0],
    private readonly timeout: { ms: number },
  ) {
    super(config);
  }
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    try {
      await connection.executeQuery(CompiledQuery.raw(`set local lock_timeout = ${Math.max(1, Math.round(this.timeout.ms))}`));
      await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK})`));
    } catch (e) {
      // Kysely does not roll back a transaction whose begin failed: end it here, or the pooled connection would go
      // back to the pool inside an aborted transaction.
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
      throw e;
    }
  }
}

class SerializedDialect extends PostgresDialect {
  constructor(
    private readonly cfg: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly timeout: { ms: number },
  ) {
    super(cfg);
  }
  override createDriver(): Driver {
    return new SerializedDriver(this.cfg, this.timeout);
  }
}

/** Sets how long this handle's transactions wait for another writer (see isDatabaseBusy). */
export function setPostgresLockTimeout(db: Kysely<Database>, ms: number): void {
  const t = LOCK_TIMEOUT.get(db);
  if (t) t.ms = ms;
}

/**
 * Start-up options of a maintenance session (migrations, backup, restore): a DBA's `statement_timeout` or
 * `idle_in_transaction_session_timeout` (ALTER ROLE/DATABASE … SET) protects the server from runaway requests, but
 * would cut off a migration of a large table, a snapshot read while the backup file is written, or a restore's COPY
 * half-way. Options sent when connecting take precedence over those per-role and per-database defaults.
 */
const MAINTENANCE_OPTIONS = '-c statement_timeout=0 -c idle_in_transaction_session_timeout=0';

/**
 * A Kysely over a PostgreSQL pool, nothing read or written yet. `maintenance`: without the database's statement and
 * idle-in-transaction timeouts (MAINTENANCE_OPTIONS); requests keep them, and a request they cut off is answered as
 * DATABASE_TIMEOUT (isDatabaseTimeout).
 */
export function connectPostgres(url: string, opts: { max?: number; readOnly?: boolean; maintenance?: boolean } = {}): Kysely<Database> {
  const timeout = { ms: busyTimeoutMs('cli') };
  // The database's own rule for text order is the engine's collation; timestamps are text, so no time zone applies.
  const options = [opts.readOnly ? '-c default_transaction_read_only=on' : '', opts.maintenance ? MAINTENANCE_OPTIONS : ''].filter(Boolean).join(' ');
  const pool = new (pgLib().Pool)({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 10_000,
    types,
    ...(options ? { options } : {}),
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new SerializedDialect({ pool }, timeout), plugins: [new PortableTypesPlugin()] });
  LOCK_TIMEOUT.set(db, timeout);
  POOLS.set(db, { pool, timeout });
  return db;
}

const POOLS = new WeakMap<object, { pool: pg.Pool; timeout: { ms: number } }>();

/**
 * Runs `fn` on a pg client of the handle's pool inside a transaction that holds the write lock, as every Kysely
 * transaction does: for COPY, which Kysely does not speak.
 */
export async function withPgTransaction<T>(db: Kysely<Database>, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const entry = POOLS.get(db);
  if (!entry) throw new Error('withPgTransaction: this Kysely instance was not opened by connectPostgres');
  const client = await entry.pool.connect();
  try {
    await client.query('begin');
    await client.query(`set local lock_timeout = ${Math.max(1, Math.round(entry.timeout.ms))}`);
    // Bulk loads (COPY of a chunk of hours) are long statements by nature; a request-sized timeout must not cut them.
    await client.query('set local statement_timeout = 0');
    await client.query('set local idle_in_transaction_session_timeout = 0');
    await client.query(`select pg_advisory_xact_lock(${WRITE_LOCK})`);
    const out = await fn(client);
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** A value in COPY's text format. */
function copyText(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Any value of a restored row in COPY's text format (bytea as hex, whose backslash COPY's escaping doubles). */
function copyCell(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (Buffer.isBuffer(v)) return copyText(`\\x${v.toString('hex')}`);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' || typeof v === 'string') return copyText(v);
  throw new TypeError(`cannot COPY a value of type ${typeof v}`);
}

/** COPY rows (flat, `columns.length` values each) into a table: PostgreSQL's bulk load, far faster than inserts. */
export async function copyRows(client: pg.PoolClient, table: string, columns: readonly string[], flat: readonly (string | number | Uint8Array | null)[]): Promise<void> {
  if (!flat.length) return;
  const width = columns.length;
  const lines: string[] = [];
  // bytea as hex, its backslash doubled by COPY's text format (as copyCell).
  const cell = (v: string | number | Uint8Array | null) => (v instanceof Uint8Array ? `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}` : copyText(v));
  for (let i = 0; i < flat.length; i += width) {
    let line = cell(flat[i]!);
    for (let j = 1; j < width; j++) line += '\t' + cell(flat[i + j]!);
    lines.push(line);
  }
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  await pipeline(Readable.from(chunks(lines)), stream);
}

function* chunks(lines: string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += 4096) yield lines.slice(i, i + 4096).join('\n') + '\n';
}

/** The reason a connection failed, in both languages, without the password. */
function connectionProblem(url: string, e: unknown): DatabaseError {
  const shown = redactUrl(url);
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  const [zh, en] = ((): [string, string] => {
    switch (err.code) {
      case 'ECONNREFUSED':
        return [`无法连接 PostgreSQL 服务器（连接被拒绝，请检查主机与端口、服务是否运行）`, `cannot reach the PostgreSQL server (connection refused: check host, port and that it runs)`];
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return [`找不到 PostgreSQL 服务器的主机名`, `the PostgreSQL server's host name does not resolve`];
      case 'ETIMEDOUT':
        return [`连接 PostgreSQL 服务器超时`, `connecting to the PostgreSQL server timed out`];
      case '28P01':
      case '28000':
        return [`PostgreSQL 用户名或密码错误，或该用户无权登录`, `PostgreSQL refused the user name or password`];
      case '3D000':
        return [`PostgreSQL 中没有这个数据库，请先创建（createdb）`, `the database does not exist on the PostgreSQL server: create it first (createdb)`];
      default:
        if (/timeout/i.test(msg)) return [`连接 PostgreSQL 服务器超时`, `connecting to the PostgreSQL server timed out`];
        return [`无法打开 PostgreSQL 数据库`, `cannot open the PostgreSQL database`];
    }
  })();
  return new DatabaseError('DB_OPEN_FAILED', `${zh}：${shown}（${msg}）`, `${en}: ${shown} (${msg})`);
}

/** Names of the migrations applied to the database, read without writing (none for an empty database). */
async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await db.executeQuery<{ name: string }>(CompiledQuery.raw(`select to_regclass('${MIGRATION_TABLE}') is not null as name`));
  if (!rows[0]?.name) return [];
  const applied = await db.executeQuery<{ name: string }>(CompiledQuery.raw(`select name from ${MIGRATION_TABLE}`));
  return applied.rows.map((r) => r.name);
}

/** Refuses a URL that names no host or database, before any connection. */
function checkUrl(url: string): void {
  const shown = redactUrl(url);
  try {
    const u = new URL(url);
    if (!u.hostname || u.pathname.length <= 1) throw new Error('host or database name missing');
  } catch (e) {
    throw new DatabaseError('DB_OPEN_FAILED', `数据库地址无效：${shown}（应为 postgres://用户@主机:端口/数据库）`, `invalid database URL ${shown} (expected postgres://user@host:port/database): ${(e as Error).message}`);
  }
}

/** One connection inside one transaction, seen as a Kysely whose every query runs on it (backup and restore). */
export interface PinnedTransaction {
  db: Kysely<Database>;
  /** COPY rows (values as a restore reads them: null, number, bigint, string, Buffer) into a table, in the transaction. */
  copy(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Opens one connection and begins one transaction on it; nothing is migrated. Kysely's own transactions cannot be
 * used here: they take the write lock for their whole life, which would stop the server for a whole backup.
 * - 'snapshot': REPEATABLE READ, READ ONLY, no lock: every query sees the database as of its first one while
 *   writers go on (MVCC, as pg_dump reads). Integers come back as exact text (the backup format takes them so).
 * - 'write': takes the write lock every ecoplan transaction takes, so no server instance writes between the checks,
 *   the migrations and the rows of a restore; rolled back whole if anything fails (PostgreSQL's DDL is
 *   transactional), so a refused restore leaves the database as it was. Integers as the rest of ecoplan reads them.
 */
export async function pinnedTransaction(url: string, mode: 'snapshot' | 'write'): Promise<PinnedTransaction> {
  checkUrl(url);
  // A maintenance session: a backup's snapshot stays open while the file is written, a restore's COPY is long.
  const client = new (pgLib().Client)({ connectionString: url, connectionTimeoutMillis: 10_000, options: MAINTENANCE_OPTIONS, ...(mode === 'write' ? { types } : {}) });
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (mode === 'snapshot') await client.query('begin isolation level repeatable read, read only');
    else {
      await client.query('begin');
      await client.query(`set local lock_timeout = ${Math.max(1, Math.round(busyTimeoutMs('cli')))}`);
      await client.query(`select pg_advisory_xact_lock(${WRITE_LOCK})`);
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    if (isDatabaseBusy(e))
      throw new DatabaseError('DB_BUSY', `数据库 ${redactUrl(url)} 正被另一个进程写入，等待超时；未做任何修改，请稍后重试。`, `database ${redactUrl(url)} is being written by another process and the wait timed out; nothing was changed, retry later.`);
    throw connectionProblem(url, e);
  }
  // A pool of this one connection: Kysely acquires and releases it per query, and never ends it.
  const one = { query: client.query.bind(client), release: () => undefined };
  const pool = { connect: async () => one, end: async () => undefined };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }), plugins: [new PortableTypesPlugin()] });
  let ended = false;
  const end = async (how: 'commit' | 'rollback') => {
    if (ended) return;
    ended = true;
    try {
      await client.query(how);
    } finally {
      await db.destroy().catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  };
  const copy = async (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => {
    if (!rows.length) return;
    const text = rows.map((r) => r.map(copyCell).join('\t')).join('\n') + '\n';
    const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
    await pipeline(Readable.from([text]), stream);
  };
  return { db, copy, commit: () => end('commit'), rollback: () => end('rollback') };
}

/** Opens and migrates a PostgreSQL database; a bad URL, unreachable server, wrong password or newer schema writes nothing. */
export async function openPostgres(url: string, provider: MigrationProvider): Promise<OpenedDatabase> {
  const shown = redactUrl(url);
  checkUrl(url);
  const db = connectPostgres(url);
  let applied: string[];
  try {
    applied = await appliedMigrations(db);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw connectionProblem(url, e);
  }
  const newer = applied.filter((n) => !(n in MIGRATIONS));
  if (newer.length) {
    await db.destroy();
    throw new DatabaseError(
      'DB_NEWER_SCHEMA',
      `数据库 ${shown} 由较新版本的 ecoplan 创建（未知迁移：${newer.join('、')}）。为免损坏数据，未做任何修改；请升级 ecoplan 或用 --db 指定其他数据库。`,
      `database ${shown} was written by a newer ecoplan (unknown migrations: ${newer.join(', ')}). Nothing was changed; upgrade ecoplan or choose another database with --db.`,
    );
  }
  let done: string[] = [];
  if (applied.length !== Object.keys(MIGRATIONS).length) {
    // Migrations on a session of their own, without the request timeouts (a migration may rewrite a large table).
    const maintenance = connectPostgres(url, { max: 1, maintenance: true });
    const migrator = new Migrator({ db: maintenance, provider, migrationTableName: MIGRATION_TABLE });
    const { error, results } = await migrator.migrateToLatest().finally(() => maintenance.destroy());
    if (error) {
      await db.destroy();
      if (isDatabaseBusy(error))
        throw new DatabaseError('DB_BUSY', `数据库 ${shown} 正被另一个进程写入，等待超时；未做任何修改，请稍后重试。`, `database ${shown} is being written by another process and the wait timed out; nothing was changed, retry later.`);
      throw new DatabaseError('DB_MIGRATION_FAILED', `数据库迁移失败：${String(error)}`, `database migration failed: ${String(error)}`);
    }
    done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
  await recoverInterruptedBatchesPostgres(db);
  return { db, path: shown, location: url, dialect: 'postgres', applied: done };
}
