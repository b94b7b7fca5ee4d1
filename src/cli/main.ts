// The `ecoplan` command line. Every command that touches the database takes --db and creates and
// migrates a missing database itself.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DEFAULT_DB_PATH } from '../store/db.js';

// Piping into `head` closes stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('ecoplan')
  .description('生态文明建设规划实施管理平台 / ecoplan: an ecological-civilization construction plan run as data')
  .version(pkg.version)
  .showHelpAfterError();

const dbOption = () => new Option('--db <path>', '数据库文件 / SQLite database file').default(DEFAULT_DB_PATH);
const planDirOption = () => new Option('--plan-dir <dir>', '载入的规划文件夹 / plan folder to load (default: the embedded Shaoguan plan)');

program
  .command('serve')
  .description('启动平台（接口与控制台）/ start the platform: API and console')
  .addOption(new Option('--port <port>', '端口 / port').default(8080).argParser((v) => parsePort(v)))
  .addOption(new Option('--host <host>', '监听地址 / address to listen on').default('127.0.0.1'))
  .addOption(dbOption())
  .addOption(planDirOption())
  .option('--demo', '演示模式：载入示例数据（标注“示例数据”）/ demo mode: load the example dataset')
  .action(async (opts: { port: number; host: string; db: string; planDir?: string; demo?: boolean }) => {
    // Loaded on use so that --help and plan validate start fast.
    const { serve } = await import('./serve.js');
    await serve({ ...opts, version: pkg.version });
  });

const plan = program.command('plan').description('规划文件夹与已载入的规划 / plan folders and the loaded plan');
plan
  .command('validate')
  .description('校验规划文件夹，逐条报告问题 / validate a plan folder and report every problem')
  .argument('<dir>', '规划文件夹 / plan folder')
  .option('--json', '以 JSON 输出问题 / print problems as JSON')
  .action(async (dir: string, opts: { json?: boolean }) => {
    const { planValidate } = await import('./plan.js');
    process.exitCode = planValidate(dir, opts);
  });
plan
  .command('show')
  .description('显示已载入的规划：指标与重点工程 / show the loaded plan: indicators and key projects')
  .option('--json', '输出 JSON（indicators, projects, categoryTotals, total）/ print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { json?: boolean; db: string; planDir?: string }) => {
    const { planShow } = await import('./plan.js');
    process.exitCode = await planShow(opts);
  });

program
  .command('calc')
  .description('计算：标准方法的单次计算，JSON 由标准输入读入 / run one calculation: JSON on stdin, JSON on stdout')
  .argument('<name>', '计算名称 / calculation name (progress, aqi, water, air-annual)')
  .addHelpText('after', '\n例 / example:\n  echo \'{"baseline":{"year":2020,"value":60},"latest":{"year":2023,"value":66},"target":{"year":2025,"value":75},"direction":"increase"}\' | ecoplan calc progress')
  .action(async (name: string) => {
    const { calc } = await import('./calc.js');
    process.exitCode = await calc(name);
  });

program
  .command('evaluate')
  .description('年度评估：达标情况、进展、预警 / evaluate every indicator for a year')
  .requiredOption('--year <year>', '评估年份 / year', (v) => parseYear(v))
  .option('--region <code>', '行政区代码，默认全市 440200 / region code (default: the city)')
  .option('--horizon <year>', '指定目标年 2025 或 2035（默认按年份）/ force a horizon')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year: number; region?: string; horizon?: string; json?: boolean; db: string; planDir?: string }) => {
    const { evaluate } = await import('./evaluate.js');
    process.exitCode = await evaluate(opts);
  });

// ── report: the annual assessment report (issue 7) ──
program
  .command('report')
  .description('规划实施年度评估报告（Word 或可打印 HTML）/ the annual assessment report as .docx or printable HTML')
  .requiredOption('--year <year>', '评估年份 / year', (v) => parseYear(v))
  .option('--out <file>', '输出文件，默认“{规划简称}{年份}年度实施评估报告.docx” / output file')
  .option('--format <format>', 'docx 或 html（默认按 --out 的扩展名，否则 docx）/ docx or html')
  .option('--region <code>', '行政区代码，默认全市 440200 / region code (default: the city)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year: number; out?: string; format?: string; region?: string; db: string; planDir?: string }) => {
    const { report } = await import('./report.js');
    process.exitCode = await report(opts);
  });
// ── end report ──

const observations = program.command('observations').description('指标值：导入与模板 / observations: import and template');
observations
  .command('import')
  .description('从 Excel（.xlsx）或 CSV 导入指标值；有任何问题则不写入 / import observations; a file with any problem writes nothing')
  .argument('<file>', '.xlsx 或 .csv 文件 / file')
  .option('--reason <text>', '修改已有数值的原因（行内“修改原因”优先）/ reason for changing existing values')
  .option('--by <name>', '录入人 / recorded by', process.env.USER ?? 'cli')
  .option('--provisional', '标记为未审定 / mark as provisional (not approved)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { reason?: string; by: string; provisional?: boolean; db: string; planDir?: string }) => {
    const { importObservations } = await import('./observations.js');
    process.exitCode = await importObservations(file, opts);
  });
observations
  .command('template')
  .description('生成 Excel 填报模板 / write the Excel reporting template')
  .option('--out <file>', '输出文件 / output file', '指标值填报模板.xlsx')
  .action(async (opts: { out: string }) => {
    const { writeTemplate } = await import('./observations.js');
    process.exitCode = await writeTemplate(opts.out);
  });

const demo = program.command('demo').description('示例数据 / the example dataset');
for (const action of ['load', 'remove'] as const)
  demo
    .command(action)
    .description(action === 'load' ? '载入 2021–2024 年示例数据 / load the 2021–2024 example dataset' : '删除示例数据（不影响真实数据）/ remove the example dataset')
    .addOption(dbOption())
    .addOption(planDirOption())
    .action(async (opts: { db: string; planDir?: string }) => {
      const { demoCommand } = await import('./demo.js');
      process.exitCode = await demoCommand(action, opts);
    });

const user = program.command('user').description('用户管理 / user accounts');
user
  .command('add')
  .description('新建用户；不提供密码时生成随机初始密码并只显示一次 / create a user (a random initial password is printed once)')
  .requiredOption('--username <name>', '用户名 / user name')
  .requiredOption('--role <role>', '角色 admin|reviewer|reporter|viewer')
  .option('--department <id>', '责任单位 id 或名称（填报员必填）/ department id or name (reporters)')
  .option('--name <text>', '显示名称 / display name')
  .option('--password-stdin', '从标准输入读取密码 / read the password from stdin')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { username: string; role: string; department?: string; name?: string; passwordStdin?: boolean; db: string; planDir?: string }) => {
    const { userAdd } = await import('./users.js');
    process.exitCode = await userAdd(opts);
  });
user
  .command('list')
  .description('列出用户 / list users')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { db: string; planDir?: string }) => {
    const { userList } = await import('./users.js');
    process.exitCode = await userList(opts);
  });
user
  .command('passwd')
  .description('重置用户密码（生成新密码并结束其所有登录）/ reset a password')
  .requiredOption('--username <name>', '用户名 / user name')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { username: string; db: string; planDir?: string }) => {
    const { userPasswd } = await import('./users.js');
    process.exitCode = await userPasswd(opts);
  });

program
  .command('audit')
  .description('审计日志 / the audit log')
  .command('verify')
  .description('校验审计日志的哈希链，报告第一个被改动或缺失的条目 / verify the hash chain of the audit log')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { db: string; planDir?: string }) => {
    const { auditVerify } = await import('./audit.js');
    process.exitCode = await auditVerify(opts);
  });

function parseYear(v: string): number {
  if (!/^\d{4}$/.test(v)) {
    console.error(`年份无效：${v}（应为四位数字，如 2024）/ invalid year: ${v}`);
    process.exit(2);
  }
  return Number(v);
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`端口无效：${v}（应为 0–65535 的整数）/ invalid port: ${v} (expected an integer 0–65535)`);
    process.exit(2);
  }
  return n;
}

await program.parseAsync(process.argv);
