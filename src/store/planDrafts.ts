// Plans uploaded in the console: kept as drafts (the checked folder's files), reviewed, then published (loaded beside
// the plans already there) or discarded. Publishing checks the files again and never replaces a loaded plan: a loaded
// plan changes only by a revision. Upload, publication and discarding are audited.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkFolderTexts } from '../planfolder/upload.js';
import { seedPlan } from './plans.js';
import type { Database, PlanDraftsTable } from './schema.js';
import { audit, grantRole } from './users.js';

export class DraftRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface DraftActor {
  userId: string;
  ip?: string | null;
}

export interface DraftSummary {
  id: string;
  planId: string;
  name: string;
  sourceName: string;
  kind: 'workbook' | 'folder';
  status: PlanDraftsTable['status'];
  uploadedBy: string;
  uploadedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Whether a plan with this id is loaded already (then the draft can only become a revision). */
  planExists: boolean;
}

async function summaries(db: Kysely<Database>, rows: PlanDraftsTable[]): Promise<DraftSummary[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.uploaded_by, r.decided_by]).filter((x): x is string => x !== null))];
  const users = ids.length ? await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute() : [];
  const name = new Map(users.map((u) => [u.id, u.username]));
  const plans = new Set((await db.selectFrom('plans').select('id').execute()).map((p) => p.id));
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    name: r.name,
    sourceName: r.source_name,
    kind: r.kind,
    status: r.status,
    uploadedBy: name.get(r.uploaded_by) ?? r.uploaded_by,
    uploadedAt: r.uploaded_at,
    decidedBy: r.decided_by ? (name.get(r.decided_by) ?? r.decided_by) : null,
    decidedAt: r.decided_at,
    planExists: plans.has(r.plan_id),
  }));
}

export async function saveDraft(db: Kysely<Database>, draft: { planId: string; name: string; sourceName: string; kind: 'workbook' | 'folder'; texts: Record<string, string> }, actor: DraftActor): Promise<DraftSummary> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('plan_drafts')
      .values({ id, plan_id: draft.planId, name: draft.name, source_name: draft.sourceName, kind: draft.kind, texts: JSON.stringify(draft.texts), status: 'draft', uploaded_by: actor.userId, uploaded_at: new Date().toISOString(), decided_by: null, decided_at: null })
      .execute();
    await audit(trx, { userId: actor.userId, action: 'plan.draft.upload', entity: 'plan_draft', entityId: id, detail: { planId: draft.planId, file: draft.sourceName, kind: draft.kind }, ip: actor.ip });
  });
  return (await getDraft(db, id))!.summary;
}

/** Drafts awaiting publication, newest first, and the last 20 decided ones. */
export async function listDrafts(db: Kysely<Database>): Promise<DraftSummary[]> {
  const rows = await db.selectFrom('plan_drafts').selectAll().orderBy('uploaded_at', 'desc').limit(50).execute();
  return summaries(db, rows);
}

export async function getDraft(db: Kysely<Database>, id: string): Promise<{ summary: DraftSummary; texts: Record<string, string> } | null> {
  const row = await db.selectFrom('plan_drafts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return { summary: (await summaries(db, [row]))[0]!, texts: JSON.parse(row.texts) as Record<string, string> };
}

async function openDraft(db: Kysely<Database>, id: string) {
  const draft = await getDraft(db, id);
  if (!draft) throw new DraftRefused(404, 'NOT_FOUND', '未找到该规划草稿', 'plan draft not found');
  if (draft.summary.status !== 'draft') throw new DraftRefused(409, 'DRAFT_DECIDED', `该草稿已${draft.summary.status === 'published' ? '发布' : '放弃'}`, `the draft was ${draft.summary.status} already`);
  return draft;
}

/**
 * Publishes a draft: the plan is loaded beside the others (not as the default) and the publisher becomes an
 * administrator of it. Refused when a plan with its id is loaded (a loaded plan changes only by a revision).
 */
export async function publishDraft(db: Kysely<Database>, id: string, actor: DraftActor): Promise<DraftSummary> {
  const draft = await openDraft(db, id);
  if (draft.summary.planExists)
    throw new DraftRefused(409, 'PLAN_EXISTS', `数据库中已有规划“${draft.summary.planId}”；已载入的规划只能以修订方式变更（规划修订）`, `plan "${draft.summary.planId}" is loaded already; a loaded plan changes only by a revision`);
  const folder = checkFolderTexts(draft.texts);
  if (!folder.result.ok) throw new DraftRefused(409, 'DRAFT_INVALID', '草稿已不能通过校验，请重新上传', 'the draft no longer validates; upload it again');
  const claimed = await db.updateTable('plan_drafts').set({ status: 'published', decided_by: actor.userId, decided_at: new Date().toISOString() }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new DraftRefused(409, 'DRAFT_DECIDED', '该草稿已被处理', 'the draft was decided meanwhile');
  try {
    await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: false, schemes: folder.schemes, boundaries: folder.boundaries });
  } catch (e) {
    await db.updateTable('plan_drafts').set({ status: 'draft', decided_by: null, decided_at: null }).where('id', '=', id).execute();
    throw e;
  }
  const planId = folder.result.plan.meta.id;
  await grantRole(db, actor.userId, planId, { role: 'admin', departmentId: null }, { id: actor.userId, ip: actor.ip, via: 'console', reason: '发布规划草稿 / published the plan draft' });
  await audit(db, { userId: actor.userId, action: 'plan.draft.publish', entity: 'plan_draft', entityId: id, detail: { planId, file: draft.summary.sourceName }, ip: actor.ip });
  return (await getDraft(db, id))!.summary;
}

export async function discardDraft(db: Kysely<Database>, id: string, actor: DraftActor): Promise<DraftSummary> {
  const draft = await openDraft(db, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('plan_drafts').set({ status: 'discarded', decided_by: actor.userId, decided_at: new Date().toISOString() }).where('id', '=', id).execute();
    await audit(trx, { userId: actor.userId, action: 'plan.draft.discard', entity: 'plan_draft', entityId: id, detail: { planId: draft.summary.planId, file: draft.summary.sourceName }, ip: actor.ip });
  });
  return (await getDraft(db, id))!.summary;
}

