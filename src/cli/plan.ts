// `ecoplan plan validate`, `plan show`, and the plan workbook: `plan export-workbook`, `plan import-workbook`.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { horizonsOf, targetOf } from '../plan/horizons.js';
import type { Plan } from '../plan/model.js';
import { formatProblem } from '../plan/problems.js';
import { planDocument } from '../plan/views.js';
import { readPlanFolder, type FolderResult } from '../planfolder/read.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { openStore } from './store.js';

export function planValidate(dir: string, opts: { json?: boolean }): number {
  const { result, dir: abs } = readPlanFolder(dir);
  if (opts.json) {
    console.log(JSON.stringify(result.ok ? { ok: true, problems: [] } : { ok: false, problems: result.problems }, null, 2));
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    const p = result.plan;
    console.log(
      `✔ ${abs}: ${p.meta.name} — ${p.indicators.length} 项指标（约束性 ${p.indicators.filter((x) => x.binding).length}，参考性 ${p.indicators.filter((x) => !x.binding).length}），${p.projects.length} 个重点工程项目 / valid`,
    );
    return 0;
  }
  console.error(`✘ ${abs}: 发现 ${result.problems.length} 个问题 / ${result.problems.length} problem(s) found`);
  for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
  return 1;
}

export async function planShow(opts: { json?: boolean; db: string; planDir?: string; dir?: string }): Promise<number> {
  // A folder named on the command line is shown as it is, without opening (or creating) a database.
  if (opts.dir) {
    const { result, dir } = readPlanFolder(opts.dir);
    if (!result.ok) {
      console.error(`✘ ${dir}: 发现 ${result.problems.length} 个问题 / ${result.problems.length} problem(s) found`);
      for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
      return 1;
    }
    printPlan(result.plan, opts.json);
    return 0;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    printPlan(store.plan, opts.json);
    return 0;
  } finally {
    await store.close();
  }
}

function printPlan(p: Plan, json?: boolean): void {
  const doc = planDocument(p);
  if (json) {
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    return;
  }
  console.log(`${p.meta.name}`);
  console.log(`规划范围 ${p.meta.area.text} ${p.meta.area.unit}，基准年 ${p.meta.baseYear}，目标年 ${p.meta.horizons.map((h) => h.year).join(' / ')}`);
  for (const d of p.domains) {
    console.log(`\n${d.name} ${d.nameEn}`);
    for (const t of d.taskAreas) {
      console.log(`  ${t.numeral} ${t.name}`);
      for (const x of p.indicators.filter((i) => i.taskAreaId === t.id))
        console.log(
          `    ${String(x.code).padStart(2)} ${x.group ? `${x.group}·` : ''}${x.name}${x.local ? '#' : ''} [${x.unit}] ${x.binding ? '约束性' : '参考性'}  现状 ${x.baseline.text}  ${horizonsOf(p).map((h) => `${h}: ${targetOf(x, h).text}`).join('  ')}`,
        );
    }
  }
  console.log('\n重点工程项目投资分布（表2）/ investment by category');
  for (const c of doc.categoryTotals) console.log(`  ${c.category}  ${c.count} 项  ${c.investmentText} 亿元  ${c.shareText}%`);
  console.log(`  合计  ${doc.total.count} 项  ${doc.total.investmentText} 亿元`);
}

/** `ecoplan plan export-workbook`: the plan in the database (or `--from` a folder) as the workbook staff keep. */
export async function planExportWorkbook(opts: { out: string; db: string; planDir?: string; plan?: string; from?: string }): Promise<number> {
  const { planWorkbook } = await import('../planfolder/workbookExport.js');
  let files;
  if (opts.from) {
    const { loadRawFolder } = await import('../planfolder/read.js');
    const folder = loadRawFolder(opts.from);
    if (!folder.ok) {
      console.error(`✘ 规划文件夹无效 / invalid plan folder ${resolve(opts.from)}:`);
      for (const p of folder.problems) console.error(`  ${formatProblem(p)}`);
      return 1;
    }
    files = folder.files;
  } else {
    const store = await openStore(opts);
    if (!store) return 1;
    try {
      // openStore took the plan from --plan (refusing an unknown one, naming those there are) or the default.
      const { loadRawPlan } = await import('../store/plans.js');
      files = await loadRawPlan(store.db, store.plan.meta.id);
    } finally {
      await store.close();
    }
  }
  const out = resolve(opts.out);
  await writeFile(out, await planWorkbook(files));
  const p = files['plan.yaml'];
  console.log(`✔ 已导出规划工作簿 / plan workbook written → ${out}`);
  console.log(`  ${p.name}：${files['indicators.yaml'].length} 项指标，${files['projects.yaml'].projects.length} 个重点工程项目 / indicators, key projects`);
  return 0;
}

/** `ecoplan plan import-workbook`: a plan folder built from a workbook; nothing is written when anything is wrong. */
export async function planImportWorkbook(file: string, opts: { out: string; json?: boolean }): Promise<number> {
  const path = resolve(file);
  if (!existsSync(path)) {
    console.error(`✘ 找不到文件“${path}” / file not found`);
    return 1;
  }
  const { readPlanWorkbook, formatWorkbookProblem } = await import('../planfolder/workbookImport.js');
  const { planFolderTexts, writePlanFolder, FolderExists } = await import('../planfolder/write.js');
  const { UploadRefused } = await import('../importers/upload.js');
  const name = basename(path);
  let result;
  try {
    result = await readPlanWorkbook(readFileSync(path), name);
  } catch (e) {
    if (e instanceof UploadRefused) {
      console.error(`✘ ${e.message} / ${e.messageEn}`);
      return 1;
    }
    throw e;
  }
  if (!result.ok) {
    if (opts.json) console.log(JSON.stringify({ ok: false, file: name, problems: result.problems }, null, 2));
    else {
      console.error(`✘ ${name}：发现 ${result.problems.length} 个问题，未写入任何文件 / ${result.problems.length} problem(s) found, nothing written`);
      for (const p of result.problems) console.error(`  ${formatWorkbookProblem(p)}`);
    }
    return 1;
  }
  let dir: string;
  try {
    dir = writePlanFolder(opts.out, planFolderTexts(result.files, `由 ecoplan plan import-workbook 自 ${name} 生成 / generated from ${name} by ecoplan plan import-workbook`));
  } catch (e) {
    if (e instanceof FolderExists) {
      console.error(`✘ 目标文件夹已存在且不为空，未写入 / ${e.dir} exists and is not empty; nothing written`);
      return 1;
    }
    throw e;
  }
  const p = result.plan;
  if (opts.json) console.log(JSON.stringify({ ok: true, file: name, dir, plan: p.meta.id, indicators: p.indicators.length, projects: p.projects.length }, null, 2));
  else
    console.log(
      `✔ 已生成规划文件夹 / plan folder written → ${dir}\n  ${p.meta.name}：${p.indicators.length} 项指标（约束性 ${p.indicators.filter((x) => x.binding).length}，参考性 ${p.indicators.filter((x) => !x.binding).length}），${p.projects.length} 个重点工程项目`,
    );
  return 0;
}

/** `ecoplan plan load DIR`: loads a plan folder beside the plans already in the database. */
export async function planLoad(dirArg: string, opts: { db: string; planDir?: string; default?: boolean }): Promise<number> {
  const folder = readPlanFolder(dirArg);
  if (!folder.result.ok) {
    console.error(`✘ 规划文件夹无效，未载入 / invalid plan folder, nothing loaded: ${folder.dir}`);
    for (const p of folder.result.problems) console.error(`  ${formatProblem(p)}`);
    return 1;
  }
  const plan = folder.result.plan;
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { seedPlan } = await import('../store/plans.js');
    const existing = await store.db.selectFrom('plans').select(['content_hash']).where('id', '=', plan.meta.id).executeTakeFirst();
    if (existing && existing.content_hash === folder.contentHash) {
      console.log(`✔ 规划“${plan.meta.id}”已载入，内容未变 / plan "${plan.meta.id}" is already loaded, unchanged`);
      return 0;
    }
    // A loaded plan changes only through a revision (a new version with its effective year, reason and approving
    // document); a folder with the same id and other content is refused rather than silently replacing the plan.
    if (existing) {
      // Loaded before indicators named their measures: those are filled in from the folder (once, audited); when that
      // was the only difference, the stored plan is now the folder's.
      const { fillMissingMeasures } = await import('../store/plans.js');
      const filled = await fillMissingMeasures(store.db, plan);
      if (filled.length) {
        console.log(`✔ 已为规划“${plan.meta.id}”补充 ${filled.length} 项指标的计算来源（指标 ${filled.join('、')}），记入审计日志 / measures of ${filled.length} indicators (${filled.join(', ')}) filled in; audited`);
        if (await storedIsFolder(store.db, plan, folder)) {
          await store.db.updateTable('plans').set({ content_hash: folder.contentHash }).where('id', '=', plan.meta.id).execute();
          console.log(`✔ 规划“${plan.meta.id}”现与规划文件夹一致 / plan "${plan.meta.id}" now matches the folder`);
          return 0;
        }
      }
      console.error(
        `✘ 数据库中已有规划“${plan.meta.id}”，且内容不同；已载入的规划只能以修订方式变更，未载入 / a different plan "${plan.meta.id}" is already loaded; a loaded plan changes only by a revision; nothing loaded`,
      );
      return 1;
    }
    await seedPlan(store.db, plan, folder.contentHash, { isDefault: Boolean(opts.default), schemes: folder.schemes, boundaries: folder.boundaries });
    console.log(`✔ 已载入规划 / plan loaded: ${plan.meta.id} ${plan.meta.name}（${plan.indicators.length} 项指标，${plan.projects.length} 个重点工程项目）${opts.default ? '，设为默认 / now the default' : ''}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Equal as JSON, whatever the order of keys (the stored plan is assembled from tables in another order). */
const sameJson = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

/** Whether the stored plan (never revised) is the folder's in everything the folder holds: content, schemes, map. */
async function storedIsFolder(db: Kysely<Database>, plan: Plan, folder: FolderResult): Promise<boolean> {
  const { loadPlan, loadBoundaries } = await import('../store/plans.js');
  const { loadSchemes } = await import('../store/assessment.js');
  const [stored, schemes, boundaries] = await Promise.all([loadPlan(db, plan.meta.id), loadSchemes(db, plan.meta.id), loadBoundaries(db, plan.meta.id)]);
  const b = folder.boundaries;
  return (
    !stored.earlier?.length &&
    sameJson(stored, plan) &&
    sameJson(schemes, folder.schemes) &&
    (b ? boundaries !== null && boundaries.geojson === JSON.stringify(b.geojson) && boundaries.file === b.file && boundaries.source === b.source && boundaries.licence === b.licence : boundaries === null)
  );
}

/** `ecoplan plan list`: the plans in the database. */
export async function planList(opts: { db: string; planDir?: string; json?: boolean }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { listPlans } = await import('../store/plans.js');
    const rows = await listPlans(store.db);
    const plans = rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en, default: r.is_default === 1, revision: r.revision }));
    if (opts.json) process.stdout.write(JSON.stringify({ plans }, null, 2) + '\n');
    else for (const p of plans) console.log(`${p.default ? '*' : ' '} ${p.id}  ${p.name}  (rev ${p.revision})`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The account `--by` names, acting in the plan: revisions are proposed and decided by people with roles in it. */
async function revisionActor(db: import('kysely').Kysely<import('../store/schema.js').Database>, username: string | undefined, planId: string, action: 'propose' | 'decide', owner: string) {
  const { findUserRow, rolesOf } = await import('../store/users.js');
  const { revisionRoleProblem } = await import('../store/planRevisions.js');
  if (!username) return { error: '请用 --by 指明操作人（用户名；修订与审核记入审计日志）/ name who acts with --by (a username; revisions are audited)' };
  const row = await findUserRow(db, username);
  const grant = row ? (await rolesOf(db, [row.id])).get(row.id)?.find((g) => g.plan_id === planId) : undefined;
  if (!row || !grant || row.disabled === 1) return { error: `用户“${username}”在规划“${planId}”中没有启用的角色 / "${username}" holds no enabled role in plan "${planId}"` };
  const denied = revisionRoleProblem({ role: grant.role, departmentId: grant.department_id }, action, owner);
  if (denied) return { error: `${denied.zh} / ${denied.en}` };
  return { actor: { userId: row.id, username, ip: null } };
}

type Revisions = typeof import('../store/planRevisions.js');
type RevisionActor = import('../store/planRevisions.js').RevisionActor;

/**
 * Runs a revision command as the account `--by` names, in the plan of --plan: opens the store, checks the account's
 * role for `action`, and prints a refusal with every reason (exit 1). Anything else is a bug and is thrown.
 */
async function asRevisionActor(
  opts: { db: string; planDir?: string; plan?: string; by?: string },
  action: 'propose' | 'decide',
  run: (ctx: { store: import('./store.js').OpenedStore; actor: RevisionActor; revisions: Revisions }) => Promise<number>,
): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const revisions = await import('../store/planRevisions.js');
    const who = await revisionActor(store.db, opts.by, store.plan.meta.id, action, store.plan.meta.owner);
    if ('error' in who) {
      console.error(`✘ ${who.error}`);
      return 1;
    }
    try {
      return await run({ store, actor: who.actor, revisions });
    } catch (e) {
      if (!(e instanceof revisions.RevisionRefused)) throw e;
      console.error(`✘ ${e.zh}\n  ${e.en}`);
      if (e.problems.length > 1) for (const p of e.problems) console.error(`  - ${p.zh} / ${p.en}`);
      for (const p of e.planProblems) console.error(`  ${formatProblem(p)}`);
      return 1;
    }
  } finally {
    await store.close();
  }
}

/** Reads the revised plan from a plan folder or a plan workbook (.xlsx), reporting every problem. */
async function revisedFiles(source: string) {
  const path = resolve(source);
  if (!existsSync(path)) return { error: `找不到“${path}” / not found` };
  if (/\.xlsx$/i.test(path)) {
    const { readPlanWorkbook, formatWorkbookProblem } = await import('../planfolder/workbookImport.js');
    const { UploadRefused } = await import('../importers/upload.js');
    try {
      const result = await readPlanWorkbook(readFileSync(path), basename(path));
      if (!result.ok) return { error: `${basename(path)}：发现 ${result.problems.length} 个问题，未提出修订 / problem(s) found, nothing proposed\n${result.problems.map((p) => `  ${formatWorkbookProblem(p)}`).join('\n')}` };
      return { files: result.files };
    } catch (e) {
      if (e instanceof UploadRefused) return { error: `${e.message} / ${e.messageEn}` };
      throw e;
    }
  }
  const { loadRawFolder } = await import('../planfolder/read.js');
  const folder = loadRawFolder(path);
  if (!folder.ok) return { error: `规划文件夹无效，未提出修订 / invalid plan folder, nothing proposed: ${path}\n${folder.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}` };
  return { files: folder.files };
}

/** `ecoplan plan revise SRC`: proposes a revision (a draft) from a revised plan folder or workbook. */
export async function planRevise(source: string, opts: { db: string; planDir?: string; plan?: string; effective: string; reason: string; document: string; by?: string; json?: boolean }): Promise<number> {
  const effectiveYear = Number(opts.effective);
  if (!Number.isInteger(effectiveYear)) {
    console.error(`✘ --effective 应为年份（如 2026），收到“${opts.effective}” / --effective must be a year`);
    return 1;
  }
  const read = await revisedFiles(source);
  if ('error' in read) {
    console.error(`✘ ${read.error}`);
    return 1;
  }
  return asRevisionActor(opts, 'propose', async ({ store, actor, revisions }) => {
    const { no, diff } = await revisions.proposeRevision(store.db, store.plan.meta.id, read.files, { effectiveYear, reason: opts.reason, document: opts.document }, actor);
    if (opts.json) process.stdout.write(JSON.stringify({ plan: store.plan.meta.id, revision: no, status: 'draft', diff }, null, 2) + '\n');
    else {
      console.log(`✔ 已提出修订 ${no}（草稿，自 ${effectiveYear} 年起施行，待他人审核）/ revision ${no} proposed (a draft, in force from ${effectiveYear} once approved by someone else)`);
      printDiff(diff);
    }
    return 0;
  });
}

function printDiff(diff: import('../plan/revisions.js').PlanDiff) {
  const kind = { added: '新增 added', retired: '退出 retired', changed: '调整 changed' };
  for (const c of diff.indicators) {
    const parts = [
      ...c.targets.map((t) => `${t.horizon} 目标 ${t.from ?? '—'} → ${t.to ?? '—'}`),
      ...c.definition.map((d) => `口径 ${d.field}: ${d.from ?? '—'} → ${d.to ?? '—'}（前后数值不可比 / not comparable）`),
      ...(c.departments ? [`责任单位 ${c.departments.from.join('、')} → ${c.departments.to.join('、')}`] : []),
      ...c.other,
    ];
    console.log(`  指标 ${c.code} ${c.name} [${kind[c.kind]}] ${parts.join('；')}`);
  }
  for (const d of diff.departments.added) console.log(`  责任单位新增 / department added: ${d}`);
  for (const d of diff.departments.removed) console.log(`  责任单位撤销 / department removed: ${d}`);
  for (const p of diff.projects.added) console.log(`  工程新增 / project added: ${p.no} ${p.name}`);
  for (const p of diff.projects.removed) console.log(`  工程移出 / project removed: ${p.no} ${p.name}`);
  for (const p of diff.projects.changed) console.log(`  工程调整 / project changed: ${p.no} ${p.name}（${p.fields.join(', ')}）`);
}

/** `ecoplan plan revisions`: the versions of the plan, and with a number, what that revision changes. */
export async function planRevisions(no: string | undefined, opts: { db: string; planDir?: string; plan?: string; json?: boolean }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { listRevisions, revisionDetail } = await import('../store/planRevisions.js');
    const planId = store.plan.meta.id;
    if (no !== undefined) {
      const detail = await revisionDetail(store.db, planId, Number(no));
      if (!detail) {
        console.error(`✘ 规划“${planId}”没有修订 ${no} / no revision ${no}`);
        return 1;
      }
      if (opts.json) process.stdout.write(JSON.stringify(detail, null, 2) + '\n');
      else {
        const r = detail.revision;
        console.log(`修订 ${r.no}（${r.status}）自 ${r.effectiveYear} 年起施行；依据 ${r.document ?? '—'}；事由 ${r.reason ?? '—'}`);
        if (detail.diff) printDiff(detail.diff);
      }
      return 0;
    }
    const revisions = await listRevisions(store.db, planId);
    if (opts.json) process.stdout.write(JSON.stringify({ plan: planId, revisions }, null, 2) + '\n');
    else if (!revisions.length) console.log(`规划“${planId}”没有修订，现行为初次载入的版本 / plan "${planId}" has no revisions`);
    else
      for (const r of revisions)
        console.log(`${String(r.no).padStart(3)}  ${r.status.padEnd(8)}  自 ${r.effectiveYear} 年  ${r.document ?? '（初次载入 / as first loaded）'}  ${r.proposedBy ?? ''}${r.decidedBy ? ` → ${r.decidedBy}` : ''}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `ecoplan plan approve-revision N` / `reject-revision N`: a second person's decision on a draft. */
export async function planDecideRevision(decision: 'approve' | 'reject', no: string, opts: { db: string; planDir?: string; plan?: string; by?: string; note?: string }): Promise<number> {
  return asRevisionActor(opts, 'decide', async ({ store, actor, revisions }) => {
    const r = await revisions.decideRevision(store.db, store.plan.meta.id, Number(no), decision, actor, opts.note ?? null);
    console.log(
      decision === 'approve'
        ? `✔ 修订 ${r.no} 已批准，自 ${r.effectiveYear} 年起施行 / revision ${r.no} approved, in force from ${r.effectiveYear}`
        : `✔ 修订 ${r.no} 已退回 / revision ${r.no} rejected`,
    );
    return 0;
  });
}
