// `ecoplan assess`: the year's assessment of county governments and departments (scores, ranks, grades and
// every item's points), as a table or JSON; `assess publish` freezes it as the official result; `assess veto`
// records a veto with its evidence.
import { assess as runAssessment, type AssessmentResult } from '../assessment/assess.js';
import { compareResults } from '../assessment/compare.js';
import { pickScheme, type Scheme } from '../assessment/scheme.js';
import { AssessmentError, addVeto, assessmentInput, loadSchemes, publishedResult, publishResult, validateVeto } from '../store/assessment.js';
import { openStore, type OpenedStore } from './store.js';

interface Common {
  year: number;
  scheme?: string;
  db: string;
  planDir?: string;
}

async function withScheme<T>(opts: Common, run: (store: OpenedStore, scheme: Scheme) => Promise<T>): Promise<T | 1> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { plan } = store;
    if (opts.year <= plan.meta.baseYear || opts.year > plan.meta.period.end) {
      console.error(`✘ 年份 ${opts.year} 不在规划期 ${plan.meta.baseYear + 1}–${plan.meta.period.end} 内 / year ${opts.year} is outside the plan period`);
      return 1;
    }
    const schemes = await loadSchemes(store.db, plan.meta.id);
    const scheme = pickScheme(schemes, opts.scheme);
    if (!scheme) {
      console.error(
        schemes.length
          ? `✘ 没有考核方案“${opts.scheme}”，可用：${schemes.map((s) => s.id).join('、')} / no scheme "${opts.scheme}" (available: ${schemes.map((s) => s.id).join(', ')})`
          : `✘ 规划文件夹没有考核方案（assessment.yaml）/ the plan folder has no assessment scheme (assessment.yaml)`,
      );
      return 1;
    }
    return await run(store, scheme);
  } catch (e) {
    if (e instanceof AssessmentError) {
      console.error(`✘ ${e.zh}\n  ${e.en}`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

function printTable(r: AssessmentResult) {
  console.log(`${r.year} 年度考核 / assessment — ${r.scheme.name}（${r.scheme.id} 第 ${r.scheme.version} 版）`);
  for (const kind of ['region', 'department'] as const) {
    console.log(kind === 'region' ? '\n县（市、区）人民政府 / county governments' : '\n市直部门 / departments');
    for (const s of r.subjects.filter((x) => x.kind === kind)) {
      const change = s.change === null ? '' : `  较上年 ${s.change >= 0 ? '+' : ''}${s.change.toFixed(2)}`;
      const index = s.index?.value != null ? `  综合指数 ${s.index.value.toFixed(2)}（第 ${s.index.rank} 名）` : '';
      console.log(`  ${String(s.rank).padStart(2)}. ${s.name}  ${s.score.toFixed(2)} 分  ${s.grade}${s.vetoed ? '（一票否决）' : ''}${s.missingCount ? `  缺数据 ${s.missingCount} 项` : ''}${change}${index}`);
    }
  }
}

export async function assessCommand(opts: Common & { json?: boolean }): Promise<number> {
  return withScheme(opts, async (store, scheme) => {
    const result = runAssessment(await assessmentInput(store.db, store.plan, scheme, opts.year));
    const published = await publishedResult(store.db, store.plan.meta.id, opts.year, scheme.id);
    const differences = published ? compareResults(published.result, result) : [];
    if (opts.json) {
      const out = {
        ...result,
        published: published && { publishedAt: published.publishedAt, publishedBy: published.publishedBy, schemeVersion: published.schemeVersion, note: published.note },
        differences,
      };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return 0;
    }
    printTable(result);
    if (published) {
      console.log(`\n正式结果已于 ${published.publishedAt} 由 ${published.publishedBy} 发布 / published${differences.length ? `；此后数据变化带来 ${differences.length} 处差异（--json 查看）/ ${differences.length} difference(s) since` : '；与当前数据一致 / unchanged since'}`);
    }
    return 0;
  });
}

export async function assessPublish(opts: Common & { by: string; note?: string }): Promise<number> {
  return withScheme(opts, async (store, scheme) => {
    const result = runAssessment(await assessmentInput(store.db, store.plan, scheme, opts.year));
    const p = await publishResult(store.db, store.plan.meta.id, result, { userId: null, username: opts.by }, opts.note ?? null);
    console.log(`✔ ${opts.year} 年考核结果已发布为正式结果（方案 ${scheme.id} 第 ${scheme.version} 版，${p.publishedAt}，${p.publishedBy}），已记入审计日志 / published and audited`);
    return 0;
  });
}

export async function assessVeto(opts: Common & { region?: string; department?: string; veto: string; evidence: string; note?: string; by: string }): Promise<number> {
  return withScheme(opts, async (store, scheme) => {
    if (Boolean(opts.region) === Boolean(opts.department)) {
      console.error('✘ 须指定 --region 或 --department 之一 / give exactly one of --region and --department');
      return 1;
    }
    const input = { year: opts.year, subjectKind: opts.region ? ('region' as const) : ('department' as const), subjectCode: (opts.region ?? opts.department)!, veto: opts.veto, evidence: opts.evidence, note: opts.note ?? null };
    const problem = validateVeto(store.plan, scheme, input);
    if (problem) throw problem;
    const v = await addVeto(store.db, store.plan.meta.id, input, { userId: null, username: opts.by });
    console.log(`✔ 已记录一票否决 ${v.id}（${v.subjectKind}:${v.subjectCode}，${v.veto}），已记入审计日志 / veto recorded and audited`);
    return 0;
  });
}
