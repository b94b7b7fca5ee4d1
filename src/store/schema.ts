// Table types for Kysely. Booleans are integers 0/1 so the same rows work on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface PlansTable {
  id: string;
  name: string;
  name_en: string;
  short_name: string;
  issued: string;
  base_year: number;
  period_start: number;
  period_end: number;
  area_text: string;
  area_unit: string;
  region_code: string;
  owner_department_id: string;
  county_indicators: string; // JSON array
  evidence_required: 'binding' | 'all' | 'none';
  validation: string; // JSON
  source: string;
  is_default: number;
  /** sha-256 of the plan folder it was seeded from. */
  content_hash: string;
  /** Incremented whenever the plan's rows change; read models are cached against it. */
  revision: number;
  seeded_at: string;
}

export interface PlanHorizonsTable {
  plan_id: string;
  year: number;
  label: string;
  label_en: string;
}

export interface RegionsTable {
  plan_id: string;
  code: string;
  name: string;
  name_en: string;
  level: string;
  type: string;
  parent_code: string | null;
  sort: number;
}

export interface DomainsTable {
  plan_id: string;
  id: string;
  name: string;
  name_en: string;
  sort: number;
}

export interface TaskAreasTable {
  plan_id: string;
  id: string;
  domain_id: string;
  numeral: string;
  name: string;
  name_en: string;
  sort: number;
}

export interface DepartmentsTable {
  plan_id: string;
  id: string;
  name: string;
  name_en: string;
  kind: string;
  region_code: string | null;
  sort: number;
}

export interface IndicatorsTable {
  plan_id: string;
  code: number;
  name: string;
  name_en: string;
  group_name: string | null;
  group_name_en: string | null;
  task_area_id: string;
  unit: string;
  binding: number;
  local: number;
  direction: string | null;
  assess_progress: number;
  baseline_text: string;
  baseline_year: number | null;
  baseline_note: string | null;
}

export interface IndicatorTargetsTable {
  plan_id: string;
  indicator_code: number;
  horizon_year: number;
  text: string;
}

export interface IndicatorDepartmentsTable {
  plan_id: string;
  indicator_code: number;
  department_id: string;
  sort: number;
}

export interface ProjectCategoriesTable {
  plan_id: string;
  id: string;
  name: string;
  name_en: string;
  appendix_name: string;
  sort: number;
}

export interface ProjectsTable {
  plan_id: string;
  no: number;
  category_id: string;
  subcategory: string | null;
  name: string;
  name_en: string;
  content: string;
  /** Investment in 万元, an exact integer (the appendix prints 亿元 with two decimals). */
  investment_wan: number;
  start_year: number;
  end_year: number;
}

export interface ProjectLeadsTable {
  plan_id: string;
  project_no: number;
  department_id: string;
  sort: number;
}

export interface ProjectRegionsTable {
  plan_id: string;
  project_no: number;
  region_code: string;
  sort: number;
}

export interface ProjectSubItemsTable {
  plan_id: string;
  project_no: number;
  no: number;
  name: string;
  region_code: string | null;
}

export interface PlanNotesTable {
  plan_id: string;
  no: number;
  text: string;
}

export interface PlanNoteIndicatorsTable {
  plan_id: string;
  note_no: number;
  indicator_code: number;
}

export interface ObservationBatchesTable {
  id: string;
  plan_id: string;
  origin: 'import' | 'demo';
  file_name: string | null;
  file_sha256: string | null;
  row_count: number;
  recorded_by: string;
  recorded_at: string;
}

export interface ObservationsTable {
  id: string;
  plan_id: string;
  batch_id: string;
  indicator_code: number;
  region_code: string;
  year: number;
  kind: 'value' | 'assigned';
  version: number;
  value_text: string | null;
  state: string | null;
  checks: string | null;
  source: string;
  note: string | null;
  reason: string | null;
  status: 'approved' | 'provisional';
  is_demo: number;
  recorded_at: string;
  recorded_by: string;
}

export type Role = 'admin' | 'reviewer' | 'reporter' | 'viewer';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  plan_id: string | null;
  department_id: string | null;
  is_demo: number;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  password_changed_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string | null;
  ip: string | null;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface RoundsTable {
  id: string;
  plan_id: string;
  year: number;
  deadline: string;
  status: 'open' | 'closed';
  opened_by: string;
  opened_at: string;
  closed_at: string | null;
  revision: number;
}

export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface SubmissionsTable {
  id: string;
  round_id: string;
  indicator_code: number;
  region_code: string;
  kind: 'value' | 'assigned';
  department_id: string;
  status: SubmissionStatus;
  value_text: string | null;
  state: string | null;
  checks: string | null;
  source: string;
  note: string | null;
  reason: string | null;
  review_comment: string | null;
  updated_by: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  observation_id: string | null;
}

export interface EvidenceFilesTable {
  id: string;
  submission_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content_base64: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface Database {
  evidence_files: EvidenceFilesTable;
  rounds: RoundsTable;
  submissions: SubmissionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  observation_batches: ObservationBatchesTable;
  observations: ObservationsTable;
  plans: PlansTable;
  plan_horizons: PlanHorizonsTable;
  regions: RegionsTable;
  domains: DomainsTable;
  task_areas: TaskAreasTable;
  departments: DepartmentsTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_departments: IndicatorDepartmentsTable;
  project_categories: ProjectCategoriesTable;
  projects: ProjectsTable;
  project_leads: ProjectLeadsTable;
  project_regions: ProjectRegionsTable;
  project_sub_items: ProjectSubItemsTable;
  plan_notes: PlanNotesTable;
  plan_note_indicators: PlanNoteIndicatorsTable;
}

export type { Generated };
