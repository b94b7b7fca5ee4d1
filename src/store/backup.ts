// The portable backup format of a whole deployment, written and read through Kysely's generic interface
// so that it restores into either backend. The backend-specific parts (the snapshot, the text order, opening the
// target) are in snapshot.ts.
//
// A backup is one gzip'd file of JSON lines (docs/operations.md, "Backup file"):
//   {"kind":"header","product":"ecoplan","format":1,"version":…,"createdAt":…,"backend":…,"schema":[migrations…]}
//   then for every table, in load order:
//     {"kind":"table","name":…,"columns":[…]}
//     [cell, …]                                  one line per row, in canonical order (key columns, code points)
//     {"kind":"end","name":…,"rows":n,"sha256":…} sha-256 over the table's row lines (each with its "\n")
//   {"kind":"manifest", …the header's fields…, "tables":{name:{"rows":n,"sha256":…}}}
// Cells are canonical: null, integers as JSON numbers (decimal strings beyond 2^53), reals as the shortest JSON
// number that reads back to the same double ({"f":"Infinity"} etc. for non-finite), text as strings, blobs as
// {"b64":…}. Exact decimals are stored as text by ecoplan, so they pass as strings, digit for digit.
import { once } from 'node:events';
import { closeSync, createReadStream, createWriteStream, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { MIGRATIONS } from './db.js';
import type { Database } from './schema.js';
import { afterLoad, orderTerm, streamRows, type Backend } from './snapshot.js';

export const BACKUP_PRODUCT = 'ecoplan';
export const BACKUP_FORMAT = 1;

export type BackupErrorCode =
  | 'BACKUP_UNREADABLE'
  | 'BACKUP_NOT_ECOPLAN'
  | 'BACKUP_TRUNCATED'
  | 'BACKUP_CORRUPT'
  | 'BACKUP_NEWER_FORMAT'
  | 'BACKUP_NEWER_SCHEMA'
  | 'SOURCE_NEWER_SCHEMA'
  | 'TARGET_NOT_EMPTY'
  | 'TARGET_NEWER_SCHEMA'
  | 'RESTORE_MISMATCH'
  | 'AUDIT_BROKEN';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'BackupError';
  }
}

type Kind = 'int' | 'real' | 'text' | 'blob';
export interface TableSpec {
  name: string;
  columns: { name: string; kind: Kind }[];
  /** The columns rows are ordered by: the primary key, else every column. */
  order: string[];
}
export interface SchemaSpec {
  migrations: string[];
  /** Every table, in an order that loads without breaking a foreign key (and trigger-written tables last). */
  tables: TableSpec[];
  /** What the migrations themselves put in each table (a freshly made database): counts and checksums. */
  seeded: Map<string, TableDigest>;
}
export interface TableDigest {
  rows: number;
  sha256: string;
}
export interface BackupHeader {
  product: string;
  format: number;
  version: string;
  createdAt: string;
  backend: Backend;
  schema: string[];
}
export interface Manifest extends BackupHeader {
  tables: Record<string, TableDigest>;
}

const specs = new Map<string, Promise<SchemaSpec>>();

/**
 * The tables as the migrations `migrations` (a prefix of this build's) define them, read from a throwaway in-memory
 * SQLite database migrated to that level. The migrations are the same on every backend, so this describes a
 * PostgreSQL database of that level too: columns with their portable types, keys, foreign keys, trigger targets.
 */
export function schemaSpec(migrations: readonly string[]): Promise<SchemaSpec> {
  const key = migrations.join(',');
  let p = specs.get(key);
  if (!p) specs.set(key, (p = buildSpec([...migrations])));
  return p;
}

async function buildSpec(migrations: string[]): Promise<SchemaSpec> {
  const raw = new SQLite(':memory:');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    const subset = Object.fromEntries(migrations.map((n) => [n, MIGRATIONS[n]!]));
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => subset }, migrationTableName: 'kysely_migration' }).migrateToLatest();
    if (error) throw error;
    const names = (raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\' order by name").all() as { name: string }[]).map((r) => r.name);
    const deps = new Map<string, Set<string>>();
    const byName = new Map<string, TableSpec>();
    for (const name of names) {
      const cols = raw.prepare(`select name, type, pk from pragma_table_info(?) order by cid`).all(name) as { name: string; type: string; pk: number }[];
      const pk = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      byName.set(name, { name, columns: cols.map((c) => ({ name: c.name, kind: kindOf(c.type) })), order: pk.length ? pk : cols.map((c) => c.name) });
      const fks = raw.prepare('select "table" from pragma_foreign_key_list(?)').all(name) as { table: string }[];
      deps.set(name, new Set(fks.map((f) => f.table).filter((t) => t !== name)));
    }
    // Tables that triggers write (a version counter bumped by inserts into the facts) go last, so loading the facts
    // cannot change them after they were loaded.
    const triggerSql = (raw.prepare("select sql from sqlite_master where type = 'trigger'").all() as { sql: string }[]).map((r) => r.sql);
    const written = new Set<string>();
    for (const s of triggerSql) for (const m of s.slice(s.search(/\bbegin\b/i)).matchAll(/\b(?:update|insert\s+into|delete\s+from)\s+"?(\w+)"?/gi)) written.add(m[1]!);
    const order: string[] = [];
    const placed = new Set<string>();
    const place = (rest: string[]) => {
      let progress = true;
      while (rest.some((n) => !placed.has(n)) && progress) {
        progress = false;
        for (const n of rest)
          if (!placed.has(n) && [...deps.get(n)!].every((d) => placed.has(d) || !byName.has(d))) {
            order.push(n);
            placed.add(n);
            progress = true;
          }
      }
      const stuck = rest.filter((n) => !placed.has(n));
      if (stuck.length) throw new Error(`foreign keys form a cycle among ${stuck.join(', ')}`);
    };
    place(names.filter((n) => !written.has(n)));
    place(names.filter((n) => written.has(n)));
    const tables = order.map((n) => byName.get(n)!);
    const seeded = new Map<string, TableDigest>();
    for (const t of tables) seeded.set(t.name, await digestTable(db, t));
    return { migrations, tables, seeded };
  } finally {
    await db.destroy();
  }
}

/** A declared column type (SQLite's, as the portable migrations spell it) as a kind of canonical cell. */
function kindOf(type: string): Kind {
  const t = type.toLowerCase();
  if (/int/.test(t)) return 'int';
  if (/real|floa|doub/.test(t)) return 'real';
  if (/blob|bytea/.test(t)) return 'blob';
  return 'text';
}

type Cell = null | number | string | { b64: string } | { f: string };

/** A value read from either backend as its canonical cell (see the header of this file). */
function canon(kind: Kind, v: unknown, where: () => string): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return { b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { f: String(v) };
    // SQLite hands back integers beyond 2^53 already rounded: refuse rather than back up a different number.
    if (kind === 'int' && Number.isInteger(v) && !Number.isSafeInteger(v)) throw new Error(`${where()}: integer ${v} beyond 2^53 cannot be read exactly`);
    return v;
  }
  if (typeof v === 'string') {
    // PostgreSQL returns bigint as a string: the same integer as SQLite's number.
    if (kind === 'int' && /^-?\d+$/.test(v)) return Number.isSafeInteger(Number(v)) ? Number(v) : v.replace(/^(-?)0+(?=\d)/, '$1');
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new Error(`${where()}: unexpected value of type ${typeof v}`);
}

/** A canonical cell as a value to insert. */
function uncanon(kind: Kind, c: Cell): unknown {
  if (c === null || typeof c === 'number') return c;
  if (typeof c === 'string') return kind === 'int' && /^-?\d+$/.test(c) ? BigInt(c) : c;
  if ('b64' in c) return Buffer.from(c.b64, 'base64');
  return Number(c.f);
}

/** Reads a table in canonical order; each row line (without "\n") goes to `onRow`. Returns count and checksum. */
export async function digestTable(db: Kysely<Database>, t: TableSpec, onRow?: (line: string) => void | Promise<void>): Promise<TableDigest> {
  const kinds = new Map(t.columns.map((c) => [c.name, c.kind]));
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let q = any.selectFrom(t.name).select(t.columns.map((c) => c.name));
  for (const c of t.order) q = q.orderBy(orderTerm(db, c, kinds.get(c) === 'text'));
  const hash = createHash('sha256');
  let rows = 0;
  for await (const r of streamRows(db, q)) {
    rows++;
    const line = JSON.stringify(t.columns.map((c) => canon(c.kind, r[c.name], () => `${t.name} row ${rows} column ${c.name}`)));
    hash.update(line + '\n');
    if (onRow) await onRow(line);
  }
  return { rows, sha256: hash.digest('hex') };
}

/**
 * Writes the portable backup of `db` (a consistent snapshot: snapshot.ts) to `out`, through a temporary file renamed
 * at the end, so a backup cut short never sits at `out`.
 */
export async function writeBackup(db: Kysely<Database>, header: Omit<BackupHeader, 'product' | 'format' | 'schema'>, migrations: string[], out: string): Promise<Manifest> {
  const known = Object.keys(MIGRATIONS);
  const unknown = migrations.filter((n) => !known.includes(n));
  if (unknown.length || migrations.some((n, i) => known[i] !== n))
    throw new BackupError(
      'SOURCE_NEWER_SCHEMA',
      `数据库由较新或不同版本的 ecoplan 写入（未知迁移：${unknown.join('、') || '顺序不同'}）：请用该版本备份`,
      `the database was written by a newer or different ecoplan (unknown migrations: ${unknown.join(', ') || 'a different order'}): back it up with that version`,
    );
  const spec = await schemaSpec(migrations);
  const tmp = `${out}.partial`;
  const gz = createGzip({ level: 6 });
  const file = createWriteStream(tmp);
  gz.pipe(file);
  const write = async (s: string) => {
    if (!gz.write(s + '\n')) await once(gz, 'drain');
  };
  const head: BackupHeader = { product: BACKUP_PRODUCT, format: BACKUP_FORMAT, schema: migrations, ...header };
  const manifest: Manifest = { ...head, tables: {} };
  try {
    await write(JSON.stringify({ kind: 'header', ...head }));
    for (const t of spec.tables) {
      await write(JSON.stringify({ kind: 'table', name: t.name, columns: t.columns.map((c) => c.name) }));
      const d = await digestTable(db, t, (line) => (gz.write(line + '\n') ? undefined : once(gz, 'drain').then(() => undefined)));
      manifest.tables[t.name] = d;
      await write(JSON.stringify({ kind: 'end', name: t.name, ...d }));
    }
    await write(JSON.stringify({ kind: 'manifest', ...manifest }));
    gz.end();
    await once(file, 'close');
    renameSync(tmp, out);
    return manifest;
  } catch (e) {
    gz.destroy();
    file.destroy();
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The lines of a gzip'd file; a damaged or cut-off file throws BACKUP_TRUNCATED / BACKUP_CORRUPT. */
async function* fileLines(path: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const input = createReadStream(path);
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let i: number;
      while ((i = rest.indexOf('\n')) >= 0) {
        yield rest.slice(0, i);
        rest = rest.slice(i + 1);
      }
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') throw truncated(path);
    if (code === 'Z_DATA_ERROR') throw new BackupError('BACKUP_CORRUPT', `备份文件 ${path} 已损坏（压缩数据校验失败：${(e as Error).message}）`, `the backup file ${path} is damaged (compressed data fails its check: ${(e as Error).message})`);
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new BackupError('BACKUP_UNREADABLE', `无法读取备份文件 ${path}：${(e as Error).message}`, `cannot read the backup file ${path}: ${(e as Error).message}`);
    throw e;
  } finally {
    input.destroy();
  }
  rest += decoder.end();
  if (rest) yield rest;
}

const truncated = (path: string) =>
  new BackupError('BACKUP_TRUNCATED', `备份文件 ${path} 不完整（被截断，缺少结尾的清单）`, `the backup file ${path} is incomplete (cut off: its closing manifest is missing)`);

const corrupt = (path: string, zh: string, en: string) => new BackupError('BACKUP_CORRUPT', `备份文件 ${path} 已损坏：${zh}`, `the backup file ${path} is damaged: ${en}`);

/** Receives the rows of each table while a backup is read (restore). */
export interface RowSink {
  table(t: TableSpec): Promise<void>;
  rows(t: TableSpec, rows: unknown[][]): Promise<void>;
}

/**
 * Reads a backup file from start to end and checks all of it: product, format, schema (known to this build), every
 * table against the schema, every row count and checksum, the closing manifest. With `sink`, the rows go there as
 * they are read (in batches); the caller's transaction is rolled back if this throws. Returns the manifest.
 */
export async function readBackup(path: string, sink?: RowSink): Promise<{ manifest: Manifest; spec: SchemaSpec }> {
  if (!existsSync(path)) throw new BackupError('BACKUP_UNREADABLE', `备份文件不存在：${path}`, `no backup file at ${path}`);
  let header: BackupHeader | null = null;
  let spec: SchemaSpec | null = null;
  let manifest: Manifest | null = null;
  let current: { t: TableSpec; hash: ReturnType<typeof createHash>; rows: number; batch: unknown[][] } | null = null;
  const seen = new Map<string, TableDigest>();
  let lineNo = 0;
  const batchSize = (t: TableSpec) => Math.max(1, Math.min(1000, Math.floor(8000 / t.columns.length)));
  checkMagic(path);
  for await (const line of fileLines(path)) {
    lineNo++;
    if (manifest) throw corrupt(path, `清单之后还有内容（第 ${lineNo} 行）`, `content after the manifest (line ${lineNo})`);
    if (lineNo === 1) {
      header = parseHeader(path, line);
      spec = await schemaSpec(header.schema);
      continue;
    }
    if (line.startsWith('[')) {
      if (!current) throw corrupt(path, `第 ${lineNo} 行的数据行不属于任何表`, `row at line ${lineNo} belongs to no table`);
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw corrupt(path, `第 ${lineNo} 行不是有效的 JSON`, `line ${lineNo} is not valid JSON`);
      }
      if (!Array.isArray(row) || row.length !== current.t.columns.length)
        throw corrupt(path, `第 ${lineNo} 行（表 ${current.t.name}）的列数不符`, `line ${lineNo} (table ${current.t.name}) has the wrong number of cells`);
      current.hash.update(line + '\n');
      current.rows++;
      if (sink) {
        const t = current.t;
        current.batch.push(row.map((c: Cell, i) => uncanon(t.columns[i]!.kind, c)));
        if (current.batch.length >= batchSize(t)) {
          await sink.rows(t, current.batch);
          current.batch = [];
        }
      }
      continue;
    }
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw corrupt(path, `第 ${lineNo} 行不是有效的 JSON`, `line ${lineNo} is not valid JSON`);
    }
    if (obj.kind === 'table') {
      if (current) throw corrupt(path, `表 ${current.t.name} 未结束就开始了下一个表（第 ${lineNo} 行）`, `table ${current.t.name} has no end before line ${lineNo}`);
      const t = spec!.tables.find((x) => x.name === obj.name);
      if (!t || seen.has(t.name)) throw corrupt(path, `第 ${lineNo} 行的表 ${String(obj.name)} 不在该结构版本中或重复出现`, `table ${String(obj.name)} at line ${lineNo} is not in the schema, or appears twice`);
      const cols = obj.columns as unknown;
      if (!Array.isArray(cols) || cols.join('\u0000') !== t.columns.map((c) => c.name).join('\u0000'))
        throw corrupt(path, `表 ${t.name} 的列与结构版本不符`, `the columns of table ${t.name} do not match the schema`);
      current = { t, hash: createHash('sha256'), rows: 0, batch: [] };
      if (sink) await sink.table(t);
    } else if (obj.kind === 'end') {
      if (!current || obj.name !== current.t.name) throw corrupt(path, `第 ${lineNo} 行的表结尾不对应当前表`, `the table end at line ${lineNo} does not match the open table`);
      if (sink && current.batch.length) await sink.rows(current.t, current.batch);
      const got = { rows: current.rows, sha256: current.hash.digest('hex') };
      if (obj.rows !== got.rows || obj.sha256 !== got.sha256)
        throw corrupt(path, `表 ${current.t.name} 的行数或校验和不符（记录 ${String(obj.rows)} 行，读到 ${got.rows} 行）`, `table ${current.t.name} fails its row count or checksum (recorded ${String(obj.rows)} rows, read ${got.rows})`);
      seen.set(current.t.name, got);
      current = null;
    } else if (obj.kind === 'manifest') {
      if (current) throw truncated(path);
      const m = obj as unknown as Manifest;
      const { kind: _k, tables, ...head } = obj;
      void _k;
      const fields = ['product', 'format', 'version', 'createdAt', 'backend', 'schema'] as const;
      if (fields.some((f) => JSON.stringify((head as Record<string, unknown>)[f]) !== JSON.stringify(header![f]))) throw corrupt(path, '结尾清单与文件头不一致', 'the closing manifest disagrees with the header');
      const missing = spec!.tables.filter((t) => !seen.has(t.name)).map((t) => t.name);
      if (missing.length) throw corrupt(path, `缺少表：${missing.join('、')}`, `tables missing: ${missing.join(', ')}`);
      for (const [name, d] of seen) {
        const listed = (tables as Record<string, TableDigest> | undefined)?.[name];
        if (!listed || listed.rows !== d.rows || listed.sha256 !== d.sha256) throw corrupt(path, `清单中表 ${name} 的行数或校验和不符`, `the manifest's row count or checksum of table ${name} does not match`);
      }
      manifest = { ...m };
      delete (manifest as unknown as Record<string, unknown>).kind;
    } else throw corrupt(path, `第 ${lineNo} 行无法识别`, `line ${lineNo} is not understood`);
  }
  if (!header) throw truncated(path);
  if (!manifest) throw truncated(path);
  return { manifest, spec: spec! };
}

/** A file that is not gzip at all is another product's (a SQLite file gets its own hint); an empty one is cut off. */
function checkMagic(path: string): void {
  const head = Buffer.alloc(16);
  let n: number;
  try {
    const fd = openSync(path, 'r');
    try {
      n = readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new BackupError('BACKUP_UNREADABLE', `无法读取备份文件 ${path}：${(e as Error).message}`, `cannot read the backup file ${path}: ${(e as Error).message}`);
  }
  if (n === 0) throw truncated(path);
  if (head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0')
    throw new BackupError(
      'BACKUP_NOT_ECOPLAN',
      `${path} 是 SQLite 数据库文件（如 backup --format sqlite 所写），不是可移植备份：停止服务后用它替换数据库文件即可恢复`,
      `${path} is a SQLite database file (as backup --format sqlite writes), not a portable backup: to restore it, stop the server and put it in place of the database file`,
    );
  if (n < 2 || head[0] !== 0x1f || head[1] !== 0x8b)
    throw new BackupError('BACKUP_NOT_ECOPLAN', `${path} 不是 ecoplan 备份文件（不是 gzip 压缩的 JSON 行）`, `${path} is not an ecoplan backup (not gzip'd JSON lines)`);
}

function parseHeader(path: string, line: string): BackupHeader {
  let h: Partial<BackupHeader> & { kind?: unknown };
  try {
    h = JSON.parse(line) as typeof h;
  } catch {
    h = {};
  }
  if (h?.product !== BACKUP_PRODUCT || h.kind !== 'header')
    throw new BackupError('BACKUP_NOT_ECOPLAN', `${path} 不是 ecoplan 备份文件（文件头未标明 product "ecoplan"）`, `${path} is not an ecoplan backup (its header does not name the product "ecoplan")`);
  if (typeof h.format !== 'number' || h.format > BACKUP_FORMAT)
    throw new BackupError('BACKUP_NEWER_FORMAT', `备份文件 ${path} 为格式 ${String(h.format)}，此版本只认识格式 ${BACKUP_FORMAT}：请升级 ecoplan`, `the backup file ${path} is in format ${String(h.format)}; this build reads format ${BACKUP_FORMAT}: upgrade ecoplan`);
  const known = Object.keys(MIGRATIONS);
  const schema = Array.isArray(h.schema) ? (h.schema as string[]) : [];
  const unknown = schema.filter((n) => !known.includes(n));
  if (unknown.length)
    throw new BackupError(
      'BACKUP_NEWER_SCHEMA',
      `备份文件 ${path} 来自较新版本的 ecoplan ${String(h.version)}（此版本不认识的迁移：${unknown.join('、')}）：请用该版本或更新版本恢复`,
      `the backup file ${path} comes from a newer ecoplan ${String(h.version)} (migrations this build does not know: ${unknown.join(', ')}): restore it with that version or a later one`,
    );
  if (!schema.length || schema.some((n, i) => known[i] !== n))
    throw corrupt(path, '文件头中的结构版本（迁移列表）无效', 'the schema (migration list) in its header is not valid');
  return { product: h.product, format: h.format, version: String(h.version), createdAt: String(h.createdAt), backend: h.backend as Backend, schema };
}

/** Tables of `db` whose rows differ from a freshly migrated database's (nothing but the migrations' own rows). */
export async function nonEmptyTables(db: Kysely<Database>, spec: SchemaSpec): Promise<{ name: string; rows: number }[]> {
  const out: { name: string; rows: number }[] = [];
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const t of spec.tables) {
    const { n } = (await any.selectFrom(t.name).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()) as { n: number | string };
    const rows = Number(n);
    const fresh = spec.seeded.get(t.name)!;
    if (rows !== fresh.rows || (rows > 0 && (await digestTable(db, t)).sha256 !== fresh.sha256)) out.push({ name: t.name, rows });
  }
  return out;
}

/**
 * Loads a backup into `db` in one transaction: every table emptied (the migrations' own rows, or with `force` all
 * content), then loaded in dependency order, then read back and compared with the manifest (counts and checksums),
 * then `check` (the audit chain). Any failure rolls everything back. With `inTransaction`, `db` is already that
 * transaction (a PostgreSQL restore target: snapshot.ts) and its owner commits or rolls back; `insert` loads a batch
 * of rows instead of Kysely's multi-row INSERT (PostgreSQL's COPY, on the same transaction).
 */
export async function loadBackup(
  db: Kysely<Database>,
  path: string,
  spec: SchemaSpec,
  check: (trx: Kysely<Database>) => Promise<void>,
  opts: { inTransaction?: boolean; insert?: (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => Promise<void> } = {},
): Promise<Manifest> {
  const body = async (trx: Kysely<Database>) => {
    const any = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    for (const t of [...spec.tables].reverse()) await any.deleteFrom(t.name).execute();
    const { manifest } = await readBackup(path, {
      table: async () => {},
      rows: async (t, rows) => {
        if (opts.insert) return opts.insert(t.name, t.columns.map((c) => c.name), rows);
        const values = rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])));
        await any.insertInto(t.name).values(values).execute();
      },
    });
    for (const t of spec.tables) {
      const got = await digestTable(trx, t);
      const want = manifest.tables[t.name]!;
      if (got.rows !== want.rows || got.sha256 !== want.sha256)
        throw new BackupError(
          'RESTORE_MISMATCH',
          `恢复后表 ${t.name} 与备份不符（备份 ${want.rows} 行，库中 ${got.rows} 行，或校验和不同）：已回滚，未写入任何数据`,
          `after loading, table ${t.name} differs from the backup (backup ${want.rows} rows, database ${got.rows}, or checksums differ): rolled back, nothing written`,
        );
    }
    await afterLoad(trx, spec.tables.map((t) => t.name));
    await check(trx);
    return manifest;
  };
  return opts.inTransaction ? body(db) : db.transaction().execute(body);
}
