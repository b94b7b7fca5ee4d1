// Example yearly progress of the key projects for 2021–2024 (示例数据, not real statistics). Pure and
// deterministic. Most projects keep pace with their construction period; a few are set behind, delayed,
// suspended or over budget so that the library's warnings have something to show.
import type { Kysely } from 'kysely';
import { formatScaled, parseScaled } from '../plan/decimal.js';
import type { Plan } from '../plan/model.js';
import type { ProgressStatus, ProgressValues } from '../projects/library.js';
import { loadDemoProgress, removeDemoProgress } from '../store/projects.js';
import type { Database } from '../store/schema.js';

export const DEMO_PROJECT_NOTE = '示例数据（演示用，非真实统计）/ demo data, not official statistics';
const YEARS = [2021, 2022, 2023, 2024];

/** Pace relative to an even schedule (1 = on time), and the story of the few that are not. */
const PACE: Record<number, number> = { 1: 0.9, 11: 0.85, 13: 0.55, 16: 0.4, 21: 0.5, 22: 1.05, 5: 1.6, 7: 1.3 };
const STORIES: Record<number, Partial<Record<number, { status: ProgressStatus; reason: string }>>> = {
  8: { 2023: { status: 'suspended', reason: '示例：环评批复调整，暂停施工待重新批复' }, 2024: { status: 'suspended', reason: '示例：环评批复调整，暂停施工待重新批复' } },
  19: { 2024: { status: 'delayed', reason: '示例：实验室设备招标流标，延期至 2025 年' } },
};
/** Project 5's demo spends 20 % above its estimate (explained), to show the over-budget warning. */
const OVERRUN: Record<number, { factor: number; explanation: string }> = { 5: { factor: 1.2, explanation: '示例：增加岸线测绘范围，经市水务局批准追加投资' } };
const MILESTONES: Record<number, { name: string; date: string; year: number }[]> = {
  3: [
    { name: '示例：建成碧道 150 公里', date: '2022-12-20', year: 2022 },
    { name: '示例：建成碧道 350 公里', date: '2024-11-30', year: 2024 },
  ],
  7: [{ name: '示例：研学旅行基地开放', date: '2023-06-30', year: 2023 }],
};

/** Demonstration progress entries (one per project and year within the project's period). */
export function demoProjectProgress(plan: Plan): (ProgressValues & { no: number; year: number })[] {
  const out: (ProgressValues & { no: number; year: number })[] = [];
  for (const p of plan.projects) {
    const total = Number(parseScaled(p.investmentText, 2)); // 0.01 亿元 units
    const span = p.endYear + 1 - p.startYear;
    const pace = PACE[p.no] ?? 1;
    const overrun = OVERRUN[p.no];
    // Share done at the end of a year, %, one decimal.
    const done = (y: number) => Math.min(100, Math.round((Math.max(0, y + 1 - p.startYear) / span) * pace * 1000) / 10);
    const spent = (y: number) => {
      const share = done(y) / 100;
      return Math.floor(total * share * (overrun && done(y) >= 100 ? overrun.factor : 1));
    };
    let frozen: number | null = null;
    for (const year of YEARS) {
      if (year < p.startYear || year > p.endYear) continue;
      const story = STORIES[p.no]?.[year];
      // A suspended project does not move; a delayed one moves at half the pace.
      let progress = done(year);
      if (story?.status === 'suspended') progress = frozen ?? done(year - 1);
      if (story?.status === 'delayed') progress = Math.round((done(year - 1) + (done(year) - done(year - 1)) / 2) * 10) / 10;
      frozen = progress;
      const cum = story ? Math.floor((total * progress) / 100) : spent(year);
      const prev = year === p.startYear ? 0 : Math.min(cum, spent(year - 1));
      const planned = Math.floor(total / span);
      const status: ProgressStatus = story?.status ?? (progress >= 100 ? 'completed' : progress <= 0 ? 'not_started' : 'in_progress');
      out.push({
        no: p.no,
        year,
        plannedInvestment: formatScaled(BigInt(planned), 2),
        completedInvestment: formatScaled(BigInt(Math.max(0, cum - prev)), 2),
        cumulativeInvestment: formatScaled(BigInt(cum), 2),
        physicalProgress: status === 'completed' ? 100 : progress,
        status,
        reason: story?.reason ?? null,
        milestones: (MILESTONES[p.no] ?? []).filter((m) => m.year <= year).map((m) => ({ name: m.name, date: m.date, done: true })),
        note: DEMO_PROJECT_NOTE,
        explanation: overrun && cum > total ? overrun.explanation : null,
      });
      if (status === 'completed') break;
    }
  }
  return out;
}

/** Loads the example progress into the store (years already holding an entry are left alone). */
export async function loadProjectDemo(db: Kysely<Database>, plan: Plan): Promise<number> {
  return loadDemoProgress(db, plan.meta.id, demoProjectProgress(plan));
}

/** Removes the example progress; real entries stay. */
export async function removeProjectDemo(db: Kysely<Database>, planId: string): Promise<number> {
  return removeDemoProgress(db, planId);
}
