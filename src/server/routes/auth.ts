// Sign-in, sign-out, the current user, password change, and user administration.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../auth/passwords.js';
import { AccountRefused, audit, createSession, createUser, deleteSession, findUserRow, listUsers, recordSuccessfulLogin, SESSION_DAYS, setPassword, toUser, updateAccount } from '../../store/users.js';
import { clearLoginFailures, recordLoginFailure, throttleWait } from '../../store/loginThrottle.js';
import { setSessionCookie, SESSION_COOKIE } from '../auth.js';
import { ApiError, errorBodySchema } from '../errors.js';
import type { PlanCache } from '../planCache.js';

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'reviewer', 'reporter', 'viewer']),
  planId: z.string().nullable(),
  departmentId: z.string().nullable(),
  isDemo: z.boolean(),
  disabled: z.boolean().describe('a disabled account cannot sign in; its sessions ended when it was disabled'),
});
const tags = ['认证与用户 Auth & users'];
/** An ISO instant as China Standard Time, e.g. 2026-11-27 21:47. */
const badLogin = () => new ApiError(401, 'BAD_CREDENTIALS', '用户名或密码错误', 'wrong user name or password');
const throttled = (seconds: number) =>
  new ApiError(429, 'LOGIN_THROTTLED', `登录失败次数过多，请 ${seconds} 秒后再试`, `too many failed sign-ins; try again in ${seconds} s`, seconds);
/** A scrypt hash of nothing anyone can type (random salt and key, the same parameters as real hashes). */
const DUMMY_HASH = `scrypt$32768$8$1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;

export const authRoutes: FastifyPluginAsync<{ plans: PlanCache; loginRateLimit: number }> = async (app, { plans, loginRateLimit }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/auth/login', {
    // Per client address and process; the throttle by name and address (store/loginThrottle.ts) holds across instances.
    config: { rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: '登录 / sign in',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      response: { 200: z.object({ user: userSchema, csrfToken: z.string() }), 401: errorBodySchema, 403: errorBodySchema, 429: errorBodySchema },
    },
  }, async (req, reply) => {
    // Login CSRF: a browser posting from another site sends its Origin; refuse it.
    const origin = req.headers.origin;
    // "null" (a sandboxed frame, a file:// page) or any other unparsable origin is foreign too.
    if (origin !== undefined && originHost(origin) !== req.headers.host) throw new ApiError(403, 'BAD_ORIGIN', `来源“${origin.slice(0, 100)}”与本站不符，拒绝登录`, `cross-site sign-in refused (origin "${origin.slice(0, 100)}")`);
    const { username, password } = req.body;
    // Too many failures of this name from this address, or from this address: wait, whether or not the name exists.
    const wait = await throttleWait(app.db, req.ip, username);
    if (wait > 0) throw throttled(wait);
    const found = await findUserRow(app.db, username);
    const row = found && found.disabled !== 1 ? found : undefined;
    // An unknown or disabled name is checked against a hash too: every failure costs the same and answers the same.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) {
      const waitNext = await recordLoginFailure(app.db, req.ip, username);
      await audit(app.db, { userId: row?.id ?? null, action: 'login.failed', entity: 'user', entityId: row?.id ?? null, detail: { username, waitNext }, ip: req.ip });
      throw badLogin();
    }
    await clearLoginFailures(app.db, req.ip, username);
    await recordSuccessfulLogin(app.db, row.id);
    const { token, csrfToken } = await createSession(app.db, row.id, { ip: req.ip, userAgent: req.headers['user-agent'] });
    await audit(app.db, { userId: row.id, action: 'login', entity: 'user', entityId: row.id, ip: req.ip });
    setSessionCookie(req, reply, token, SESSION_DAYS * 86_400);
    return { user: toUser(row), csrfToken };
  });

  r.post('/auth/logout', { preHandler: app.requireUser(), schema: { tags, summary: '退出登录 / sign out', response: { 200: z.object({ ok: z.literal(true) }), 401: errorBodySchema } } }, async (req, reply) => {
    await deleteSession(app.db, req.sessionToken!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/auth/me', { schema: { tags, summary: '当前用户 / the signed-in user', response: { 200: z.object({ user: userSchema, csrfToken: z.string() }), 401: errorBodySchema } } }, async (req) => {
    if (!req.user) throw new ApiError(401, 'UNAUTHENTICATED', '未登录', 'not signed in');
    return { user: req.user, csrfToken: req.csrfToken! };
  });

  // The console asks this on every page load: a visitor is an answer (user null), not an error, so signed-out pages
  // log no 401. /auth/me keeps answering 401 for integrators that expect it.
  r.get('/auth/session', {
    schema: {
      tags,
      summary: '当前会话（未登录时 user 为 null，不返回 401）/ the current session (user null when signed out, never 401)',
      response: { 200: z.object({ user: userSchema.nullable(), csrfToken: z.string().nullable() }) },
    },
  }, async (req) => ({ user: req.user ?? null, csrfToken: req.user ? req.csrfToken! : null }));

  r.post('/auth/password', {
    preHandler: app.requireUser(),
    config: { rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: '修改密码 / change password', body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }), response: { 200: z.object({ ok: z.literal(true) }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema } },
  }, async (req, reply) => {
    const row = (await findUserRow(app.db, req.user!.username))!;
    if (!(await verifyPassword(req.body.currentPassword, row.password_hash))) throw new ApiError(403, 'BAD_CREDENTIALS', '当前密码错误', 'the current password is wrong');
    const problem = passwordProblem(req.body.newPassword, row.username);
    if (problem) throw new ApiError(400, 'WEAK_PASSWORD', problem.zh, problem.en);
    await setPassword(app.db, row.id, await hashPassword(req.body.newPassword));
    await audit(app.db, { userId: row.id, action: 'password.change', entity: 'user', entityId: row.id, ip: req.ip });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/users', { preHandler: app.requireUser(['admin']), schema: { tags, summary: '用户列表（管理员）/ users (admin)', response: { 200: z.object({ users: z.array(userSchema) }), 401: errorBodySchema, 403: errorBodySchema } } }, async () => ({
    users: await listUsers(app.db),
  }));

  r.post('/users', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary: '新建用户（管理员）/ create a user (admin)',
      body: z.object({
        username: z.string().regex(/^[A-Za-z0-9_.-]{3,50}$/, '3–50 letters, digits, _ . -'),
        displayName: z.string().min(1).max(100),
        role: z.enum(['admin', 'reviewer', 'reporter', 'viewer']),
        departmentId: z.string().optional(),
        password: z.string().max(200),
      }),
      response: { 200: z.object({ user: userSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const { plan } = await plans.get('default');
    const b = req.body;
    if (b.role === 'reporter' && !b.departmentId) throw new ApiError(400, 'DEPARTMENT_REQUIRED', '填报员须指定责任单位', 'a reporter needs a department');
    if (b.departmentId && !plan.departments.some((d) => d.id === b.departmentId))
      throw new ApiError(400, 'UNKNOWN_DEPARTMENT', `未知的责任单位“${b.departmentId}”`, `unknown department "${b.departmentId}"`);
    const problem = passwordProblem(b.password, b.username);
    if (problem) throw new ApiError(400, 'WEAK_PASSWORD', problem.zh, problem.en);
    if (await findUserRow(app.db, b.username)) throw new ApiError(409, 'USERNAME_TAKEN', `用户名“${b.username}”已存在`, `user name "${b.username}" is taken`);
    const user = await createUser(app.db, { username: b.username, displayName: b.displayName, role: b.role, planId: plan.meta.id, departmentId: b.departmentId ?? null, passwordHash: await hashPassword(b.password) });
    await audit(app.db, { userId: req.user!.id, action: 'user.create', entity: 'user', entityId: user.id, detail: { username: user.username, role: user.role, departmentId: user.departmentId }, ip: req.ip });
    return { user };
  });

  const roleField = z.enum(['admin', 'reviewer', 'reporter', 'viewer']);
  const idParams = z.object({ id: z.string().min(1).max(100) });
  const refusal = (e: unknown): never => {
    if (e instanceof AccountRefused) throw new ApiError(e.statusCode, e.code, e.message, e.messageEn);
    throw e;
  };

  r.patch('/users/:id', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary: '更改用户：角色、责任单位、姓名、停用/启用（管理员，记入审计日志）/ change a user: role, department, name, disabled (admin, audited)',
      description:
        '不能更改自己的角色或停用自己；不能停用或降级最后一个启用的管理员；填报员须有责任单位；停用立即结束该用户的所有登录。 ' +
        'You cannot change your own role or disable yourself, nor disable or demote the last enabled administrator; a reporter needs a department; disabling ends the user’s sessions at once.',
      params: idParams,
      body: z
        .object({
          role: roleField.optional(),
          departmentId: z.string().nullable().optional().describe('null: no department'),
          displayName: z.string().trim().min(1).max(100).optional(),
          disabled: z.boolean().optional(),
          reason: z.string().trim().max(500).optional(),
        })
        .strict(),
      response: { 200: z.object({ user: userSchema, changed: z.array(z.string()) }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const { plan } = await plans.get('default');
    const b = req.body;
    if (b.departmentId && !plan.departments.some((d) => d.id === b.departmentId))
      throw new ApiError(400, 'UNKNOWN_DEPARTMENT', `未知的责任单位“${b.departmentId}”`, `unknown department "${b.departmentId}"`);
    return updateAccount(app.db, req.params.id, { role: b.role, departmentId: b.departmentId, displayName: b.displayName, disabled: b.disabled }, { id: req.user!.id, ip: req.ip, via: 'console', reason: b.reason ?? null }).catch(refusal);
  });

  r.post('/users/:id/password-reset', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary: '重置用户密码（管理员，记入审计日志）：生成一次性显示的新密码，结束该用户的所有登录 / reset a user’s password (admin, audited): a new password shown once; the user’s sessions end',
      params: idParams,
      response: { 200: z.object({ user: userSchema, password: z.string() }), 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const row = await app.db.selectFrom('users').selectAll().where('id', '=', req.params.id).executeTakeFirst();
    if (!row) throw new ApiError(404, 'NOT_FOUND', '没有该用户', 'no such user');
    // One's own password is changed with the current one (POST /auth/password), not reset.
    if (row.id === req.user!.id) throw new ApiError(409, 'OWN_ACCOUNT', '请在“修改密码”中更改自己的密码', 'change your own password with “Change password”');
    let password = generatePassword();
    while (passwordProblem(password, row.username)) password = generatePassword();
    await setPassword(app.db, row.id, await hashPassword(password));
    await audit(app.db, { userId: req.user!.id, action: 'password.reset', entity: 'user', entityId: row.id, detail: { username: row.username, via: 'console' }, ip: req.ip });
    return { user: toUser(row), password };
  });
};

/** The host of an Origin header, or null when it is "null" or not a URL. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
