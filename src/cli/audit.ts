// `ecoplan audit …`: verify the hash-chained audit log and its signed checkpoints (naming the first broken, missing
// or rewritten entry), sign a checkpoint now, export the checkpoints for an auditor, rotate the signing key.
import { readFileSync, writeFileSync } from 'node:fs';
import { AuditKeyError, loadAuditKeys, rotateAuditKey } from '../auth/auditKeys.js';
import { checkpointsFile, listCheckpoints, parseCheckpointsFile, verifyCheckpoints, writeCheckpoint } from '../store/auditCheckpoints.js';
import { verifyAuditChain } from '../store/users.js';
import { openStore } from './store.js';

type Opts = { db: string; planDir?: string };

function keyProblem(e: unknown): number {
  if (!(e instanceof AuditKeyError)) throw e;
  console.error(`✘ ${e.message} / ${e.messageEn}`);
  return 1;
}

export async function auditVerify(opts: Opts & { checkpoints?: string }): Promise<number> {
  let exported = null;
  if (opts.checkpoints) {
    let text: string;
    try {
      text = readFileSync(opts.checkpoints, 'utf8');
    } catch (e) {
      console.error(`✘ 无法读取检查点文件 ${opts.checkpoints} / cannot read the checkpoint file: ${(e as Error).message}`);
      return 1;
    }
    exported = parseCheckpointsFile(text);
    if (!exported) {
      console.error(`✘ ${opts.checkpoints} 不是 ecoplan 审计检查点文件（ecoplan audit checkpoints --out 导出）/ not an ecoplan audit checkpoint file`);
      return 1;
    }
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { entries, problem } = await verifyAuditChain(store.db);
    if (problem) {
      console.error(`✘ 审计日志校验失败 / audit log broken: ${problem.message} / ${problem.messageEn}`);
      return 1;
    }
    let ring;
    try {
      ring = loadAuditKeys(store.dbPath);
    } catch (e) {
      return keyProblem(e);
    }
    const stored = await listCheckpoints(store.db);
    for (const [list, origin] of [
      [stored, { zh: '数据库', en: 'the database' }],
      ...(exported ? [[exported, { zh: `文件 ${opts.checkpoints}`, en: `file ${opts.checkpoints}` }] as const] : []),
    ] as const) {
      const bad = await verifyCheckpoints(store.db, list, ring, origin);
      if (bad) {
        console.error(`✘ 审计日志校验失败 / audit log broken: ${bad.message} / ${bad.messageEn}`);
        return 1;
      }
    }
    console.log(`✔ 审计日志完整：${entries} 条，哈希链连续 / audit log intact: ${entries} entries, chain unbroken`);
    if (stored.length) {
      const last = stored[stored.length - 1]!;
      console.log(`  已核对 ${stored.length} 个签名检查点（最新：${last.at}，第 ${last.seq} 条）/ ${stored.length} signed checkpoint(s) match (newest: entry ${last.seq})`);
    } else console.log('  提示：尚无签名检查点，无法发现最新条目被删除 / note: no signed checkpoints yet; deletion of the newest entries would go unnoticed');
    if (exported) console.log(`  已核对文件 ${opts.checkpoints} 中的 ${exported.length} 个检查点 / ${exported.length} checkpoint(s) of the file match`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `ecoplan audit checkpoint`: signs the chain's head now (creating the key file on first use). */
export async function auditCheckpoint(opts: Opts): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const ring = loadAuditKeys(store.dbPath, { create: true });
    if (!ring) {
      console.error('✘ 内存数据库没有密钥文件：请设置 ECOPLAN_AUDIT_KEYS / an in-memory database has no key file: set ECOPLAN_AUDIT_KEYS');
      return 1;
    }
    const c = await writeCheckpoint(store.db, ring);
    if (c) console.log(`✔ 已签名检查点：第 ${c.seq} 条（密钥 ${c.keyId}）/ checkpoint signed: entry ${c.seq} (key ${c.keyId})`);
    else console.log('✔ 最新检查点已对应当前链尾，无需新签 / the newest checkpoint already names the head');
    return 0;
  } catch (e) {
    return keyProblem(e);
  } finally {
    await store.close();
  }
}

/** `ecoplan audit checkpoints --out FILE`: the signed checkpoints, for an auditor to keep apart from the server. */
export async function auditCheckpoints(opts: Opts & { out: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const list = await listCheckpoints(store.db);
    writeFileSync(opts.out, checkpointsFile(list));
    console.log(`✔ 已导出 ${list.length} 个签名检查点到 ${opts.out}；请保存在服务器之外，核对：ecoplan audit verify --checkpoints ${opts.out}`);
    console.log(`  exported ${list.length} signed checkpoint(s); keep the file away from the server and check with audit verify --checkpoints`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `ecoplan audit rotate-key`: a new signing key (old ones kept for old checkpoints), and a checkpoint signed with it. */
export async function auditRotateKey(opts: Opts): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const ring = rotateAuditKey(store.dbPath);
    await writeCheckpoint(store.db, ring, { force: true });
    console.log(`✔ 新密钥 ${ring.current.id} 已启用（${ring.source}，保留 ${ring.keys.length - 1} 个旧密钥以校验旧检查点），并以之签名当前链尾；运行中的服务需重启 / new key in use, head signed; restart a running server`);
    return 0;
  } catch (e) {
    return keyProblem(e);
  } finally {
    await store.close();
  }
}
