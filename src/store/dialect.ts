// Which engine a handle talks to (SQLite or PostgreSQL). Only code under src/store/ asks: the rest of ecoplan is engine-neutral.
import { PostgresAdapter, type Kysely } from 'kysely';

/** Whether a --db / DATABASE_URL value names a PostgreSQL database (else it is a SQLite file path). */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** The engine of a Kysely instance, a transaction of one, or a migration's handle. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): 'sqlite' | 'postgres' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isPostgres = (db: Kysely<any>): boolean => dialectOf(db) === 'postgres';
