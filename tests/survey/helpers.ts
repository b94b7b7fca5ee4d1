// Survey tests: calling the staff API as an account, and answering a public questionnaire as a browser would
// (open the page, keep its cookie and token, do the proof-of-work, post the form).
import type { FastifyInstance } from 'fastify';
import { solvePow } from '../../src/survey/guard.js';
import type { Session } from '../helpers/app.js';

export function caller(app: FastifyInstance, sessions: Record<string, Session>) {
  return (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
    app.inject({ method, url, payload, headers: sessions[who] ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });
}

/** Opens the public page from an address: the token in the page, and the cookie the browser would keep. */
export async function openPage(app: FastifyInstance, id: string, address: string, cookie?: string) {
  const res = await app.inject({ method: 'GET', url: `/survey/${id}`, remoteAddress: address, headers: cookie ? { cookie } : {} });
  const token = /name="token" value="([^"]*)"/.exec(res.body)?.[1] ?? null;
  const set = res.cookies.find((c) => c.name.startsWith('ecoplan_survey_'));
  return { res, token, cookie: set ? `${set.name}=${set.value}` : (cookie ?? '') };
}

/** The form body a browser posts: county, q.<key> fields (repeated for multiple choice), token and nonce. */
export function formBody(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}

export function postForm(app: FastifyInstance, id: string, address: string, body: string, cookie = '') {
  return app.inject({ method: 'POST', url: `/survey/${id}`, remoteAddress: address, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) } });
}

/** Opens the page and answers it like a browser with JavaScript: the proof-of-work done for the page's token. */
export async function answer(app: FastifyInstance, id: string, address: string, fields: Record<string, string | string[]>, bits: number) {
  const page = await openPage(app, id, address);
  if (!page.token) throw new Error(`no token in the page: ${page.res.statusCode} ${page.res.body.slice(0, 300)}`);
  return postForm(app, id, address, formBody({ ...fields, token: page.token, pow: solvePow(page.token, bits) }), page.cookie);
}
