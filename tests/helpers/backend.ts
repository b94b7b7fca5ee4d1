// Which database engine a test file runs against. The `unit` project runs every file on SQLite; the
// `postgres` project (vitest.config.ts) runs the files it lists again with ECOPLAN_TEST_BACKEND=postgres, each
// database a fresh one on the run's throwaway cluster (helpers/postgres-global.ts). Helpers ask here; test files
// are not copied.
import { join } from 'node:path';
import { inject } from 'vitest';
import { tempDir } from './planFolder.js';
import { createDatabase } from './postgres.js';

export type Backend = 'sqlite' | 'postgres';
export const BACKEND: Backend = process.env.ECOPLAN_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** A new, empty database for the current backend: a file path in a temp dir, or a URL of a new PostgreSQL database. */
export async function freshDatabase(backend: Backend = BACKEND, fileName = 'ecoplan.db'): Promise<string> {
  if (backend === 'postgres') return createDatabase(inject('pgAdminUrl'));
  return join(tempDir(), fileName);
}
