// `ecoplan serve`: open (create, migrate, seed) the database and serve the API and the console.
import { buildApp } from '../server/app.js';
import { openStore } from './store.js';

export async function serve(opts: { port: number; host: string; db: string; planDir?: string; version: string; demo?: boolean; demoExtras?: boolean }) {
  const started = performance.now();
  const store = await openStore(opts);
  if (!store) {
    process.exitCode = 1;
    return;
  }
  if (opts.demo) {
    const { loadDemo } = await import('./demo.js');
    const n = await loadDemo(store.db, store.plan);
    console.log(`演示模式：已载入示例数据（新增 ${n.demo} 条），页面上标注“示例数据” / demo mode: example dataset loaded`);
    const { ensureDemoUsers, DEMO_USERS, DEMO_PASSWORD } = await import('./users.js');
    await ensureDemoUsers(store.db, store.plan);
    console.log(`演示模式：演示账户 ${DEMO_USERS.map((u) => u.username).join('、')}，密码均为 ${DEMO_PASSWORD}（仅用于演示，勿用于生产）/ demo accounts, demo password`);
    if (opts.demoExtras !== false) {
      const { loadDemoExtras, DEMO_MONITORING } = await import('./demo.js');
      const t0 = performance.now();
      console.log(`演示模式：检查示例监测数据（${DEMO_MONITORING.year} 年）与年度调度… / demo mode: monitoring data and a reporting round…`);
      const extras = await loadDemoExtras(store.db, store.plan);
      if (extras.monitoring) console.log(`演示模式：已生成示例监测数据：${extras.monitoring}（${((performance.now() - t0) / 1000).toFixed(1)} 秒）`);
      if (extras.round) console.log(`演示模式：已开启 ${extras.round} 年度调度（管理员 admin），可用演示账户填报、审核 / demo mode: the ${extras.round} reporting round is open`);
    }
  } else {
    const { countUsers } = await import('../store/users.js');
    if ((await countUsers(store.db)) === 0)
      console.log('提示：尚无用户，只能浏览。创建管理员：npx ecoplan user add --username admin --role admin / no users yet: create an administrator with ecoplan user add');
  }
  // The server's writes wait at most 1 s for another writer (an import from the command line): the wait blocks the
  // event loop. A write that still finds the database busy is answered 503 with Retry-After (errors.ts).
  const { busyTimeoutMs, setBusyTimeout } = await import('../store/db.js');
  await setBusyTimeout(store.db, busyTimeoutMs('server'));
  // Requests per client address per minute to the computing endpoints and the public portal (docs/security.md).
  const limit = Number(process.env.ECOPLAN_COMPUTE_RATE_LIMIT);
  const computeRateLimit = Number.isInteger(limit) && limit > 0 ? limit : undefined;
  // The survey's guards can be tuned by the deployment (docs/survey.md); unset, the defaults apply.
  const envInt = (name: string) => (process.env[name] && Number.isInteger(Number(process.env[name])) ? Number(process.env[name]) : undefined);
  const survey = { rateLimit: envInt('ECOPLAN_SURVEY_RATE_LIMIT'), powBits: envInt('ECOPLAN_SURVEY_POW_BITS'), duplicateWindowMinutes: envInt('ECOPLAN_SURVEY_DUPLICATE_MINUTES') };
  // ECOPLAN_TRUST_PROXY: behind a reverse proxy, "true", a hop count or the proxy's addresses (docs/security.md).
  const proxy = process.env.ECOPLAN_TRUST_PROXY;
  const hops = proxy && /^\d+$/.test(proxy) ? Number(proxy) : null;
  const trustProxy = !proxy ? false : proxy === 'true' ? true : hops !== null ? (_address: string, hop: number) => hop < hops : proxy;
  const app = await buildApp({ db: store.db, dbPath: store.dbPath, logger: { level: process.env.LOG_LEVEL ?? 'info' }, version: opts.version, computeRateLimit, survey: Object.fromEntries(Object.entries(survey).filter(([, v]) => v !== undefined)), trustProxy });
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    await store.close();
    if (err.code === 'EADDRINUSE') {
      console.error(`✘ 端口 ${opts.port} 已被占用，请用 --port 指定其他端口（如 --port ${opts.port + 1}）。/ port ${opts.port} is already in use; choose another with --port.`);
      process.exit(1);
    }
    if (err.code === 'EACCES') {
      console.error(`✘ 无权监听端口 ${opts.port}，请用 --port 指定 1024 以上的端口。/ no permission to listen on port ${opts.port}; choose a port above 1024 with --port.`);
      process.exit(1);
    }
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  app.log.info(
    { db: store.dbLabel, plan: store.plan.meta.id, seed: store.seed, migrations: store.migrations, startupMs: Math.round(performance.now() - started) },
    'ecoplan ready',
  );
  if (store.seed === 'revised')
    console.warn(`提示：规划“${store.plan.meta.id}”已在数据库中修订，规划文件夹的改动未载入（修订见 ecoplan plan revisions）/ plan "${store.plan.meta.id}" has approved revisions in the database, so its changed folder was not loaded (see ecoplan plan revisions)`);
  console.log(`ecoplan 已启动 / ready: 控制台 console http://${opts.host}:${port}/  接口文档 API docs http://${opts.host}:${port}/api/docs`);
  // Several instances on one PostgreSQL database each sign checkpoints: with a key file per host they could not verify
  // each other's (docs/architecture.md, "Several instances").
  const { isPostgresUrl } = await import('../store/dialect.js');
  if (isPostgresUrl(store.dbPath) && !process.env.ECOPLAN_AUDIT_KEYS)
    console.warn('提示：使用 PostgreSQL 时，请为所有服务实例设置同一个 ECOPLAN_AUDIT_KEYS（审计检查点密钥），否则各实例以本机密钥文件签名。/ with PostgreSQL, give every server instance the same ECOPLAN_AUDIT_KEYS, else each signs audit checkpoints with a key file of its own host.');
  // Signed checkpoints of the audit chain's head: now, every ECOPLAN_AUDIT_CHECKPOINT_MINUTES (10), and at shutdown.
  const { startAuditCheckpoints } = await import('./auditCheckpointing.js');
  const checkpoints = await startAuditCheckpoints(store.db, store.dbPath, app.log);
  const shutdown = async () => {
    await checkpoints.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
