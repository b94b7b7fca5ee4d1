// Vitest global setup of the `postgres` project: one throwaway cluster for the run (helpers/postgres.js), its
// maintenance URL provided to the test files (inject('pgAdminUrl')), stopped and removed when the run ends. Without
// the PostgreSQL binaries this fails the run with what to install: the PostgreSQL tests never skip silently.
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
