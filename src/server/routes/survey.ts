// the survey. Two plugins: the public pages at /survey/ (server-rendered, no sign-in; answering guarded by
// a rate limit per address, a signed one-time token per browser, a proof-of-work and duplicate detection), and the
// staff API under /api/v1 (design, versions, open/close, results, Excel export and paper import, populations for
// weighting, and the proposal of indicators 44 and 45 into the open round). docs/survey.md.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { indicatorOfMeasure, type Plan } from '../../plan/model.js';
import { planInForce } from '../../plan/revisions.js';
import { roundTasks } from '../../plan/rounds.js';
import { safeFileName } from '../../plan/text.js';
import { buildPaperTemplate, buildResultsWorkbook, readPaperWorkbook, type CountyName } from '../../importers/surveyWorkbook.js';
import { MAX_UPLOAD_BYTES } from '../../importers/roundTemplate.js';
import { attachEvidence, findRound, saveDraft, submissionsOf, submitTask, WorkflowError } from '../../store/rounds.js';
import {
  addVersion,
  createSurvey,
  findSurvey,
  importPaper,
  insertWebResponse,
  latestPopulations,
  listSurveys,
  recentDuplicate,
  responsesOf,
  savePopulations,
  setSurveyStatus,
  tokenUsed,
  updateDefinition,
  versionsOf,
  type SurveyRow,
} from '../../store/survey.js';
import { DEFAULT_POW_BITS, duplicateKey, issueToken, powValid, verifyToken } from '../../survey/guard.js';
import { canonicalResponse, starterDefinition, validateAnswers, validateDefinition, type Bilingual, type Definition, type Issue, type Measure } from '../../survey/model.js';
import { listPage, messagePage, questionnairePage, surveyBase, variantOfUrl, type SurveyFrame } from '../../survey/page.js';
import { portalSiteName } from '../../portal/pages.js';
import { VARIANTS, variantPrefix } from '../../portal/layout.js';
import { methodLines, percentText, type MethodFacts, type Rate } from '../../survey/rates.js';
import { surveyResults } from '../../survey/results.js';
import { SURVEY_SCRIPT } from '../../survey/script.js';
import type { ObservationCache } from '../dataCache.js';
import { fileResponse, sendDownload, XLSX_TYPE } from '../download.js';
import { ApiError, errorBodySchema, notFound, workbookProblemsSchema } from '../errors.js';
import type { Assert, Same } from '../schemas.js';
import { readUpload, uploadBody } from '../upload.js';
import type { PlanCache } from '../planCache.js';
import { subRegions, subRegionTerm } from '../../plan/views.js';

export interface SurveyOptions {
  plans: PlanCache;
  data: ObservationCache;
  /** Submissions per client address per 10 minutes (default 30). */
  rateLimit?: number;
  /** Leading zero bits of the proof-of-work (default DEFAULT_POW_BITS). */
  powBits?: number;
  /** Equal answers from one address within this many minutes are refused as duplicates (default 60). */
  duplicateWindowMinutes?: number;
}

const tags = ['问卷调查 Survey'];
/** The plan's indicator of each survey measure (the default plan's 44 and 45), or null when the plan has none. */
const indicatorOf = (plan: Plan, m: Measure): number | null => indicatorOfMeasure(plan, m === 'satisfaction' ? 'survey.satisfaction' : 'survey.participation')?.code ?? null;
const surveyCodes = (plan: Plan) => (['satisfaction', 'participation'] as const).map((m) => indicatorOf(plan, m)).filter((c): c is number => c !== null);
const STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '待审核', returned: '已退回', approved: '已审定' };
const counties = (plan: Plan): CountyName[] => subRegions(plan).map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn }));

/** What the method's words name: the plan's survey indicators in force for the year, its note on them, its sub-regions. */
function methodFacts(plan: Plan, year: number): MethodFacts {
  const inForce = planInForce(plan, year);
  const satisfaction = indicatorOfMeasure(inForce, 'survey.satisfaction')?.code ?? null;
  const participation = indicatorOfMeasure(inForce, 'survey.participation')?.code ?? null;
  const note = inForce.notes.find((n) => n.indicators.some((c) => c === satisfaction || c === participation));
  return { satisfaction, participation, note: note ? { no: note.no, text: note.text } : null, term: subRegionTerm(plan) };
}
const tokenCookie = (id: string) => `ecoplan_survey_${id.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`;

/** A refusal of a public submission with every reason, shown as a page to a browser and as JSON to a program. */
class Refusal extends ApiError {
  constructor(status: number, code: string, readonly lines: Bilingual[]) {
    super(status, code, lines.map((l) => l.zh).join('；'), lines.map((l) => l.en).join('; '));
  }
}
const refuse = (status: number, code: string, issues: { message: string; messageEn: string }[]) => new Refusal(status, code, issues.map((i) => ({ zh: i.message, en: i.messageEn })));

const wantsHtml = (req: FastifyRequest) => !String(req.headers['content-type'] ?? '').includes('application/json') && !String(req.headers.accept ?? '').startsWith('application/json');

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

/** Answers from an HTML form: fields "q.<key>" (repeated for a multiple choice), "county", "token", "pow". */
function fromForm(def: Definition, body: Record<string, string | string[]>) {
  const answers: Record<string, string | string[]> = {};
  for (const q of def.questions) {
    const v = body[`q.${q.id}`];
    if (v === undefined) continue;
    answers[q.id] = q.type === 'multiple' ? (Array.isArray(v) ? v : [v]) : Array.isArray(v) ? v[0]! : v;
  }
  const one = (k: string) => (Array.isArray(body[k]) ? body[k][0] : body[k]);
  return { county: one('county'), answers, token: one('token'), pow: one('pow') };
}

export const surveyPublicRoutes: FastifyPluginAsync<SurveyOptions> = async (app, opts) => {
  const powBits = opts.powBits ?? DEFAULT_POW_BITS;
  const windowMs = (opts.duplicateWindowMinutes ?? 60) * 60_000;
  // HTML forms post application/x-www-form-urlencoded; parsed here (repeated names become arrays).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(body as string)) {
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    done(null, out);
  });
  /** The portal's frame for a request: its variant from the URL (/en/survey/…), the site's name from the plan. */
  const frameOf = async (req: FastifyRequest): Promise<SurveyFrame> => {
    const variant = variantOfUrl(req.url);
    try {
      return { variant, site: portalSiteName((await opts.plans.get('default')).plan) };
    } catch {
      return { variant, site: { name: '公开平台', nameEn: 'Public portal' } };
    }
  };
  app.setErrorHandler(async (err: Error & { statusCode?: number; max?: number; after?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    let lines: Bilingual[];
    let code: string;
    if (err instanceof Refusal) [lines, code] = [err.lines, err.code];
    else if (err instanceof ApiError) [lines, code] = [[{ zh: err.message, en: err.messageEn }], err.code];
    else if (status === 429) [lines, code] = [[{ zh: `提交过于频繁：同一网络地址每 10 分钟最多提交 ${err.max ?? ''} 次，请稍后再试`, en: `too many submissions: at most ${err.max ?? ''} per 10 minutes from one network address; try again later (${err.after ?? ''})` }], 'RATE_LIMITED'];
    else {
      if (status === 500) req.log.error({ err }, 'survey error');
      [lines, code] = [[{ zh: status === 500 ? '服务器内部错误，已记录日志' : `请求无效：${err.message}`, en: status === 500 ? 'internal server error (logged)' : `bad request: ${err.message}` }], status === 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'];
    }
    if (!wantsHtml(req)) return reply.code(status).send({ statusCode: status, code, message: lines.map((l) => l.zh).join('；'), messageEn: lines.map((l) => l.en).join('; ') });
    const title = status === 404 ? { zh: '没有这份问卷', en: 'No such questionnaire' } : status === 429 ? { zh: '提交过于频繁', en: 'Too many submissions' } : { zh: '未能提交', en: 'Not submitted' };
    const back = req.method === 'POST' && status !== 404 ? req.url : undefined;
    return html(reply, status, messagePage(await frameOf(req), { title, lines, back }));
  });

  /**
   * An open or closed questionnaire of any plan of the deployment (its id is unique), with that plan; a draft (never
   * published) is not found. The list at /survey/ shows the default plan's; another plan's are reached by their link.
   */
  const publicSurvey = async (id: string) => {
    const owner = await app.db.selectFrom('surveys').select('plan_id').where('id', '=', id).executeTakeFirst();
    const { plan } = await opts.plans.get(owner?.plan_id ?? 'default');
    const s = await findSurvey(app.db, plan.meta.id, id);
    if (!s || s.status === 'draft') throw new Refusal(404, 'NOT_FOUND', [{ zh: '没有这份问卷，或问卷尚未发布', en: 'no such questionnaire, or it is not published' }]);
    return { plan, survey: s };
  };

  app.get('/survey/assets/survey.js', { schema: { hide: true } }, (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(SURVEY_SCRIPT));

  // The same pages in each of the portal's variants: /survey/, /en/survey/, /large/survey/, /large/en/survey/.
  for (const variant of VARIANTS) {
    const base = surveyBase(variant);
    const frame = (plan: Plan): SurveyFrame => ({ variant, site: portalSiteName(plan) });
    const page = (plan: Plan, id: string, o: { token: string; given?: Parameters<typeof questionnairePage>[1]['given']; issues?: Issue[]; definition: Definition }) =>
      questionnairePage(frame(plan), { id, definition: o.definition, counties: counties(plan), token: o.token, powBits, given: o.given, issues: o.issues });

    app.get(`/${variantPrefix(variant)}survey`, { schema: { hide: true } }, (_req, reply) => reply.redirect(base));
    app.get(base, { schema: { hide: true } }, async (_req, reply) => {
      const { plan } = await opts.plans.get('default');
      const open = await listSurveys(app.db, plan.meta.id, 'open');
      return html(reply, 200, listPage(frame(plan), open.map((s) => ({ id: s.id, title: s.definition.title, year: s.year }))));
    });

    app.get<{ Params: { id: string } }>(`${base}:id`, { schema: { hide: true } }, async (req, reply) => {
      const { plan, survey } = await publicSurvey(req.params.id);
      const route = `survey/${survey.id}`;
      if (survey.status === 'closed') return html(reply, 200, messagePage(frame(plan), { route, title: survey.definition.title, lines: [{ zh: '本问卷已结束，感谢关注。', en: 'This questionnaire is closed. Thank you for your interest.' }] }));
      // One token per browser: the page reuses the browser's token while it is valid and unused.
      const name = tokenCookie(survey.id);
      const held = req.cookies[name];
      const check = held ? verifyToken(survey.secret, survey.id, held) : null;
      if (check?.ok && (await tokenUsed(app.db, check.tokenId)))
        return html(reply, 200, messagePage(frame(plan), { route, title: survey.definition.title, lines: [{ zh: '此浏览器已提交过本问卷，感谢您的参与！', en: 'This browser has already answered this questionnaire. Thank you for taking part!' }] }));
      const token = check?.ok ? held! : issueToken(survey.secret, survey.id);
      // Path "/": the same browser keeps its token across the language and text-size variants.
      reply.setCookie(name, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' || process.env.ECOPLAN_SECURE_COOKIES === '1', maxAge: 24 * 3600 });
      return html(reply, 200, page(plan, survey.id, { token, definition: survey.definition }));
    });

    app.post<{ Params: { id: string }; Body: unknown }>(`${base}:id`, {
      schema: { hide: true },
      config: { rateLimit: { max: opts.rateLimit ?? 30, timeWindow: '10 minutes' } },
    }, async (req, reply) => {
      const { plan, survey } = await publicSurvey(req.params.id);
      if (survey.status !== 'open') throw new Refusal(409, 'SURVEY_CLOSED', [{ zh: '本问卷已结束，不再接受答卷', en: 'this questionnaire is closed and takes no more responses' }]);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const form = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
      const input = form ? fromForm(survey.definition, body as Record<string, string | string[]>) : { county: body.county, answers: body.answers, token: body.token, pow: body.pow };
      const token = verifyToken(survey.secret, survey.id, input.token);
      if (!token.ok) throw refuse(400, token.code, [token]);
      // A form from a browser is checked before the proof-of-work, so that a respondent without JavaScript also gets
      // the form back with what they gave and each reason next to its field (400).
      const again = (issues: Issue[]) => html(reply, 400, page(plan, survey.id, { token: String(input.token), definition: survey.definition, given: { county: input.county, answers: input.answers as Record<string, unknown> }, issues }));
      const toBrowser = form && wantsHtml(req);
      const powIssue = powValid(String(input.token), input.pow, powBits)
        ? null
        : { path: 'form', message: '缺少防刷计算结果：提交需要浏览器启用 JavaScript（约一秒的计算）；未启用时请向当地生态环境部门索取纸质问卷', messageEn: 'the anti-abuse computation is missing: submitting needs JavaScript enabled (about a second of work); without it, ask the local environment bureau for the paper questionnaire' };
      // A program (JSON) without the proof is refused before its answers are read.
      if (powIssue && !toBrowser) throw refuse(400, 'POW_REQUIRED', [powIssue]);
      const checked = validateAnswers(survey.definition, counties(plan).map((c) => c.code), input, subRegionTerm(plan));
      if (!checked.ok) {
        if (toBrowser) return again(checked.issues);
        throw refuse(400, 'ANSWERS_INVALID', checked.issues);
      }
      if (powIssue) return again([powIssue]);
      if (await tokenUsed(app.db, token.tokenId)) throw refuse(409, 'TOKEN_USED', [{ message: '此浏览器已提交过本问卷（每个浏览器只能提交一次）', messageEn: 'this browser has already answered this questionnaire (one response per browser)' }]);
      const now = new Date();
      const dupKey = duplicateKey(survey.secret, req.ip, canonicalResponse(survey.definition, checked.response));
      if (await recentDuplicate(app.db, survey.id, dupKey, new Date(now.getTime() - windowMs).toISOString()))
        throw refuse(409, 'DUPLICATE', [{ message: `相同的答卷已从同一网络地址提交过（${Math.round(windowMs / 60000)} 分钟内）：不重复计入`, messageEn: `the same answers were already sent from the same network address within ${Math.round(windowMs / 60000)} minutes: not counted twice` }]);
      try {
        await insertWebResponse(app.db, { surveyId: survey.id, version: survey.current_version, response: checked.response, tokenId: token.tokenId, dupKey, at: now });
      } catch (e) {
        if (e instanceof WorkflowError) throw refuse(e.status, e.code, [{ message: e.message, messageEn: e.messageEn }]);
        throw e;
      }
      if (!wantsHtml(req)) return reply.send({ received: true });
      return html(reply, 200, messagePage(frame(plan), { route: `survey/${survey.id}`, title: { zh: '提交成功，感谢您的参与！', en: 'Thank you: your answers were received.' }, lines: [] }));
    });
  }
};

// A definition as the API answers it (docs/survey.md), and as a designer sends it (definitionInput): the body's
// shape is checked here; validateDefinition then checks what the shape cannot say (keys, option counts, lengths,
// one question per measure), its bilingual messages naming each wrong field.
const bilingualText = z.object({ zh: z.string(), en: z.string() });
const questionType = z.enum(['single', 'multiple', 'likert', 'text']);
const measure = z.enum(['satisfaction', 'participation']);
const definitionSchema = z
  .object({
    title: bilingualText,
    intro: bilingualText,
    askCounty: z.boolean().describe('the respondent names their county'),
    questions: z.array(
      z.object({
        id: z.string(),
        type: questionType,
        text: bilingualText,
        required: z.boolean(),
        options: z.array(z.object({ id: z.string(), text: bilingualText, counts: z.boolean().optional() })).optional(),
        points: z.number().int().optional(),
        labels: z.array(bilingualText).optional(),
        countsFrom: z.number().int().optional(),
        maxLength: z.number().int().optional(),
        measures: measure.optional(),
      }),
    ),
  })
  .meta({ id: 'SurveyDefinition', description: '问卷定义 / a questionnaire definition' });
const definitionInput = z
  .object({
    title: bilingualText,
    intro: bilingualText.optional().describe('default: empty'),
    askCounty: z.boolean().optional().describe('default: true'),
    questions: z
      .array(
        z.object({
          id: z.string().describe('[a-z][a-z0-9_]{0,39}, unique'),
          type: questionType,
          text: bilingualText,
          required: z.boolean().optional().describe('default: true'),
          options: z.array(z.object({ id: z.string().describe('[a-z][a-z0-9_]{0,39}, unique in the question'), text: bilingualText, counts: z.boolean().optional() })).optional().describe('single, multiple: 2–20 options'),
          points: z.number().int().optional().describe('likert: 3–7, default 5'),
          labels: z.array(bilingualText).optional().describe('likert: one per point, lowest first'),
          countsFrom: z.number().int().optional().describe('likert measuring satisfaction: the first point that counts'),
          maxLength: z.number().int().optional().describe('text: 1–2000, default 2000'),
          measures: measure.nullable().optional().describe('satisfaction or participation (the plan’s indicators of these measures): one question each'),
        }),
      )
      .describe('1–60 questions'),
  })
  .describe('问卷定义（设计者提交）/ a questionnaire definition as a designer sends it');
// The schema and the model's type stay one shape; a saved definition is a valid input.
export type _checks = [Assert<Same<z.infer<typeof definitionSchema>, Definition>>, Assert<Definition extends z.input<typeof definitionInput> ? true : false>];
const definitionBody = z.object({ definition: definitionInput });
const surveyParams = z.object({ planId: z.string(), id: z.string() });

const rateSchema = z.object({
  measure: z.enum(['satisfaction', 'participation']),
  respondents: z.number().int(),
  counted: z.number().int(),
  rate: z.number().nullable(),
  ci: z.object({ low: z.number(), high: z.number() }).nullable(),
  weighted: z.boolean(),
  effectiveN: z.number().optional(),
  designEffect: z.number().optional(),
  excluded: z.number().int().optional(),
  strata: z.array(z.object({ county: z.string(), population: z.number(), respondents: z.number().int(), counted: z.number().int() })).optional(),
});

export const surveyApiRoutes: FastifyPluginAsync<SurveyOptions> = async (app, { plans, data }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = app.requireUser(['admin', 'reviewer', 'viewer']);
  const designers = app.requireUser(['admin', 'reviewer']);
  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof WorkflowError) throw new ApiError(e.status, e.code, e.message, e.messageEn);
      throw e;
    }
  };
  const definitionOf = (raw: unknown): Definition => {
    const v = validateDefinition(raw);
    if (!v.ok) throw new ApiError(400, 'DEFINITION_INVALID', `问卷定义有 ${v.issues.length} 处问题：${v.issues.map((i) => `${i.path}：${i.message}`).join('；')}`, `${v.issues.length} problem(s) in the definition: ${v.issues.map((i: Issue) => `${i.path}: ${i.messageEn}`).join('; ')}`);
    return v.definition;
  };
  const surveyOf = async (planId: string, id: string) => {
    const { plan } = await plans.get(planId);
    const survey = await findSurvey(app.db, plan.meta.id, id);
    if (!survey) throw notFound('问卷', 'questionnaire');
    return { plan, survey };
  };
  const shape = async (s: SurveyRow, responses?: number) => {
    const versions = await app.db.selectFrom('survey_versions').select(['version', 'created_at', 'updated_at', 'created_by']).where('survey_id', '=', s.id).orderBy('version').execute();
    const counts = new Map((await app.db.selectFrom('survey_responses').select(['version', (eb) => eb.fn.countAll<number>().as('n')]).where('survey_id', '=', s.id).groupBy('version').execute()).map((x) => [x.version, Number(x.n)]));
    return {
      id: s.id,
      year: s.year,
      status: s.status,
      currentVersion: s.current_version,
      definition: s.definition,
      responses: responses ?? [...counts.values()].reduce((a, b) => a + b, 0),
      versions: versions.map((v) => ({ version: v.version, createdAt: v.created_at, updatedAt: v.updated_at, createdBy: v.created_by, responses: counts.get(v.version) ?? 0 })),
      createdBy: s.created_by,
      createdAt: s.created_at,
      openedAt: s.opened_at,
      closedAt: s.closed_at,
      publicUrl: `/survey/${s.id}`,
    };
  };
  const surveySchema = z.object({
    id: z.string(),
    year: z.number().int(),
    status: z.enum(['draft', 'open', 'closed']),
    currentVersion: z.number().int(),
    definition: definitionSchema,
    responses: z.number().int(),
    versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), updatedAt: z.string(), createdBy: z.string(), responses: z.number().int() })),
    createdBy: z.string(),
    createdAt: z.string(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    publicUrl: z.string(),
  });
  const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

  r.get('/plans/:planId/surveys', { preHandler: staff, schema: { tags, summary: '问卷列表 / questionnaires', params: z.object({ planId: z.string() }), response: { 200: z.object({ surveys: z.array(surveySchema) }), ...errors } } }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    const list = await listSurveys(app.db, plan.meta.id);
    return { surveys: await Promise.all(list.map((s) => shape(s, s.responses))) };
  });

  r.get('/plans/:planId/surveys/starter', { preHandler: designers, schema: { tags, summary: '问卷模板（满意度、参与度）/ a starter definition for satisfaction and participation', params: z.object({ planId: z.string() }), response: { 200: z.object({ definition: definitionSchema }), ...errors } } }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    return { definition: starterDefinition(plan.regions.find((g) => g.code === plan.meta.region)) };
  });

  r.post('/plans/:planId/surveys', {
    preHandler: designers,
    schema: { tags, summary: '新建问卷（草稿）/ create a questionnaire (draft)', params: z.object({ planId: z.string() }), body: z.object({ year: z.number().int(), definition: definitionInput.optional().describe('default: the starter questionnaire (satisfaction and participation)') }), response: { 200: surveySchema, ...errors } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    if (req.body.year < plan.meta.baseYear || req.body.year > plan.meta.period.end) throw new ApiError(400, 'YEAR_OUT_OF_RANGE', `年份 ${req.body.year} 超出规划期（${plan.meta.baseYear}–${plan.meta.period.end}）`, `year ${req.body.year} is outside the plan (${plan.meta.baseYear}–${plan.meta.period.end})`);
    const def = definitionOf(req.body.definition ?? starterDefinition(plan.regions.find((g) => g.code === plan.meta.region)));
    return shape(await createSurvey(app.db, plan.meta.id, req.body.year, def, req.user!));
  });

  r.get('/plans/:planId/surveys/:id', { preHandler: staff, schema: { tags, summary: '问卷及其版本 / a questionnaire and its versions', params: surveyParams, response: { 200: surveySchema, ...errors } } }, async (req) => shape((await surveyOf(req.params.planId, req.params.id)).survey));

  r.put('/plans/:planId/surveys/:id/definition', {
    preHandler: designers,
    schema: { tags, summary: '修改当前版本（已有答卷时只能改文字）/ edit the current version (wording only once it has answers)', params: surveyParams, body: definitionBody, response: { 200: surveySchema, ...errors } },
  }, async (req) => {
    const { survey } = await surveyOf(req.params.planId, req.params.id);
    return shape(await wrap(() => updateDefinition(app.db, survey, definitionOf(req.body.definition), req.user!)));
  });

  r.post('/plans/:planId/surveys/:id/versions', {
    preHandler: designers,
    schema: { tags, summary: '另存为新版本 / save as a new version', params: surveyParams, body: definitionBody, response: { 200: surveySchema, ...errors } },
  }, async (req) => {
    const { survey } = await surveyOf(req.params.planId, req.params.id);
    return shape(await wrap(() => addVersion(app.db, survey, definitionOf(req.body.definition), req.user!)));
  });

  for (const action of ['open', 'close'] as const)
    r.post(`/plans/:planId/surveys/:id/${action}`, {
      preHandler: designers,
      schema: { tags, summary: action === 'open' ? '开放问卷（公众可见可答）/ open to the public' : '关闭问卷 / close', params: surveyParams, response: { 200: surveySchema, ...errors } },
    }, async (req) => {
      const { survey } = await surveyOf(req.params.planId, req.params.id);
      return shape(await wrap(() => setSurveyStatus(app.db, survey, action === 'open' ? 'open' : 'closed', req.user!)));
    });

  r.get('/plans/:planId/surveys/:id/preview', {
    preHandler: staff,
    schema: { tags, summary: '预览公众看到的页面（HTML，提交按钮停用）/ preview the public page (HTML, submit disabled)', params: surveyParams, response: { 200: fileResponse('HTML 页面 / the page', 'text/html') } },
  }, async (req, reply) => {
    const { plan, survey } = await surveyOf(req.params.planId, req.params.id);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(questionnairePage({ variant: VARIANTS[0]!, site: portalSiteName(plan) }, { id: survey.id, definition: survey.definition, counties: counties(plan), token: '', powBits: 0, preview: true }));
  });

  /** What the round already holds for the plan's survey indicators of the city (a new proposal of either needs a reason). */
  const priorProposals = async (plan: Plan, roundId: string) =>
    (await submissionsOf(app.db, roundId))
      .filter((s) => surveyCodes(plan).includes(s.indicator_code) && s.region_code === plan.meta.region && s.kind === 'value')
      .map((s) => ({ indicatorCode: s.indicator_code, status: s.status, reason: s.reason }))
      .sort((a, b) => a.indicatorCode - b.indicatorCode);

  const resultsOf = async (plan: Plan, survey: SurveyRow) => {
    const [versions, responses, pops] = await Promise.all([versionsOf(app.db, survey.id), responsesOf(app.db, survey.id), latestPopulations(app.db, survey.id)]);
    const population = pops ? new Map(Object.entries(pops.populations)) : null;
    return { versions, responses, pops, results: surveyResults(survey.definition, versions, responses, counties(plan).map((c) => c.code), population) };
  };

  r.get('/plans/:planId/surveys/:id/results', {
    preHandler: staff,
    schema: {
      tags,
      summary: '结果：按县、按日答卷数，满意度与参与度（95% 置信区间，可按县人口加权），各题统计，填空题原文 / results',
      params: surveyParams,
      response: {
        200: z.object({
          total: z.number().int(),
          byChannel: z.object({ web: z.number().int(), paper: z.number().int() }),
          byCounty: z.array(z.object({ county: z.string().nullable(), name: z.string(), nameEn: z.string(), responses: z.number().int() })),
          byDay: z.array(z.object({ day: z.string(), responses: z.number().int() })),
          rates: z.object({ satisfaction: rateSchema, participation: rateSchema }),
          weightedRates: z.object({ satisfaction: rateSchema, participation: rateSchema }).nullable(),
          populations: z.object({ populations: z.record(z.string(), z.number()), source: z.string(), enteredBy: z.string(), enteredAt: z.string() }).nullable(),
          questions: z.array(z.object({ id: z.string(), type: z.string(), answered: z.number().int(), tally: z.array(z.object({ key: z.string(), count: z.number().int() })) })),
          freeText: z.array(z.object({ responseId: z.number().int(), questionId: z.string(), day: z.string(), county: z.string().nullable(), text: z.string() })),
          method: z.array(z.string()),
          proposed: z.array(z.object({ indicatorCode: z.number().int(), status: z.enum(['draft', 'submitted', 'returned', 'approved']), reason: z.string().nullable() })),
        }),
        ...errors,
      },
    },
  }, async (req) => {
    const { plan, survey } = await surveyOf(req.params.planId, req.params.id);
    const { results, pops } = await resultsOf(plan, survey);
    const named = (c: string | null) => plan.regions.find((x) => x.code === c);
    const round = await findRound(app.db, plan.meta.id, survey.year);
    const proposed = round ? await priorProposals(plan, round.id) : [];
    return { ...results, byCounty: results.byCounty.map((c) => ({ ...c, name: named(c.county)?.name ?? '未填', nameEn: named(c.county)?.nameEn ?? 'not given' })), populations: pops, method: methodLines(survey.definition, methodFacts(plan, survey.year)), proposed };
  });

  r.put('/plans/:planId/surveys/:id/populations', {
    preHandler: designers,
    schema: {
      tags,
      summary: '录入各县常住人口（用于事后分层加权）/ enter county populations (post-stratification weights)',
      params: surveyParams,
      body: z.object({ populations: z.record(z.string(), z.number()), source: z.string().min(1).max(200) }),
      response: { 200: z.object({ saved: z.number().int() }), ...errors },
    },
  }, async (req) => {
    const { plan, survey } = await surveyOf(req.params.planId, req.params.id);
    const codes = new Set(counties(plan).map((c) => c.code));
    const term = subRegionTerm(plan);
    const bad = Object.entries(req.body.populations).flatMap(([code, n]) => [
      ...(codes.has(code) ? [] : [{ zh: `“${code}”不是本规划的${term.zh}代码`, en: `"${code}" is not a ${term.en} code of the plan` }]),
      ...(Number.isInteger(n) && n > 0 && n < 1e9 ? [] : [{ zh: `${code} 的人口“${n}”须为正整数（人）`, en: `population of ${code} must be a positive whole number of persons, got ${n}` }]),
    ]);
    if (!Object.keys(req.body.populations).length) bad.push({ zh: `至少录入一个${term.zh}的人口`, en: `enter at least one ${term.en}` });
    if (bad.length) throw new ApiError(400, 'POPULATIONS_INVALID', bad.map((b) => b.zh).join('；'), bad.map((b) => b.en).join('; '));
    await savePopulations(app.db, survey.id, req.body.populations, req.body.source, req.user!);
    return { saved: Object.keys(req.body.populations).length };
  });

  const exportWorkbook = async (plan: Plan, survey: SurveyRow) => {
    const { results, responses, versions } = await resultsOf(plan, survey);
    const facts = methodFacts(plan, survey.year);
    return buildResultsWorkbook({ title: `${survey.definition.title.zh} / ${survey.definition.title.en}`, year: survey.year, method: methodLines(survey.definition, facts), results, responses, versions, current: survey.definition, counties: counties(plan), term: facts.term, codes: { satisfaction: facts.satisfaction, participation: facts.participation } });
  };

  r.get('/plans/:planId/surveys/:id/export.xlsx', { preHandler: staff, schema: { tags, summary: '导出结果与全部答卷（Excel）/ results and every response as Excel', params: surveyParams, response: { 200: fileResponse('Excel 工作簿 / .xlsx', XLSX_TYPE) } } }, async (req, reply) => {
    const { plan, survey } = await surveyOf(req.params.planId, req.params.id);
    return sendDownload(reply, { type: XLSX_TYPE, fileName: `${survey.year}年问卷结果-${survey.definition.title.zh}.xlsx`, fallback: 'survey-results.xlsx', body: await exportWorkbook(plan, survey) });
  });

  r.get('/plans/:planId/surveys/:id/paper-template.xlsx', { preHandler: designers, schema: { tags, summary: '纸质答卷录入模板（当前版本）/ the paper-answers template of the current version', params: surveyParams, response: { 200: fileResponse('Excel 工作簿 / .xlsx', XLSX_TYPE) } } }, async (req, reply) => {
    const { plan, survey } = await surveyOf(req.params.planId, req.params.id);
    return sendDownload(reply, { type: XLSX_TYPE, fileName: `纸质答卷录入模板-第${survey.current_version}版.xlsx`, fallback: 'paper-template.xlsx', body: await buildPaperTemplate(survey.definition, counties(plan), subRegionTerm(plan)) });
  });

  r.post('/plans/:planId/surveys/:id/import', {
    preHandler: [designers, app.heavyImport],
    schema: {
      tags,
      summary: '导入纸质答卷（整份文件无误才写入）/ import paper answers (all or nothing)', upload: uploadBody('填好的纸质答卷录入模板（.xlsx）/ the filled paper-answers template (.xlsx)'),
      params: surveyParams,
      response: {
        200: z.object({ imported: z.number().int() }),
        400: workbookProblemsSchema,
        401: errorBodySchema,
        403: errorBodySchema,
        404: errorBodySchema,
        413: errorBodySchema,
      },
    },
  }, async (req, reply) => {
    const { plan, survey } = await surveyOf(req.params.planId, req.params.id);
    const { file, bytes } = await readUpload(req, MAX_UPLOAD_BYTES, 'xlsx');
    const name = safeFileName(file.filename);
    const { rows, problems } = await readPaperWorkbook(bytes, name, survey.definition, counties(plan), subRegionTerm(plan));
    if (problems.length)
      return reply.code(400).send({ statusCode: 400, code: 'WORKBOOK_INVALID', message: `${problems.length} 处问题，未导入任何答卷：${problems.map((p) => p.message).join('；')}`, messageEn: `${problems.length} problem(s), nothing imported: ${problems.map((p) => p.messageEn).join('; ')}`, problems });
    return { imported: await importPaper(app.db, survey, rows, { name, sha256: createHash('sha256').update(bytes).digest('hex') }, req.user!) };
  });

  r.post('/plans/:planId/surveys/:id/propose', {
    preHandler: designers,
    schema: {
      tags,
      summary: '将本年度满意度、参与度作为规划相应指标（默认规划为指标 44、45）的调度提交值送审（附方法与结果工作簿）/ propose the satisfaction and participation rates into the open round, as the plan’s indicators of these measures',
      params: surveyParams,
      body: z.object({ weighted: z.boolean().default(false), reason: z.string().max(1000).optional().describe('再次提交（本年度调度已有 44/45 的提交）时必填 / required when 44/45 were already proposed in the round') }),
      response: { 200: z.object({ year: z.number().int(), results: z.array(z.object({ indicatorCode: z.number().int(), status: z.enum(['submitted', 'notComputed']), valueText: z.string().nullable(), note: z.string() })) }), ...errors },
    },
  }, async (req) => {
    const { plan: current, survey } = await surveyOf(req.params.planId, req.params.id);
    const year = survey.year;
    // The round reports one year: its tasks are those of the plan version in force that year.
    const plan = planInForce(current, year);
    if (!surveyCodes(plan).length)
      throw new ApiError(409, 'NO_SURVEY_INDICATOR', `${plan.meta.shortName}（${year} 年施行的版本）没有计算来源为问卷的指标（indicators.yaml 的 measure: survey.satisfaction 或 survey.participation），问卷结果无处提交`, `the plan (its version in force in ${year}) has no indicator computed from the survey (measure survey.satisfaction or survey.participation in indicators.yaml): the rates have nowhere to go`);
    const round = await findRound(app.db, plan.meta.id, year);
    if (!round || round.status !== 'open')
      throw new ApiError(409, 'NO_OPEN_ROUND', `${year} 年度调度${round ? '已关闭' : '尚未开启'}，无法提交问卷结果（请管理员先开启 ${year} 年度调度）`, `the ${year} round is ${round ? 'closed' : 'not open'}: the survey's rates cannot be proposed (an administrator opens the round first)`);
    const { results, pops } = await resultsOf(plan, survey);
    if (req.body.weighted && !results.weightedRates) throw new ApiError(400, 'NO_POPULATIONS', '尚未录入各县人口，不能按人口加权', 'no county populations entered: cannot weight');
    const rates = req.body.weighted ? results.weightedRates! : results.rates;
    const computable = (['satisfaction', 'participation'] as const).filter((m) => rates[m].rate !== null);
    if (!computable.length) throw new ApiError(400, 'NOT_COMPUTABLE', '没有可计算满意度或参与度的答卷（问卷须有度量题且已有作答）', 'no responses from which satisfaction or participation can be computed');
    // A second proposal into the same round (a draft, a submission or an approved value of 44/45 already there)
    // replaces what a reviewer may have seen: it needs a reason, stored on the submission and in the audit log.
    const reason = req.body.reason?.trim() || null;
    const earlier = await priorProposals(plan, round.id);
    if (earlier.length && !reason)
      throw new ApiError(400, 'REASON_REQUIRED', `本年度调度中已有指标 ${earlier.map((e) => `${e.indicatorCode}（${STATUS_ZH[e.status] ?? e.status}）`).join('、')} 的提交：再次提交须填写原因`, `indicator ${earlier.map((e) => `${e.indicatorCode} (${e.status})`).join(', ')} already proposed in this round: a new proposal needs a reason`);
    const workbook = await exportWorkbook(plan, survey);
    const sha = createHash('sha256').update(workbook).digest('hex');
    const out: { indicatorCode: number; status: 'submitted' | 'notComputed'; valueText: string | null; note: string }[] = [];
    const writes: { task: ReturnType<typeof roundTasks>[number]; valueText: string; note: string }[] = [];
    for (const m of ['satisfaction', 'participation'] as const) {
      const rt = rates[m];
      const code = indicatorOf(plan, m);
      if (code === null) continue; // the plan does not measure it (a county plan may have satisfaction only)
      if (rt.rate === null) {
        out.push({ indicatorCode: code, status: 'notComputed', valueText: null, note: '没有作答度量题的答卷 / no response answered the question that measures it' });
        continue;
      }
      const task = roundTasks(plan).find((t) => t.indicatorCode === code && t.regionCode === plan.meta.region && t.kind === 'value');
      if (!task) throw new ApiError(404, 'NOT_FOUND', `调度中没有指标 ${code} 的任务`, `no round task for indicator ${code}`);
      const valueText = percentText(rt.rate);
      const note = proposalNote(survey, rt, pops?.source ?? null);
      writes.push({ task, valueText, note });
      out.push({ indicatorCode: code, status: 'submitted', valueText, note });
    }
    // Both indicators in one transaction: a refusal of the second (its value awaiting review, say) leaves the first
    // unwritten too, so the round never holds half a proposal.
    await wrap(() =>
      app.db.transaction().execute(async (trx) => {
        for (const w of writes) {
          await saveDraft(trx, round, w.task, { valueText: w.valueText, state: null, checks: [], source: `ecoplan 公众问卷调查（网上 ${results.byChannel.web} 份、纸质 ${results.byChannel.paper} 份）/ public survey`.slice(0, 200), note: w.note, reason }, req.user!);
          await attachEvidence(trx, round, w.task, { name: `${year}年问卷结果与方法.xlsx`, contentType: XLSX_TYPE, bytes: workbook, sha256: sha }, req.user!);
          await submitTask(trx, round, w.task, req.user!);
        }
      }),
    );
    data.invalidate();
    return { year, results: out };
  });
};

/** The note a proposal carries: the counts, the rate, its interval and the method (at most 1,000 characters). */
function proposalNote(survey: SurveyRow, r: Rate, populationSource: string | null): string {
  const what = r.measure === 'satisfaction' ? ['满意度', 'satisfaction'] : ['参与度', 'participation'];
  const ci = r.ci ? `[${percentText(r.ci.low)}, ${percentText(r.ci.high)}]` : '—';
  const weighting = r.weighted ? `按县常住人口事后分层加权（人口来源：${populationSource ?? '—'}；有效样本量 ${r.effectiveN!.toFixed(1)}，设计效应 ${r.designEffect!.toFixed(2)}；未填县或无人口的答卷 ${r.excluded} 份不计）` : '未加权';
  return `问卷“${survey.definition.title.zh}”（${survey.year} 年，第 ${survey.current_version} 版等）${what[0]}：计入 ${r.counted} / 有效答卷 ${r.respondents}，${weighting}，${percentText(r.rate!)}%，95% 置信区间 ${ci}%（Wilson 区间${r.weighted ? '，按有效样本量' : ''}）。方法见 docs/methods/survey.md 与所附工作簿。/ ${what[1]} from the public survey: ${r.counted} of ${r.respondents}${r.weighted ? ', post-stratified by county population' : ''}, ${percentText(r.rate!)} %, 95 % CI ${ci} (Wilson).`.slice(0, 1000);
}
