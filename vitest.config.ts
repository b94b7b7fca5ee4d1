import { defineConfig } from 'vitest/config';

/** Test files run on both engines (the `postgres` project); the new tests of issue 17 choose their engines themselves. */
const POSTGRES_FILES = [
  'tests/store.test.ts',
  'tests/observations.test.ts',
  'tests/rounds.test.ts',
  'tests/rounds-transaction.test.ts',
  'tests/auth.test.ts',
  'tests/api.test.ts',
  'tests/evaluation-api.test.ts',
  'tests/projects/api.test.ts',
  'tests/carbon/api.test.ts',
  'tests/gep/api.test.ts',
  'tests/survey/api.test.ts',
  'tests/monitoring/import.test.ts',
  'tests/monitoring/results.test.ts',
  'tests/monitoring/api.test.ts',
  'tests/monitoring/air-days-migration.test.ts',
  'tests/offload.test.ts',
  'tests/rate-limit.test.ts',
  'tests/portal.test.ts',
  'tests/assessment/api.test.ts',
  'tests/user-admin.test.ts',
  'tests/evaluation-views.test.ts',
  'tests/round-template.test.ts',
  'tests/projects/excel.test.ts',
  'tests/db-busy.test.ts',
  'tests/plan-roles.test.ts',
  'tests/plan-revisions.test.ts',
  'tests/plan-drafts.test.ts',
  'tests/plan-monitoring.test.ts',
  // Issue 17's own tests: opening PostgreSQL, the same answers on both engines, several instances on one database.
  'tests/postgres/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Browser tests on a shared 2-core machine can be slow when every file runs at once.
    testTimeout: 60_000,
    // Fails the run if a test built or wrote into the checkout (dist/ changed, or a new path such as data/).
    globalSetup: ['tests/helpers/checkout-guard.ts'],
    hookTimeout: 60_000,
    // expect.poll waits on a state the user would see; its default ceiling (1 s) is shorter than one answer of a
    // busy 2-core machine (a first-contact check failed at load 19 with the year list still in flight).
    expect: { poll: { timeout: 30_000, interval: 50 } },
    projects: [
      {
        extends: true,
        // The CLI, API and unit tests each start their own server on a free port and database in a temp dir.
        // tests/postgres/ needs the PostgreSQL cluster: those files run in the postgres project only.
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/postgres/**'], fileParallelism: true, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // The same files again on PostgreSQL (issue 17): a throwaway cluster for the run (tests/helpers/postgres.js),
        // each database a new one on it (tests/helpers/backend.ts). The store tests and a representative set of API
        // and CLI tests; the others run on SQLite only (docs/testing.md says which and why).
        test: {
          name: 'postgres',
          include: POSTGRES_FILES,
          env: { ECOPLAN_TEST_BACKEND: 'postgres' },
          globalSetup: ['tests/helpers/postgres-global.ts'],
          fileParallelism: true,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // The browser tests come after, one file at a time: a browser, a server and animations sharing two cores
        // with the other files made waits time out (clean-clone CI, 2026-11-27).
        test: { name: 'browser', include: ['e2e/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
