// Authentication and authorisation: sessions held in the database and named by an HttpOnly cookie, a CSRF
// token per session that every state-changing request must echo in a header, roles checked on the server.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { timingSafeEqual } from 'node:crypto';
import { findSession, type User } from '../store/users.js';
import type { Role } from '../store/schema.js';
import { ApiError } from './errors.js';

export const SESSION_COOKIE = 'ecoplan_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** A signed-in user of another plan on this plan's routes: treated as the public here (see scopeUsersToPlan). */
    otherPlanUser: User | null;
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

export async function registerAuth(app: FastifyInstance) {
  await app.register(fastifyCookie);
  app.decorateRequest('user', null);
  app.decorateRequest('otherPlanUser', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const session = await findSession(app.db, token);
    if (!session) return;
    req.user = session.user;
    req.csrfToken = session.csrfToken;
    req.sessionToken = token;
  });
  app.decorate('requireUser', (roles?: readonly Role[]) => {
    const handler: preHandlerHookHandler = async (req) => {
      if (!req.user && req.otherPlanUser)
        throw new ApiError(
          403,
          'OTHER_PLAN',
          `无权操作：账户“${req.otherPlanUser.username}”属于规划“${req.otherPlanUser.planId}”，不能读写其他规划的非公开数据`,
          `not allowed: account "${req.otherPlanUser.username}" belongs to plan "${req.otherPlanUser.planId}" and cannot read or change another plan's non-public data`,
        );
      if (!req.user) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'please sign in');
      if (STATE_CHANGING.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !req.csrfToken || !sameToken(sent, req.csrfToken))
          throw new ApiError(403, 'CSRF_FAILED', `缺少或错误的 CSRF 令牌（请求头 ${CSRF_HEADER}）`, `missing or wrong CSRF token (header ${CSRF_HEADER})`);
      }
      if (roles && !roles.includes(req.user.role))
        throw new ApiError(403, 'FORBIDDEN', `无权操作：需要${roles.map((r) => ROLE_LABELS[r].zh).join('或')}权限`, `not allowed: needs role ${roles.join(' or ')}`);
    };
    return handler;
  });
}

/**
 * An account's role holds in its own plan only (users.plan_id; an account without a plan holds it in every plan).
 * On the routes of another plan (/plans/{planId}/…) the user counts as the public: public reads answer as they
 * would anyone, everything that needs a role is refused with 403 OTHER_PLAN, and no staff view (drafts,
 * submissions, who entered what) reaches across plans.
 */
export function scopeUsersToPlan(app: FastifyInstance, planIdOf: (idOrAlias: string) => Promise<string | null>) {
  app.addHook('preHandler', async (req) => {
    const user = req.user;
    const asked = (req.params as { planId?: unknown } | undefined)?.planId;
    if (!user || !user.planId || typeof asked !== 'string' || asked === user.planId) return;
    const id = await planIdOf(asked);
    if (id === null || id === user.planId) return; // an unknown plan is the route's own 404
    req.otherPlanUser = user;
    req.user = null;
  });
}
