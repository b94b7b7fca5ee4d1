// The Fastify application: /api/v1 (one plugin per area), OpenAPI at /api/docs, the built console at /admin/.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { ICON_SVG } from '../reports/icon.js';
import { errorBodySchema, registerErrorHandling, requestValidator } from './errors.js';
import { registerSecurityHeaders } from './security.js';
import { registerImportSlots } from './importSlots.js';
import { ApiError } from './errors.js';
import { forbiddenChar, forbiddenCharMessage } from '../plan/text.js';
import { PlanCache } from './planCache.js';
import fastifyRateLimit from '@fastify/rate-limit';
import { sharedRateLimitStore } from '../store/rateLimits.js';
import fastifyMultipart from '@fastify/multipart';
import { registerAuth } from './auth.js';
import { authRoutes } from './routes/auth.js';
import { observationWriteRoutes } from './routes/observations.js';
import { roundRoutes } from './routes/rounds.js';
import { calcRoutes } from './routes/calc.js';
import { evaluationRoutes } from './routes/evaluation.js';
import { ObservationCache } from './dataCache.js';
import { Offload } from './offload/index.js';
import { plansRoutes } from './routes/plans.js';
import { planRevisionRoutes } from './routes/planRevisions.js';
import { planDraftRoutes } from './routes/planDrafts.js';
import { projectRoutes } from './routes/projects.js'; // key project library
import { reportsRoutes } from './routes/reports.js'; // annual report
import { gepRoutes } from './routes/gep.js'; // GEP accounting
import { monitoringRoutes } from './routes/monitoring.js'; // monitoring data
import { carbonRoutes } from './routes/carbon.js'; // carbon accounts
import { PortalCache, portalRoutes } from './routes/portal.js'; // the public portal
import { surveyApiRoutes, surveyPublicRoutes } from './routes/survey.js'; // the public survey
import { DEFAULT_POW_BITS } from '../survey/guard.js';
import { assessmentRoutes } from './routes/assessment.js'; // assessment and ranking

declare module 'fastify' {
  interface FastifySchema {
    /** A multipart upload's form parts (uploadBody in upload.ts), for the OpenAPI document only: the route reads the
     *  parts itself (readUpload), so no body is validated. */
    upload?: z.ZodType;
  }
  interface FastifyInstance {
    db: Kysely<Database>;
    /** The public portal's per-data-version site cache. */
    portal: PortalCache;
  }
}

/** A built asset named by its content hash (Vite's assets/[name]-[hash].[ext]). */
export const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Where `npm run build:web` puts the console. */
export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../web');

export interface AppOptions {
  db: Kysely<Database>;
  logger?: FastifyServerOptions['logger'];
  webDir?: string;
  version?: string;
  /** How long a plan's revision is trusted before it is read again (ms); see PlanCache. */
  revisionTtlMs?: number;
  /** Sign-in attempts per client address per minute (default 10). */
  loginRateLimit?: number;
  /** Requests per client address per minute to each computing endpoint (COMPUTING_ROUTES) and to the public portal (default 120). */
  computeRateLimit?: number;
  /** The database file, which worker threads open to compute heavy answers off the request thread (see Offload);
   * without it they are computed in this thread. */
  dbPath?: string;
  /** Worker threads for heavy computations (default: the cores less one, 1–4). */
  workerThreads?: number;
  /** Heavy imports (workbooks, monitoring files) running at once; more answer 503 with Retry-After (default 2). */
  importSlots?: number;
  /** The public survey: submissions per client address per 10 minutes (default 30), the proof-of-work's leading zero
   *  bits (default 16), and the window in minutes in which equal answers from one address are duplicates (default 60). */
  survey?: { rateLimit?: number; powBits?: number; duplicateWindowMinutes?: number };
  /** Fastify's trustProxy: behind a reverse proxy, which hops' X-Forwarded-For to believe (true, the proxies'
   *  addresses, or a function of address and hop), so that per-address limits count clients rather than the proxy.
   *  Off by default. */
  trustProxy?: boolean | string | ((address: string, hop: number) => boolean);
}

/**
 * Endpoints that compute on request (monitoring statistics, GEP accounts, calculators, reports, workbooks), most of
 * them open to anyone: each is limited per client address so that no one can keep the server busy. Plain reads of
 * the plan and of stored facts are not limited (they are cached and cheap).
 */
export const COMPUTING_ROUTES: readonly RegExp[] = [
  /^\/api\/v1\/monitoring\/(air\/daily|air\/annual|water\/annual)$/,
  /^\/api\/v1\/plans\/:planId\/monitoring\/indicators$/,
  /^\/api\/v1\/plans\/:planId\/gep\/(account|regions|compare|extent|balance-sheet|compensation|horizontal|export\.xlsx)$/,
  /^\/api\/v1\/plans\/:planId\/carbon\//,
  /^\/api\/v1\/plans\/:planId\/(projects\.xlsx|projects-summary)$/,
  /^\/api\/v1\/plans\/:planId\/reports\//,
  /^\/api\/v1\/calc\//,
];

/** The first string inside a request part holding a character XML 1.0 forbids, with its path. */
function forbiddenIn(value: unknown, path: string, depth = 0): { path: string; index: number; codePoint: string } | null {
  if (typeof value === 'string') {
    const hit = forbiddenChar(value);
    return hit ? { path, ...hit } : null;
  }
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const hit = forbiddenChar(k) ? { path: `${path}.?`, ...forbiddenChar(k)! } : forbiddenIn(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, trustProxy: opts.trustProxy ?? false });
  app.decorate('db', opts.db);
  app.setValidatorCompiler(requestValidator);
  // Response schemas document the API (and the tests check answers against them); bodies are written by
  // JSON.stringify; pre-serialised Buffers from the read-model cache bypass serialisation.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  registerImportSlots(app, opts.importSlots ?? 2);
  // One check of every text a client sends (JSON bodies and query strings): characters XML 1.0 forbids are refused
  // here, naming the field, before any route stores them (workbook cells and CSV fields: importers/upload.ts, table.ts).
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [['body', req.body], ['query', req.query]] as const) {
      const hit = forbiddenIn(value, where);
      if (hit) {
        const m = forbiddenCharMessage(`字段 ${hit.path} `, `field ${hit.path}`, hit);
        throw new ApiError(400, 'INVALID_CHARACTER', m.message, m.messageEn);
      }
    }
  });
  // Brotli or gzip for every compressible answer over 1 KB (the console's scripts: antd alone is 1.1 MB raw). Bodies
  // the read-model cache already gzipped carry Content-Encoding and are left alone; zipped downloads (.docx, .xlsx)
  // are not of a compressible type.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  // Limits are declared per route (sign-in, password, computing endpoints); counters are per process on SQLite and
  // in the database on PostgreSQL (shared by instances), lockouts are in the database. The computing endpoints get theirs here, before the plugin reads each route's config.
  const computeLimit = opts.computeRateLimit ?? 120;
  app.addHook('onRoute', (route) => {
    if (COMPUTING_ROUTES.some((re) => re.test(route.url)) && !(route.config as { rateLimit?: unknown } | undefined)?.rateLimit)
      route.config = { ...(route.config ?? {}), rateLimit: { max: computeLimit, timeWindow: '1 minute' } } as typeof route.config;
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // Several instances on one PostgreSQL database count together (store/rateLimits.ts); SQLite: in memory.
    store: sharedRateLimitStore(opts.db),
    // The limit and the wait travel with the error, so the bilingual answer can name them.
    errorResponseBuilder: (_req, context) => Object.assign(new Error(`rate limit exceeded, retry in ${context.after}`), { statusCode: 429, max: context.max, after: context.after }),
  });
  await registerAuth(app);
  await app.register(fastifyMultipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 10 } });

  // Every route can be refused (a bad character, a rate limit, a busy database …) with the one error body: the
  // document says so for each route that does not name its refusals itself, so a generated client types them all.
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    if (!schema || schema.hide) return;
    const response = { ...(schema.response as Record<string, unknown> | undefined) };
    if (!Object.keys(response).some((k) => k.startsWith('4'))) response['4XX'] = errorBodySchema;
    if (!Object.keys(response).some((k) => k.startsWith('5'))) response['5XX'] = errorBodySchema;
    route.schema = { ...schema, response };
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ecoplan API',
        description: '生态文明建设规划实施管理平台接口 / API of the ecological-civilization plan platform',
        version: opts.version ?? '0.1.0',
      },
    },
    // An upload route's form parts become its multipart request body in the document (not in validation).
    transform: (doc) => {
      const upload = doc.schema?.upload;
      if (!upload) return jsonSchemaTransform(doc);
      const { upload: _, ...schema } = doc.schema;
      return jsonSchemaTransform({ ...doc, schema: { ...schema, body: upload, consumes: ['multipart/form-data'] } });
    },
    // Schemas given an id (.meta({ id })) become named components: the generated client's type names.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const plans = new PlanCache(opts.db, opts.revisionTtlMs);
  const data = new ObservationCache(opts.db, opts.revisionTtlMs);
  const heavy = new Offload({ db: opts.db, dbPath: opts.dbPath ?? null, plans, threads: opts.workerThreads });
  app.addHook('onClose', () => heavy.close());
  await app.register(
    async (api) => {
      api.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
      await api.register(plansRoutes, { plans });
      await api.register(planRevisionRoutes, { plans }); // plan revisions
      await api.register(planDraftRoutes); // plans uploaded in the console
      await api.register(projectRoutes, { plans, revisionTtlMs: opts.revisionTtlMs }); // key project library
      await api.register(calcRoutes);
      await api.register(evaluationRoutes, { plans, data });
      await api.register(reportsRoutes, { plans, data, heavy }); // annual report
      await api.register(gepRoutes, { plans, heavy }); // GEP accounting
      await api.register(authRoutes, { plans, loginRateLimit: opts.loginRateLimit ?? 10 });
      await api.register(observationWriteRoutes, { plans, data });
      await api.register(roundRoutes, { plans, data, heavy });
      await api.register(monitoringRoutes, { plans, data, heavy }); // monitoring data
      await api.register(carbonRoutes, { plans, heavy, data }); // carbon accounts
      await api.register(surveyApiRoutes, { plans, data }); // the public survey
      await api.register(assessmentRoutes, { plans, data, heavy }); // assessment and ranking
    },
    { prefix: '/api/v1' },
  );

  const webDir = opts.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/admin/',
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      // Vite names every built asset by its content hash (assets/index-3f9a1c2b.js): a name never changes meaning,
      // so browsers keep it a year without asking. The page itself names the current assets: always revalidated.
      setHeaders: (reply, path) => reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    // Client-side routes of the console (/admin/indicators/7 …) all load the same page; a missing file
    // (a name with an extension, e.g. an asset of another build) is a 404, not the page.
    // Not part of the API: kept out of its document (swagger-ui stopped drawing the operations after a `/admin/{*}` path).
    app.get('/admin/*', { schema: { hide: true } }, (req, reply) => {
      const last = req.url.split('?')[0]!.split('/').pop() ?? '';
      if (last.includes('.')) return reply.callNotFound();
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    });
    app.get('/admin', { schema: { hide: true } }, (_req, reply) => reply.redirect('/admin/'));
  }
  // The public questionnaires, server-rendered.
  await app.register(surveyPublicRoutes, { plans, data, powBits: DEFAULT_POW_BITS, ...opts.survey });
  // The public portal at the root: every GET no other route claims; limited per address like the
  // computing endpoints.
  const portal = new PortalCache(opts.db, plans, data, opts.revisionTtlMs, heavy);
  app.decorate('portal', portal);
  await app.register(portalRoutes, { plans, data, heavy, rateLimit: computeLimit, portal });
  // Browsers ask every origin for /favicon.ico (the API docs, a JSON answer opened in a tab): answer, not 404.
  app.get('/favicon.ico', { schema: { hide: true } }, (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(ICON_SVG));
  return app;
}
