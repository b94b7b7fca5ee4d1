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
  .action(async (opts: { port: number; host: string; db: string; planDir?: string }) => {
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

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`端口无效：${v}（应为 0–65535 的整数）/ invalid port: ${v} (expected an integer 0–65535)`);
    process.exit(2);
  }
  return n;
}

await program.parseAsync(process.argv);
