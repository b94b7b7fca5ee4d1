// Issue 14, finding 9: the hash chain alone missed two attacks — deleting the newest entries, and editing one then
// recomputing every later hash. Signed checkpoints (HMAC, key outside the database) catch both at `ecoplan audit
// verify`; an exported checkpoint file catches them even when the checkpoints in the database are deleted too.
// The attacks are made on the database file directly, as an intruder with the file would.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/db.js';
import { audit, auditHash, verifyAuditChain } from '../src/store/users.js';
import { tempDir } from './helpers/planFolder.js';

const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ECOPLAN_AUDIT_KEYS: '' } });

let template: string;
let exported: string;

/** A copy of the prepared database with its key file: six entries, a signed checkpoint of entry 6. */
function copy(): string {
  const db = join(tempDir(), 'audit.db');
  copyFileSync(template, db);
  copyFileSync(`${template}.audit-keys.json`, `${db}.audit-keys.json`);
  return db;
}

/** Edits entry `seq` and recomputes its hash and every later one, so that the chain is whole again. */
function rewrite(db: string, seq: number) {
  const raw = new SQLite(db);
  raw.prepare("update audit_log set action = 'user.create', detail = '{\"username\":\"intruder\"}' where seq = ?").run(seq);
  const rows = raw.prepare('select * from audit_log where seq >= ? order by seq').all(seq) as Parameters<typeof auditHash>[0][];
  let prev = (raw.prepare('select hash from audit_log where seq = ?').get(seq - 1) as { hash: string }).hash;
  for (const r of rows) {
    const hash = auditHash({ ...r, prev_hash: prev });
    raw.prepare('update audit_log set prev_hash = ?, hash = ? where seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
  raw.close();
}

const sql = (db: string, statement: string) => {
  const raw = new SQLite(db);
  raw.prepare(statement).run();
  raw.close();
};

async function chainAlone(db: string) {
  const opened = await openDatabase(db);
  try {
    return await verifyAuditChain(opened.db);
  } finally {
    await opened.db.destroy();
  }
}

beforeAll(async () => {
  template = join(tempDir(), 'template.db');
  const opened = await openDatabase(template);
  for (const action of ['login', 'observation.record', 'round.approve', 'user.create', 'login', 'observation.record']) await audit(opened.db, { userId: 'u1', action, entity: 'user', entityId: 'x' });
  await opened.db.destroy();
  const signed = run('audit', 'checkpoint', '--db', template);
  expect(signed.status, signed.stderr).toBe(0);
  expect(signed.stdout).toContain('已签名检查点：第 6 条');
  exported = join(tempDir(), 'checkpoints.json');
  const out = run('audit', 'checkpoints', '--out', exported, '--db', template);
  expect(out.status, out.stderr).toBe(0);
}, 120_000);

describe('signed checkpoints of the audit chain', () => {
  it('are signed with a key kept beside the database, readable only by its owner, and verify', () => {
    const key = `${template}.audit-keys.json`;
    expect(existsSync(key)).toBe(true);
    expect(statSync(key).mode & 0o077).toBe(0);
    const ok = run('audit', 'verify', '--db', copy());
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('审计日志完整：6 条');
    expect(ok.stdout).toContain('已核对 1 个签名检查点');
  });

  it('catch the newest entries deleted (the chain alone does not)', async () => {
    const db = copy();
    sql(db, 'delete from audit_log where seq > 4');
    expect((await chainAlone(db)).problem).toBeNull();
    const res = run('audit', 'verify', '--db', db);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('记录链尾为第 6 条，而日志现只到第 4 条：最新的条目被删除');
    expect(res.stderr).toContain('the newest entries were deleted');
  });

  it('catch an entry edited and every later hash recomputed (the chain alone does not)', async () => {
    const db = copy();
    rewrite(db, 3);
    expect((await chainAlone(db)).problem).toBeNull();
    const res = run('audit', 'verify', '--db', db);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('记录的哈希与第 6 条不符：该条或之前的条目被改写');
  });

  it('cannot be forged to match a rewrite without the key', () => {
    const db = copy();
    rewrite(db, 3);
    sql(db, 'update audit_checkpoints set hash = (select hash from audit_log where seq = 6)');
    const res = run('audit', 'verify', '--db', db);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('签名无效：检查点被伪造或改动');
  });

  it('kept by an auditor in an exported file, catch a rewrite even when the checkpoints in the database were deleted', () => {
    const db = copy();
    rewrite(db, 2);
    sql(db, 'delete from audit_checkpoints');
    // The database alone now looks whole (and says it has no checkpoint to go by) …
    const alone = run('audit', 'verify', '--db', db);
    expect(alone.status).toBe(0);
    expect(alone.stdout).toContain('尚无签名检查点');
    // … the auditor's file does not.
    const res = run('audit', 'verify', '--checkpoints', exported, '--db', db);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`文件 ${exported}的检查点`);
    expect(res.stderr).toContain('被改写');
    const truncated = copy();
    sql(truncated, 'delete from audit_log where seq > 5');
    sql(truncated, 'delete from audit_checkpoints');
    expect(run('audit', 'verify', '--checkpoints', exported, '--db', truncated).stderr).toContain('最新的条目被删除');
  });

  it('survive a key rotation: old checkpoints verify with the old key, new ones are signed with the new', () => {
    const db = copy();
    const rotated = run('audit', 'rotate-key', '--db', db);
    expect(rotated.status, rotated.stderr).toBe(0);
    const ring = JSON.parse(readFileSync(`${db}.audit-keys.json`, 'utf8')) as { current: string; keys: { id: string }[] };
    expect(ring.keys).toHaveLength(2);
    expect(ring.current).toBe(ring.keys[1]!.id);
    const ok = run('audit', 'verify', '--checkpoints', exported, '--db', db);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('已核对 2 个签名检查点');
  });

  it('without the key, verification says so rather than passing', () => {
    const db = copy();
    unlinkSync(`${db}.audit-keys.json`);
    const res = run('audit', 'verify', '--db', db);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('找不到审计密钥');
  });
});
