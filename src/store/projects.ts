// Project library repository: versions of projects, yearly progress versions, indicator link sets and evidence
// files. Every write runs in one transaction with its audit entry and bumps the plan's library revision.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatScaled, parseScaled } from '../plan/decimal.js';
import type { Plan } from '../plan/model.js';
import { currentProgress, fieldsOf, libraryProjects, nextProjectNo, type LibraryEntry, type ProgressFact, type ProgressStatus, type ProgressValues, type ProjectFields, type ProjectVersionFact } from '../projects/library.js';
import { projectLinks, type LinkSetFact } from '../projects/links.js';
import type { Database, ProjectProgressTable, ProjectVersionsTable } from './schema.js';
import { audit } from './users.js';

export interface Actor {
  id: string | null;
  username: string;
}

export class ProjectError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

const toWan = (text: string) => Number(parseScaled(text, 2) * 100n);
const fromWan = (wan: number) => formatScaled(BigInt(wan) / 100n, 2);

export interface LibraryFacts {
  versions: ProjectVersionFact[];
  progress: ProgressFact[]; // every version
  linkSets: LinkSetFact[];
}

const versionFact = (r: ProjectVersionsTable): ProjectVersionFact => ({
  no: r.project_no,
  version: r.version,
  fields: {
    categoryId: r.category_id,
    subcategory: r.subcategory,
    name: r.name,
    nameEn: r.name_en,
    content: r.content,
    investmentText: fromWan(Number(r.investment_wan)),
    leadIds: JSON.parse(r.leads) as string[],
    regions: JSON.parse(r.regions) as string[],
    startYear: r.start_year,
    endYear: r.end_year,
    subItems: JSON.parse(r.sub_items) as ProjectFields['subItems'],
  },
  retired: r.retired === 1,
  retiredReason: r.retired_reason,
  reason: r.reason,
  by: r.recorded_by,
  at: r.recorded_at,
});

const progressFact = (r: ProjectProgressTable): ProgressFact => ({
  no: r.project_no,
  year: r.year,
  version: r.version,
  plannedInvestment: fromWan(Number(r.planned_wan)),
  completedInvestment: fromWan(Number(r.completed_wan)),
  cumulativeInvestment: r.cumulative_wan === null ? null : fromWan(Number(r.cumulative_wan)),
  physicalProgress: r.physical_progress,
  status: r.status as ProgressStatus,
  reason: r.reason,
  milestones: JSON.parse(r.milestones) as ProgressFact['milestones'],
  note: r.note,
  explanation: r.explanation,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  isDemo: r.is_demo === 1,
});

/** The revision of a plan's library: every write increments it; caches are keyed by it. */
export async function libraryRevision(db: Kysely<Database>, planId: string): Promise<number> {
  const r = await db.selectFrom('project_library_revisions').select('revision').where('plan_id', '=', planId).executeTakeFirst();
  return r?.revision ?? 0;
}

async function bump(trx: Kysely<Database>, planId: string) {
  const updated = await trx.updateTable('project_library_revisions').set((eb) => ({ revision: eb('revision', '+', 1) })).where('plan_id', '=', planId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('project_library_revisions').values({ plan_id: planId, revision: 1 }).execute();
}

export async function loadLibraryFacts(db: Kysely<Database>, planId: string): Promise<LibraryFacts> {
  const [versions, progress, links] = await Promise.all([
    db.selectFrom('project_versions').selectAll().where('plan_id', '=', planId).orderBy('project_no').orderBy('version').execute(),
    db.selectFrom('project_progress').selectAll().where('plan_id', '=', planId).orderBy('project_no').orderBy('year').orderBy('version').execute(),
    db.selectFrom('project_link_sets').selectAll().where('plan_id', '=', planId).orderBy('project_no').orderBy('version').execute(),
  ]);
  return {
    versions: versions.map(versionFact),
    progress: progress.map(progressFact),
    linkSets: links.map((r) => ({ no: r.project_no, version: r.version, indicators: JSON.parse(r.indicators) as number[], reason: r.reason, by: r.recorded_by, at: r.recorded_at })),
  };
}

function run<T>(db: Kysely<Database>, f: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? f(db) : db.transaction().execute(f);
}

async function insertVersion(trx: Kysely<Database>, planId: string, no: number, version: number, f: ProjectFields, retired: { reason: string } | null, reason: string, by: Actor) {
  const row: ProjectVersionsTable = {
    id: randomUUID(),
    plan_id: planId,
    project_no: no,
    version,
    category_id: f.categoryId,
    subcategory: f.subcategory,
    name: f.name,
    name_en: f.nameEn,
    content: f.content,
    investment_wan: toWan(f.investmentText),
    leads: JSON.stringify(f.leadIds),
    regions: JSON.stringify(f.regions),
    sub_items: JSON.stringify(f.subItems),
    start_year: f.startYear,
    end_year: f.endYear,
    retired: retired ? 1 : 0,
    retired_reason: retired?.reason ?? null,
    reason,
    recorded_by: by.username,
    recorded_at: new Date().toISOString(),
  };
  await trx.insertInto('project_versions').values(row).execute();
  return row;
}

async function currentEntry(trx: Kysely<Database>, plan: Plan, no: number): Promise<LibraryEntry | undefined> {
  const versions = (await trx.selectFrom('project_versions').selectAll().where('plan_id', '=', plan.meta.id).where('project_no', '=', no).execute()).map(versionFact);
  return libraryProjects(plan, versions).find((p) => p.no === no);
}

const requireReason = (reason: string) => {
  if (!reason.trim()) throw new ProjectError(400, 'REASON_REQUIRED', '须填写变更原因', 'a reason is required');
};

/** Adds a project to the library with the next free number (version 1). */
export async function addProject(db: Kysely<Database>, plan: Plan, fields: ProjectFields, reason: string, by: Actor): Promise<LibraryEntry> {
  requireReason(reason);
  return run(db, async (trx) => {
    const versions = (await trx.selectFrom('project_versions').selectAll().where('plan_id', '=', plan.meta.id).execute()).map(versionFact);
    const no = nextProjectNo(plan, versions);
    await insertVersion(trx, plan.meta.id, no, 1, fields, null, reason, by);
    await bump(trx, plan.meta.id);
    await audit(trx, { userId: by.id, action: 'project.add', entity: 'project', entityId: `${plan.meta.id}#${no}`, detail: { by: by.username, reason, fields } });
    return (await currentEntry(trx, plan, no))!;
  });
}

/** Writes a new version of a project: changed fields, or retirement. A retired project cannot be changed. */
export async function reviseProject(db: Kysely<Database>, plan: Plan, no: number, change: { fields: ProjectFields } | { retire: true }, reason: string, by: Actor): Promise<LibraryEntry> {
  requireReason(reason);
  return run(db, async (trx) => {
    const current = await currentEntry(trx, plan, no);
    if (!current) throw new ProjectError(404, 'NOT_FOUND', `未找到重点工程项目 ${no}`, `key project ${no} not found`);
    if (current.retired) throw new ProjectError(409, 'RETIRED', `项目 ${no} 已退出项目库（${current.retiredReason ?? ''}），不能再修改`, `project ${no} is retired and cannot be changed`);
    const retire = 'retire' in change;
    const fields = retire ? fieldsFromEntry(current) : change.fields;
    if (!retire && JSON.stringify(fields) === JSON.stringify(fieldsFromEntry(current)))
      throw new ProjectError(409, 'NO_CHANGE', '没有任何修改', 'nothing changed');
    await insertVersion(trx, plan.meta.id, no, current.version + 1, fields, retire ? { reason } : null, reason, by);
    await bump(trx, plan.meta.id);
    await audit(trx, {
      userId: by.id,
      action: retire ? 'project.retire' : 'project.revise',
      entity: 'project',
      entityId: `${plan.meta.id}#${no}`,
      detail: { by: by.username, reason, version: current.version + 1, before: fieldsFromEntry(current), after: retire ? { retired: true } : fields },
    });
    return (await currentEntry(trx, plan, no))!;
  });
}

/** The editable fields of a library entry (the same as of a plan project). */
export const fieldsFromEntry: (p: LibraryEntry) => ProjectFields = fieldsOf;

const sameValues = (a: ProgressFact, v: ProgressValues) =>
  a.plannedInvestment === v.plannedInvestment &&
  a.completedInvestment === v.completedInvestment &&
  a.cumulativeInvestment === v.cumulativeInvestment &&
  a.physicalProgress === v.physicalProgress &&
  a.status === v.status &&
  a.reason === v.reason &&
  a.note === v.note &&
  a.explanation === v.explanation &&
  JSON.stringify(a.milestones) === JSON.stringify(v.milestones);

/** The current entries of one project (one per year). */
export async function projectProgress(db: Kysely<Database>, planId: string, no: number): Promise<ProgressFact[]> {
  const rows = await db.selectFrom('project_progress').selectAll().where('plan_id', '=', planId).where('project_no', '=', no).execute();
  return currentProgress(rows.map(progressFact));
}

/**
 * Records a year's progress as a new version. When the year already has an entry, the new one needs a reason
 * (`values.reason`); an identical save writes nothing. Returns the current entry and whether it was written.
 */
export async function recordProgress(
  db: Kysely<Database>,
  planId: string,
  no: number,
  year: number,
  values: ProgressValues,
  by: Actor,
  opts: { isDemo?: boolean } = {},
): Promise<{ entry: ProgressFact; written: boolean }> {
  return run(db, async (trx) => {
    const existing = (await projectProgress(trx, planId, no)).find((e) => e.year === year);
    if (existing && sameValues(existing, values)) return { entry: existing, written: false };
    if (existing && !values.reason)
      throw new ProjectError(409, 'REASON_REQUIRED', `项目 ${no} 的 ${year} 年进展已填报（第 ${existing.version} 版），修改须填写原因（reason）`, `progress of project ${no} for ${year} exists (version ${existing.version}): a change needs a reason`);
    const row: ProjectProgressTable = {
      id: randomUUID(),
      plan_id: planId,
      project_no: no,
      year,
      version: (existing?.version ?? 0) + 1,
      planned_wan: toWan(values.plannedInvestment),
      completed_wan: toWan(values.completedInvestment),
      cumulative_wan: values.cumulativeInvestment === null ? null : toWan(values.cumulativeInvestment),
      physical_progress: values.physicalProgress,
      status: values.status,
      reason: values.reason,
      milestones: JSON.stringify(values.milestones),
      note: values.note,
      explanation: values.explanation,
      is_demo: opts.isDemo ? 1 : 0,
      recorded_by: by.username,
      recorded_at: new Date().toISOString(),
    };
    await trx.insertInto('project_progress').values(row).execute();
    await bump(trx, planId);
    if (!opts.isDemo)
      await audit(trx, {
        userId: by.id,
        action: 'project.progress',
        entity: 'project',
        entityId: `${planId}#${no}`,
        detail: { by: by.username, year, version: row.version, reason: values.reason, before: existing ? { ...existing, milestones: undefined } : null, after: values },
      });
    return { entry: progressFact(row), written: true };
  });
}

/** Replaces a project's indicator links with a new set (a new version with its reason). */
export async function setLinks(db: Kysely<Database>, planId: string, no: number, indicators: number[], before: number[], reason: string, by: Actor): Promise<void> {
  requireReason(reason);
  await run(db, async (trx) => {
    const last = await trx.selectFrom('project_link_sets').select('version').where('plan_id', '=', planId).where('project_no', '=', no).orderBy('version', 'desc').limit(1).executeTakeFirst();
    await trx
      .insertInto('project_link_sets')
      .values({ id: randomUUID(), plan_id: planId, project_no: no, version: (last?.version ?? 0) + 1, indicators: JSON.stringify(indicators), reason, recorded_by: by.username, recorded_at: new Date().toISOString() })
      .execute();
    await bump(trx, planId);
    await audit(trx, { userId: by.id, action: 'project.links', entity: 'project', entityId: `${planId}#${no}`, detail: { by: by.username, reason, before, after: indicators } });
  });
}

export interface ProjectEvidenceMeta {
  id: string;
  year: number;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export async function attachProjectEvidence(
  db: Kysely<Database>,
  planId: string,
  no: number,
  year: number,
  file: { name: string; contentType: string; bytes: Buffer; sha256: string },
  by: Actor,
): Promise<ProjectEvidenceMeta> {
  return run(db, async (trx) => {
    const meta: ProjectEvidenceMeta = { id: randomUUID(), year, fileName: file.name, contentType: file.contentType, size: file.bytes.length, uploadedAt: new Date().toISOString(), uploadedBy: by.username };
    await trx
      .insertInto('project_evidence')
      .values({ id: meta.id, plan_id: planId, project_no: no, year, file_name: meta.fileName, content_type: meta.contentType, size: meta.size, sha256: file.sha256, content_base64: file.bytes.toString('base64'), uploaded_by: meta.uploadedBy, uploaded_at: meta.uploadedAt })
      .execute();
    await bump(trx, planId);
    await audit(trx, { userId: by.id, action: 'project.evidence', entity: 'project', entityId: `${planId}#${no}`, detail: { by: by.username, year, file: file.name, contentType: file.contentType, size: meta.size, sha256: file.sha256 } });
    return meta;
  });
}

export async function projectEvidence(db: Kysely<Database>, planId: string, no: number): Promise<ProjectEvidenceMeta[]> {
  const rows = await db
    .selectFrom('project_evidence')
    .select(['id', 'year', 'file_name', 'content_type', 'size', 'uploaded_at', 'uploaded_by'])
    .where('plan_id', '=', planId)
    .where('project_no', '=', no)
    .orderBy('year')
    .orderBy('uploaded_at')
    .execute();
  return rows.map((r) => ({ id: r.id, year: r.year, fileName: r.file_name, contentType: r.content_type, size: r.size, uploadedAt: r.uploaded_at, uploadedBy: r.uploaded_by }));
}

export async function projectEvidenceFile(db: Kysely<Database>, planId: string, no: number, id: string) {
  return db.selectFrom('project_evidence').selectAll().where('plan_id', '=', planId).where('project_no', '=', no).where('id', '=', id).executeTakeFirst();
}

/** Loads demonstration progress (示例数据) for years that hold no entry yet. Idempotent. */
export async function loadDemoProgress(db: Kysely<Database>, planId: string, entries: readonly (ProgressValues & { no: number; year: number })[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const taken = new Set((await trx.selectFrom('project_progress').select(['project_no', 'year']).where('plan_id', '=', planId).execute()).map((r) => `${r.project_no}|${r.year}`));
    let n = 0;
    for (const { no, year, ...values } of entries) {
      if (taken.has(`${no}|${year}`)) continue;
      await recordProgress(trx, planId, no, year, values, { id: null, username: 'ecoplan demo' }, { isDemo: true });
      n++;
    }
    return n;
  });
}

/** Removes demonstration progress; real entries (and their later versions) stay. */
export async function removeDemoProgress(db: Kysely<Database>, planId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('project_progress').where('plan_id', '=', planId).where('is_demo', '=', 1).executeTakeFirst();
    const n = Number(r.numDeletedRows);
    if (n) await bump(trx, planId);
    return n;
  });
}

/** The active projects linked to an indicator (for the indicator's page). */
export async function projectsServing(db: Kysely<Database>, plan: Plan, code: number): Promise<{ no: number; name: string; nameEn: string }[]> {
  const facts = await loadLibraryFacts(db, plan.meta.id);
  const library = libraryProjects(plan, facts.versions).filter((p) => !p.retired);
  return library.filter((p) => projectLinks(plan, p.no, facts.linkSets).some((l) => l.indicatorCode === code)).map((p) => ({ no: p.no, name: p.name, nameEn: p.nameEn }));
}
