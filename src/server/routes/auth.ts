// Sign-in, sign-out, the current user, password change, and user administration.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from '../../auth/passwords.js';
import { AccountRefused, actingIn, audit, createSession, createUser, deleteSession, findUserRow, grantRole, listUsers, loadAccount, recordSuccessfulLogin, revokeRole, SESSION_DAYS, setPassword, updateAccount, type Account, type User } from '../../store/users.js';
import { listPlans } from '../../store/plans.js';
import { clearLoginFailures, recordLoginFailure, throttleWait } from '../../store/loginThrottle.js';
import { setSessionCookie, SESSION_COOKIE } from '../auth.js';
import { ApiError, errorBodySchema } from '../errors.js';
import type { PlanCache } from '../planCache.js';

const roleEnum = z.enum(['admin', 'reviewer', 'reporter', 'viewer']);
const planRoleSchema = z.object({
  planId: z.string(),
  planName: z.string().describe('规划名称 / the plan\u2019s name'),
  planNameEn: z.string(),
  role: roleEnum,
  departmentId: z.string().nullable(),
});
const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleEnum.nullable().describe('在本规划中的角色（登录与会话：默认规划）；没有角色时为 null / the role in this plan (sign-in and session: the default plan); null when none'),
  planId: z.string().nullable().describe('role 所属的规划 / the plan `role` is held in'),
  departmentId: z.string().nullable(),
  roles: z.array(planRoleSchema).describe('账户在各规划中的角色 / the roles the account holds, one per plan'),
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

  /** An account as answered: its roles with the plans' names, and `role` etc. of the plan it acts in (if any). */
  const shape = async (account: Account, acting: User | null): Promise<z.infer<typeof userSchema>> => {
    const names = new Map((await listPlans(app.db)).map((p) => [p.id, p]));
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      role: acting?.role ?? null,
      planId: acting?.planId ?? null,
      departmentId: acting?.departmentId ?? null,
      roles: account.roles.map((g) => ({ ...g, planName: names.get(g.planId)?.name ?? g.planId, planNameEn: names.get(g.planId)?.name_en ?? g.planId })),
      isDemo: account.isDemo,
      disabled: account.disabled,
    };
  };
  /** The account in the default plan, as sign-in and the session answer it. */
  const shapeSession = async (account: Account) => {
    const def = (await listPlans(app.db)).find((p) => p.is_default === 1);
    return shape(account, def ? actingIn(account, def.id) : null);
  };

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
    return { user: await shapeSession((await loadAccount(app.db, row.id))!), csrfToken };
  });

  r.post('/auth/logout', { preHandler: app.requireUser(), schema: { tags, summary: '退出登录 / sign out', response: { 200: z.object({ ok: z.literal(true) }), 401: errorBodySchema } } }, async (req, reply) => {
    await deleteSession(app.db, req.sessionToken!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/auth/me', { schema: { tags, summary: '当前用户 / the signed-in user', response: { 200: z.object({ user: userSchema, csrfToken: z.string() }), 401: errorBodySchema } } }, async (req) => {
    if (!req.account) throw new ApiError(401, 'UNAUTHENTICATED', '未登录', 'not signed in');
    return { user: await shapeSession(req.account), csrfToken: req.csrfToken! };
  });

  // The console asks this on every page load: a visitor is an answer (user null), not an error, so signed-out pages
  // log no 401. /auth/me keeps answering 401 for integrators that expect it.
  r.get('/auth/session', {
    schema: {
      tags,
      summary: '当前会话（未登录时 user 为 null，不返回 401）/ the current session (user null when signed out, never 401)',
      response: { 200: z.object({ user: userSchema.nullable(), csrfToken: z.string().nullable() }) },
    },
  }, async (req) => ({ user: req.account ? await shapeSession(req.account) : null, csrfToken: req.account ? req.csrfToken! : null }));

  r.post('/auth/password', {
    preHandler: app.requireUser(),
    config: { rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: '修改密码 / change password', body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }), response: { 200: z.object({ ok: z.literal(true) }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema } },
  }, async (req, reply) => {
    const row = (await findUserRow(app.db, req.account!.username))!;
    if (!(await verifyPassword(req.body.currentPassword, row.password_hash))) throw new ApiError(403, 'BAD_CREDENTIALS', '当前密码错误', 'the current password is wrong');
    const problem = passwordProblem(req.body.newPassword, row.username);
    if (problem) throw new ApiError(400, 'WEAK_PASSWORD', problem.zh, problem.en);
    await setPassword(app.db, row.id, await hashPassword(req.body.newPassword));
    await audit(app.db, { userId: row.id, action: 'password.change', entity: 'user', entityId: row.id, ip: req.ip });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  const idParams = z.object({ id: z.string().min(1).max(100) });
  const refusal = (e: unknown): never => {
    if (e instanceof AccountRefused) throw new ApiError(e.statusCode, e.code, e.message, e.messageEn);
    throw e;
  };
  const planDepartment = async (planId: string, departmentId: string | null | undefined) => {
    if (!departmentId) return;
    const { plan } = await plans.get(planId);
    if (!plan.departments.some((d) => d.id === departmentId))
      throw new ApiError(400, 'UNKNOWN_DEPARTMENT', `未知的责任单位“${departmentId}”`, `unknown department "${departmentId}"`);
  };
  /** Name, disabled state and password belong to the whole account: only an administrator of every plan it holds a role in may change them. */
  const mayManageAccount = (actor: Account, target: Account) => {
    const outside = target.roles.filter((g) => !actor.roles.some((a) => a.planId === g.planId && a.role === 'admin'));
    if (outside.length)
      throw new ApiError(403, 'OTHER_PLAN_ACCOUNT', `该账户在您不是管理员的规划（${outside.map((g) => g.planId).join('、')}）中也有角色：姓名、停用和密码须由这些规划的管理员共同管理`, `the account also holds roles in plans you do not administer (${outside.map((g) => g.planId).join(', ')}): its name, disabled state and password are theirs to manage too`);
  };
  const accountOf = async (id: string) => {
    const target = await loadAccount(app.db, id);
    if (!target) throw new ApiError(404, 'NOT_FOUND', '没有该用户', 'no such user');
    return target;
  };

  // User administration, per plan: /plans/{planId}/users… acts on the roles of that plan and needs its administrator;
  // /users… is the same for the default plan (kept for clients written before plans had their own accounts).
  for (const scoped of [false, true]) {
    const base = scoped ? '/plans/:planId' : '';
    const where = scoped ? '本规划 / this plan' : '默认规划 / the default plan';
    const planParam = { planId: z.string().min(1).describe('规划 id，或 default / plan id, or "default"') };
    const baseParams = scoped ? z.object(planParam) : undefined;
    const userParams = scoped ? z.object({ ...planParam, id: idParams.shape.id }) : idParams;

    r.get(`${base}/users`, {
      preHandler: app.requireUser(['admin']),
      schema: { tags, summary: `用户列表：在${where}中有角色的账户（管理员）/ users holding a role in ${where.split(' / ')[1]} (admin)`, ...(baseParams ? { params: baseParams } : {}), response: { 200: z.object({ users: z.array(userSchema) }), 401: errorBodySchema, 403: errorBodySchema } },
    }, async (req) => {
      const users = await listUsers(app.db, req.user!.planId);
      return { users: await Promise.all(users.map((u) => shape(u, u))) };
    });

    r.post(`${base}/users`, {
      preHandler: app.requireUser(['admin']),
      schema: {
        tags,
        summary: `新建用户，在${where}中授予角色（管理员）/ create a user with a role in ${where.split(' / ')[1]} (admin)`,
        ...(baseParams ? { params: baseParams } : {}),
        body: z.object({
          username: z.string().regex(/^[A-Za-z0-9_.-]{3,50}$/, '3–50 letters, digits, _ . -'),
          displayName: z.string().min(1).max(100),
          role: roleEnum,
          departmentId: z.string().optional(),
          password: z.string().max(200),
        }),
        response: { 200: z.object({ user: userSchema }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
    }, async (req) => {
      const planId = req.user!.planId;
      const b = req.body;
      if (b.role === 'reporter' && !b.departmentId) throw new ApiError(400, 'DEPARTMENT_REQUIRED', '填报员须指定责任单位', 'a reporter needs a department');
      await planDepartment(planId, b.departmentId);
      const problem = passwordProblem(b.password, b.username);
      if (problem) throw new ApiError(400, 'WEAK_PASSWORD', problem.zh, problem.en);
      if (await findUserRow(app.db, b.username)) throw new ApiError(409, 'USERNAME_TAKEN', `用户名“${b.username}”已存在`, `user name "${b.username}" is taken`);
      const user = await createUser(app.db, { username: b.username, displayName: b.displayName, role: b.role, planId, departmentId: b.departmentId ?? null, passwordHash: await hashPassword(b.password) });
      await audit(app.db, { userId: req.user!.id, action: 'user.create', entity: 'user', entityId: user.id, detail: { username: user.username, planId, role: user.role, departmentId: user.departmentId }, ip: req.ip });
      return { user: await shape(user, user) };
    });

    r.patch(`${base}/users/:id`, {
      preHandler: app.requireUser(['admin']),
      schema: {
        tags,
        summary: `更改用户：在${where}中的角色、责任单位，姓名、停用/启用（管理员，记入审计日志）/ change a user: role and department in ${where.split(' / ')[1]}, name, disabled (admin, audited)`,
        description:
          '不能更改自己的角色或停用自己；不能让规划失去最后一个启用的管理员；填报员须有责任单位；停用立即结束该用户的所有登录；姓名和停用属于整个账户，须是该账户所在每个规划的管理员。 ' +
          'You cannot change your own role or disable yourself, nor leave a plan without an enabled administrator; a reporter needs a department; disabling ends the user’s sessions at once; name and disabled belong to the whole account and need an administrator of every plan it holds a role in.',
        params: userParams,
        body: z
          .object({
            role: roleEnum.optional(),
            departmentId: z.string().nullable().optional().describe('null: no department'),
            displayName: z.string().trim().min(1).max(100).optional(),
            disabled: z.boolean().optional(),
            reason: z.string().trim().max(500).optional(),
          })
          .strict(),
        response: { 200: z.object({ user: userSchema, changed: z.array(z.string()) }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    }, async (req) => {
      const planId = req.user!.planId;
      const b = req.body;
      await planDepartment(planId, b.departmentId);
      if (b.displayName !== undefined || b.disabled !== undefined) mayManageAccount(req.user!, await accountOf(req.params.id));
      const done = await updateAccount(app.db, req.params.id, planId, { role: b.role, departmentId: b.departmentId, displayName: b.displayName, disabled: b.disabled }, { id: req.user!.id, ip: req.ip, via: 'console', reason: b.reason ?? null }).catch(refusal);
      return { user: await shape(done.account, done.user), changed: done.changed };
    });

    r.post(`${base}/users/:id/password-reset`, {
      preHandler: app.requireUser(['admin']),
      schema: {
        tags,
        summary: '重置用户密码（管理员，记入审计日志）：生成一次性显示的新密码，结束该用户的所有登录 / reset a user’s password (admin, audited): a new password shown once; the user’s sessions end',
        params: userParams,
        response: { 200: z.object({ user: userSchema, password: z.string() }), 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    }, async (req) => {
      const target = await accountOf(req.params.id);
      const acting = actingIn(target, req.user!.planId);
      if (!acting) throw new ApiError(404, 'NOT_FOUND', '该规划中没有该用户', 'no such user in this plan');
      // One's own password is changed with the current one (POST /auth/password), not reset.
      if (target.id === req.user!.id) throw new ApiError(409, 'OWN_ACCOUNT', '请在“修改密码”中更改自己的密码', 'change your own password with “Change password”');
      mayManageAccount(req.user!, target);
      let password = generatePassword();
      while (passwordProblem(password, target.username)) password = generatePassword();
      await setPassword(app.db, target.id, await hashPassword(password));
      await audit(app.db, { userId: req.user!.id, action: 'password.reset', entity: 'user', entityId: target.id, detail: { username: target.username, via: 'console' }, ip: req.ip });
      return { user: await shape(target, acting), password };
    });
  }

  // Roles in a plan by user name: an administrator of the plan grants a role to an account that may so far hold
  // roles only in other plans (and whose id it therefore cannot list), changes it, or revokes it.
  const roleParams = z.object({ planId: z.string().min(1).describe('规划 id，或 default / plan id, or "default"'), username: z.string().min(1).max(100) });
  r.put('/plans/:planId/roles/:username', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary: '在本规划中授予或更改某账户的角色（本规划管理员，记入审计日志）/ grant or change an account’s role in this plan (its admin, audited)',
      params: roleParams,
      body: z.object({ role: roleEnum, departmentId: z.string().nullable().optional(), reason: z.string().trim().max(500).optional() }).strict(),
      response: { 200: z.object({ user: userSchema, created: z.boolean().describe('新授予（此前在本规划中没有角色）/ a new grant') }), 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const planId = req.user!.planId;
    await planDepartment(planId, req.body.departmentId);
    const row = await findUserRow(app.db, req.params.username);
    if (!row) throw new ApiError(404, 'NOT_FOUND', `没有用户“${req.params.username}”`, `no user "${req.params.username}"`);
    const done = await grantRole(app.db, row.id, planId, { role: req.body.role, departmentId: req.body.departmentId ?? null }, { id: req.user!.id, ip: req.ip, via: 'console', reason: req.body.reason ?? null }).catch(refusal);
    return { user: await shape(done.user, done.user), created: done.created };
  });

  r.delete('/plans/:planId/roles/:username', {
    preHandler: app.requireUser(['admin']),
    schema: {
      tags,
      summary: '撤销某账户在本规划中的角色，立即生效（本规划管理员，记入审计日志）/ revoke an account’s role in this plan, at once (its admin, audited)',
      params: roleParams,
      querystring: z.object({ reason: z.string().trim().max(500).optional() }),
      response: { 200: z.object({ user: userSchema }), 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
    },
  }, async (req) => {
    const row = await findUserRow(app.db, req.params.username);
    if (!row) throw new ApiError(404, 'NOT_FOUND', `没有用户“${req.params.username}”`, `no user "${req.params.username}"`);
    const account = await revokeRole(app.db, row.id, req.user!.planId, { id: req.user!.id, ip: req.ip, via: 'console', reason: req.query.reason ?? null }).catch(refusal);
    return { user: await shape(account, null) };
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
