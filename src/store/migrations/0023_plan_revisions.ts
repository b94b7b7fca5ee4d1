// Plan revisions (规划修订): each version of a plan's content kept whole, as the plan folder it is (JSON of the
// folder's files), with its effective year, reason and approving document. No 0 is the content as first loaded,
// written when the first revision is proposed. The plan tables keep holding the latest approved content.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_revisions')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // original | draft | approved | rejected
    .addColumn('effective_year', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('document', 'text') // the approving document (批复文件)
    .addColumn('files', 'text', (c) => c.notNull()) // the plan folder's content as JSON
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addPrimaryKeyConstraint('plan_revisions_pk', ['plan_id', 'no'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_revisions').execute();
}
