// Rounds and submissions: every transition in one transaction with its audit entry. Approval writes the
// official observation (a new version with the submission's reason when a value already exists).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ObservationInput } from '../plan/observations.js';
import type { Task } from '../plan/rounds.js';
import type { RelativeRule, StateCode } from '../plan/targets.js';
import { recordObservations } from './observations.js';
import type { Database, RoundsTable, SubmissionsTable } from './schema.js';
import { audit } from './users.js';

/** Runs `f` in the caller's transaction when there is one, else in a new one. */
const inTransaction = <T>(db: Kysely<Database>, f: (trx: Kysely<Database>) => Promise<T>): Promise<T> => (db.isTransaction ? f(db) : db.transaction().execute(f));

export class WorkflowError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

export async function openRound(db: Kysely<Database>, planId: string, year: number, deadline: string, by: { id: string; username: string }): Promise<RoundsTable> {
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('rounds').select('id').where('plan_id', '=', planId).where('year', '=', year).executeTakeFirst())
      throw new WorkflowError(409, 'ROUND_EXISTS', `${year} 年度调度已开启`, `the ${year} round already exists`);
    const row: RoundsTable = { id: randomUUID(), plan_id: planId, year, deadline, status: 'open', opened_by: by.username, opened_at: new Date().toISOString(), closed_at: null, revision: 0 };
    await trx.insertInto('rounds').values(row).execute();
    await audit(trx, { userId: by.id, action: 'round.open', entity: 'round', entityId: row.id, detail: { year, deadline } });
    return row;
  });
}

/** Marks the round changed: caches of its task lists and progress are keyed by this revision. */
async function bump(trx: Kysely<Database>, roundId: string) {
  await trx.updateTable('rounds').set((eb) => ({ revision: eb('revision', '+', 1) })).where('id', '=', roundId).execute();
}

export async function findRound(db: Kysely<Database>, planId: string, year: number) {
  return db.selectFrom('rounds').selectAll().where('plan_id', '=', planId).where('year', '=', year).executeTakeFirst();
}

export async function listRounds(db: Kysely<Database>, planId: string) {
  return db.selectFrom('rounds').selectAll().where('plan_id', '=', planId).orderBy('year', 'desc').execute();
}

export async function submissionsOf(db: Kysely<Database>, roundId: string) {
  return db.selectFrom('submissions').selectAll().where('round_id', '=', roundId).execute();
}

function findSubmission(db: Kysely<Database>, roundId: string, task: Pick<Task, 'indicatorCode' | 'regionCode' | 'kind'>) {
  return db
    .selectFrom('submissions')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('indicator_code', '=', task.indicatorCode)
    .where('region_code', '=', task.regionCode)
    .where('kind', '=', task.kind)
    .executeTakeFirst();
}

export interface DraftFields {
  valueText: string | null;
  state: StateCode | null;
  checks: RelativeRule[];
  source: string;
  note: string | null;
  reason: string | null;
}

/** Saves a draft. A submitted value waits for review; an approved one can be revised only with a reason. */
export async function saveDraft(db: Kysely<Database>, round: RoundsTable, task: Task, fields: DraftFields, by: { id: string; username: string }): Promise<SubmissionsTable> {
  if (round.status !== 'open') throw new WorkflowError(409, 'ROUND_CLOSED', `${round.year} 年度调度已关闭`, 'the round is closed');
  // Inside a caller's transaction (a whole template import) it runs in it, so one refusal undoes the file.
  const run = async (trx: Kysely<Database>) => {
    const existing = await findSubmission(trx, round.id, task);
    if (existing?.status === 'submitted') throw new WorkflowError(409, 'AWAITING_REVIEW', '已提交，正在审核，审核退回后才能修改', 'submitted and awaiting review; it can be changed once returned');
    if (existing?.status === 'approved' && !fields.reason)
      throw new WorkflowError(409, 'REASON_REQUIRED', `已审定的数值（${existing.value_text ?? existing.state}）只能以新版本修改，须填写修改原因`, 'an approved value is changed only as a new version with a reason');
    const now = new Date().toISOString();
    const row: SubmissionsTable = {
      id: existing?.id ?? randomUUID(),
      round_id: round.id,
      indicator_code: task.indicatorCode,
      region_code: task.regionCode,
      kind: task.kind,
      department_id: task.departmentId,
      status: 'draft',
      value_text: fields.valueText,
      state: fields.state,
      checks: fields.checks.length ? fields.checks.join(',') : null,
      source: fields.source,
      note: fields.note,
      reason: fields.reason,
      review_comment: existing?.review_comment ?? null,
      updated_by: by.username,
      updated_at: now,
      submitted_at: null,
      reviewed_by: existing?.reviewed_by ?? null,
      reviewed_at: existing?.reviewed_at ?? null,
      observation_id: existing?.observation_id ?? null,
    };
    if (existing) await trx.updateTable('submissions').set(row).where('id', '=', existing.id).execute();
    else await trx.insertInto('submissions').values(row).execute();
    await bump(trx, round.id);
    await audit(trx, {
      userId: by.id,
      action: existing?.status === 'approved' ? 'submission.revise' : 'submission.draft',
      entity: 'submission',
      entityId: row.id,
      detail: { task, before: existing ? { status: existing.status, value: existing.value_text, state: existing.state } : null, after: { value: row.value_text, state: row.state }, reason: row.reason },
    });
    return row;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Saves every row of a template as drafts, all or nothing. */
export async function saveDrafts(db: Kysely<Database>, round: RoundsTable, items: { task: Task; fields: DraftFields }[], by: { id: string; username: string }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    for (const { task, fields } of items) await saveDraft(trx, round, task, fields, by);
    return items.length;
  });
}

export async function submitTask(db: Kysely<Database>, round: RoundsTable, task: Task, by: { id: string; username: string }): Promise<SubmissionsTable> {
  if (round.status !== 'open') throw new WorkflowError(409, 'ROUND_CLOSED', `${round.year} 年度调度已关闭`, 'the round is closed');
  // Inside a caller's transaction (a computed proposal: draft, evidence and submission together) it joins it.
  return inTransaction(db, async (trx) => {
    const existing = await findSubmission(trx, round.id, task);
    if (!existing) throw new WorkflowError(409, 'NOTHING_TO_SUBMIT', '尚未填报，不能提交', 'nothing has been entered yet');
    if (existing.status !== 'draft') throw new WorkflowError(409, 'NOT_A_DRAFT', `当前状态为“${existing.status}”，只有草稿可以提交`, `only a draft can be submitted (status: ${existing.status})`);
    const now = new Date().toISOString();
    await trx.updateTable('submissions').set({ status: 'submitted', submitted_at: now, updated_at: now, updated_by: by.username }).where('id', '=', existing.id).execute();
    await bump(trx, round.id);
    await audit(trx, { userId: by.id, action: 'submission.submit', entity: 'submission', entityId: existing.id, detail: { task, value: existing.value_text, state: existing.state } });
    return { ...existing, status: 'submitted', submitted_at: now };
  });
}

export async function reviewTask(
  db: Kysely<Database>,
  planId: string,
  round: RoundsTable,
  task: Task,
  action: 'approve' | 'return',
  comment: string | null,
  by: { id: string; username: string },
): Promise<SubmissionsTable> {
  return db.transaction().execute(async (trx) => {
    const existing = await findSubmission(trx, round.id, task);
    if (!existing || existing.status !== 'submitted') throw new WorkflowError(409, 'NOT_SUBMITTED', '没有待审核的提交', 'nothing submitted to review');
    if (action === 'return' && !comment) throw new WorkflowError(400, 'COMMENT_REQUIRED', '退回须填写意见', 'returning needs a comment');
    const now = new Date().toISOString();
    let observationId = existing.observation_id;
    if (action === 'approve') {
      const input: ObservationInput = {
        indicatorCode: task.indicatorCode,
        regionCode: task.regionCode,
        year: round.year,
        kind: task.kind,
        valueText: existing.value_text,
        state: existing.state as StateCode | null,
        checks: existing.checks ? (existing.checks.split(',') as RelativeRule[]) : [],
        source: existing.source,
        note: existing.note,
        reason: existing.reason,
      };
      const outcome = await recordObservations(trx, planId, [input], { origin: 'import', recordedBy: `${existing.updated_by} / 审定 ${by.username}`, status: 'approved' });
      if (!outcome.ok) throw new WorkflowError(409, 'REASON_REQUIRED', '已有审定数值，修改须由填报单位说明原因后重新提交', 'an approved value exists: the change needs a reason from the reporter');
      const latest = await trx
        .selectFrom('observations')
        .select('id')
        .where('plan_id', '=', planId)
        .where('indicator_code', '=', task.indicatorCode)
        .where('region_code', '=', task.regionCode)
        .where('year', '=', round.year)
        .where('kind', '=', task.kind)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      observationId = latest?.id ?? null;
    }
    const status = action === 'approve' ? 'approved' : 'returned';
    await trx
      .updateTable('submissions')
      .set({ status, review_comment: comment, reviewed_by: by.username, reviewed_at: now, observation_id: observationId })
      .where('id', '=', existing.id)
      .execute();
    await bump(trx, round.id);
    await audit(trx, { userId: by.id, action: `submission.${action}`, entity: 'submission', entityId: existing.id, detail: { task, value: existing.value_text, state: existing.state, comment, observationId } });
    return { ...existing, status, review_comment: comment, reviewed_by: by.username, reviewed_at: now, observation_id: observationId };
  });
}

export interface EvidenceMeta {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

/** Attaches an evidence file to a task's submission (a draft or a returned one). */
export async function attachEvidence(
  db: Kysely<Database>,
  round: RoundsTable,
  task: Task,
  file: { name: string; contentType: string; bytes: Buffer; sha256: string },
  by: { id: string; username: string },
): Promise<EvidenceMeta> {
  return inTransaction(db, async (trx) => {
    const existing = await findSubmission(trx, round.id, task);
    if (!existing) throw new WorkflowError(409, 'NOTHING_TO_ATTACH_TO', '请先保存填报草稿，再上传佐证材料', 'save a draft first, then attach evidence');
    if (existing.status === 'submitted' || existing.status === 'approved')
      throw new WorkflowError(409, 'NOT_EDITABLE', existing.status === 'submitted' ? '已提交，正在审核，退回后才能补充材料' : '已审定；修改时再附新材料', 'submitted or approved: evidence can be added to a draft or a returned submission');
    const meta = { id: randomUUID(), fileName: file.name, contentType: file.contentType, size: file.bytes.length, uploadedBy: by.username, uploadedAt: new Date().toISOString() };
    await trx
      .insertInto('evidence_files')
      .values({ id: meta.id, submission_id: existing.id, file_name: meta.fileName, content_type: meta.contentType, size: meta.size, sha256: file.sha256, content_base64: file.bytes.toString('base64'), uploaded_by: meta.uploadedBy, uploaded_at: meta.uploadedAt })
      .execute();
    await bump(trx, round.id);
    await audit(trx, { userId: by.id, action: 'evidence.attach', entity: 'submission', entityId: existing.id, detail: { task, file: file.name, contentType: file.contentType, size: meta.size, sha256: file.sha256 } });
    return meta;
  });
}

/** Evidence of every submission of a round, by submission id (metadata only). */
export async function evidenceOf(db: Kysely<Database>, roundId: string): Promise<Map<string, EvidenceMeta[]>> {
  const rows = await db
    .selectFrom('evidence_files')
    .innerJoin('submissions', 'submissions.id', 'evidence_files.submission_id')
    .select(['evidence_files.id', 'evidence_files.submission_id', 'file_name', 'content_type', 'size', 'uploaded_by', 'uploaded_at'])
    .where('submissions.round_id', '=', roundId)
    .orderBy('uploaded_at')
    .execute();
  const map = new Map<string, EvidenceMeta[]>();
  for (const r of rows) {
    const list = map.get(r.submission_id) ?? [];
    list.push({ id: r.id, fileName: r.file_name, contentType: r.content_type, size: r.size, uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at });
    map.set(r.submission_id, list);
  }
  return map;
}

export async function evidenceFile(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('evidence_files')
    .innerJoin('submissions', 'submissions.id', 'evidence_files.submission_id')
    .innerJoin('rounds', 'rounds.id', 'submissions.round_id')
    .select(['evidence_files.id', 'file_name', 'content_type', 'content_base64', 'submissions.department_id', 'submissions.round_id', 'rounds.plan_id'])
    .where('evidence_files.id', '=', id)
    .executeTakeFirst();
}
