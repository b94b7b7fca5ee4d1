// Authentication and authorisation: sessions held in the database and named by an HttpOnly cookie, a CSRF
// token per session that every state-changing request must echo in a header, roles checked on the server. An account
// holds roles per plan (user_plan_roles): `req.account` is who signed in, `req.user` that account acting in the plan
// the route names (/plans/{planId}/…; the default plan for routes outside a plan), or null when it holds no role there
// — so every check written against req.user (roles, departments, staff views) is a check in the route's plan.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import { actingIn, findSession, type Account, type User } from '../store/users.js';
import { DEFAULT_PLAN_ALIAS, resolvePlan } from '../store/plans.js';
import type { Role } from '../store/schema.js';
import { ApiError, notFound } from './errors.js';

export const SESSION_COOKIE = 'ecoplan_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, whatever plan the route names. */
    account: Account | null;
    /** The account acting in the route's plan; null when signed out or holding no role in that plan. */
    user: User | null;
    csrfToken: string | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    requireUser: (roles?: readonly Role[]) => preHandlerHookHandler;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'administrator' },
  reviewer: { zh: '牵头单位审核员', en: 'reviewer' },
  reporter: { zh: '责任单位填报员', en: 'reporter' },
  viewer: { zh: '领导（只读）', en: 'viewer (read-only)' },
};

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether cookies should carry Secure: over HTTPS, or when told so (behind a TLS-terminating proxy). */
/** Roles that see unreviewed values (labelled) and who entered what; the public and viewers see approved data only. */
const STAFF_ROLES: ReadonlySet<Role> = new Set<Role>(['reporter', 'reviewer', 'admin']);

/** Whether the request's user is staff (reporter, reviewer or administrator). */
export function isStaff(user: User | null | undefined): boolean {
  return !!user && STAFF_ROLES.has(user.role);
}

export function secureCookies(req: FastifyRequest): boolean {
  return req.protocol === 'https' || process.env.ECOPLAN_SECURE_COOKIES === '1';
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(req), maxAge: maxAgeSeconds });
}

/** The refusal of an account without a role in `planId`: 404 when there is no such plan (as for anyone), else 403. */
async function noRoleIn(db: FastifyInstance['db'], planId: string): Promise<ApiError> {
  const name = planId.slice(0, 100);
  if (!(await resolvePlan(db, planId))) return notFound(`规划“${name}”`, `plan "${name}"`);
  return new ApiError(403, 'NO_ROLE_IN_PLAN', `您在规划“${name}”中没有角色`, `you hold no role in plan "${name}"`);
}

export async function registerAuth(app: FastifyInstance) {
  await app.register(fastifyCookie);
  app.decorateRequest('account', null);
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const session = await findSession(app.db, token);
    if (!session) return;
    req.account = session.account;
    // Routing has run before onRequest, so the route's plan is known here.
    const named = (req.params as { planId?: unknown } | undefined)?.planId;
    const planId = typeof named === 'string' && named !== DEFAULT_PLAN_ALIAS ? named : session.defaultPlanId;
    req.user = planId ? actingIn(session.account, planId) : null;
    req.csrfToken = session.csrfToken;
    req.sessionToken = token;
  });
  // A signed-in account writing to a plan it holds no role in is refused before its body is even read: the same
  // answer for every plan-scoped write, whatever it sends (a malformed body would otherwise answer 400 first).
  app.addHook('preValidation', async (req) => {
    if (!req.account || req.user || !STATE_CHANGING.has(req.method)) return;
    const named = (req.params as { planId?: unknown } | undefined)?.planId;
    if (typeof named === 'string') throw await noRoleIn(app.db, named);
  });
  app.decorate('requireUser', (roles?: readonly Role[]) => {
    const handler: preHandlerHookHandler = async (req) => {
      if (!req.account) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'please sign in');
      if (STATE_CHANGING.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !req.csrfToken || !sameToken(sent, req.csrfToken))
          throw new ApiError(403, 'CSRF_FAILED', `缺少或错误的 CSRF 令牌（请求头 ${CSRF_HEADER}）`, `missing or wrong CSRF token (header ${CSRF_HEADER})`);
      }
      if (!req.user) {
        const named = (req.params as { planId?: unknown } | undefined)?.planId;
        throw await noRoleIn(app.db, typeof named === 'string' ? named : DEFAULT_PLAN_ALIAS);
      }
      if (roles && !roles.includes(req.user.role))
        throw new ApiError(403, 'FORBIDDEN', `无权操作：需要${roles.map((r) => ROLE_LABELS[r].zh).join('或')}权限`, `not allowed: needs role ${roles.join(' or ')}`);
    };
    return handler;
  });
}
