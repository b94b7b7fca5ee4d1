// The survey's storage: questionnaires and versions, responses as given, paper imports and county populations.
// Staff changes are audited; public responses are not (they carry no identity and the audit log is not a tally).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { breakingChanges, type Definition, type Response } from '../survey/model.js';
import type { Database, SurveysTable } from './schema.js';
import { WorkflowError } from './rounds.js';
import { audit } from './users.js';

type Actor = { id: string; username: string };

/** The calendar day of an instant in China Standard Time (UTC+8), YYYY-MM-DD. */
export const cstDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export interface SurveyRow extends SurveysTable {
  definition: Definition;
}

export async function createSurvey(db: Kysely<Database>, planId: string, year: number, definition: Definition, by: Actor): Promise<SurveyRow> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const row: SurveysTable = { id: randomUUID(), plan_id: planId, year, status: 'draft', current_version: 1, secret: randomBytes(32).toString('hex'), created_by: by.username, created_at: now, opened_at: null, closed_at: null };
    await trx.insertInto('surveys').values(row).execute();
    await trx.insertInto('survey_versions').values({ survey_id: row.id, version: 1, definition: JSON.stringify(definition), created_by: by.username, created_at: now, updated_at: now }).execute();
    await audit(trx, { userId: by.id, action: 'survey.create', entity: 'survey', entityId: row.id, detail: { year, title: definition.title } });
    return { ...row, definition };
  });
}

/** A questionnaire of the plan with its current version's definition, or undefined. */
export async function findSurvey(db: Kysely<Database>, planId: string, id: string): Promise<SurveyRow | undefined> {
  const row = await db.selectFrom('surveys').selectAll().where('id', '=', id).where('plan_id', '=', planId).executeTakeFirst();
  if (!row) return undefined;
  const v = await db.selectFrom('survey_versions').select('definition').where('survey_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  return { ...row, definition: JSON.parse(v.definition) as Definition };
}

export async function listSurveys(db: Kysely<Database>, planId: string, status?: SurveysTable['status']) {
  let q = db.selectFrom('surveys').innerJoin('survey_versions', (j) => j.onRef('survey_versions.survey_id', '=', 'surveys.id').onRef('survey_versions.version', '=', 'surveys.current_version')).selectAll('surveys').select('survey_versions.definition').where('plan_id', '=', planId);
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('created_at', 'desc').execute();
  const counts = new Map((await db.selectFrom('survey_responses').select(['survey_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('survey_id').execute()).map((r) => [r.survey_id, Number(r.n)]));
  return rows.map((r) => ({ ...r, definition: JSON.parse(r.definition) as Definition, responses: counts.get(r.id) ?? 0 }));
}

export async function versionsOf(db: Kysely<Database>, surveyId: string): Promise<Map<number, Definition>> {
  const rows = await db.selectFrom('survey_versions').select(['version', 'definition']).where('survey_id', '=', surveyId).execute();
  return new Map(rows.map((r) => [r.version, JSON.parse(r.definition) as Definition]));
}

async function responseCount(db: Kysely<Database>, surveyId: string, version?: number): Promise<number> {
  let q = db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).where('survey_id', '=', surveyId);
  if (version !== undefined) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * Changes the current version in place. Once it has responses only wording may change (model.ts breakingChanges);
 * anything else is refused with every reason, and the designer saves a new version instead.
 */
export async function updateDefinition(db: Kysely<Database>, survey: SurveyRow, definition: Definition, by: Actor): Promise<SurveyRow> {
  return db.transaction().execute(async (trx) => {
    const answered = await responseCount(trx, survey.id, survey.current_version);
    if (answered > 0) {
      const broken = breakingChanges(survey.definition, definition);
      if (broken.length)
        throw new WorkflowError(409, 'VERSION_IN_USE', `第 ${survey.current_version} 版已有 ${answered} 份答卷，只能修改文字；以下更改会破坏已有结果，请另存为新版本：${broken.map((b) => b.message).join('；')}`, `version ${survey.current_version} has ${answered} response(s): only wording may change; these changes would break its results, save a new version instead: ${broken.map((b) => b.messageEn).join('; ')}`);
    }
    const now = new Date().toISOString();
    await trx.updateTable('survey_versions').set({ definition: JSON.stringify(definition), updated_at: now }).where('survey_id', '=', survey.id).where('version', '=', survey.current_version).execute();
    await audit(trx, { userId: by.id, action: 'survey.edit', entity: 'survey', entityId: survey.id, detail: { version: survey.current_version, answered, before: survey.definition, after: definition } });
    return { ...survey, definition };
  });
}

/** Saves a definition as the next version, which new answers then use; answers to earlier versions keep theirs. */
export async function addVersion(db: Kysely<Database>, survey: SurveyRow, definition: Definition, by: Actor): Promise<SurveyRow> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const version = survey.current_version + 1;
    await trx.insertInto('survey_versions').values({ survey_id: survey.id, version, definition: JSON.stringify(definition), created_by: by.username, created_at: now, updated_at: now }).execute();
    await trx.updateTable('surveys').set({ current_version: version }).where('id', '=', survey.id).execute();
    await audit(trx, { userId: by.id, action: 'survey.version', entity: 'survey', entityId: survey.id, detail: { version, definition } });
    return { ...survey, current_version: version, definition };
  });
}

export async function setSurveyStatus(db: Kysely<Database>, survey: SurveyRow, status: 'open' | 'closed', by: Actor): Promise<SurveyRow> {
  if (survey.status === status) throw new WorkflowError(409, 'ALREADY', status === 'open' ? '问卷已开放' : '问卷已关闭', status === 'open' ? 'the questionnaire is already open' : 'the questionnaire is already closed');
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const set = status === 'open' ? { status, opened_at: now, closed_at: null } : { status, closed_at: now };
    await trx.updateTable('surveys').set(set).where('id', '=', survey.id).execute();
    await audit(trx, { userId: by.id, action: `survey.${status === 'open' ? 'open' : 'close'}`, entity: 'survey', entityId: survey.id, detail: { version: survey.current_version } });
    return { ...survey, ...set };
  });
}

/** Whether an equal response (same dup key) came in at or after `since` (ISO). */
export async function recentDuplicate(db: Kysely<Database>, surveyId: string, dupKey: string, since: string): Promise<boolean> {
  const hit = await db.selectFrom('survey_responses').select('id').where('survey_id', '=', surveyId).where('dup_key', '=', dupKey).where('submitted_at', '>=', since).limit(1).executeTakeFirst();
  return hit !== undefined;
}

export async function tokenUsed(db: Kysely<Database>, tokenId: string): Promise<boolean> {
  return (await db.selectFrom('survey_responses').select('id').where('token_id', '=', tokenId).executeTakeFirst()) !== undefined;
}

/** Stores one web response. A token already used (a race the caller's check missed) is refused by the unique index. */
export async function insertWebResponse(db: Kysely<Database>, x: { surveyId: string; version: number; response: Response; tokenId: string; dupKey: string; at: Date }): Promise<number> {
  try {
    const r = await db
      .insertInto('survey_responses')
      .values({ survey_id: x.surveyId, version: x.version, county_code: x.response.county, answers: JSON.stringify(x.response.answers), channel: 'web', token_id: x.tokenId, dup_key: x.dupKey, import_id: null, submitted_at: x.at.toISOString(), day: cstDay(x.at) })
      .executeTakeFirstOrThrow();
    return Number(r.insertId);
  } catch (e) {
    if (/UNIQUE/.test(String((e as Error).message))) throw new WorkflowError(409, 'TOKEN_USED', '此浏览器已提交过本问卷（每个浏览器只能提交一次）', 'this browser has already answered this questionnaire (one response per browser)');
    throw e;
  }
}

export interface StoredResponse extends Response {
  id: number;
  version: number;
  channel: 'web' | 'paper';
  day: string;
  submittedAt: string;
}

export async function responsesOf(db: Kysely<Database>, surveyId: string): Promise<StoredResponse[]> {
  const rows = await db.selectFrom('survey_responses').select(['id', 'version', 'county_code', 'answers', 'channel', 'day', 'submitted_at']).where('survey_id', '=', surveyId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, version: r.version, county: r.county_code, answers: JSON.parse(r.answers) as Response['answers'], channel: r.channel, day: r.day, submittedAt: r.submitted_at }));
}

/** Paper answers from one workbook, all in one transaction with the import's record. */
export async function importPaper(db: Kysely<Database>, survey: SurveyRow, rows: { response: Response; day: string }[], file: { name: string; sha256: string }, by: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const now = new Date().toISOString();
    await trx.insertInto('survey_imports').values({ id, survey_id: survey.id, file_name: file.name, sha256: file.sha256, rows: rows.length, imported_by: by.username, imported_at: now }).execute();
    for (const r of rows)
      await trx
        .insertInto('survey_responses')
        .values({ survey_id: survey.id, version: survey.current_version, county_code: r.response.county, answers: JSON.stringify(r.response.answers), channel: 'paper', token_id: null, dup_key: null, import_id: id, submitted_at: now, day: r.day })
        .execute();
    await audit(trx, { userId: by.id, action: 'survey.import', entity: 'survey', entityId: survey.id, detail: { importId: id, file: file.name, sha256: file.sha256, rows: rows.length, version: survey.current_version } });
    return rows.length;
  });
}

export async function savePopulations(db: Kysely<Database>, surveyId: string, populations: Record<string, number>, source: string, by: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const id = randomUUID();
    await trx.insertInto('survey_populations').values({ id, survey_id: surveyId, populations: JSON.stringify(populations), source, entered_by: by.username, entered_at: new Date().toISOString() }).execute();
    await audit(trx, { userId: by.id, action: 'survey.populations', entity: 'survey', entityId: surveyId, detail: { populations, source } });
  });
}

/** The latest set of county populations entered for a survey, or null. */
export async function latestPopulations(db: Kysely<Database>, surveyId: string): Promise<{ populations: Record<string, number>; source: string; enteredBy: string; enteredAt: string } | null> {
  const r = await db.selectFrom('survey_populations').selectAll().where('survey_id', '=', surveyId).orderBy('entered_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
  return r ? { populations: JSON.parse(r.populations) as Record<string, number>, source: r.source, enteredBy: r.entered_by, enteredAt: r.entered_at } : null;
}
