// What the reports read for the assessment: the default scheme and the vetoes of the plan, and, for the
// assessment report, the year's result, its published version and the differences.
import type { Kysely } from 'kysely';
import { assess } from '../assessment/assess.js';
import { compareResults } from '../assessment/compare.js';
import { pickScheme, type Scheme } from '../assessment/scheme.js';
import type { Plan } from '../plan/model.js';
import { assessmentInput, listVetoes, loadSchemes, publishedResult } from '../store/assessment.js';
import type { Database } from '../store/schema.js';
import type { AssessmentReportInput } from './assessmentSection.js';

/** The annual report's assessment input; undefined when the plan has no scheme (no chapter then). */
export async function reportAssessmentInput(db: Kysely<Database>, plan: Plan): Promise<{ scheme: Scheme; vetoes: Awaited<ReturnType<typeof listVetoes>> } | undefined> {
  const scheme = pickScheme(await loadSchemes(db, plan.meta.id));
  if (!scheme) return undefined;
  return { scheme, vetoes: await listVetoes(db, plan.meta.id) };
}

/** Everything the assessment report and the Excel export of a year show; null when the scheme is unknown. */
export async function assessmentReportInput(db: Kysely<Database>, plan: Plan, year: number, schemeId?: string): Promise<AssessmentReportInput | null> {
  const scheme = pickScheme(await loadSchemes(db, plan.meta.id), schemeId);
  if (!scheme) return null;
  const result = assess(await assessmentInput(db, plan, scheme, year));
  const published = await publishedResult(db, plan.meta.id, year, scheme.id);
  return { plan, scheme, result, published: published && { publishedAt: published.publishedAt, publishedBy: published.publishedBy }, differences: published ? compareResults(published.result, result) : [] };
}
