// Roll-ups of the project library in exact decimals (table 2 and the same by year, lead department and region),
// investment completion rates and schedule warnings. Pure: the assessment time is a parameter.
import { formatScaled, parseScaled, percentScaled } from '../plan/decimal.js';
import { categoryTotals } from '../plan/rollups.js';
import type { Plan } from '../plan/model.js';
import { planLevelTerm, subRegionTerm } from '../plan/views.js';
import { cumulativeUnits, STATUSES, type LibraryEntry, type ProgressFact } from './library.js';

/** A project is "far behind" when its reported physical progress lags the share of its construction period
 * already elapsed by more than this many percentage points (docs/projects.md). */
export const BEHIND_SCHEDULE_POINTS = 20;

export interface Rollup {
  key: string;
  name: string;
  nameEn: string;
  count: number;
  investment: string;
  share: string;
  planned: string;
  completed: string;
  completionRate: string | null;
}

export interface YearRollup {
  year: number;
  planned: string;
  completed: string;
  count: number;
}

export type WarningKind = 'overdue' | 'behind_schedule' | 'over_budget' | 'stalled';

export interface ProjectWarning {
  projectNo: number;
  projectName: string;
  kind: WarningKind;
  level: 'red' | 'yellow';
  message: string;
  messageEn: string;
}

export interface ProjectSummary {
  year: number | null;
  byCategory: Rollup[];
  byYear: YearRollup[];
  byDepartment: Rollup[];
  byRegion: Rollup[];
  total: Rollup;
  warnings: ProjectWarning[];
}

/** A moment as a decimal year in China Standard Time (UTC+8): 2024-07-02T00:00+08:00 ≈ 2024.5. */
export function decimalYear(at: Date): number {
  const cst = new Date(at.getTime() + 8 * 3_600_000);
  const y = cst.getUTCFullYear();
  const start = Date.UTC(y, 0, 1);
  return y + (cst.getTime() - start) / (Date.UTC(y + 1, 0, 1) - start);
}

/** The end of a year as a decimal year (the moment year Y's reports describe). */
export const endOfYear = (year: number): number => year + 1;

const units = (t: string) => parseScaled(t, 2);
const money = (u: bigint) => formatScaled(u, 2);
const pct = (num: bigint, den: bigint) => formatScaled(percentScaled(num, den, 1), 1);

/** The entries of a project up to a year (inclusive), ascending. */
const entriesOf = (progress: readonly ProgressFact[], no: number, upTo: number | null) =>
  progress.filter((e) => e.no === no && (upTo === null || e.year <= upTo)).sort((a, b) => a.year - b.year);

/** Cumulative completed investment / total investment, % with one decimal (half up); null without any report. */
export function completionRate(project: Pick<LibraryEntry, 'no' | 'investmentText'>, progress: readonly ProgressFact[], upTo: number | null = null): string | null {
  const own = entriesOf(progress, project.no, upTo);
  const total = units(project.investmentText);
  if (!own.length || total === 0n) return null;
  return pct(cumulativeUnits(own, own.at(-1)!.year), total);
}

/** A project's entries up to the year asked, with their amounts parsed once (0.01 亿元). */
interface Prepared {
  investment: bigint;
  /** planned and completed of the year asked, or of every year. */
  planned: bigint;
  completed: bigint;
  /** Cumulative completed investment at the latest entry; null without any. */
  cumulative: bigint | null;
}

function prepare(projects: readonly LibraryEntry[], progress: readonly ProgressFact[], year: number | null): Map<number, Prepared> {
  const byNo = new Map<number, ProgressFact[]>();
  for (const e of progress) if (year === null || e.year <= year) (byNo.get(e.no) ?? byNo.set(e.no, []).get(e.no)!).push(e);
  const out = new Map<number, Prepared>();
  for (const p of projects) {
    const own = (byNo.get(p.no) ?? []).sort((a, b) => a.year - b.year);
    let planned = 0n;
    let completed = 0n;
    for (const e of own)
      if (year === null || e.year === year) {
        planned += units(e.plannedInvestment);
        completed += units(e.completedInvestment);
      }
    out.set(p.no, { investment: units(p.investmentText), planned, completed, cumulative: own.length ? cumulativeUnits(own, own.at(-1)!.year) : null });
  }
  return out;
}

/**
 * Groups the active (not retired) projects and sums their investment, the planned and completed investment
 * reported (for `year` only when given, otherwise over every year) and the cumulative completed investment
 * (up to `year`, or up to the latest report) for the completion rate.
 */
function group(
  projects: readonly LibraryEntry[],
  prepared: ReadonlyMap<number, Prepared>,
  keyOf: (p: LibraryEntry) => string,
  rows: { key: string; name: string; nameEn: string }[],
  totalUnits: bigint,
  keepEmpty: boolean,
): Rollup[] {
  const acc = new Map(rows.map((r) => [r.key, { ...r, count: 0, inv: 0n, planned: 0n, completed: 0n, cum: 0n, reported: false }]));
  for (const p of projects) {
    const a = acc.get(keyOf(p));
    if (!a) throw new RangeError(`no roll-up row for project ${p.no}`);
    const x = prepared.get(p.no)!;
    a.count += 1;
    a.inv += x.investment;
    a.planned += x.planned;
    a.completed += x.completed;
    if (x.cumulative !== null) {
      a.reported = true;
      a.cum += x.cumulative;
    }
  }
  return [...acc.values()]
    .filter((a) => keepEmpty || a.count > 0)
    .map((a) => ({
      key: a.key,
      name: a.name,
      nameEn: a.nameEn,
      count: a.count,
      investment: money(a.inv),
      share: totalUnits === 0n ? '0.0' : pct(a.inv, totalUnits),
      planned: money(a.planned),
      completed: money(a.completed),
      completionRate: a.reported && a.inv > 0n ? pct(a.cum, a.inv) : null,
    }));
}

export const JOINT_KEY = 'joint';
export const MULTI_REGION_KEY = 'multi';

/**
 * Where a project counts by region: the county it names when it names exactly one; the city (the plan's region,
 * "全市") when it names none (a city-wide project); `multi` (跨县区) when it names several. Each project counts once,
 * so the rows add up to the total.
 */
export function regionKey(plan: Plan, p: Pick<LibraryEntry, 'regions'>): string {
  if (p.regions.length === 1) return p.regions[0]!;
  return p.regions.length === 0 ? plan.meta.region : MULTI_REGION_KEY;
}

/** Where a project counts by lead department: its lead when it has one, `joint` (联合牵头) when several lead it. */
export const departmentKey = (p: Pick<LibraryEntry, 'leadIds'>): string => (p.leadIds.length === 1 ? p.leadIds[0]! : JOINT_KEY);

/**
 * The roll-ups of the library: table 2 by category (from src/plan/rollups.ts, the same arithmetic as the plan
 * overview), by year, by lead department and by region, and the warnings. Retired projects are left out.
 * `asOf` is the assessment moment as a decimal year (decimalYear(now), or endOfYear(year) when a year is asked).
 */
export function projectSummary(plan: Plan, library: readonly LibraryEntry[], progress: readonly ProgressFact[], opts: { year: number | null; asOf: number }): ProjectSummary {
  const projects = library.filter((p) => !p.retired);
  const { year } = opts;
  const table2 = categoryTotals(plan.categories, projects);
  const totalUnits = parseScaled(table2.total.investmentText, 2);
  const prepared = prepare(projects, progress, year);
  const byCategory = group(projects, prepared, (p) => p.categoryId, plan.categories.map((c) => ({ key: c.id, name: c.name, nameEn: c.nameEn })), totalUnits, true);
  // Table 2 is the reference: the category rows must carry its figures exactly.
  byCategory.forEach((r, i) => {
    if (r.investment !== table2.categoryTotals[i]!.investmentText || r.share !== table2.categoryTotals[i]!.shareText) throw new Error('roll-up disagrees with table 2');
  });

  const deptRows = [
    ...plan.departments.map((d) => ({ key: d.id, name: d.name, nameEn: d.nameEn })),
    { key: JOINT_KEY, name: '多单位联合牵头', nameEn: 'Led jointly by several departments' },
  ];
  const byDepartment = group(projects, prepared, departmentKey, deptRows, totalUnits, false);

  const city = plan.regions.find((r) => r.code === plan.meta.region);
  const level = planLevelTerm(plan);
  const sub = subRegionTerm(plan);
  const regionRows = [
    { key: plan.meta.region, name: `${city?.name ?? plan.meta.region}（${level.whole}性项目）`, nameEn: `${city?.nameEn ?? plan.meta.region} (${level.wholeEn.replace(/^the /, '')}-wide)` },
    ...plan.regions.filter((r) => r.code !== plan.meta.region).map((r) => ({ key: r.code, name: r.name, nameEn: r.nameEn })),
    { key: MULTI_REGION_KEY, name: `跨${sub.zh}项目`, nameEn: `Projects in several ${sub.enPlural.toLowerCase()}` },
  ];
  const byRegion = group(projects, prepared, (p) => regionKey(plan, p), regionRows, totalUnits, true);

  const [total] = group(projects, prepared, () => 'total', [{ key: 'total', name: '合计', nameEn: 'Total' }], totalUnits, true);
  total!.share = '100.0';

  const years = projects.length ? [Math.min(...projects.map((p) => p.startYear)), Math.max(...projects.map((p) => p.endYear))] : [plan.meta.baseYear, plan.meta.period.end];
  const byYear: YearRollup[] = [];
  const active = new Set(projects.map((p) => p.no));
  const sums = new Map<number, { planned: bigint; completed: bigint }>();
  for (const e of progress)
    if (active.has(e.no)) {
      const s = sums.get(e.year) ?? sums.set(e.year, { planned: 0n, completed: 0n }).get(e.year)!;
      s.planned += units(e.plannedInvestment);
      s.completed += units(e.completedInvestment);
    }
  for (let y = years[0]!; y <= years[1]!; y++) {
    const s = sums.get(y) ?? { planned: 0n, completed: 0n };
    byYear.push({ year: y, planned: money(s.planned), completed: money(s.completed), count: projects.filter((p) => p.startYear <= y && y <= p.endYear).length });
  }
  return { year, byCategory, byYear, byDepartment, byRegion, total: total!, warnings: projectWarnings(projects, progress, { asOf: opts.asOf, upTo: year }) };
}

/**
 * Schedule and budget warnings of active projects, assessed at `asOf` (decimal year) from the reports up to
 * `upTo` (all when null):
 * - overdue (red): the construction period has ended (asOf ≥ end year + 1) and the latest status is not 已完工;
 * - behind_schedule (yellow): elapsed share of the period at asOf − latest physical progress > BEHIND_SCHEDULE_POINTS;
 * - stalled (yellow): the latest status is 延期 or 暂停;
 * - over_budget (yellow): cumulative completed investment above the total (accepted only with an explanation).
 * A terminated (终止) project gets no schedule warning: it is a decision, shown by its status.
 */
export function projectWarnings(projects: readonly LibraryEntry[], progress: readonly ProgressFact[], opts: { asOf: number; upTo?: number | null }): ProjectWarning[] {
  const out: ProjectWarning[] = [];
  for (const p of projects) {
    if (p.retired) continue;
    const own = entriesOf(progress, p.no, opts.upTo ?? null);
    const latest = own.at(-1) ?? null;
    // English messages quote what the reporter wrote (a delay's reason) as written, marked "as reported".
    const w = (kind: ProjectWarning['kind'], level: ProjectWarning['level'], message: string, messageEn: string) =>
      out.push({ projectNo: p.no, projectName: p.name, kind, level, message: `${p.no}. ${p.name}：${message}`, messageEn: `${p.no}. ${p.nameEn || p.name}: ${messageEn}` });
    const status = latest?.status ?? null;
    if (status !== 'completed' && status !== 'terminated') {
      const statusText = latest ? `${latest.year} 年状态“${STATUSES[latest.status].zh}”${latest.physicalProgress !== null ? `，形象进度 ${latest.physicalProgress}%` : ''}` : '尚无进展填报';
      const statusEn = latest ? `${latest.year} status "${STATUSES[latest.status].en}"${latest.physicalProgress !== null ? `, physical progress ${latest.physicalProgress} %` : ''}` : 'no progress reported';
      if (opts.asOf >= endOfYear(p.endYear)) {
        w('overdue', 'red', `建设期限至 ${p.endYear} 年，已到期仍未完工（${statusText}）`, `the period ended in ${p.endYear} and it is not complete (${statusEn})`);
      } else if (latest && latest.physicalProgress !== null) {
        const span = endOfYear(p.endYear) - p.startYear;
        const elapsed = Math.min(Math.max(((opts.asOf - p.startYear) * 100) / span, 0), 100);
        if (elapsed - latest.physicalProgress > BEHIND_SCHEDULE_POINTS)
          w(
            'behind_schedule',
            'yellow',
            `形象进度 ${latest.physicalProgress}%（${latest.year} 年），建设期已过 ${elapsed.toFixed(0)}%，落后超过 ${BEHIND_SCHEDULE_POINTS} 个百分点`,
            `physical progress ${latest.physicalProgress} % (${latest.year}) while ${elapsed.toFixed(0)} % of the period has elapsed: more than ${BEHIND_SCHEDULE_POINTS} points behind`,
          );
      }
      if (status === 'delayed' || status === 'suspended')
        w('stalled', 'yellow', `${latest!.year} 年状态为“${STATUSES[status].zh}”：${latest!.reason ?? ''}`, `${latest!.year} status "${STATUSES[status].en}"${latest!.reason ? `; reason as reported: “${latest!.reason}”` : ''}`);
    }
    if (latest) {
      const cum = cumulativeUnits(own, latest.year);
      if (cum > units(p.investmentText))
        w('over_budget', 'yellow', `累计完成投资 ${money(cum)} 亿元超过总投资 ${p.investmentText} 亿元（说明：${latest.explanation ?? own.find((e) => e.explanation)?.explanation ?? '无'}）`, `cumulative investment ${money(cum)} exceeds the total ${p.investmentText} (100M yuan)`);
    }
  }
  return out.sort((a, b) => (a.level === b.level ? a.projectNo - b.projectNo : a.level === 'red' ? -1 : 1));
}
