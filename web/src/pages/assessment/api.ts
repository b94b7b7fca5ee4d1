// Requests of the assessment page (issue 19), through the console's shared client (same origin and session).
import { getJson, queryString, sendJson } from '../../api.js';
import type { AssessmentResponse } from './types.js';

export const ASSESSMENT = '/api/v1/plans/default/assessment';

export const assessmentApi = {
  result: (year: number) => getJson<AssessmentResponse>(`${ASSESSMENT}${queryString({ year })}`),
  publish: (year: number, note: string) => sendJson<{ publishedAt: string }>('POST', `${ASSESSMENT}/publish`, { year, note: note || undefined }),
  reportHref: (year: number) => `${ASSESSMENT}/report.docx${queryString({ year })}`,
  exportHref: (year: number) => `${ASSESSMENT}/export.xlsx${queryString({ year })}`,
};
