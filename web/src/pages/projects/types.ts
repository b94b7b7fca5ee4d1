// The key-project library's API shapes (issue 6 contract, /work/briefs/projects-api.md). Money is exact decimal
// text in 亿元 ("136.64"); the console prints it as sent and never does float arithmetic on it.
import type { CategoryTotal, InvestmentTotal, Project } from '../../types.js';

export type ProjectStatus = 'not_started' | 'in_progress' | 'completed' | 'delayed' | 'suspended' | 'terminated';
export const PROJECT_STATUSES: ProjectStatus[] = ['not_started', 'in_progress', 'completed', 'delayed', 'suspended', 'terminated'];
/** Statuses that the server refuses without a reason. */
export const STATUSES_NEEDING_REASON: ProjectStatus[] = ['delayed', 'suspended', 'terminated'];

export interface Milestone {
  name: string;
  /** YYYY-MM-DD */
  date: string;
  done: boolean;
}

export interface ProgressEntry {
  year: number;
  plannedInvestment: string;
  completedInvestment: string;
  cumulativeInvestment: string | null;
  physicalProgress: number | null;
  status: ProjectStatus;
  reason: string | null;
  milestones: Milestone[];
  note: string | null;
  /** 超概算说明: why the cumulative figure exceeds the total */
  explanation?: string | null;
  version: number;
  recordedAt: string;
  recordedBy: string;
  /** 示例数据 (demo data) */
  isDemo?: boolean;
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

export interface LibraryProject extends Project {
  version: number;
  retired: boolean;
  retiredReason: string | null;
  indicatorLinks: number[];
  latest: ProgressEntry | null;
  /** cumulative / total investment, % with 1 decimal, as text */
  completionRate: string | null;
}

export interface LibraryResponse {
  projects: LibraryProject[];
  categoryTotals: CategoryTotal[];
  total: InvestmentTotal;
  warnings: ProjectWarning[];
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface ProjectVersion {
  version: number;
  at: string;
  by: string;
  reason: string;
  changes: Record<string, FieldChange>;
}

export interface IndicatorLink {
  indicatorCode: number;
  indicatorName: string;
  reason: string | null;
}

export interface ProjectEvidence {
  id: string | number;
  year: number;
  fileName: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export interface LibraryDetailResponse {
  project: LibraryProject;
  versions: ProjectVersion[];
  progress: ProgressEntry[];
  links: IndicatorLink[];
  evidence: ProjectEvidence[];
  warnings: ProjectWarning[];
}

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

export interface SummaryResponse {
  year: number | null;
  byCategory: Rollup[];
  byYear: YearRollup[];
  byDepartment: Rollup[];
  byRegion: Rollup[];
  total: Rollup;
  warnings: ProjectWarning[];
}

export interface LibraryFilters {
  category?: string;
  department?: string;
  region?: string;
  status?: string;
  indicator?: string;
  q?: string;
  includeRetired?: 'true';
}

/** The editable fields of a project (POST /projects, PUT /projects/{no} changes). */
export interface ProjectFields {
  category: string;
  subcategory?: string | null;
  name: string;
  nameEn?: string;
  content: string;
  investment: string;
  leads: string[];
  regions: string[];
  startYear: number;
  endYear: number;
}

export interface ProgressDraft {
  plannedInvestment: string;
  completedInvestment: string;
  cumulativeInvestment?: string;
  physicalProgress: number;
  status: ProjectStatus;
  reason?: string;
  milestones?: Milestone[];
  note?: string;
  explanation?: string;
}

export interface ImportRowError {
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

export interface ImportResult {
  imported: number;
  kind: 'library' | 'progress';
}
