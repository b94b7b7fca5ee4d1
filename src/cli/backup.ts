// `ecoplan backup` and `ecoplan restore`: a consistent snapshot of a running deployment in a portable,
// checksummed file, and its restore into an empty database with every table and the audit chain verified.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { AuditKeyError, keyFileOf, loadAuditKeys } from '../auth/auditKeys.js';
import { listCheckpoints, verifyCheckpoints } from '../store/auditCheckpoints.js';
import { BackupError, loadBackup, nonEmptyTables, readBackup, schemaSpec, writeBackup, type Manifest } from '../store/backup.js';
import { DatabaseError, MIGRATIONS } from '../store/db.js';
import type { Database } from '../store/schema.js';
import { backendOfArg, inspectTarget, openRestoreTarget, redact, SnapshotError, withSnapshot } from '../store/snapshot.js';
import { verifyAuditChain } from '../store/users.js';

/** Prints a refusal in both languages; returns the exit code. Unknown errors propagate (a bug, with its stack). */
function refused(e: unknown, nothing = true): number {
  if (e instanceof BackupError || e instanceof SnapshotError) console.error(`✘ ${e.zh}\n  ${e.en}`);
  else if (e instanceof DatabaseError) console.error(`✘ ${e.message}`);
  else if (e instanceof AuditKeyError) console.error(`✘ ${e.message} / ${e.messageEn}`);
  else throw e;
  if (nothing) console.error('  未写入任何数据 / nothing was written');
  return 1;
}

const totalRows = (m: Manifest) => Object.values(m.tables).reduce((s, t) => s + t.rows, 0);

export async function backupCommand(opts: { db: string; out: string; format: 'portable' | 'sqlite'; version: string }): Promise<number> {
  const out = resolve(opts.out);
  if (!existsSync(dirname(out))) {
    console.error(`✘ 输出文件夹不存在：${dirname(out)} / the output folder does not exist`);
    return 1;
  }
  const tempPath = join(dirname(out), `.${basename(out)}.snapshot-${process.pid}`);
  const started = Date.now();
  try {
    const result = await withSnapshot(opts.db, { tempPath, keepSqliteCopy: opts.format === 'sqlite' ? out : undefined }, async (s) => {
      if (opts.format === 'sqlite') return { tables: null, rows: null, migrations: s.migrations };
      const m = await writeBackup(s.db, { version: opts.version, createdAt: new Date().toISOString(), backend: s.backend }, s.migrations, out);
      return { tables: Object.keys(m.tables).length, rows: totalRows(m), migrations: s.migrations };
    });
    const size = (statSync(out).size / 1048576).toFixed(1);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (result.tables === null) {
      console.log(`✔ SQLite 快照已写入 ${out}（${size} MB，${secs} s，结构版本 ${result.migrations.length} 个迁移）/ SQLite snapshot written`);
      console.log('  恢复：停止服务，用此文件替换数据库文件 / to restore: stop the server and put this file in place of the database file');
    } else {
      console.log(`✔ 备份完成：${result.tables} 个表、${result.rows} 行，${out}（${size} MB，${secs} s）/ backup written: ${result.tables} tables, ${result.rows} rows`);
      console.log(`  核对：ecoplan restore ${out} --check；恢复：ecoplan restore ${out} --db <新数据库> / check with restore --check; restore with restore --db <new database>`);
    }
    if (backendOfArg(opts.db) === 'sqlite' && existsSync(keyFileOf(resolve(opts.db))))
      console.log(`  注意：审计签名密钥 ${keyFileOf(resolve(opts.db))} 不在备份中（有意如此），请另行保管 / note: the audit key file is not in the backup (by design): keep it separately`);
    return 0;
  } catch (e) {
    return refused(e);
  }
}

export async function restoreCommand(file: string, opts: { db: string; force?: boolean; check?: boolean }): Promise<number> {
  const path = resolve(file);
  let spec;
  let manifest: Manifest;
  try {
    ({ manifest, spec } = await readBackup(path));
  } catch (e) {
    return refused(e);
  }
  const from = `ecoplan ${manifest.version}，${manifest.backend}，${manifest.createdAt}`;
  if (opts.check) {
    console.log(`✔ 备份文件完整：${Object.keys(manifest.tables).length} 个表、${totalRows(manifest)} 行，校验和一致（${from}）/ backup file intact: every table's rows and checksum match`);
    return 0;
  }
  const target = redact(opts.db);
  try {
    // Before anything is written: a target holding data is refused unless --force (checked read-only).
    const state = await inspectTarget(opts.db, async (db, migrations) => {
      const known = Object.keys(MIGRATIONS);
      if (migrations.some((n) => !known.includes(n))) return { newer: true, nonEmpty: [] };
      if (!migrations.length || migrations.some((n, i) => known[i] !== n)) return { newer: false, nonEmpty: [] };
      return { newer: false, nonEmpty: await nonEmptyTables(db, await schemaSpec(migrations)) };
    });
    if (state?.newer)
      throw new BackupError('TARGET_NEWER_SCHEMA', `目标数据库 ${target} 由较新版本的 ecoplan 写入，未做任何修改`, `the target database ${target} was written by a newer ecoplan; nothing was changed`);
    if (state?.nonEmpty.length && !opts.force) {
      const list = state.nonEmpty.slice(0, 6).map((t) => `${t.name} (${t.rows})`).join(', ');
      throw new BackupError(
        'TARGET_NOT_EMPTY',
        `目标数据库 ${target} 不是空的（${list}${state.nonEmpty.length > 6 ? ' …' : ''}）：请恢复到新的数据库文件；或加 --force，在同一事务中以备份替换其全部内容`,
        `the target database ${target} is not empty (${list}${state.nonEmpty.length > 6 ? ' …' : ''}): restore into a new database, or give --force to replace all of its content with the backup in one transaction`,
      );
    }
  } catch (e) {
    return refused(e);
  }
  let opened: Awaited<ReturnType<typeof openRestoreTarget>>;
  try {
    opened = await openRestoreTarget(opts.db, manifest.schema);
  } catch (e) {
    return refused(e);
  }
  const keyPath = opened.keyPath;
  let note = '';
  let chain = 0;
  try {
    const check = async (trx: Kysely<Database>) => {
      const { entries, problem } = await verifyAuditChain(trx);
      if (problem) throw new BackupError('AUDIT_BROKEN', `恢复后审计日志校验失败：${problem.message}；已回滚`, `the audit log fails verification after loading: ${problem.messageEn}; rolled back`);
      chain = entries;
      const checkpoints = await listCheckpoints(trx);
      const ring = keyPath ? loadAuditKeys(keyPath) : process.env.ECOPLAN_AUDIT_KEYS ? loadAuditKeys(':memory:') : null;
      if (!checkpoints.length) return;
      if (!ring) {
        note = `  ${checkpoints.length} 个签名检查点未核对：把原数据库旁的 .audit-keys.json 复制为 ${keyPath ? keyFileOf(keyPath) : '(ECOPLAN_AUDIT_KEYS)'}，再运行 ecoplan audit verify\n  ${checkpoints.length} signed checkpoint(s) not checked: copy the source's .audit-keys.json beside the restored database (or set ECOPLAN_AUDIT_KEYS), then run ecoplan audit verify`;
        return;
      }
      const bad = await verifyCheckpoints(trx, checkpoints, ring, { zh: '恢复的数据库', en: 'the restored database' });
      if (bad) throw new BackupError('AUDIT_BROKEN', `恢复后审计检查点校验失败：${bad.message}；已回滚`, `the audit checkpoints fail verification after loading: ${bad.messageEn}; rolled back`);
      note = `  ${checkpoints.length} 个签名检查点已核对 / ${checkpoints.length} signed checkpoint(s) match`;
    };
    const started = Date.now();
    const m = await loadBackup(opened.db, path, spec, check, { inTransaction: opened.inTransaction, insert: opened.insert });
    await opened.close();
    console.log(`✔ 已恢复到 ${target}：${Object.keys(m.tables).length} 个表、${totalRows(m)} 行，行数与校验和逐表一致；审计日志 ${chain} 条，哈希链完整（${((Date.now() - started) / 1000).toFixed(1)} s；来源 ${from}）`);
    console.log(`  restored into ${target}: every table's row count and checksum match the backup; audit log of ${chain} entries verifies`);
    if (note) console.log(note);
    return 0;
  } catch (e) {
    await opened.discard();
    return refused(e);
  }
}
