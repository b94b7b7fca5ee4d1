// `ecoplan audit verify`: walks the hash-chained audit log and names the first broken or missing entry.
import { verifyAuditChain } from '../store/users.js';
import { openStore } from './store.js';

export async function auditVerify(opts: { db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { entries, problem } = await verifyAuditChain(store.db);
    if (problem) {
      console.error(`✘ 审计日志校验失败 / audit log broken: ${problem.message} / ${problem.messageEn}`);
      return 1;
    }
    console.log(`✔ 审计日志完整：${entries} 条，哈希链连续 / audit log intact: ${entries} entries, chain unbroken`);
    return 0;
  } finally {
    await store.close();
  }
}
