// A computed proposal (carbon indicators 23/25, monitoring indicators 7–29) saves a draft, attaches evidence and
// submits in one transaction: the round functions join the caller's transaction, so a refusal at the last step
// leaves no draft and no file behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundTasks } from '../src/plan/rounds.js';
import { attachEvidence, openRound, saveDraft, submissionsOf, submitTask } from '../src/store/rounds.js';
import { seededDatabase } from './helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
beforeAll(async () => {
  store = await seededDatabase();
});
afterAll(() => store.db.destroy());

const by = { id: 'u1', username: 'reviewer' };
const file = { name: '2025年碳核算工作簿.xlsx', contentType: 'application/octet-stream', bytes: Buffer.from('PK test'), sha256: '0'.repeat(64) };
const fields = { valueText: '1.838', state: null, checks: [], source: 'ecoplan 碳核算', note: 'computed', reason: null };

describe('draft, evidence and submission in one transaction', () => {
  it('leaves nothing behind when the submission is refused', async () => {
    const round = await openRound(store.db, store.plan.meta.id, 2025, '2026-03-31', by);
    const task = roundTasks(store.plan).find((t) => t.indicatorCode === 25 && t.regionCode === '440200' && t.kind === 'value')!;
    await expect(
      store.db.transaction().execute(async (trx) => {
        await saveDraft(trx, round, task, fields, by);
        await attachEvidence(trx, round, task, file, by);
        // the round closed meanwhile: the last step is refused
        await submitTask(trx, { ...round, status: 'closed' }, task, by);
      }),
    ).rejects.toThrow(/已关闭/);
    expect(await submissionsOf(store.db, round.id)).toHaveLength(0);
    expect(await store.db.selectFrom('evidence_files').selectAll().execute()).toHaveLength(0);

    // the same steps with the round open: submitted, with its evidence
    await store.db.transaction().execute(async (trx) => {
      await saveDraft(trx, round, task, fields, by);
      await attachEvidence(trx, round, task, file, by);
      await submitTask(trx, round, task, by);
    });
    const [s] = await submissionsOf(store.db, round.id);
    expect([s!.indicator_code, s!.status, s!.value_text]).toEqual([25, 'submitted', '1.838']);
    expect(await store.db.selectFrom('evidence_files').selectAll().execute()).toHaveLength(1);
  });
});
