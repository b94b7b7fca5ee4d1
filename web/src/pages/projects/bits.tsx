// Small shared pieces of the project pages: status colours and tags, warning badges, who may write what, and
// exact sums of decimal money text.
import { Badge, Space, Tag, Tooltip } from 'antd';
import type { Department, User } from '../../types.js';
import { bilingual, useProjectStrings } from './strings.js';
import type { LibraryProject, ProjectStatus, ProjectWarning } from './types.js';
import { collectiveIncludes, governedRegion } from '../../../../src/plan/model.js';

/** Status colours, as government progress boards use them: grey not started, blue under way, green done, orange/gold/red trouble. */
export const STATUS_COLOURS: Record<ProjectStatus, string> = {
  not_started: '#8c959d',
  in_progress: '#1f6fd1',
  completed: '#2e9d62',
  delayed: '#e8833a',
  suspended: '#c9a000',
  terminated: '#cf1322',
};
/** A project nobody has reported on yet. */
export const NO_REPORT_COLOUR = '#c8cdd1';

const TAG_COLOURS: Record<ProjectStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  completed: 'success',
  delayed: 'orange',
  suspended: 'gold',
  terminated: 'error',
};

export function StatusTag({ status, testId }: { status: ProjectStatus | null | undefined; testId?: string }) {
  const { s } = useProjectStrings();
  if (!status) return <Tag data-testid={testId} data-status="none">{s.noReport}</Tag>;
  return (
    <Tag color={TAG_COLOURS[status]} data-testid={testId} data-status={status}>
      {s.status[status]}
    </Tag>
  );
}

export function WarningBadges({ warnings }: { warnings: ProjectWarning[] }) {
  const { s, lang } = useProjectStrings();
  if (warnings.length === 0) return null;
  return (
    <Space size={4} wrap>
      {warnings.map((w) => (
        <Tooltip key={w.kind} title={bilingual(lang, w)}>
          <Tag color={w.level === 'red' ? 'red' : 'gold'} className="project-warning-tag" data-level={w.level}>
            <Badge status={w.level === 'red' ? 'error' : 'warning'} /> {s.warningKind[w.kind] ?? w.kind}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

export const mayManage = (user: User | null): boolean => user?.role === 'admin' || user?.role === 'reviewer';

/**
 * Admins and reviewers report any project; a reporter those its department leads, and a county (town) government
 * also those led by "各县（市、区）人民政府" ("各乡镇人民政府（街道办事处）") in its region (as the server decides,
 * src/projects/library.ts; it checks again).
 */
export function mayReport(user: User | null, project: Pick<LibraryProject, 'leadIds' | 'regions'>, departments: Department[]): boolean {
  if (!user) return false;
  if (mayManage(user)) return true;
  if (user.role !== 'reporter' || !user.departmentId) return false;
  if (project.leadIds.includes(user.departmentId)) return true;
  const own = departments.find((d) => d.id === user.departmentId);
  const region = governedRegion(own);
  if (!own || !region) return false;
  const collective = project.leadIds.some((id) => collectiveIncludes(departments.find((x) => x.id === id), own));
  return collective && (project.regions.length === 0 || project.regions.includes(region));
}

/** The money rule of the API: a non-negative decimal with at most two decimals (亿元). */
export const MONEY_PATTERN = /^\d{1,7}(\.\d{1,2})?$/;

/** "12.3" → 1230 hundredths; exact, for summing the printed figures of a selection. */
export function hundredths(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return 0n;
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -v : v;
}

export function fromHundredths(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** Percent text → number for bars and progress widgets only (never summed). */
export const percentNumber = (text: string | null | undefined): number | null => {
  if (text === null || text === undefined || text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};
