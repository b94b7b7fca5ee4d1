// The public portal at the site's root, and the document API reviewers publish with.
// Pages and data files come from one PortalSite per data version (src/portal/site.ts): the version is the plan's
// revision, the observation snapshot's version (re-read at most every revisionTtlMs, at once after an approval made
// through this instance: the approval routes call data.invalidate()), the project library's revision, the GEP facts'
// revision, the documents' revision and the carbon publications' revision. A new version builds a new site; its files are made on first request.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { safeFileName } from '../../plan/text.js';
import { loadPortalInput } from '../../portal/load.js';
import { esc, PageContext, parsePagePath, renderPortalPage } from '../../portal/layout.js';
import { buildPortalModel } from '../../portal/model.js';
import { PortalSite, sitePathOf } from '../../portal/site.js';
import type { Sheet } from '../../portal/xlsx.js';
import { accountsRevision } from '../../reports/store.js';
import { libraryRevision } from '../../store/projects.js';
import { publicationsRevision } from '../../store/carbonPublications.js';
import { addDocument, documentBody, DocumentError, documentsRevision, listDocuments, setPublished } from '../../store/portalDocuments.js';
import type { Database } from '../../store/schema.js';
import type { ObservationCache } from '../dataCache.js';
import { contentDisposition, fileResponse } from '../download.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import { readUpload, uploadBody } from '../upload.js';
import type { Offload } from '../offload/index.js';
import { asBuffer } from '../offload/index.js';
import type { PlanCache } from '../planCache.js';
import { REPORT_CSP } from '../security.js';

/**
 * One portal site per plan and data version (the default plan's at /, another plan's at /p/{planId}/); each rebuilt
 * when any part of its version changes.
 */
export class PortalCache {
  private readonly sites = new Map<string, PlanSites>();
  /** Sites built since start (the benchmark and tests read it to see the cache at work). */
  builds = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly plans: PlanCache,
    private readonly data: ObservationCache,
    private readonly ttlMs = 250,
    /** Writes the open-data workbooks off the request thread (the server's worker pool); this thread without it. */
    private readonly heavy?: Offload,
  ) {}

  invalidate(): void {
    for (const s of this.sites.values()) s.checked = null;
    this.data.invalidate();
  }

  private sitesOf(planId: string): PlanSites {
    let s = this.sites.get(planId);
    if (!s) this.sites.set(planId, (s = { current: null, checked: null, reading: null }));
    return s;
  }

  private async key(idOrAlias: string): Promise<{ key: string; planId: string }> {
    const model = await this.plans.get(idOrAlias);
    const planId = model.plan.meta.id;
    const s = this.sitesOf(planId);
    const now = performance.now();
    // An approval through this instance bumps the observation cache's generation: the next request re-reads.
    const fresh = s.checked && s.checked.generation === this.data.generation && now - s.checked.at < this.ttlMs;
    if (fresh && s.checked!.key.startsWith(`${planId}@${model.revision}|`)) return { key: s.checked!.key, planId };
    // Under load, hundreds of requests arrive in the tick the version goes stale; one set of queries serves them all
    // (the profile under bench/portal-profile.js showed these queries, repeated per request, as the largest cost).
    // A read started before an invalidation is not joined: it may miss the approval.
    if (s.reading && s.reading.generation === this.data.generation) return s.reading.done;
    const reading = { generation: this.data.generation, done: this.readKey(s, model, planId, now) };
    s.reading = reading;
    try {
      return await reading.done;
    } finally {
      if (s.reading === reading) s.reading = null;
    }
  }

  private async readKey(s: PlanSites, model: { revision: number }, planId: string, now: number): Promise<{ key: string; planId: string }> {
    const generation = this.data.generation;
    const snap = await this.data.snapshot(planId);
    const [library, accounts, docs, carbon] = await Promise.all([libraryRevision(this.db, planId), accountsRevision(this.db, planId), documentsRevision(this.db, planId), publicationsRevision(this.db, planId)]);
    const key = `${planId}@${model.revision}|${snap.version}|p${library}|${accounts}|d${docs}|c${carbon}`;
    s.checked = { key, at: now, generation };
    return { key, planId };
  }

  /** The site of a plan (`default`: the deployment's default plan). */
  async site(idOrAlias = 'default'): Promise<PortalSite> {
    const { key, planId } = await this.key(idOrAlias);
    const s = this.sitesOf(planId);
    if (s.current?.key === key) return s.current.site;
    const pending = (async () => {
      const model = await this.plans.get(planId);
      this.builds++;
      const heavy = this.heavy;
      // Not heavy.run: its cache is keyed by the whole database's version; the site already keeps each file per data version.
      const xlsx = heavy ? async (sheets: Sheet[]) => asBuffer(await heavy.compute('portal.xlsx', { sheets })) : undefined;
      return new PortalSite(buildPortalModel(await loadPortalInput(this.db, model.plan, model.revision)), { xlsx });
    })();
    pending.catch(() => {
      if (s.current?.site === pending) s.current = null;
    });
    s.current = { key, site: pending };
    return pending;
  }
}

interface PlanSites {
  current: { key: string; site: Promise<PortalSite> } | null;
  checked: { key: string; at: number; generation: number } | null;
  reading: { generation: number; done: Promise<{ key: string; planId: string }> } | null;
}

/** A page that is not there: the portal's frame, its links made absolute (the missing path's depth is unknown). */
function notFoundPage(reply: FastifyReply, path: string, root = '/') {
  const ctx = new PageContext(parsePagePath(path).variant, '404.html');
  const body = `<h1>${esc(ctx.t('页面不存在', 'Page not found'))}</h1><p>${esc(ctx.t('没有这个页面。', 'There is no such page.'))} <a href="${esc(root)}">${esc(ctx.t('返回首页', 'Back to the home page'))}</a></p>`;
  const html = renderPortalPage({ ctx, title: ctx.t('页面不存在', 'Page not found'), body, site: { name: '公开平台', nameEn: 'Public portal', footer: '' } });
  return reply.code(404).type('text/html; charset=utf-8').send(html.replace(/(href)="(?:\.\.\/)*([^"/#][^"]*)"/g, (_m, a: string, p: string) => `${a}="${root}${p}"`));
}

const kindField = z.enum(['plan', 'annual_report', 'other']);
const documentSchema = z.object({
  id: z.string(),
  kind: kindField,
  title: z.string(),
  titleEn: z.string(),
  year: z.number().int().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  origin: z.enum(['upload', 'generated']),
  dataVersion: z.string().nullable(),
  createdAt: z.string(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  events: z.array(z.object({ action: z.enum(['publish', 'withdraw']), reason: z.string().nullable(), at: z.string() })),
});

/** What an uploaded document is, by its bytes: a PDF or a Word (.docx) file. */
function sniffDocument(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString('binary') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 4).toString('binary') === 'PK\x03\x04' && bytes.includes(Buffer.from('word/document.xml'))) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return null;
}

const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const portalRoutes: FastifyPluginAsync<{ plans: PlanCache; data: ObservationCache; heavy: Offload; rateLimit: number; portal: PortalCache }> = async (app, { plans, heavy, rateLimit, portal }) => {
  // The public site: every GET not claimed by a more specific route (the API, the console, the survey).
  app.get('/*', { schema: { hide: true }, config: { rateLimit: { max: rateLimit, timeWindow: '1 minute' } } }, async (req, reply) => {
    let path = sitePathOf(req.url);
    if (path === null || path.startsWith('api/') || path.startsWith('admin/')) return reply.callNotFound();
    // Another plan's site under /p/{planId}/ (its pages link relatively, so they work under any prefix).
    let planId = 'default';
    let root = '/';
    const other = /^p\/([^/]+)(?:\/(.*))?$/.exec(path);
    if (other) {
      if (!(await plans.idOf(other[1]!))) return notFoundPage(reply, path);
      if (other[2] === undefined) return reply.redirect(`/p/${encodeURIComponent(other[1]!)}/`);
      [planId, path, root] = [other[1]!, other[2] || 'index.html', `/p/${encodeURIComponent(other[1]!)}/`];
    }
    const site = await portal.site(planId);
    const pending = site.file(path);
    if (!pending) return notFoundPage(reply, path, root);
    const file = await pending;
    reply.header('etag', file.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding').header('x-ecoplan-data-version', site.model.dataVersion);
    if (file.download) {
      const name = file.path.split('/').pop()!;
      reply.header('content-disposition', contentDisposition(file.contentType.startsWith('application/pdf') || file.contentType.startsWith('text/html') ? 'inline' : 'attachment', name, name.replace(/[^\x20-\x7e]/g, '_')));
      if (file.contentType.startsWith('text/html')) reply.header('content-security-policy', REPORT_CSP);
    }
    reply.type(file.contentType);
    if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
    // Pre-compressed once per file: the compress plugin leaves a body with content-encoding alone.
    if (file.body.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !/zip|xlsx|docx|pdf/.test(file.contentType)) return reply.header('content-encoding', 'gzip').send(file.gzip());
    return reply.send(file.body);
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['信息公开 Portal'];
  const params = z.object({ planId: z.string().min(1) });
  const idParams = params.extend({ id: z.string().min(1).max(64) });
  const reviewers = app.requireUser(['admin', 'reviewer']);
  const wrap = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof DocumentError) throw new ApiError(e.status, e.code, e.message, e.messageEn);
      throw e;
    }
  };
  const defaultPlan = async (planId: string) => {
    const model = await plans.get(planId);
    const def = await plans.get('default');
    if (def.plan.meta.id !== model.plan.meta.id) throw new ApiError(400, 'NOT_PORTAL_PLAN', '门户只公开默认规划的文件', 'the portal publishes documents of the default plan only');
    return model;
  };

  r.get('/api/v1/plans/:planId/portal/documents', {
    preHandler: reviewers,
    schema: { tags, summary: '门户文件（含未发布）/ portal documents, published or not (reviewers)', params, response: { 200: z.object({ documents: z.array(documentSchema) }), 401: errorBodySchema, 403: errorBodySchema } },
  }, async (req) => {
    const { plan } = await plans.get(req.params.planId);
    return { documents: await listDocuments(app.db, plan.meta.id) };
  });

  r.post('/api/v1/plans/:planId/portal/documents', {
    preHandler: reviewers,
    schema: {
      tags,
      summary: '上传待发布文件（PDF 或 Word .docx，按内容识别，≤20 MB；字段 kind、title、titleEn、year 在文件之前）/ upload a document to publish later', upload: uploadBody('PDF 或 Word .docx 文件，≤20 MB / the PDF or .docx file', { kind: kindField.optional().describe('default other'), title: z.string().describe('标题'), titleEn: z.string().optional(), year: z.string().optional().describe('年份 / year, e.g. 2024') }),
      params,
      response: { 200: z.object({ id: z.string() }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema },
    },
  }, async (req) => {
    const { plan } = await defaultPlan(req.params.planId);
    const { file, bytes } = await readUpload(req, MAX_DOCUMENT_BYTES, 'any');
    const field = (name: string) => {
      const f = file.fields[name] as { value?: unknown } | undefined;
      return typeof f?.value === 'string' ? f.value.trim() : '';
    };
    const kind = kindField.safeParse(field('kind') || 'other');
    if (!kind.success) throw new ApiError(400, 'BAD_KIND', '字段 kind 应为 plan、annual_report 或 other', 'field kind must be plan, annual_report or other');
    const title = field('title');
    if (!title || title.length > 200) throw new ApiError(400, 'BAD_TITLE', '字段 title（标题）必填，最长 200 字', 'field title is required, at most 200 characters');
    const yearText = field('year');
    const year = yearText ? Number(yearText) : null;
    if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2100)) throw new ApiError(400, 'BAD_YEAR', `字段 year“${yearText}”不是有效年份`, `field year "${yearText}" is not a year`);
    const contentType = sniffDocument(bytes);
    if (!contentType) throw new ApiError(400, 'UNSUPPORTED_FILE', `“${safeFileName(file.filename)}”不是 PDF 或 Word（.docx）文件（按文件内容识别）`, `"${safeFileName(file.filename)}" is not a PDF or .docx file (judged by its content)`);
    const id = await addDocument(app.db, plan.meta.id, { kind: kind.data, title, titleEn: field('titleEn').slice(0, 200), year, fileName: safeFileName(file.filename), contentType, body: bytes, origin: 'upload' }, { id: req.user!.id, ip: req.ip });
    return { id };
  });

  r.post('/api/v1/plans/:planId/portal/documents/annual-report', {
    preHandler: reviewers,
    schema: {
      tags,
      summary: '由已审定数据生成年度评估报告，存为待发布文件 / generate the annual report from approved data as a document to publish',
      params,
      body: z.object({ year: z.number().int(), format: z.enum(['html', 'docx']).default('html') }),
      response: { 200: z.object({ id: z.string(), dataVersion: z.string() }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
    },
  }, async (req) => {
    const { plan } = await defaultPlan(req.params.planId);
    const { year, format } = req.body;
    if (year < plan.meta.baseYear || year > plan.meta.period.end)
      throw new ApiError(400, 'YEAR_OUT_OF_RANGE', `年份 ${year} 超出规划范围（${plan.meta.baseYear}–${plan.meta.period.end}）`, `year ${year} is outside the plan (${plan.meta.baseYear}–${plan.meta.period.end})`);
    // The report reads approved observations only (src/reports/store.ts); rendered off the request thread.
    const result = await heavy.run('report', { planId: plan.meta.id, year, region: plan.meta.region, format });
    const title = `${plan.meta.shortName}${year}年度实施评估报告`;
    const id = await addDocument(
      app.db,
      plan.meta.id,
      { kind: 'annual_report', title, titleEn: `${plan.meta.nameEn}: annual assessment report ${year}`, year, fileName: result.fileName, contentType: result.contentType, body: asBuffer(result.body), origin: 'generated', dataVersion: result.dataVersionId },
      { id: req.user!.id, ip: req.ip },
    );
    return { id, dataVersion: result.dataVersionId };
  });

  r.get('/api/v1/plans/:planId/portal/documents/:id/file', {
    preHandler: reviewers,
    schema: { tags, summary: '预览文件（发布前）/ a document as stored, for review before publishing', params: idParams, response: { 200: fileResponse('文件，按存储时的类型 / the file, of the type it was stored with', '*/*') } },
  }, async (req, reply) => {
    const { plan } = await plans.get(req.params.planId);
    const row = await documentBody(app.db, plan.meta.id, req.params.id);
    if (!row) throw notFound(`文件 ${req.params.id}`, `document ${req.params.id}`);
    if (row.content_type.startsWith('text/html')) reply.header('content-security-policy', REPORT_CSP);
    return reply.type(row.content_type).header('content-disposition', contentDisposition('attachment', row.file_name, 'document')).send(Buffer.from(row.body));
  });

  for (const action of ['publish', 'withdraw'] as const)
    r.post(`/api/v1/plans/:planId/portal/documents/:id/${action}`, {
      preHandler: reviewers,
      schema: {
        tags,
        summary: action === 'publish' ? '发布到门户（记入审计日志）/ publish on the portal (audited)' : '从门户撤回（须说明原因，记入审计日志）/ withdraw from the portal (reason required, audited)',
        params: idParams,
        body: z.object({ reason: action === 'withdraw' ? z.string().trim().min(1).max(500) : z.string().trim().max(500).optional() }),
        response: { 200: z.object({ ok: z.literal(true) }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    }, async (req) => {
      const { plan } = await plans.get(req.params.planId);
      await wrap(() => setPublished(app.db, plan.meta.id, req.params.id, action, { id: req.user!.id, ip: req.ip }, req.body.reason ?? null));
      portal.invalidate();
      return { ok: true as const };
    });
};
