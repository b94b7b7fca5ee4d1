// Plan revisions in the store: propose (a draft with its effective year, reason and approving document), approve or
// reject (by someone other than the proposer; both audited), list. The checks themselves are pure (plan/revisions.ts).
import type { Kysely } from 'kysely';
import { buildPlan } from '../plan/build.js';
import type { Plan } from '../plan/model.js';
import type { PlanProblem } from '../plan/problems.js';
import { checkRevision, diffPlans, type PlanDiff, type RevisionProblem } from '../plan/revisions.js';
import type { RawPlanFiles } from '../plan/schema.js';
import { loadPlan, loadRawPlan, replacePlanContent } from './plans.js';
import type { Database, PlanRevisionsTable } from './schema.js';
import { audit } from './users.js';

export interface RevisionActor {
  userId: string;
  username: string;
  ip?: string | null;
}

export interface RevisionInput {
  effectiveYear: number;
  reason: string;
  document: string;
}

/**
 * Who may do what with revisions: an administrator of the plan proposes; an administrator, or a reviewer of the
 * plan's owner department (牵头单位), approves or rejects. Null when allowed, else the refusal.
 */
export function revisionRoleProblem(user: { role: string; departmentId: string | null }, action: 'propose' | 'decide', ownerDepartment: string): RevisionRefused | null {
  if (user.role === 'admin') return null;
  if (action === 'decide' && user.role === 'reviewer' && user.departmentId === ownerDepartment) return null;
  return action === 'propose'
    ? new RevisionRefused(403, 'FORBIDDEN', '只有规划的管理员可以提出修订', "only the plan's administrators propose revisions")
    : new RevisionRefused(403, 'FORBIDDEN', '只有牵头单位的审核员或管理员可以审核规划修订', "only the owner department's reviewers or an administrator review plan revisions");
}

/** A refusal: `problems` of the revision (bilingual) or of its content as a plan folder. */
export class RevisionRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly problems: RevisionProblem[] = [],
    readonly planProblems: PlanProblem[] = [],
  ) {
    super(en);
  }
}

export interface RevisionSummary {
  no: number;
  status: PlanRevisionsTable['status'];
  effectiveYear: number;
  reason: string | null;
  document: string | null;
  proposedBy: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

const summary = (r: PlanRevisionsTable, names: Map<string, string>): RevisionSummary => ({
  no: r.no,
  status: r.status,
  effectiveYear: r.effective_year,
  reason: r.reason,
  document: r.document,
  proposedBy: r.proposed_by ? (names.get(r.proposed_by) ?? r.proposed_by) : null,
  proposedAt: r.proposed_at,
  decidedBy: r.decided_by ? (names.get(r.decided_by) ?? r.decided_by) : null,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
});

async function usernames(db: Kysely<Database>, rows: PlanRevisionsTable[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.proposed_by, r.decided_by]).filter((x): x is string => x !== null))];
  if (!ids.length) return new Map<string, string>();
  const users = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.username]));
}

/** Every version of a plan, oldest first (no 0: as first loaded). Empty when the plan was never revised. */
export async function listRevisions(db: Kysely<Database>, planId: string): Promise<RevisionSummary[]> {
  const rows = await db.selectFrom('plan_revisions').selectAll().where('plan_id', '=', planId).orderBy('no').execute();
  const names = await usernames(db, rows);
  return rows.map((r) => summary(r, names));
}

/** One version with what it changes against the version it was proposed to replace (the approved one before it). */
export async function revisionDetail(db: Kysely<Database>, planId: string, no: number): Promise<{ revision: RevisionSummary; diff: PlanDiff | null } | null> {
  const rows = await db.selectFrom('plan_revisions').selectAll().where('plan_id', '=', planId).where('no', '<=', no).orderBy('no').execute();
  const row = rows.find((r) => r.no === no);
  if (!row) return null;
  const names = await usernames(db, [row]);
  const base = rows.filter((r) => r.no < no && (r.status === 'approved' || r.status === 'original')).at(-1);
  const diff = base ? diffPlans(build(planId, base.files), build(planId, row.files)) : null;
  return { revision: summary(row, names), diff };
}

function build(planId: string, files: string): Plan {
  const built = buildPlan(JSON.parse(files) as RawPlanFiles);
  if (!built.ok) throw new Error(`stored revision of ${planId} no longer validates`);
  return built.plan;
}

/** The facts a revision is checked against: approved values per indicator and the last effective year. */
async function revisionFacts(db: Kysely<Database>, plan: Plan) {
  const [approved, last] = await Promise.all([
    db.selectFrom('observations').select(['indicator_code', (eb) => eb.fn.max('year').as('year')]).where('plan_id', '=', plan.meta.id).where('status', '=', 'approved').groupBy('indicator_code').execute(),
    db.selectFrom('plan_revisions').select((eb) => eb.fn.max('effective_year').as('year')).where('plan_id', '=', plan.meta.id).where('status', '=', 'approved').executeTakeFirst(),
  ]);
  return {
    lastApprovedYear: new Map(approved.map((r) => [Number(r.indicator_code), Number(r.year)])),
    lastEffectiveYear: last?.year == null ? plan.meta.baseYear : Number(last.year),
  };
}

function refuseProblems(problems: RevisionProblem[]): never {
  const first = problems[0]!;
  throw new RevisionRefused(409, problems.length === 1 ? first.code : 'REVISION_REFUSED', problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '), problems);
}

/**
 * Proposes a revision: the plan's whole new content (a plan folder's files) in force from `effectiveYear`. Checked as a
 * plan folder, then as a revision of the plan in force; nothing is written when anything is wrong. The first proposal
 * also keeps the content as first loaded (no 0), so the years before any revision are evaluated as they were.
 */
export async function proposeRevision(db: Kysely<Database>, planId: string, files: RawPlanFiles, input: RevisionInput, actor: RevisionActor): Promise<{ no: number; diff: PlanDiff }> {
  const reason = input.reason.trim();
  const document = input.document.trim();
  if (!reason || !document)
    throw new RevisionRefused(400, 'REVISION_UNFOUNDED', '修订须写明事由和批复文件（文号）', 'a revision needs its reason and its approving document (with its number)');
  const built = buildPlan(files);
  if (!built.ok) throw new RevisionRefused(400, 'REVISION_INVALID_PLAN', `修订内容不是有效的规划：${built.problems.length} 个问题`, `the revised content is not a valid plan: ${built.problems.length} problem(s)`, [], built.problems);
  const current = await loadPlan(db, planId);
  const draft = await db.selectFrom('plan_revisions').select('no').where('plan_id', '=', planId).where('status', '=', 'draft').executeTakeFirst();
  if (draft)
    throw new RevisionRefused(409, 'REVISION_DRAFT_OPEN', `修订 ${draft.no} 尚待审核；审核（批准或退回）后才能提出新的修订`, `revision ${draft.no} awaits review; approve or reject it before proposing another`);
  const problems = checkRevision(current, built.plan, input.effectiveYear, await revisionFacts(db, current));
  if (problems.length) refuseProblems(problems);
  const diff = diffPlans(current, built.plan);
  const now = new Date().toISOString();
  const no = await db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('plan_revisions').select(['no']).where('plan_id', '=', planId).orderBy('no', 'desc').execute();
    if (!rows.length) {
      const seeded = await trx.selectFrom('plans').select('seeded_at').where('id', '=', planId).executeTakeFirstOrThrow();
      await trx
        .insertInto('plan_revisions')
        .values({ plan_id: planId, no: 0, status: 'original', effective_year: current.meta.baseYear, reason: null, document: null, files: JSON.stringify(await loadRawPlan(trx, planId)), proposed_by: null, proposed_at: seeded.seeded_at, decided_by: null, decided_at: null, decision_note: null })
        .execute();
    }
    const next = (rows[0]?.no ?? 0) + 1;
    await trx
      .insertInto('plan_revisions')
      .values({ plan_id: planId, no: next, status: 'draft', effective_year: input.effectiveYear, reason, document, files: JSON.stringify(files), proposed_by: actor.userId, proposed_at: now, decided_by: null, decided_at: null, decision_note: null })
      .execute();
    await audit(trx, { userId: actor.userId, action: 'plan.revision.propose', entity: 'plan', entityId: planId, detail: { revision: next, effectiveYear: input.effectiveYear, reason, document, changes: diff.indicators.length }, ip: actor.ip });
    return next;
  });
  return { no, diff };
}

/**
 * Approves or rejects a draft revision. The reviewer must not be its proposer. Approval checks the revision again
 * (values approved since the proposal may now forbid it) and makes its content the plan's; all in one transaction.
 */
export async function decideRevision(db: Kysely<Database>, planId: string, no: number, decision: 'approve' | 'reject', actor: RevisionActor, note: string | null): Promise<RevisionSummary> {
  const row = await db.selectFrom('plan_revisions').selectAll().where('plan_id', '=', planId).where('no', '=', no).executeTakeFirst();
  if (!row) throw new RevisionRefused(404, 'NOT_FOUND', `未找到修订 ${no}`, `revision ${no} not found`);
  if (row.status !== 'draft') throw new RevisionRefused(409, 'REVISION_NOT_DRAFT', `修订 ${no} 已${row.status === 'approved' ? '批准' : row.status === 'rejected' ? '退回' : '是初始版本'}，不能再审核`, `revision ${no} is ${row.status}, not awaiting review`);
  if (row.proposed_by === actor.userId)
    throw new RevisionRefused(403, 'REVISION_SELF_REVIEW', '修订须由提出人以外的审核员或管理员审核', 'a revision is reviewed by a reviewer or administrator other than its proposer');
  if (decision === 'reject' && !note?.trim()) throw new RevisionRefused(400, 'REVISION_REJECT_REASON', '退回修订须写明理由', 'rejecting a revision needs a reason');
  const plan = build(planId, row.files);
  if (decision === 'approve') {
    const current = await loadPlan(db, planId);
    const problems = checkRevision(current, plan, row.effective_year, await revisionFacts(db, current));
    if (problems.length) refuseProblems(problems);
  }
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    // The status guard makes a concurrent second decision a no-op that is then refused.
    const done = await trx
      .updateTable('plan_revisions')
      .set({ status: decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.userId, decided_at: now, decision_note: note?.trim() || null })
      .where('plan_id', '=', planId)
      .where('no', '=', no)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new RevisionRefused(409, 'REVISION_NOT_DRAFT', `修订 ${no} 已被审核`, `revision ${no} was decided meanwhile`);
    if (decision === 'approve') await replacePlanContent(trx, plan);
    await audit(trx, { userId: actor.userId, action: `plan.revision.${decision}`, entity: 'plan', entityId: planId, detail: { revision: no, effectiveYear: row.effective_year, document: row.document, note: note?.trim() || null }, ip: actor.ip });
  });
  return (await listRevisions(db, planId)).find((r) => r.no === no)!;
}
