// Requests of the survey pages (src/server/routes/survey.ts) through the console's shared client; a refused paper
// import comes back as an ApiError carrying its problems by sheet, row and column.
import { ApiError, client, errorFields, PLAN_API, PLAN_ID, read, uploadForm, write } from '../../api.js';
import type { Ok } from '../../api/contract.js';
import type { Definition, PaperProblem } from './types.js';

const S = `${PLAN_API}/surveys`;

function refused(status: number, body: unknown): ApiError | null {
  const b = errorFields<{ problems: PaperProblem[] }>(body);
  if (typeof b.message === 'string' && Array.isArray(b.problems) && b.problems.length) return new ApiError(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null, b.problems);
  return null;
}

const survey = (id: string) => ({ params: { path: { ...PLAN_ID, id } } });

export const surveyApi = {
  list: () => read(client.GET('/api/v1/plans/{planId}/surveys', { params: { path: PLAN_ID } })),
  get: (id: string) => read(client.GET('/api/v1/plans/{planId}/surveys/{id}', survey(id))),
  starter: () => read(client.GET('/api/v1/plans/{planId}/surveys/starter', { params: { path: PLAN_ID } })),
  create: (year: number, definition?: Definition) => write(client.POST('/api/v1/plans/{planId}/surveys', { params: { path: PLAN_ID }, body: { year, definition } })),
  save: (id: string, definition: Definition) => write(client.PUT('/api/v1/plans/{planId}/surveys/{id}/definition', { ...survey(id), body: { definition } })),
  saveVersion: (id: string, definition: Definition) => write(client.POST('/api/v1/plans/{planId}/surveys/{id}/versions', { ...survey(id), body: { definition } })),
  setOpen: (id: string, open: boolean) =>
    write(open ? client.POST('/api/v1/plans/{planId}/surveys/{id}/open', survey(id)) : client.POST('/api/v1/plans/{planId}/surveys/{id}/close', survey(id))),
  results: (id: string) => read(client.GET('/api/v1/plans/{planId}/surveys/{id}/results', survey(id))),
  savePopulations: (id: string, populations: Record<string, number>, source: string) =>
    write(client.PUT('/api/v1/plans/{planId}/surveys/{id}/populations', { ...survey(id), body: { populations, source } })),
  importPaper: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return uploadForm<Ok<'/api/v1/plans/{planId}/surveys/{id}/import', 'post'>>(`${S}/${encodeURIComponent(id)}/import`, form, undefined, refused);
  },
  propose: (id: string, weighted: boolean, reason?: string) => write(client.POST('/api/v1/plans/{planId}/surveys/{id}/propose', { ...survey(id), body: reason ? { weighted, reason } : { weighted } })),
  previewUrl: (id: string) => `${S}/${encodeURIComponent(id)}/preview`,
  exportUrl: (id: string) => `${S}/${encodeURIComponent(id)}/export.xlsx`,
  templateUrl: (id: string) => `${S}/${encodeURIComponent(id)}/paper-template.xlsx`,
};
