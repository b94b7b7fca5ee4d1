// Requests of the survey pages (src/server/routes/survey.ts) through the console's shared client; a refused paper
// import comes back as an ApiError carrying its problems by sheet, row and column.
import { ApiError, errorFields, getJson, sendJson, uploadForm } from '../../api.js';
import type { Definition, PaperProblem, ProposeResult, Results, Survey } from './types.js';

const S = '/api/v1/plans/default/surveys';

function refused(status: number, body: unknown): ApiError | null {
  const b = errorFields<{ problems: PaperProblem[] }>(body);
  if (typeof b.message === 'string' && Array.isArray(b.problems) && b.problems.length) return new ApiError(b.statusCode ?? status, b.code ?? 'ERROR', b.message, b.messageEn ?? null, b.problems);
  return null;
}

export const surveyApi = {
  list: () => getJson<{ surveys: Survey[] }>(S),
  get: (id: string) => getJson<Survey>(`${S}/${encodeURIComponent(id)}`),
  starter: () => getJson<{ definition: Definition }>(`${S}/starter`),
  create: (year: number, definition?: Definition) => sendJson<Survey>('POST', S, { year, definition }),
  save: (id: string, definition: Definition) => sendJson<Survey>('PUT', `${S}/${encodeURIComponent(id)}/definition`, { definition }),
  saveVersion: (id: string, definition: Definition) => sendJson<Survey>('POST', `${S}/${encodeURIComponent(id)}/versions`, { definition }),
  setOpen: (id: string, open: boolean) => sendJson<Survey>('POST', `${S}/${encodeURIComponent(id)}/${open ? 'open' : 'close'}`, {}),
  results: (id: string) => getJson<Results>(`${S}/${encodeURIComponent(id)}/results`),
  savePopulations: (id: string, populations: Record<string, number>, source: string) => sendJson<{ saved: number }>('PUT', `${S}/${encodeURIComponent(id)}/populations`, { populations, source }),
  importPaper: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return uploadForm<{ imported: number }>(`${S}/${encodeURIComponent(id)}/import`, form, undefined, refused);
  },
  propose: (id: string, weighted: boolean, reason?: string) => sendJson<ProposeResult>('POST', `${S}/${encodeURIComponent(id)}/propose`, reason ? { weighted, reason } : { weighted }),
  previewUrl: (id: string) => `${S}/${encodeURIComponent(id)}/preview`,
  exportUrl: (id: string) => `${S}/${encodeURIComponent(id)}/export.xlsx`,
  templateUrl: (id: string) => `${S}/${encodeURIComponent(id)}/paper-template.xlsx`,
};
