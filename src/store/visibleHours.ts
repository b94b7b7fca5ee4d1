// A leaf module (no imports): monitoring.ts builds a query fragment from this at load time, and batches.ts sits in an
// import cycle with db.ts (and, through postgres.ts, airStaging.ts), so the constant must not wait for that cycle.

/** SQL text: the rows of air_days that are visible (not of a batch still being written). */
export const VISIBLE_HOURS = 'import_id not in (select id from monitoring_batches)';
