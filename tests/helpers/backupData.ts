// Test data for the backup tests (tests/backup.test.ts, tests/postgres/backup.test.ts): a row in every table, and
// per-table checksums computed here, independently of the backup code, on SQLite and on PostgreSQL alike.
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { newDayBuffer } from '../../src/monitoring/air.js';
import { decodeDayHoursInto, encodeDayHours } from '../../src/monitoring/hourBlob.js';

// Rows that only a migration of the schema table itself holds, or that say when the migrations ran: not content.
export const NOT_CONTENT = new Set(['kysely_migration', 'kysely_migration_lock', 'sqlite_sequence']);

/** Per table: row count and a sha-256 over its rows, each written out and sorted here (no code of the backup). */
export function tableChecksums(path: string): Map<string, { rows: number; sha256: string }> {
  const db = new SQLite(path, { readonly: true });
  try {
    const out = new Map<string, { rows: number; sha256: string }>();
    const tables = (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((r) => r.name).filter((n) => !NOT_CONTENT.has(n));
    for (const t of tables) {
      const rows = (db.prepare(`select * from "${t}"`).safeIntegers(true).raw(true).all() as unknown[][]).map((r) =>
        JSON.stringify(
          r.map((v) => (Buffer.isBuffer(v) ? `hex:${v.toString('hex')}` : v)),
          (_k, v: unknown) => (typeof v === 'bigint' ? `int:${v}` : typeof v === 'number' ? `real:${Object.is(v, -0) ? '-0' : String(v)}` : v),
        ),
      );
      rows.sort();
      out.set(t, { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') });
    }
    return out;
  } finally {
    db.close();
  }
}

/** One row in every table the CLI left empty, its foreign keys pointing at existing rows; values of each kind. */
export function fillEmptyTables(path: string): void {
  const db = new SQLite(path);
  db.pragma('foreign_keys = ON');
  const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as { name: string }[]).map((r) => r.name);
  let pending = tables.filter((t) => (db.prepare(`select count(*) n from "${t}"`).get() as { n: number }).n === 0);
  for (let pass = 0; pending.length && pass < 10; pass++) {
    pending = pending.filter((t) => {
      const cols = db.prepare(`select name, type from pragma_table_info(?)`).all(t) as { name: string; type: string }[];
      const fks = db.prepare(`select "table", "from", "to" from pragma_foreign_key_list(?)`).all(t) as { table: string; from: string; to: string }[];
      const row: Record<string, unknown> = {};
      for (const c of cols) {
        const fk = fks.find((f) => f.from === c.name);
        if (fk) {
          const parent = db.prepare(`select "${fk.to ?? 'rowid'}" v from "${fk.table}" limit 1`).get() as { v: unknown } | undefined;
          if (!parent) return true; // its parent is empty still: next pass
          row[c.name] = parent.v;
        } else if (/int/i.test(c.type)) row[c.name] = 7;
        else if (/real/i.test(c.type)) row[c.name] = 0.1 + 0.2;
        else if (/blob/i.test(c.type)) row[c.name] = Buffer.from([0, 255, 1, 254, 0x1f, 0x8b, 10, 13]);
        else row[c.name] = `样例 ${t}.${c.name} ✓ "quoted"\n`;
      }
      db.prepare(`insert into "${t}" (${cols.map((c) => `"${c.name}"`).join(', ')}) values (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c.name]));
      return false;
    });
  }
  if (pending.length) throw new Error(`could not fill ${pending.join(', ')}`);
  db.close();
}

/**
 * The same checksums as tableChecksums, read from a PostgreSQL database: each value rendered by its column's type
 * (bigint → int:, double → real:, bytea → hex:, text as is), as better-sqlite3 renders SQLite's storage classes.
 * `tables`: the names to read (the SQLite list: PostgreSQL adds air_days' yearly partitions, read through air_days).
 */
export async function pgTableChecksums(url: string, tables: Iterable<string>): Promise<Map<string, { rows: number; sha256: string }>> {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (v: string) => v } });
  await client.connect();
  try {
    const out = new Map<string, { rows: number; sha256: string }>();
    for (const t of tables) {
      const r = await client.query({ text: `select * from "${t}"`, rowMode: 'array' });
      const render = r.fields.map((f) => {
        if (f.dataTypeID === 20 || f.dataTypeID === 23) return (v: string) => `int:${v}`;
        if (f.dataTypeID === 701) return (v: string) => `real:${v === '-0' ? '-0' : String(Number(v))}`;
        if (f.dataTypeID === 17) return (v: string) => `hex:${v.slice(2)}`; // bytea's hex output: \x…
        return (v: string) => v;
      });
      const rows = (r.rows as (string | null)[][]).map((row) => JSON.stringify(row.map((v, i) => (v === null ? null : render[i]!(v)))));
      rows.sort();
      out.set(t, { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') });
    }
    return out;
  } finally {
    await client.end();
  }
}

/**
 * Writes new versions of one observation (indicator 13, the plan's region, 2023: values 74.0000, 74.0001, …) through
 * the API one after another until stopped, as a user revising a value would; each write is followed by its audit
 * entry in a transaction of its own. 503 (busy) answers are retried; anything else fails the writer.
 */
export function observationWriter(base: string, cookie: string, csrfToken: string, region: string) {
  let written = 0;
  let writing = true;
  const done = (async () => {
    for (let i = 0; writing; i++) {
      const res = await fetch(`${base}/plans/default/observations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ indicator: 13, region, year: 2023, value: `74.${String(i).padStart(4, '0')}`, source: '备份测试 / backup test', reason: `第 ${i} 次修改 / change ${i}` }),
      });
      if (res.status === 200) written++;
      else if (res.status !== 503) throw new Error(`write answered ${res.status}: ${await res.text()}`);
    }
  })();
  return {
    /** How many writes the server has answered 200 so far. */
    get written() {
      return written;
    },
    /** Stops after the write under way; rejects if a write failed. */
    async stop() {
      writing = false;
      await done;
    },
  };
}

/**
 * Edits one cell of a backup's lines as damage would: in `table`'s section, the first row holding a decimal text
 * ("74.6") gets that decimal's first digit changed. Rows are in id order, which differs from run to run, and not
 * every row has a decimal: the row is searched for, and a section without one fails loudly instead of leaving the
 * file unchanged.
 */
export function damageDecimal(lines: string[], table: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`{"kind":"table","name":"${table}"`));
  if (start < 0) throw new Error(`no section for table ${table}`);
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('{"kind":"end"'); i++) {
    const changed = lines[i]!.replace(/"(\d+)\.(\d)/, (_m, a: string, b: string) => `"${a}.${(Number(b) + 1) % 10}`);
    if (changed !== lines[i]) {
      lines[i] = changed;
      return lines;
    }
  }
  throw new Error(`no row of ${table} holds a decimal text to damage`);
}

/** The long exact decimal and the binary bytes the seeded source holds (a careless format would bend them). */
export const SEED_DECIMAL = '0.1000000000000000055511151231257827021181583404541015625';
/** The NO2 of the first stored air slot: a double that is no short decimal. */
export const SEED_AIR_NO2 = 0.1 + 0.2;
export const SEED_BLOB = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));

/**
 * The database both backup test files start from, made with the commands a deployment runs (`cli` runs one and
 * fails the test if it fails): the demo plan, a station-year of monitoring, an admin, an audit checkpoint; then,
 * written directly (the CLI would tidy a batch row away on open), a row in every table no command filled and values
 * that a careless format would bend — a long exact decimal, an integer at 2^53−1, binary bytes, a float sum, an
 * infinite monitoring value (stored by old imports: `monitoring repair`), an import in flight on another host.
 */
export function seedBackupSource(source: string, cli: (args: string[], input?: string) => void): void {
  cli(['demo', 'load', '--db', source]);
  cli(['demo', 'monitoring', '--stations', '1', '--year', '2024', '--db', source]);
  cli(['user', 'add', '--username', 'admin', '--role', 'admin', '--password-stdin', '--db', source], 'Backup-test-pw-2025!\n');
  cli(['audit', 'checkpoint', '--db', source]);
  fillEmptyTables(source);
  const raw = new SQLite(source);
  try {
    raw.prepare('update observations set value_text = ? where rowid = (select min(rowid) from observations)').run(SEED_DECIMAL);
    raw.prepare('update project_versions set investment_wan = ?').run(9007199254740991n);
    raw.prepare('update portal_documents set body = ?').run(SEED_BLOB);
    raw.prepare("update monitoring_batches set staged = '[]', host = 'another-host', heartbeat_at = '2024-01-01T00:00:00.000Z'").run();
    // A stored day keeps any double: SO2 Infinity and NO2 0.1 + 0.2 in its first slot (src/monitoring/hourBlob.ts).
    const first = raw.prepare('select station_code, day, import_id, data from air_days order by station_code, day limit 1').get() as { station_code: string; day: string; import_id: string; data: Buffer };
    const buf = newDayBuffer();
    decodeDayHoursInto(first.data, buf);
    [buf[0], buf[24]] = [Infinity, SEED_AIR_NO2];
    raw.prepare('update air_days set data = ?, slots = slots | 1 where station_code = ? and day = ? and import_id = ?').run(encodeDayHours(buf), first.station_code, first.day, first.import_id);
  } finally {
    raw.close();
  }
}
