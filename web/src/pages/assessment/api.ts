// Requests of the assessment page, through the console's shared client (same origin and session).
import { client, PLAN_API, PLAN_ID, queryString, read, write } from '../../api.js';

export const ASSESSMENT = `${PLAN_API}/assessment`;

export const assessmentApi = {
  result: (year: number) => read(client.GET('/api/v1/plans/{planId}/assessment', { params: { path: PLAN_ID, query: { year } } })),
  publish: (year: number, note: string) => write(client.POST('/api/v1/plans/{planId}/assessment/publish', { params: { path: PLAN_ID }, body: { year, note: note || undefined } })),
  reportHref: (year: number) => `${ASSESSMENT}/report.docx${queryString({ year })}`,
  exportHref: (year: number) => `${ASSESSMENT}/export.xlsx${queryString({ year })}`,
};
