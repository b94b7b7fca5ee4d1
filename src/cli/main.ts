// The `ecoplan` command line. Every command that touches the database takes --db and creates and
// migrates a missing database itself.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DEFAULT_DB_PATH, isDatabaseBusy, isDatabaseTimeout } from '../store/db.js';

// Piping into `head` closes stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('ecoplan')
  .description('生态文明建设规划实施管理平台 / ecoplan: an ecological-civilization construction plan run as data')
  .version(pkg.version)
  .showHelpAfterError()
  // Needed for `assess publish --year …` (a subcommand with the parent's option names): commander hands options
  // after a subcommand's name to that subcommand only when positional options are enabled from the root down.
  .enablePositionalOptions();

// --db wins over DATABASE_URL; neither given (or DATABASE_URL empty): the SQLite file ./data/ecoplan.db.
if (process.env.DATABASE_URL === '') delete process.env.DATABASE_URL;
const dbOption = () =>
  new Option('--db <path|url>', '数据库：SQLite 文件路径或 postgres://用户@主机:端口/库 / database: a SQLite file path or postgres://user@host:port/db').env('DATABASE_URL').default(DEFAULT_DB_PATH);
const planDirOption = () => new Option('--plan-dir <dir>', '载入的规划文件夹 / plan folder to load (default: the embedded plan, plans/default.yaml)');

program
  .command('serve')
  .description('启动平台（接口与控制台）/ start the platform: API and console')
  .addOption(new Option('--port <port>', '端口 / port').default(8080).argParser((v) => parsePort(v)))
  .addOption(new Option('--host <host>', '监听地址 / address to listen on').default('127.0.0.1'))
  .addOption(dbOption())
  .addOption(planDirOption())
  .option('--demo', '演示模式：载入示例数据（标注“示例数据”）、一年示例监测数据和一个进行中的年度调度 / demo mode: the example dataset, a year of monitoring data and an open reporting round')
  .option('--no-demo-extras', '演示模式不生成监测数据、不开启年度调度（自动化测试用，启动更快）/ demo mode without the monitoring year and the round (for automated tests; starts faster)')
  .action(async (opts: { port: number; host: string; db: string; planDir?: string; demo?: boolean; demoExtras?: boolean }) => {
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
  .description('显示规划：指标与重点工程；给出文件夹时不需要数据库 / show the loaded plan, or a plan folder without a database')
  .argument('[dir]', '规划文件夹（可选）/ a plan folder (optional)')
  .option('--json', '输出 JSON（indicators, projects, categoryTotals, total）/ print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (dir: string | undefined, opts: { json?: boolean; db: string; planDir?: string }) => {
    const { planShow } = await import('./plan.js');
    process.exitCode = await planShow({ ...opts, dir });
  });
plan
  .command('load')
  .description('把规划文件夹载入数据库，与已有规划并存 / load a plan folder into the database beside the others')
  .argument('<dir>', '规划文件夹 / plan folder')
  .option('--default', '设为默认规划 / make it the default plan')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (dir: string, opts: { db: string; planDir?: string; default?: boolean }) => {
    const { planLoad } = await import('./plan.js');
    process.exitCode = await planLoad(dir, opts);
  });
plan
  .command('list')
  .description('数据库中的规划 / the plans in the database')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { db: string; planDir?: string; json?: boolean }) => {
    const { planList } = await import('./plan.js');
    process.exitCode = await planList(opts);
  });
plan
  .command('revise')
  .description('提出规划修订（草稿，待他人审核）：修订后的规划文件夹或工作簿，自生效年份起施行 / propose a revision from a revised plan folder or workbook (a draft until someone else approves it)')
  .argument('<source>', '修订后的规划文件夹或规划工作簿 .xlsx / the revised plan folder or plan workbook')
  .requiredOption('--effective <year>', '生效年份：评估该年及以后各年用修订后的目标 / the first year the revision is in force')
  .requiredOption('--reason <text>', '修订事由，如中期评估 / why')
  .requiredOption('--document <text>', '批复文件及文号 / the approving document and its number')
  .option('--by <username>', '提出人（规划的管理员；记入审计日志）/ who proposes (an administrator of the plan; audited)')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (source: string, opts: { effective: string; reason: string; document: string; by?: string; json?: boolean; db: string; planDir?: string }) => {
    const { planRevise } = await import('./plan.js');
    process.exitCode = await planRevise(source, opts);
  });
plan
  .command('revisions')
  .description('规划的各版本；给出修订号时列出其改动 / the versions of the plan; with a number, what that revision changes')
  .argument('[no]', '修订号 / revision number')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (no: string | undefined, opts: { json?: boolean; db: string; planDir?: string }) => {
    const { planRevisions } = await import('./plan.js');
    process.exitCode = await planRevisions(no, opts);
  });
for (const [name, decision, zh, en] of [
  ['approve-revision', 'approve', '批准修订（提出人以外的管理员或牵头单位审核员）', 'approve a revision (an administrator or owner-department reviewer other than its proposer)'],
  ['reject-revision', 'reject', '退回修订（须 --note 写明理由）', 'reject a revision (with --note saying why)'],
] as const)
  plan
    .command(name)
    .description(`${zh} / ${en}`)
    .argument('<no>', '修订号 / revision number')
    .option('--by <username>', '审核人（记入审计日志）/ who decides (audited)')
    .option('--note <text>', '审核意见或退回理由 / review note or why rejected')
    .addOption(dbOption())
    .addOption(planDirOption())
    .action(async (no: string, opts: { by?: string; note?: string; db: string; planDir?: string }) => {
      const { planDecideRevision } = await import('./plan.js');
      process.exitCode = await planDecideRevision(decision, no, opts);
    });
plan
  .command('export-workbook')
  .description('把规划导出为 Excel 工作簿（表1 指标体系、附表 重点工程等）/ write the plan as an Excel workbook (table 1, the appendix, …)')
  .requiredOption('--out <file>', '输出的 .xlsx 文件 / the .xlsx file to write')
  .option('--plan <id>', '数据库中的规划编号（默认：默认规划）/ plan id in the database (default: the default plan)')
  .option('--from <dir>', '直接导出规划文件夹，不经数据库 / export a plan folder directly, without a database')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { out: string; plan?: string; from?: string; db: string; planDir?: string }) => {
    const { planExportWorkbook } = await import('./plan.js');
    process.exitCode = await planExportWorkbook(opts);
  });
plan
  .command('import-workbook')
  .description('由规划工作簿生成规划文件夹；有任何问题时不写入 / build a plan folder from a plan workbook; nothing written on any problem')
  .argument('<file>', '规划工作簿 .xlsx / the plan workbook')
  .requiredOption('--out <dir>', '要生成的规划文件夹（不存在或为空）/ the plan folder to write (absent or empty)')
  .option('--json', '以 JSON 输出结果与问题 / print the outcome and problems as JSON')
  .action(async (file: string, opts: { out: string; json?: boolean }) => {
    const { planImportWorkbook } = await import('./plan.js');
    process.exitCode = await planImportWorkbook(file, opts);
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
  .option('--year <year>', '评估年份，默认最近一个评估完整的年份 / year (default: the latest year with a complete evaluation)', (v) => parseYear(v))
  .option('--region <code>', '行政区代码，默认为规划范围（规划的行政区）/ region code (default: the plan\'s region)')
  .option('--horizon <year>', '指定目标年，须为规划的目标年之一（默认按年份）/ force a horizon: one of the plan\'s target years (default: by the year)')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year?: number; region?: string; horizon?: string; json?: boolean; db: string; planDir?: string }) => {
    const { evaluate } = await import('./evaluate.js');
    process.exitCode = await evaluate(opts);
  });

// ── assess: assessment and ranking of county governments and departments ──
const assessCmd = program
  .command('assess')
  // `assess publish --year …`: the subcommand's options are its own, not the parent's.
  .enablePositionalOptions()
  .description('考核与评价：各县（市、区）政府和部门的得分、排名、等级与逐项得分 / assessment: scores, ranks, grades and every item of each county and department')
  // Not requiredOption: commander checks a parent's mandatory options for its subcommands too (publish, veto).
  .option('--year <year>', '考核年份（必填）/ year (required)', (v) => parseYear(v))
  .option('--scheme <id>', '考核方案编号，默认为规划的默认方案 / scheme id (default: the plan\'s default scheme)')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year?: number; scheme?: string; json?: boolean; db: string; planDir?: string }) => {
    if (opts.year === undefined) return assessCmd.error("error: required option '--year <year>' not specified / 须指定考核年份 --year");
    const { assessCommand } = await import('./assess.js');
    process.exitCode = await assessCommand({ ...opts, year: opts.year });
  });
assessCmd
  .command('publish')
  .description('将该年考核结果发布为正式结果（冻结；之后的数据变化只作为差异显示）/ freeze the year\'s result as the official one')
  .requiredOption('--year <year>', '考核年份 / year', (v) => parseYear(v))
  .option('--scheme <id>', '考核方案编号 / scheme id')
  .option('--by <name>', '发布人 / published by', process.env.USER ?? 'cli')
  .option('--note <text>', '说明 / note')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year: number; scheme?: string; by: string; note?: string; db: string; planDir?: string }) => {
    const { assessPublish } = await import('./assess.js');
    process.exitCode = await assessPublish(opts);
  });
assessCmd
  .command('veto')
  .description('记录一票否决事项（须附依据）/ record a veto item with its evidence')
  .requiredOption('--year <year>', '考核年份 / year', (v) => parseYear(v))
  .option('--region <code>', '县（市、区）代码 / county code')
  .option('--department <id>', '部门编号 / department id')
  .requiredOption('--veto <id>', '否决事项编号（见 assessment.yaml vetoes）/ veto item id')
  .requiredOption('--evidence <text>', '依据：文件名称、文号或调查报告 / evidence: document title or number')
  .option('--note <text>', '说明 / note')
  .option('--scheme <id>', '考核方案编号 / scheme id')
  .option('--by <name>', '录入人 / recorded by', process.env.USER ?? 'cli')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year: number; region?: string; department?: string; veto: string; evidence: string; note?: string; scheme?: string; by: string; db: string; planDir?: string }) => {
    const { assessVeto } = await import('./assess.js');
    process.exitCode = await assessVeto(opts);
  });

// ── report: the annual assessment report ──
program
  .command('report')
  .description('规划实施年度评估报告（Word 或可打印 HTML）/ the annual assessment report as .docx or printable HTML')
  .requiredOption('--year <year>', '评估年份 / year', (v) => parseYear(v))
  .option('--out <file>', '输出文件，默认“{规划简称}{年份}年度实施评估报告.docx” / output file')
  .option('--format <format>', 'docx 或 html（默认按 --out 的扩展名，否则 docx）/ docx or html')
  .option('--region <code>', '行政区代码，默认为规划范围（规划的行政区）/ region code (default: the plan\'s region)')
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
  .addOption(planDirOption())
  .action(async (opts: { out: string; planDir?: string }) => {
    const { writeTemplate } = await import('./observations.js');
    process.exitCode = await writeTemplate(opts);
  });

// ── projects: the key project library ──
const projects = program.command('projects').description('重点工程项目库 / the key project library');
projects
  .command('summary')
  .description('项目库汇总（默认打印表2）/ roll-ups of the library (table 2 by default)')
  .option('--year <year>', '只看该年及以前的填报，按年末评估 / reports up to this year, assessed at its end', (v) => parseYear(v))
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year?: number; json?: boolean; db: string; planDir?: string }) => {
    const { projectsSummary } = await import('./projects.js');
    process.exitCode = await projectsSummary(opts);
  });
projects
  .command('export')
  .description('导出项目库（附表格式）及年度进展为 Excel / export the library and progress as .xlsx')
  .argument('<file>', '输出的 .xlsx 文件 / output file')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { db: string; planDir?: string }) => {
    const { projectsExport } = await import('./projects.js');
    process.exitCode = await projectsExport(file, opts);
  });
projects
  .command('import')
  .description('从 Excel 导入项目库或年度进展；有任何问题则不写入 / import the library or progress (all or nothing)')
  .argument('<file>', '.xlsx 文件 / file')
  .addOption(new Option('--kind <kind>', 'library（项目库）或 progress（年度进展）').choices(['library', 'progress']).default('progress'))
  .option('--by <name>', '录入人 / recorded by', process.env.USER ?? 'cli')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { kind: 'library' | 'progress'; by: string; db: string; planDir?: string }) => {
    const { projectsImport } = await import('./projects.js');
    process.exitCode = await projectsImport(file, opts);
  });
// ── end projects ──

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

// ── monitoring: stations, sections and the import of monitoring data ──
const monitoring = program.command('monitoring').description('监测数据：站点、断面与导入 / monitoring data: stations, sections, import');
monitoring
  .command('import')
  .description('导入逐时空气数据或地表水监测数据（.csv/.xlsx，长表或宽表）；有问题则不写入 / import monitoring data; a file with any bad row writes nothing')
  .argument('<file>', '.csv 或 .xlsx 文件 / file')
  .option('--kind <kind>', 'air 或 water（默认按表头判断）/ air or water (default: from the header)')
  .option('--skip-invalid', '跳过无效行并写入报告文件 / skip invalid rows and list them in a report file')
  .option('--report <file>', '跳过行的报告文件（默认在输入文件旁）/ report file of skipped rows (default: next to the input)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { kind?: string; skipInvalid?: boolean; report?: string; db: string; planDir?: string }) => {
    const { monitoringImport } = await import('./monitoring.js');
    process.exitCode = await monitoringImport(file, opts);
  });
monitoring
  .command('registry')
  .description('从表格登记或修改空气站点、地表水断面（.csv/.xlsx；有问题则不写入，修改须 --reason）/ register stations or sections from a table, all or nothing')
  .argument('<file>', '登记表：站点（站点编码、站点名称、行政区代码、经度、纬度、级别、来源、备注）或断面（断面编码、断面名称、河流或水体、水体类型、考核级别、目标类别、饮用水源地、行政区代码、经度、纬度、来源、备注），中文或英文列名 / the registry table, Chinese or English headers (docs/monitoring.md)')
  .requiredOption('--kind <kind>', 'air（空气站点）或 water（地表水断面）/ air or water')
  .option('--reason <text>', '修改已登记条目的原因 / why registered entries change')
  .option('--by <name>', '记录的操作人 / who registers (recorded in the audit log)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { kind: string; reason?: string; by?: string; db: string; planDir?: string }) => {
    const { monitoringRegistry } = await import('./monitoring.js');
    process.exitCode = await monitoringRegistry(file, opts);
  });
monitoring
  .command('repair')
  .description('列出库中不是有限数的监测数值（如 1e309 导入的 Infinity）；加 --apply 删除并记入审计日志 / list stored monitoring values that are not finite numbers; --apply removes them, audited')
  .option('--apply', '删除列出的数值 / remove the listed values')
  .option('--by <name>', '记录的操作人 / who repairs (recorded in the audit log)', process.env.USER ?? 'cli')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { apply?: boolean; by: string; db: string; planDir?: string }) => {
    const { monitoringRepair } = await import('./monitoring.js');
    process.exitCode = await monitoringRepair(opts);
  });
for (const what of ['stations', 'sections'] as const)
  monitoring
    .command(what)
    .description(what === 'stations' ? '空气监测站点名录 / list air stations' : '地表水监测断面名录 / list water sections')
    .option('--json', '输出 JSON / print JSON')
    .addOption(dbOption())
    .addOption(planDirOption())
    .action(async (opts: { json?: boolean; db: string; planDir?: string }) => {
      const { monitoringList } = await import('./monitoring.js');
      process.exitCode = await monitoringList(what, opts);
    });
demo
  .command('monitoring')
  .description('生成示例监测数据（确定性的合成数据）写入数据库或 CSV 文件 / generate deterministic synthetic monitoring data into the database or a CSV file')
  .requiredOption('--stations <n>', '站点数 / number of stations', (v) => Number(v))
  .requiredOption('--year <year>', '年份 / year', (v) => parseYear(v))
  .option('--out <file>', '写入 CSV 文件而非数据库 / write a CSV file instead of the database')
  .option('--format <format>', 'wide 或 long（默认 wide）/ wide or long', 'wide')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { stations: number; year: number; out?: string; format?: string; db: string; planDir?: string }) => {
    const { demoMonitoring } = await import('./monitoring.js');
    process.exitCode = await demoMonitoring(opts);
  });
// ── end monitoring ──

// ── carbon: GHG inventory, peak-pathway scenarios, carbon workbook ──
const carbon = program.command('carbon').description('碳排放核算：温室气体清单、达峰情景 / carbon accounts: GHG inventory and peak pathways');
carbon
  .command('inventory')
  .description('温室气体清单（按部门、气体、燃料、行政区），及指标 23、25 / the GHG inventory of a year, with indicators 23 and 25')
  .requiredOption('--year <year>', '年份 / year', (v) => parseYear(v))
  .option('--region <code>', '行政区代码，默认为规划范围（无全域数据时为所辖行政区合计）/ region code (default: the plan\'s region)')
  .option('--gwp <set>', '全球增温潜势 SAR|AR4|AR5|AR6（默认 AR5）/ GWP set')
  .option('--grid <level>', '电网排放因子 national|south（默认 national）/ grid factor level')
  .option('--json', '输出 JSON（inventory, indicators）/ print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year: number; region?: string; gwp?: string; grid?: string; json?: boolean; db: string; planDir?: string }) => {
    const { carbonInventory } = await import('./carbon.js');
    process.exitCode = await carbonInventory(opts);
  });
const carbonScenario = carbon.command('scenario').description('达峰情景 / peak-pathway scenarios');
carbonScenario
  .command('run')
  .description('运行已保存的情景：逐年 Kaya 因素、峰值年与峰值、目标差距、LMDI 分解 / run a saved scenario')
  .argument('<name>', '情景名称 / scenario name')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (name: string, opts: { json?: boolean; db: string; planDir?: string }) => {
    const { carbonScenarioRun } = await import('./carbon.js');
    process.exitCode = await carbonScenarioRun(name, opts);
  });
carbonScenario
  .command('list')
  .description('已保存的情景 / saved scenarios')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { json?: boolean; db: string; planDir?: string }) => {
    const { carbonScenarioList } = await import('./carbon.js');
    process.exitCode = await carbonScenarioList(opts);
  });
carbon
  .command('import')
  .description('从碳核算工作簿（.xlsx，工作表“活动数据”）导入；有任何问题则不写入 / import activity data; a file with any problem writes nothing')
  .argument('<file>', '.xlsx 文件 / file')
  .option('--by <name>', '录入人 / recorded by', process.env.USER ?? 'cli')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { by: string; db: string; planDir?: string }) => {
    const { carbonImport } = await import('./carbon.js');
    process.exitCode = await carbonImport(file, opts);
  });
carbon
  .command('export')
  .description('导出碳核算工作簿：活动数据、清单结果、汇总、排放因子 / export the carbon workbook')
  .argument('<file>', '.xlsx 文件 / file')
  .option('--year <year...>', '只导出这些年份 / only these years', (v: string, prev: number[] = []) => [...prev, parseYear(v)])
  .option('--gwp <set>', 'SAR|AR4|AR5|AR6')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { year?: number[]; gwp?: string; db: string; planDir?: string }) => {
    const { carbonExport } = await import('./carbon.js');
    process.exitCode = await carbonExport(file, opts);
  });
// ── end carbon ──

// ── gep: GEP accounting, compensation and the GEP workbook ──
const gep = program.command('gep').description('生态产品总值（GEP）核算 / gross ecosystem product accounting');
gep
  .command('account')
  .description('一个行政区一年的 GEP 核算 / the GEP account of a region and year')
  .requiredOption('--region <code>', '行政区代码（规划的行政区之一，见 plan show）/ region code (one of the plan\'s regions)')
  .requiredOption('--year <year>', '年份 / year', (v) => parseYear(v))
  .option('--method <method>', 'spec（规范核算，默认）或 equivalent（当量因子法筛查）/ spec or equivalent', 'spec')
  .option('--constant-year <year>', '按该基准年不变价计算 / value at constant prices of this base year', (v) => parseYear(v))
  .option('--include <items>', '另计入的项目，逗号分隔，如 oxygen_release / extra items')
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { region: string; year: number; method?: string; constantYear?: number; include?: string; json?: boolean; db: string; planDir?: string }) => {
    const { gepAccount } = await import('./gep.js');
    process.exitCode = await gepAccount(opts);
  });
gep
  .command('compare')
  .description('两年比较，分解为数量效应与价格效应 / change between two years: quantity and price effects')
  .requiredOption('--region <code>', '行政区代码 / region code')
  .requiredOption('--from <year>', '起始年 / from year', (v) => parseYear(v))
  .requiredOption('--to <year>', '终止年 / to year', (v) => parseYear(v))
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { region: string; from: number; to: number; json?: boolean; db: string; planDir?: string }) => {
    const { gepCompare } = await import('./gep.js');
    process.exitCode = await gepCompare(opts);
  });
gep
  .command('compensate')
  .description('按已保存方案分配生态补偿资金（逐县说明）/ allocate a compensation fund by a saved scheme')
  .requiredOption('--year <year>', '年份 / year', (v) => parseYear(v))
  .option('--scheme <name>', '方案名称（默认第一个）/ scheme name')
  .option('--fund <yuan>', '资金总额（元），覆盖方案中的金额 / fund in yuan')
  .option('--base-year <year>', 'gep_change 指标的基准年 / base year for gep_change', (v) => parseYear(v))
  .option('--json', '输出 JSON / print JSON')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { year: number; scheme?: string; fund?: string; baseYear?: number; json?: boolean; db: string; planDir?: string }) => {
    const { gepCompensate } = await import('./gep.js');
    process.exitCode = await gepCompensate(opts);
  });
gep
  .command('spec')
  .description('核算项目规格：输入、公式、定价、条款 / the item spec')
  .option('--json', '输出 JSON / print JSON')
  .action(async (opts: { json?: boolean }) => {
    const { gepSpec } = await import('./gep.js');
    process.exitCode = gepSpec(opts);
  });
gep
  .command('import')
  .description('导入 GEP 工作簿（有任何问题则不写入）/ import the GEP workbook, all or nothing')
  .argument('<file>', '.xlsx 文件 / file')
  .option('--reason <text>', '修改已有数值的原因 / reason for changes')
  .option('--by <name>', '录入人 / recorded by', process.env.USER ?? 'cli')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { reason?: string; by: string; db: string; planDir?: string }) => {
    const { gepImport } = await import('./gep.js');
    process.exitCode = await gepImport(file, opts);
  });
gep
  .command('export')
  .description('导出 GEP 工作簿（数据、价格、核算结果）/ export the GEP workbook')
  .argument('<file>', '输出 .xlsx 文件 / output file')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (file: string, opts: { db: string; planDir?: string }) => {
    const { gepExport } = await import('./gep.js');
    process.exitCode = await gepExport(file, opts);
  });
// ── end gep ──

const portal = program.command('portal').description('公开平台（信息公开门户）/ the public portal');
portal
  .command('export')
  .description('把整个公开平台导出为静态文件（相对链接，任何网站服务器可直接发布）/ export the whole portal as static files with relative links')
  .requiredOption('--out <dir>', '输出文件夹（写入 index.html 等）/ output folder (index.html and the rest)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { out: string; db: string; planDir?: string }) => {
    const { portalExport } = await import('./portal.js');
    process.exitCode = await portalExport(opts);
  });

const apiCommand = program.command('api').description('HTTP 接口 / the HTTP API');
apiCommand
  .command('openapi')
  .description('输出 OpenAPI 接口文档（与控制台所用同一份，可据此生成任何语言的客户端）/ write the OpenAPI document, from which clients are generated')
  .option('--out <file>', '输出文件（默认打印到标准输出）/ output file (default: standard output)')
  .action(async (opts: { out?: string }) => {
    const { apiOpenapi } = await import('./api.js');
    process.exitCode = await apiOpenapi({ ...opts, version: pkg.version });
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
  .option('--plan <id>', '规划编号（默认：默认规划）/ plan id (default: the default plan)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { username: string; role: string; department?: string; name?: string; passwordStdin?: boolean; plan?: string; db: string; planDir?: string }) => {
    const { userAdd } = await import('./users.js');
    process.exitCode = await userAdd(opts);
  });
user
  .command('list')
  .description('列出用户及其在各规划中的角色 / list users and their roles in each plan')
  .option('--plan <id>', '只列出在该规划中有角色的用户 / only the users holding a role in this plan')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { plan?: string; db: string; planDir?: string }) => {
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

user
  .command('set')
  .description('更改用户的角色、责任单位或显示名称（记入审计日志）/ change a user’s role, department or name (audited)')
  .requiredOption('--username <name>', '用户名 / user name')
  .option('--role <role>', '角色 admin|reviewer|reporter|viewer')
  .option('--department <id>', '责任单位 id 或名称；none 表示无 / department id or name; none for no department')
  .option('--name <text>', '显示名称 / display name')
  .option('--reason <text>', '原因（记入审计日志）/ reason (kept in the audit log)')
  .option('--plan <id>', '角色与责任单位所在的规划（默认：默认规划）/ the plan whose role and department change (default: the default plan)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { username: string; role?: string; department?: string; name?: string; reason?: string; plan?: string; db: string; planDir?: string }) => {
    const { userSet } = await import('./users.js');
    process.exitCode = await userSet(opts);
  });
user
  .command('grant')
  .description('在一个规划中授予或更改用户的角色（记入审计日志）/ grant or change a user’s role in a plan (audited)')
  .requiredOption('--username <name>', '用户名 / user name')
  .requiredOption('--role <role>', '角色 admin|reviewer|reporter|viewer')
  .option('--department <id>', '责任单位 id 或名称（填报员必填）/ department id or name (reporters)')
  .option('--reason <text>', '原因（记入审计日志）/ reason (kept in the audit log)')
  .option('--plan <id>', '规划编号（默认：默认规划）/ plan id (default: the default plan)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { username: string; role: string; department?: string; reason?: string; plan?: string; db: string; planDir?: string }) => {
    const { userRole } = await import('./users.js');
    process.exitCode = await userRole('grant', opts);
  });
user
  .command('revoke')
  .description('撤销用户在一个规划中的角色，立即生效（记入审计日志）/ revoke a user’s role in a plan, at once (audited)')
  .requiredOption('--username <name>', '用户名 / user name')
  .option('--reason <text>', '原因（记入审计日志）/ reason (kept in the audit log)')
  .option('--plan <id>', '规划编号（默认：默认规划）/ plan id (default: the default plan)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { username: string; reason?: string; plan?: string; db: string; planDir?: string }) => {
    const { userRole } = await import('./users.js');
    process.exitCode = await userRole('revoke', opts);
  });
for (const [what, disabled] of [['disable', true], ['enable', false]] as const)
  user
    .command(what)
    .description(disabled ? '停用用户：不能再登录，现有登录立即结束（记入审计日志）/ disable a user: no sign-in, sessions end (audited)' : '启用已停用的用户（记入审计日志）/ enable a disabled user (audited)')
    .requiredOption('--username <name>', '用户名 / user name')
    .option('--reason <text>', '原因（记入审计日志）/ reason (kept in the audit log)')
    .addOption(dbOption())
    .addOption(planDirOption())
    .action(async (opts: { username: string; reason?: string; db: string; planDir?: string }) => {
      const { userSet } = await import('./users.js');
      process.exitCode = await userSet({ ...opts, disabled });
    });


const auditCommand = program.command('audit').description('审计日志 / the audit log');
auditCommand
  .command('verify')
  .description('校验审计日志的哈希链与签名检查点，报告第一个被改动、删除或改写的条目 / verify the hash chain and its signed checkpoints')
  .option('--checkpoints <file>', '另行保存的检查点文件（audit checkpoints --out 导出）/ an exported checkpoint file to check against')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { db: string; planDir?: string; checkpoints?: string }) => {
    const { auditVerify } = await import('./audit.js');
    process.exitCode = await auditVerify(opts);
  });
auditCommand
  .command('checkpoint')
  .description('立即以审计密钥签名当前链尾（首次使用时生成密钥文件）/ sign the chain head now (creates the key file on first use)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { db: string; planDir?: string }) => {
    const { auditCheckpoint } = await import('./audit.js');
    process.exitCode = await auditCheckpoint(opts);
  });
auditCommand
  .command('checkpoints')
  .description('导出全部签名检查点，供审计人员另行保存 / export the signed checkpoints for an auditor to keep elsewhere')
  .requiredOption('--out <file>', '输出文件 / output file (JSON)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { db: string; planDir?: string; out: string }) => {
    const { auditCheckpoints } = await import('./audit.js');
    process.exitCode = await auditCheckpoints(opts);
  });
auditCommand
  .command('rotate-key')
  .description('轮换审计签名密钥（旧密钥保留以校验旧检查点）/ rotate the signing key (old keys kept for old checkpoints)')
  .addOption(dbOption())
  .addOption(planDirOption())
  .action(async (opts: { db: string; planDir?: string }) => {
    const { auditRotateKey } = await import('./audit.js');
    process.exitCode = await auditRotateKey(opts);
  });

// ── backup and restore ──
program
  .command('backup')
  .description('备份：服务运行时的一致快照，写成可移植、带校验和的文件（可恢复到任一数据库后端）/ a consistent snapshot of a running deployment in a portable, checksummed file')
  .requiredOption('--out <file>', '备份文件，如 ecoplan-2025-01-31.ndjson.gz / backup file')
  .addOption(new Option('--format <format>', 'portable（默认：gzip 压缩的 JSON 行，逐表校验和）或 sqlite（数据库文件的在线副本）/ portable (default) or sqlite (an online copy of the database file)').choices(['portable', 'sqlite']).default('portable'))
  .addOption(dbOption())
  .action(async (opts: { out: string; format: 'portable' | 'sqlite'; db: string }) => {
    const { backupCommand } = await import('./backup.js');
    process.exitCode = await backupCommand({ ...opts, version: pkg.version });
  });
program
  .command('restore')
  .description('恢复备份到空的（或新建的）数据库：逐表核对行数与校验和、校验审计日志，有任何问题则不写入 / restore a backup into an empty or new database, verified table by table, all or nothing')
  .argument('<file>', '备份文件（ecoplan backup 所写）/ backup file')
  .option('--force', '目标数据库已有数据时，在同一事务中以备份替换其全部内容（失败则保持原样）/ replace all content of a non-empty target in one transaction (left as it was on failure)')
  .option('--check', '只核对备份文件（完整、校验和、结构版本），不写入 / only check the backup file, write nothing')
  .addOption(dbOption())
  .action(async (file: string, opts: { db: string; force?: boolean; check?: boolean }) => {
    const { restoreCommand } = await import('./backup.js');
    process.exitCode = await restoreCommand(file, opts);
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

// Every plan-scoped command works on the plan --plan names, one loaded beside the default (ecoplan plan load); without
// it, on the deployment's default plan. Added here once rather than to each command (those with their own --plan keep it).
const PLAN_SCOPED = ['evaluate', 'assess', 'report', 'observations', 'projects', 'carbon', 'gep', 'portal'];
const withPlanOption = (c: Command): void => {
  if (c.options.some((o) => o.long === '--plan-dir') && !c.options.some((o) => o.long === '--plan'))
    c.addOption(new Option('--plan <id>', '数据库中的规划编号（默认：默认规划；ecoplan plan list 列出）/ plan id in the database (default: the default plan; see ecoplan plan list)'));
  c.commands.forEach(withPlanOption);
};
program.commands.filter((c) => PLAN_SCOPED.includes(c.name())).forEach(withPlanOption);
plan.commands.filter((c) => ['revise', 'revisions', 'approve-revision', 'reject-revision'].includes(c.name())).forEach(withPlanOption);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // Another process holds the database's write lock for longer than this command waited (ECOPLAN_BUSY_TIMEOUT_MS,
  // 30 s): say so instead of a stack trace. Nothing of this command's transaction was written.
  if (isDatabaseBusy(e)) {
    console.error('✘ 数据库正被另一个进程写入（可能是另一个导入或服务），等待超时；本次未写入任何数据，请待其完成后重试。');
    console.error('  the database is being written by another process (another import, or the server) and the wait timed out; nothing was written, retry when it has finished.');
  } else if (isDatabaseTimeout(e)) {
    console.error('✘ PostgreSQL 服务器的超时设置（statement_timeout 或 idle_in_transaction_session_timeout）中止了本次操作；事务已回滚，未写入任何数据。请管理员为 ecoplan 的数据库用户调高或取消该设置（ALTER ROLE … SET statement_timeout = …）后重试。');
    console.error("  the PostgreSQL server's timeout (statement_timeout or idle_in_transaction_session_timeout) ended this command; its transaction was rolled back and nothing was written. Ask the administrator to raise or lift it for ecoplan's database user (ALTER ROLE … SET statement_timeout = …), then retry.");
  } else {
    // A file refused before reading (too large, a zip bomb, not an .xlsx): the reason, not a stack trace.
    const { UploadRefused } = await import('../importers/upload.js');
    if (!(e instanceof UploadRefused)) throw e;
    console.error(`✘ ${e.message}\n  ${e.messageEn}\n  未写入任何数据 / nothing was written`);
  }
  process.exitCode = 1;
}
