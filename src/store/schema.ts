// Table types for Kysely. Booleans are integers 0/1 so the same rows work on SQLite and PostgreSQL.
import type { Generated } from 'kysely';
import type { Measure } from '../plan/model.js';

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
  /** JSON array of carbon sector ids (departments.yaml carbonSectors); null when none. */
  carbon_sectors: string | null;
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
  measure: Measure | null;
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
  /** JSON {indicators, why}: ecoplan's initial links of the project (projects.yaml links); null when none. */
  initial_links: string | null;
}

/** A plan's region boundaries (boundaries.yaml): the GeoJSON as checked, with its source, licence and 审图号. */
export interface PlanBoundariesTable {
  plan_id: string;
  file: string;
  source: string;
  licence: string;
  licence_text: string | null;
  review_number: string | null;
  note: string | null;
  geojson: string;
}

/** A version of a plan's content (plan revisions): the folder's files as JSON, with its effective year and decision. */
export interface PlanRevisionsTable {
  plan_id: string;
  no: number;
  status: 'original' | 'draft' | 'approved' | 'rejected';
  effective_year: number;
  reason: string | null;
  document: string | null;
  files: string;
  proposed_by: string | null;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** A plan uploaded in the console, awaiting publication: its folder's files as checked (JSON path → text). */
export interface PlanDraftsTable {
  id: string;
  plan_id: string;
  name: string;
  source_name: string;
  kind: 'workbook' | 'folder';
  texts: string;
  status: 'draft' | 'published' | 'discarded';
  uploaded_by: string;
  uploaded_at: string;
  decided_by: string | null;
  decided_at: string | null;
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
  plan_id: string | null; // the plan the account was created in; its roles are in user_plan_roles
  is_demo: number;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  password_changed_at: string;
}

/** A role an account holds in one plan (issue 18): what it may do there, and for which department. */
export interface UserPlanRolesTable {
  user_id: string;
  plan_id: string;
  role: Role;
  department_id: string | null;
  granted_at: string;
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

// ── monitoring data (migration 0011_monitoring) ──
export interface AirStationsTable {
  code: string;
  name: string;
  region_code: string | null;
  region_method: string | null;
  lon: number | null;
  lat: number | null;
  level: 'national' | 'provincial' | 'city';
  uncertain: number;
  source: string;
  note: string | null;
  is_demo: number;
  created_at: string;
}

export interface WaterSectionsTable {
  code: string;
  name: string;
  river: string;
  waterbody: 'river' | 'lake';
  assessment: '国考' | '省考' | '市考';
  target_class: 'I' | 'II' | 'III' | 'IV' | 'V';
  drinking_water: number;
  region_code: string | null;
  region_method: string | null;
  lon: number | null;
  lat: number | null;
  source: string;
  note: string | null;
  is_demo: number;
  created_at: string;
}

export interface MonitoringImportsTable {
  id: string;
  kind: 'air' | 'water';
  file_name: string;
  file_sha256: string | null;
  layout: 'long' | 'wide';
  rows: number;
  imported: number;
  duplicates: number;
  skipped: number;
  counts: string;
  report_csv: string | null;
  is_demo: number;
  imported_by: string;
  imported_at: string;
}

/**
 * Hourly air data: one row per station, natural day ('YYYY-MM-DD', whose hours are labelled 'DT01' … '(D+1)T00')
 * and import; `data` holds the day's 24 slots of the six columns (src/monitoring/hourBlob.ts), `slots` the mask of
 * slots with any value (bit slot − 1). μg/m³, CO mg/m³.
 */
export interface AirDaysTable {
  station_code: string;
  day: string;
  import_id: string;
  slots: number;
  data: Uint8Array;
}

/** A stored station-hour as readers see it (the rows of a day merged). */
export interface AirHourRow {
  station_code: string;
  hour: string;
  so2: number | null;
  no2: number | null;
  pm10: number | null;
  pm25: number | null;
  co: number | null;
  o3: number | null;
}

/** An air import being written (store/batches.ts); its rows are invisible until it is removed. */
export interface MonitoringBatchesTable {
  id: string;
  file_name: string;
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
  staged: string;
}

export interface MonitoringVersionsTable {
  name: string;
  n: number;
}

/** Computed results kept per version of the facts (a cache; store/monitoringResults.ts). */
export interface MonitoringResultsTable {
  kind: string;
  key: string;
  version: string;
  body: Uint8Array;
  computed_at: string;
}

export interface WaterSamplesTable {
  section_code: string;
  date: string;
  item: string;
  value: number;
  import_id: string;
}

// ── key project library (migration 0010) ──
export interface ProjectVersionsTable {
  id: string;
  plan_id: string;
  project_no: number;
  version: number;
  category_id: string;
  subcategory: string | null;
  name: string;
  name_en: string;
  content: string;
  investment_wan: number;
  leads: string;
  regions: string;
  sub_items: string;
  start_year: number;
  end_year: number;
  retired: number;
  retired_reason: string | null;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ProjectProgressTable {
  id: string;
  plan_id: string;
  project_no: number;
  year: number;
  version: number;
  planned_wan: number;
  completed_wan: number;
  cumulative_wan: number | null;
  physical_progress: number | null;
  status: string;
  reason: string | null;
  milestones: string;
  note: string | null;
  explanation: string | null;
  is_demo: number;
  recorded_by: string;
  recorded_at: string;
}

export interface ProjectLinkSetsTable {
  id: string;
  plan_id: string;
  project_no: number;
  version: number;
  indicators: string;
  reason: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ProjectEvidenceTable {
  id: string;
  plan_id: string;
  project_no: number;
  year: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content_base64: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface ProjectLibraryRevisionsTable {
  plan_id: string;
  revision: number;
}

// ── the public survey (migration 0017_survey) ──
export interface SurveysTable {
  id: string;
  plan_id: string;
  year: number;
  status: 'draft' | 'open' | 'closed';
  current_version: number;
  secret: string;
  created_by: string;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

export interface SurveyVersionsTable {
  survey_id: string;
  version: number;
  definition: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: string;
  version: number;
  county_code: string | null;
  answers: string;
  channel: 'web' | 'paper';
  token_id: string | null;
  dup_key: string | null;
  import_id: string | null;
  submitted_at: string;
  day: string;
}

export interface SurveyImportsTable {
  id: string;
  survey_id: string;
  file_name: string;
  sha256: string;
  rows: number;
  imported_by: string;
  imported_at: string;
}

export interface SurveyPopulationsTable {
  id: string;
  survey_id: string;
  populations: string;
  source: string;
  entered_by: string;
  entered_at: string;
}

export interface Database {
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_responses: SurveyResponsesTable;
  survey_imports: SurveyImportsTable;
  survey_populations: SurveyPopulationsTable;
  assessment_schemes: AssessmentSchemesTable;
  assessment_vetoes: AssessmentVetoesTable;
  assessment_results: AssessmentResultsTable;
  login_throttle: LoginThrottleTable;
  rate_limits: RateLimitsTable;
  audit_checkpoints: AuditCheckpointsTable;
  carbon_activity: CarbonActivityTable;
  carbon_factor_overrides: CarbonFactorOverridesTable;
  carbon_scenarios: CarbonScenariosTable;
  portal_documents: PortalDocumentsTable;
  portal_document_events: PortalDocumentEventsTable;
  gep_facts: GepFactsTable;
  gep_prices: GepPricesTable;
  gep_schemes: GepSchemesTable;
  project_versions: ProjectVersionsTable;
  project_progress: ProjectProgressTable;
  project_link_sets: ProjectLinkSetsTable;
  project_evidence: ProjectEvidenceTable;
  project_library_revisions: ProjectLibraryRevisionsTable;
  air_stations: AirStationsTable;
  water_sections: WaterSectionsTable;
  monitoring_imports: MonitoringImportsTable;
  air_days: AirDaysTable;
  water_samples: WaterSamplesTable;
  monitoring_batches: MonitoringBatchesTable;
  monitoring_versions: MonitoringVersionsTable;
  monitoring_results: MonitoringResultsTable;
  evidence_files: EvidenceFilesTable;
  rounds: RoundsTable;
  submissions: SubmissionsTable;
  users: UsersTable;
  user_plan_roles: UserPlanRolesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  carbon_publications: CarbonPublicationsTable; // the portal's published carbon inventory years
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
  plan_boundaries: PlanBoundariesTable;
  plan_revisions: PlanRevisionsTable;
  plan_drafts: PlanDraftsTable;
  project_leads: ProjectLeadsTable;
  project_regions: ProjectRegionsTable;
  project_sub_items: ProjectSubItemsTable;
  plan_notes: PlanNotesTable;
  plan_note_indicators: PlanNoteIndicatorsTable;
}

// GEP accounting (migration 0012_gep)
export interface GepFactsTable {
  id: string;
  plan_id: string;
  kind: 'extent' | 'region_area' | 'transition' | 'input' | 'asset' | 'stat';
  region_code: string;
  year: number;
  key: string;
  sub: string;
  value_text: string;
  unit: string;
  source: string;
  note: string | null;
  version: number;
  reason: string | null;
  status: 'approved' | 'provisional';
  is_demo: number;
  recorded_by: string;
  recorded_at: string;
}

export interface GepPricesTable {
  id: string;
  plan_id: string;
  key: string;
  year: number;
  value_text: string;
  unit: string;
  source: string;
  note: string | null;
  index_key: string | null;
  version: number;
  reason: string | null;
  is_default: number;
  is_demo: number;
  recorded_by: string;
  recorded_at: string;
}

export interface GepSchemesTable {
  id: string;
  plan_id: string;
  name: string;
  version: number;
  body: string;
  reason: string | null;
  is_demo: number;
  recorded_by: string;
  recorded_at: string;
}

export type { Generated };

// carbon accounts (migration 0013_carbon)
export interface CarbonActivityTable {
  id: string;
  plan_id: string;
  region_code: string;
  year: number;
  sector: string;
  category: string;
  subsector: string;
  item: string;
  version: number;
  value_text: string | null;
  unit: string;
  source: string;
  note: string | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: string;
  is_demo: number;
}

export interface CarbonFactorOverridesTable {
  id: string;
  plan_id: string;
  factor_key: string;
  version: number;
  value_text: string | null;
  unit: string;
  reason: string;
  recorded_by: string;
  recorded_at: string;
  is_demo: number;
}

export interface CarbonScenariosTable {
  id: string;
  plan_id: string;
  name: string;
  version: number;
  params: string;
  reason: string | null;
  saved_by: string;
  saved_at: string;
  is_demo: number;
}

/** Failed sign-ins by account name and client address ("acct:<ip>:<name>") and by address ("ip:<ip>"). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  hits: number;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  next_at: string;
  updated_at: string;
}

/** A signed checkpoint of the audit chain's head (HMAC with a key kept outside the database). */
export interface AuditCheckpointsTable {
  id: Generated<number>;
  at: string;
  seq: number;
  hash: string;
  key_id: string;
  mac: string;
}

// documents published on the portal (migration 0015_portal_documents)
export interface PortalDocumentsTable {
  id: string;
  plan_id: string;
  kind: 'plan' | 'annual_report' | 'other';
  title: string;
  title_en: string;
  year: number | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  body: Buffer;
  origin: 'upload' | 'generated';
  data_version: string | null;
  created_by: string;
  created_at: string;
}

export interface PortalDocumentEventsTable {
  id: string;
  document_id: string;
  action: 'publish' | 'withdraw';
  reason: string | null;
  by_user: string;
  at: string;
}

// assessment (migration 0018_assessment)
export interface AssessmentSchemesTable {
  plan_id: string;
  id: string;
  version: number;
  hash: string;
  body: string;
  current: number;
  seeded_at: string;
}

export interface AssessmentVetoesTable {
  id: string;
  plan_id: string;
  year: number;
  subject_kind: 'region' | 'department';
  subject_code: string;
  veto: string;
  evidence: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface AssessmentResultsTable {
  id: string;
  plan_id: string;
  year: number;
  scheme_id: string;
  scheme_version: number;
  scheme_hash: string;
  body: string;
  note: string | null;
  published_by: string;
  published_at: string;
}

// Published carbon inventory years (migration 0019_carbon_publication)
export interface CarbonPublicationsTable {
  id: string;
  plan_id: string;
  year: number;
  region_code: string;
  action: 'publish' | 'withdraw';
  figures: string | null;
  reason: string | null;
  by_user: string;
  at: string;
  seq: number;
}
