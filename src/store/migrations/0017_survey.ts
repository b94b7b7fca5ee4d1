// the public survey. Questionnaires and their versions (a version with responses keeps its structure;
// a structural change is a new version), responses as given (no personal data: no address, no account; a keyed
// hash for duplicate detection only), paper imports, and county populations entered for post-stratification.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull()) // the evaluation year the survey measures
    .addColumn('status', 'text', (c) => c.notNull()) // draft | open | closed
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull()) // HMAC key of its browser tokens and duplicate keys (hex)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createTable('survey_versions')
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON (src/survey/model.ts Definition)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_versions_pk', ['survey_id', 'version'])
    .execute();
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('county_code', 'text')
    .addColumn('answers', 'text', (c) => c.notNull()) // JSON, free text exactly as given
    .addColumn('channel', 'text', (c) => c.notNull()) // web | paper
    .addColumn('token_id', 'text', (c) => c.unique()) // the one-time browser token it used (web)
    .addColumn('dup_key', 'text') // HMAC(secret, address + answers): equal answers from one address, not the address
    .addColumn('import_id', 'text') // the paper import it came from
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // YYYY-MM-DD, China Standard Time
    .execute();
  await db.schema.createIndex('survey_responses_by_survey').on('survey_responses').columns(['survey_id', 'day']).execute();
  await db.schema.createIndex('survey_responses_by_dup').on('survey_responses').columns(['survey_id', 'dup_key']).execute();
  await db.schema
    .createTable('survey_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_populations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('populations', 'text', (c) => c.notNull()) // JSON {countyCode: persons}; the latest set applies
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['survey_populations', 'survey_imports', 'survey_responses', 'survey_versions', 'surveys']) await db.schema.dropTable(t).execute();
}
