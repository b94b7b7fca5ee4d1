// Issue 18: accounts and roles belong to a plan, and one account may hold roles in several plans. A role is a grant
// (user, plan, role, department); the account itself (name, password, disabled) stays one row in `users`. Existing
// accounts keep working: each one's role and department move into a grant in its plan (the default plan for an
// account that named none), and the columns the grant now holds leave `users`. `users.plan_id` stays: the plan the
// account was created in, where the console opens when no plan is chosen.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_plan_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // admin | reviewer | reporter | viewer
    .addColumn('department_id', 'text') // reporters: the department (or county government) of this plan they report for
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_plan_roles_pk', ['user_id', 'plan_id'])
    .execute();
  await db.schema.createIndex('user_plan_roles_by_plan').on('user_plan_roles').column('plan_id').execute();
  await sql`
    INSERT INTO user_plan_roles (user_id, plan_id, role, department_id, granted_at)
    SELECT u.id, p.id, u.role, u.department_id, u.created_at
    FROM users u JOIN plans p ON p.id = COALESCE(u.plan_id, (SELECT d.id FROM plans d WHERE d.is_default = 1 LIMIT 1))
  `.execute(db);
  await db.schema.alterTable('users').dropColumn('role').execute();
  await db.schema.alterTable('users').dropColumn('department_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('role', 'text', (c) => c.notNull().defaultTo('viewer')).execute();
  await db.schema.alterTable('users').addColumn('department_id', 'text').execute();
  await sql`
    UPDATE users SET
      role = COALESCE((SELECT r.role FROM user_plan_roles r WHERE r.user_id = users.id ORDER BY (r.plan_id = users.plan_id) DESC LIMIT 1), 'viewer'),
      department_id = (SELECT r.department_id FROM user_plan_roles r WHERE r.user_id = users.id ORDER BY (r.plan_id = users.plan_id) DESC LIMIT 1)
  `.execute(db);
  await db.schema.dropTable('user_plan_roles').execute();
}
