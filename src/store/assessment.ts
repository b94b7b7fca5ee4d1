// Assessment repository: scheme versions seeded with the plan, vetoes, published results, and the
// facts an assessment is computed from (approved observations, the project library, vetoes).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AssessmentInput, AssessmentResult, VetoRecord } from '../assessment/assess.js';
import type { Scheme } from '../assessment/scheme.js';
import { ObservationIndex } from '../plan/evaluation.js';
import type { Plan } from '../plan/model.js';
import { currentProgress, libraryProjects } from '../projects/library.js';
import { approvedObservations } from './observations.js';
import { loadLibraryFacts } from './projects.js';
import type { Database } from './schema.js';
import { audit } from './users.js';

/** A refused assessment write, with a stable code and the reason in both languages. */
export class AssessmentError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'AssessmentError';
  }
}

/**
 * Records the plan folder's schemes (inside the plan's seeding transaction). A scheme version already used by a
 * published result cannot change: the whole seeding is refused (nothing written) and the error says to declare
 * the change as a new version.
 */
export async function writeSchemes(db: Kysely<Database>, planId: string, schemes: readonly Scheme[]): Promise<void> {
  const stored = await db.selectFrom('assessment_schemes').selectAll().where('plan_id', '=', planId).execute();
  for (const s of schemes) {
    const before = stored.find((r) => r.id === s.id && r.version === s.version);
    if (before && before.hash !== s.hash) {
      const used = await db
        .selectFrom('assessment_results')
        .select(['year'])
        .where('plan_id', '=', planId)
        .where('scheme_id', '=', s.id)
        .where('scheme_version', '=', s.version)
        .orderBy('year')
        .execute();
      if (used.length)
        throw new AssessmentError(
          'SCHEME_FROZEN',
          409,
          `assessment.yaml：考核方案“${s.id}”第 ${s.version} 版已用于 ${used.map((u) => u.year).join('、')} 年的正式结果，不能再修改；请将修改作为新版本（version: ${s.version + 1}）。未写入任何内容。`,
          `assessment.yaml: scheme "${s.id}" version ${s.version} was used for the published result of ${used.map((u) => u.year).join(', ')} and can no longer change; declare the change as a new version (version: ${s.version + 1}). Nothing was written.`,
        );
    }
  }
  const now = new Date().toISOString();
  await db.updateTable('assessment_schemes').set({ current: 0 }).where('plan_id', '=', planId).execute();
  for (const s of schemes) {
    const row = { hash: s.hash, body: JSON.stringify(s), current: 1, seeded_at: now };
    const exists = stored.some((r) => r.id === s.id && r.version === s.version);
    if (exists) await db.updateTable('assessment_schemes').set(row).where('plan_id', '=', planId).where('id', '=', s.id).where('version', '=', s.version).execute();
    else await db.insertInto('assessment_schemes').values({ plan_id: planId, id: s.id, version: s.version, ...row }).execute();
  }
}

/** The schemes the plan folder currently declares. */
export async function loadSchemes(db: Kysely<Database>, planId: string): Promise<Scheme[]> {
  const rows = await db.selectFrom('assessment_schemes').select('body').where('plan_id', '=', planId).where('current', '=', 1).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.body) as Scheme);
}

const vetoOf = (r: Database['assessment_vetoes']): VetoRecord => ({
  id: r.id,
  year: r.year,
  subjectKind: r.subject_kind,
  subjectCode: r.subject_code,
  veto: r.veto,
  evidence: r.evidence,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

export async function listVetoes(db: Kysely<Database>, planId: string, year?: number): Promise<VetoRecord[]> {
  let q = db.selectFrom('assessment_vetoes').selectAll().where('plan_id', '=', planId);
  if (year !== undefined) q = q.where('year', '=', year);
  return (await q.orderBy('recorded_at').execute()).map(vetoOf);
}

export interface VetoInput {
  year: number;
  subjectKind: 'region' | 'department';
  subjectCode: string;
  veto: string;
  evidence: string;
  note?: string | null;
}

/** Validates a veto against the plan and scheme; every reason in both languages, naming the field. */
export function validateVeto(plan: Plan, scheme: Scheme, v: VetoInput): AssessmentError | null {
  const bad = (field: string, zh: string, en: string) => new AssessmentError('INVALID_VETO', 400, `${field}：${zh}`, `${field}: ${en}`);
  if (!v.evidence || !v.evidence.trim())
    return bad('evidence', '一票否决须附依据（文件名称、文号或调查报告），依据不能为空', 'a veto needs its evidence (document title, number or investigation report); evidence is empty');
  if (!scheme.vetoes.some((x) => x.id === v.veto))
    return bad('veto', `方案“${scheme.id}”没有否决事项“${v.veto}”（可选：${scheme.vetoes.map((x) => x.id).join('、')}）`, `scheme "${scheme.id}" has no veto item "${v.veto}" (one of: ${scheme.vetoes.map((x) => x.id).join(', ')})`);
  if (v.year <= plan.meta.baseYear || v.year > plan.meta.period.end)
    return bad('year', `年份 ${v.year} 不在规划期 ${plan.meta.baseYear + 1}–${plan.meta.period.end} 内`, `year ${v.year} is outside ${plan.meta.baseYear + 1}–${plan.meta.period.end}`);
  const known =
    v.subjectKind === 'region'
      ? plan.regions.some((r) => r.code === v.subjectCode && r.parent === plan.meta.region)
      : plan.departments.some((d) => d.id === v.subjectCode && scheme.departments.kinds.includes(d.kind));
  if (!known)
    return bad('subjectCode', `“${v.subjectCode}”不是被考核的${v.subjectKind === 'region' ? '县（市、区）' : '部门'}`, `"${v.subjectCode}" is not an assessed ${v.subjectKind}`);
  return null;
}

/** Records a veto and audits it, in one transaction. */
export async function addVeto(db: Kysely<Database>, planId: string, v: VetoInput, by: { userId: string | null; username: string; ip?: string | null }): Promise<VetoRecord> {
  const row = {
    id: randomUUID(),
    plan_id: planId,
    year: v.year,
    subject_kind: v.subjectKind,
    subject_code: v.subjectCode,
    veto: v.veto,
    evidence: v.evidence.trim(),
    note: v.note?.trim() || null,
    recorded_by: by.username,
    recorded_at: new Date().toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('assessment_vetoes').values(row).execute();
    await audit(trx, { userId: by.userId, action: 'assessment.veto', entity: 'assessment_veto', entityId: row.id, detail: { year: v.year, subject: `${v.subjectKind}:${v.subjectCode}`, veto: v.veto, evidence: row.evidence }, ip: by.ip ?? null });
  });
  return vetoOf(row);
}

export interface PublishedResult {
  id: string;
  year: number;
  schemeId: string;
  schemeVersion: number;
  schemeHash: string;
  result: AssessmentResult;
  note: string | null;
  publishedBy: string;
  publishedAt: string;
}

export async function publishedResult(db: Kysely<Database>, planId: string, year: number, schemeId: string): Promise<PublishedResult | null> {
  const r = await db.selectFrom('assessment_results').selectAll().where('plan_id', '=', planId).where('year', '=', year).where('scheme_id', '=', schemeId).executeTakeFirst();
  if (!r) return null;
  return { id: r.id, year: r.year, schemeId: r.scheme_id, schemeVersion: r.scheme_version, schemeHash: r.scheme_hash, result: JSON.parse(r.body) as AssessmentResult, note: r.note, publishedBy: r.published_by, publishedAt: r.published_at };
}

/** Freezes a year's result as the official one (once per year and scheme) and audits it, in one transaction. */
export async function publishResult(db: Kysely<Database>, planId: string, result: AssessmentResult, by: { userId: string | null; username: string; ip?: string | null }, note: string | null): Promise<PublishedResult> {
  const row = {
    id: randomUUID(),
    plan_id: planId,
    year: result.year,
    scheme_id: result.scheme.id,
    scheme_version: result.scheme.version,
    scheme_hash: result.scheme.hash,
    body: JSON.stringify(result),
    note,
    published_by: by.username,
    published_at: new Date().toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('assessment_results').select(['published_at', 'published_by']).where('plan_id', '=', planId).where('year', '=', result.year).where('scheme_id', '=', result.scheme.id).executeTakeFirst();
    if (existing)
      throw new AssessmentError(
        'ALREADY_PUBLISHED',
        409,
        `${result.year} 年按方案“${result.scheme.id}”的考核结果已由 ${existing.published_by} 于 ${existing.published_at} 发布，正式结果不能覆盖；之后的数据变化作为差异显示`,
        `the ${result.year} result under scheme "${result.scheme.id}" was published by ${existing.published_by} at ${existing.published_at}; an official result is never overwritten, later data changes show as differences`,
      );
    await trx.insertInto('assessment_results').values(row).execute();
    const scores = result.subjects.map((s) => `${s.kind}:${s.code}=${s.score}`);
    await audit(trx, { userId: by.userId, action: 'assessment.publish', entity: 'assessment_result', entityId: row.id, detail: { year: result.year, scheme: `${result.scheme.id}@${result.scheme.version}`, schemeHash: result.scheme.hash, scores }, ip: by.ip ?? null });
  });
  return { id: row.id, year: row.year, schemeId: row.scheme_id, schemeVersion: row.scheme_version, schemeHash: row.scheme_hash, result, note, publishedBy: row.published_by, publishedAt: row.published_at };
}

/** The facts an assessment of a year is computed from: approved observations only, the library, the vetoes. */
export async function assessmentInput(db: Kysely<Database>, plan: Plan, scheme: Scheme, year: number): Promise<AssessmentInput> {
  const [observations, facts, vetoes] = await Promise.all([approvedObservations(db, plan.meta.id), loadLibraryFacts(db, plan.meta.id), listVetoes(db, plan.meta.id)]);
  return {
    plan,
    scheme,
    year,
    observations: new ObservationIndex(observations),
    library: libraryProjects(plan, facts.versions),
    progress: currentProgress(facts.progress),
    vetoes,
  };
}
