// Small pieces shared by the 年度调度 pages: task statuses and their colours, the names of a task's indicator,
// region and department in the current language, the change from last year, and times as the console shows them.
import { Statistic, Tag, Tooltip } from 'antd';
import { api } from '../api.js';
import { shownValue } from './EvaluationBits.js';
import { nameOf, useI18n, type Lang, type Messages } from '../i18n.js';
import { horizonFor } from '../../../src/plan/horizons.js';
import type { Department, Indicator, PlanResponse, RoundCounts, RoundTask, TaskRef, TaskStatus } from '../types.js';
import { useApi, type ApiState } from '../useApi.js';

export const TASK_STATUSES: TaskStatus[] = ['missing', 'draft', 'submitted', 'returned', 'approved'];

/** Colours of the task statuses, shared by the tags, the progress chart and the statistic cards. */
export const TASK_STATUS_COLOURS: Record<TaskStatus, string> = {
  missing: '#b8bec2',
  draft: '#d48806',
  submitted: '#2f6fb0',
  returned: '#d4483b',
  approved: '#2e9d62',
};

const TAG_COLOURS: Record<TaskStatus, string | undefined> = {
  missing: undefined,
  draft: 'gold',
  submitted: 'blue',
  returned: 'red',
  approved: 'green',
};

/** Above this change from last year's approved value the server asks for an explanation (src/plan/rounds.ts). */
export const PLAUSIBLE_CHANGE_PERCENT = 30;

export function taskStatus(task: RoundTask): TaskStatus {
  return task.submission?.status ?? 'missing';
}

/** The row key of a task in a table: "<indicator>-<region code>-<kind>", e.g. "13-110000-value". */
export function taskRowKey(task: TaskRef): string {
  return `${task.indicatorCode}-${task.regionCode}-${task.kind}`;
}

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={TAG_COLOURS[status]} className="task-status-tag" data-testid="task-status" data-status={status}>
      {t.rounds.taskStatus(status)}
    </Tag>
  );
}

/** The change in percent from `previous` to `next` as the server computes it; null when either is not a number or `previous` is 0. */
export function changePercent(previous: string | null | undefined, next: string | null | undefined): number | null {
  if (previous === null || previous === undefined || next === null || next === undefined || previous.trim() === '' || next.trim() === '') return null;
  const a = Number(previous);
  const b = Number(next);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0) return null;
  return ((b - a) / Math.abs(a)) * 100;
}

export function ChangeText({ previous, next }: { previous: string | null | undefined; next: string | null | undefined }) {
  const { t } = useI18n();
  const change = changePercent(previous, next);
  if (change === null) return <span className="secondary-text">{t.common.empty}</span>;
  const large = Math.abs(change) > PLAUSIBLE_CHANGE_PERCENT;
  const text = `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change).toFixed(1)}%`;
  return (
    <Tooltip title={t.rounds.changeHint}>
      <span className={large ? 'change-large' : 'change-normal'} data-testid="task-change" data-large={large}>
        {text}
      </span>
    </Tooltip>
  );
}

/** A figure as reported: its text with the unit, or its state in words; null when there is none. */
export function figureText(t: Messages, v: { valueText: string | null; state: string | null } | null | undefined, unit: string): string | null {
  const shown = shownValue(t, v);
  if (shown === null) return null;
  return v?.valueText !== null && unit && unit !== '—' ? `${shown} ${unit}` : shown;
}

/** An ISO time as "2026-03-31 09:05" in the browser's time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The plan's names (indicators, regions, departments) the round pages show next to the API's Chinese ones. */
export interface RoundLookups {
  plan: PlanResponse;
  indicators: Map<number, Indicator>;
  departments: Department[];
}

export function useRoundLookups(): ApiState<RoundLookups> {
  return useApi('round-lookups', () =>
    Promise.all([api.plan(), api.indicators(), api.departments()]).then(([plan, inds, depts]) => ({
      plan,
      indicators: new Map(inds.indicators.map((i) => [i.code, i])),
      departments: depts.departments,
    })),
  );
}

export function taskIndicatorName(lang: Lang, task: Pick<RoundTask, 'indicatorCode' | 'indicatorName'>, lk: RoundLookups): string {
  const ind = lk.indicators.get(task.indicatorCode);
  return lang === 'en' && ind?.nameEn ? ind.nameEn : task.indicatorName;
}

export function taskRegionName(lang: Lang, task: Pick<RoundTask, 'regionCode' | 'regionName'>, lk: RoundLookups): string {
  const r = lk.plan.regions.find((x) => x.code === task.regionCode);
  return r ? nameOf(lang, r) : task.regionName;
}

export function departmentName(lang: Lang, id: string, fallback: string, lk: RoundLookups): string {
  const d = lk.departments.find((x) => x.id === id);
  return d ? nameOf(lang, d) : fallback;
}

/** The task's target: table 1's wording as the API sends it; its English rendering in English mode. */
export function taskTargetText(lang: Lang, task: Pick<RoundTask, 'indicatorCode' | 'target'>, year: number, lk: RoundLookups): string {
  if (lang !== 'en') return task.target;
  const target = lk.indicators.get(task.indicatorCode)?.targets[horizonFor(lk.plan, year)];
  return target?.textEn || task.target;
}

/** Every page of a task list (the API answers at most 500 a page). */
export async function allTasks(year: number, p: { department?: string; status?: TaskStatus } = {}): Promise<RoundTask[]> {
  const tasks: RoundTask[] = [];
  for (;;) {
    const page = await api.roundTasks(year, { ...p, limit: 500, offset: tasks.length });
    tasks.push(...page.tasks);
    if (page.tasks.length === 0 || tasks.length >= page.total) return tasks;
  }
}

/** The statuses of a set of tasks as statistic tiles (reporter: their own; reviewer: the whole round). */
export function StatusCounts({ counts }: { counts: RoundCounts }) {
  const { t } = useI18n();
  const percent = counts.tasks ? Math.round((counts.approved / counts.tasks) * 100) : 0;
  return (
    <div className="count-tiles round-counts" data-testid="round-counts">
      <div className="count-tile" data-testid="count-tasks" data-value={counts.tasks}>
        <Statistic title={t.rounds.totalTasks} value={counts.tasks} suffix={<span className="secondary-text">{t.rounds.done(percent)}</span>} />
      </div>
      {TASK_STATUSES.map((s) => (
        <div key={s} className="count-tile" data-testid={`count-${s}`} data-value={counts[s]}>
          <Statistic title={t.rounds.taskStatus(s)} value={counts[s]} styles={{ content: { color: TASK_STATUS_COLOURS[s] } }} />
        </div>
      ))}
    </div>
  );
}

export function countStatuses(tasks: RoundTask[]): RoundCounts {
  const counts: RoundCounts = { tasks: tasks.length, missing: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
  for (const task of tasks) counts[taskStatus(task)]++;
  return counts;
}
