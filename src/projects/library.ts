// The key project library (重点工程项目库): the plan's appendix projects as version 1, changed by stored versions
// (add, revise, retire), and the validation of project changes and yearly progress. Pure: no I/O.
import { decimalWithin, formatScaled, parseScaled, readDecimalText } from '../plan/decimal.js';
import { collectiveIncludes, governedRegion, type Department, type Plan, type Project, type ProjectSubItem } from '../plan/model.js';

export type ProgressStatus = 'not_started' | 'in_progress' | 'completed' | 'delayed' | 'suspended' | 'terminated';

export const STATUSES: Record<ProgressStatus, { zh: string; en: string }> = {
  not_started: { zh: '未开工', en: 'not started' },
  in_progress: { zh: '在建', en: 'in progress' },
  completed: { zh: '已完工', en: 'completed' },
  delayed: { zh: '延期', en: 'delayed' },
  suspended: { zh: '暂停', en: 'suspended' },
  terminated: { zh: '终止', en: 'terminated' },
};
/** Statuses that need a reason (the issue: 延期, 暂停, 终止). */
export const REASON_STATUSES: readonly ProgressStatus[] = ['delayed', 'suspended', 'terminated'];

/** The editable fields of a project, as stored in a version. Investment is 亿元 text with two decimals. */
export interface ProjectFields {
  categoryId: string;
  subcategory: string | null;
  name: string;
  nameEn: string;
  content: string;
  investmentText: string;
  leadIds: string[];
  regions: string[];
  startYear: number;
  endYear: number;
  subItems: ProjectSubItem[];
}

/** A stored version of a project (version 1 of an appendix project is the plan itself and is not stored). */
export interface ProjectVersionFact {
  no: number;
  version: number;
  fields: ProjectFields;
  retired: boolean;
  retiredReason: string | null;
  reason: string;
  by: string;
  at: string;
}

export interface LibraryEntry extends Project {
  version: number;
  retired: boolean;
  retiredReason: string | null;
}

export interface Milestone {
  name: string;
  date: string; // YYYY-MM-DD
  done: boolean;
}

/** One version of a project's figures for a year, as reported. Money: 亿元 text, two decimals. */
export interface ProgressFact {
  no: number;
  year: number;
  version: number;
  plannedInvestment: string;
  completedInvestment: string;
  /** As reported; null when the reporter left it to be summed from the yearly figures. */
  cumulativeInvestment: string | null;
  physicalProgress: number | null;
  status: ProgressStatus;
  reason: string | null;
  milestones: Milestone[];
  note: string | null;
  explanation: string | null;
  recordedAt: string;
  recordedBy: string;
  isDemo: boolean;
}

export interface Issue {
  field: string;
  message: string;
  messageEn: string;
}

export const fieldsOf = (p: Project): ProjectFields => ({
  categoryId: p.categoryId,
  subcategory: p.subcategory,
  name: p.name,
  nameEn: p.nameEn,
  content: p.content,
  investmentText: p.investmentText,
  leadIds: [...p.leadIds],
  regions: [...p.regions],
  startYear: p.startYear,
  endYear: p.endYear,
  // Keys in one order: revisions compare fields as JSON.
  subItems: p.subItems.map((s) => ({ no: s.no, name: s.name, region: s.region })),
});

/** A Project (the shape of src/plan/model.ts) from stored fields, with the plan's names for category and leads. */
export function projectFromFields(plan: Plan, no: number, f: ProjectFields): Project {
  const category = plan.categories.find((c) => c.id === f.categoryId);
  return {
    no,
    name: f.name,
    nameEn: f.nameEn,
    category: category?.name ?? f.categoryId,
    categoryId: f.categoryId,
    subcategory: f.subcategory,
    content: f.content,
    investment: Number(f.investmentText),
    investmentText: f.investmentText,
    leads: f.leadIds.map((id) => plan.departments.find((d) => d.id === id)?.name ?? id),
    leadIds: [...f.leadIds],
    regions: [...f.regions],
    startYear: f.startYear,
    endYear: f.endYear,
    subItems: f.subItems.map((s) => ({ ...s })),
  };
}

/**
 * The library now: every appendix project (version 1 unless a stored version follows) and every added project,
 * each at its latest version, ordered by number. Retired projects stay in the list, flagged.
 */
export function libraryProjects(plan: Plan, versions: readonly ProjectVersionFact[]): LibraryEntry[] {
  const latest = new Map<number, ProjectVersionFact>();
  for (const v of versions) if ((latest.get(v.no)?.version ?? 0) < v.version) latest.set(v.no, v);
  const out: LibraryEntry[] = plan.projects.map((p) => {
    const v = latest.get(p.no);
    return v ? { ...projectFromFields(plan, p.no, v.fields), version: v.version, retired: v.retired, retiredReason: v.retiredReason } : { ...p, version: 1, retired: false, retiredReason: null };
  });
  for (const [no, v] of latest)
    if (!plan.projects.some((p) => p.no === no)) out.push({ ...projectFromFields(plan, no, v.fields), version: v.version, retired: v.retired, retiredReason: v.retiredReason });
  return out.sort((a, b) => a.no - b.no);
}

/** The next free project number (added projects continue the appendix's numbering). */
export function nextProjectNo(plan: Plan, versions: readonly ProjectVersionFact[]): number {
  return Math.max(0, ...plan.projects.map((p) => p.no), ...versions.map((v) => v.no)) + 1;
}

/** A project's fields as the API shows changes: its own fields, with the category by id, the investment as written,
 *  leads by name and sub-items by name, and whether it is retired. */
export type ComparableFields = Pick<ProjectFields, 'subcategory' | 'name' | 'nameEn' | 'content' | 'regions' | 'startYear' | 'endYear'> & {
  category: string;
  investment: string;
  leads: string[];
  subItems: string[];
  retired: boolean;
};

function comparable(plan: Plan, f: ProjectFields, retired: boolean): ComparableFields {
  const p = projectFromFields(plan, 0, f);
  return {
    category: f.categoryId,
    subcategory: f.subcategory,
    name: f.name,
    nameEn: f.nameEn,
    content: f.content,
    investment: f.investmentText,
    leads: p.leads,
    regions: f.regions,
    startYear: f.startYear,
    endYear: f.endYear,
    subItems: f.subItems.map((s) => s.name),
    retired,
  };
}

/** What a version changed, field by field: the value before (null for a project's first stored version) and after. */
export type FieldChanges = { [K in keyof ComparableFields]?: { from: ComparableFields[K] | null; to: ComparableFields[K] } };

export interface VersionRecord {
  version: number;
  at: string;
  by: string;
  reason: string;
  changes: FieldChanges;
}

/** The fields of `next` that differ from `prev` (every field when there is no `prev`). */
function fieldChanges(prev: ComparableFields | null, next: ComparableFields): FieldChanges {
  const changes: FieldChanges = {};
  const put = <K extends keyof ComparableFields>(k: K) => {
    const from = prev ? prev[k] : null;
    // TypeScript does not narrow a mapped type indexed by a generic key: the value is the mapped type at K.
    if (JSON.stringify(from) !== JSON.stringify(next[k])) changes[k] = { from, to: next[k] } as FieldChanges[K];
  };
  for (const k of Object.keys(next) as (keyof ComparableFields)[]) put(k);
  return changes;
}

/** A project's versions, oldest first, each with what changed from the one before. */
export function versionHistory(plan: Plan, no: number, versions: readonly ProjectVersionFact[]): VersionRecord[] {
  const own = versions.filter((v) => v.no === no).sort((a, b) => a.version - b.version);
  const base = plan.projects.find((p) => p.no === no);
  const out: VersionRecord[] = [];
  let prev: ComparableFields | null = null;
  if (base) {
    prev = comparable(plan, fieldsOf(base), false);
    out.push({ version: 1, at: `${plan.meta.issued}-01`, by: '规划附表 / plan appendix', reason: '规划文本附表（初始版本）/ as printed in the plan appendix', changes: {} });
  }
  for (const v of own) {
    const next = comparable(plan, v.fields, v.retired);
    out.push({ version: v.version, at: v.at, by: v.by, reason: v.reason, changes: fieldChanges(prev, next) });
    prev = next;
  }
  return out;
}

// ── validation of project changes ───────────────────────────────────────────────────────────────────────

/** What a user sends to add a project or change one (names or ids for category and departments). */
export interface ProjectInput {
  category?: unknown;
  subcategory?: unknown;
  name?: unknown;
  nameEn?: unknown;
  content?: unknown;
  investment?: unknown;
  leads?: unknown;
  regions?: unknown;
  startYear?: unknown;
  endYear?: unknown;
}

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;

/**
 * Reads an amount in 亿元: a non-negative decimal with at most two decimals. Returns the normalised text
 * ("12.3" → "12.30") or an issue naming the field.
 */
export function readMoney(field: string, label: string, raw: unknown): { text: string } | { issue: Issue } {
  const text = typeof raw === 'number' ? (Number.isFinite(raw) ? String(raw) : 'NaN') : typeof raw === 'string' ? raw.trim() : '';
  if (raw === undefined || raw === null || text === '') return { issue: { field, message: `${label}不能为空`, messageEn: `${field} is required` } };
  if (/^-\s*\d/.test(text) || (typeof raw === 'number' && raw < 0))
    return { issue: { field, message: `${label}不能为负数（${text}）`, messageEn: `${field} must not be negative (${text})` } };
  if (!/^\d+(\.\d+)?$/.test(text)) return { issue: { field, message: `${label}“${text}”不是数字（单位：亿元，如 12.30）`, messageEn: `${field} "${text}" is not a number (100M yuan, e.g. 12.30)` } };
  if (!MONEY.test(text)) return { issue: { field, message: `${label}“${text}”最多保留两位小数（亿元）`, messageEn: `${field} "${text}" has more than two decimals (100M yuan)` } };
  return { text: formatScaled(parseScaled(text, 2), 2) };
}

function readYear(field: string, label: string, raw: unknown): { year: number } | { issue: Issue } {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d{4}$/.test(text)) return { issue: { field, message: `${label}“${text}”应为四位年份`, messageEn: `${field} "${text}" must be a four-digit year` } };
  const year = Number(text);
  if (year < 2000 || year > 2100) return { issue: { field, message: `${label} ${year} 超出 2000–2100`, messageEn: `${field} ${year} is outside 2000–2100` } };
  return { year };
}

const findDepartment = (plan: Plan, ref: string): Department | undefined => plan.departments.find((d) => d.id === ref || d.name === ref);

/** Splits "市水务局、各县（市、区）人民政府" at separators outside brackets. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '（' || ch === '(') depth++;
    if ((ch === '）' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && /[、,，;；]/.test(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

const list = (raw: unknown): string[] | null => {
  if (Array.isArray(raw)) return raw.map((x) => String(x).trim()).filter(Boolean);
  if (typeof raw === 'string') return splitList(raw);
  return null;
};

/**
 * Validates a new project (`base` null) or a change to one (`base` its current fields; absent inputs keep them).
 * Regions are given by code or name; departments by id or name.
 */
export function validateProject(plan: Plan, input: ProjectInput, base: ProjectFields | null): { fields: ProjectFields } | { issues: Issue[] } {
  const issues: Issue[] = [];
  const has = (k: keyof ProjectInput) => input[k] !== undefined;
  const text = (k: keyof ProjectInput, label: string, required: boolean, max: number): string | null => {
    const v = input[k];
    if (v === undefined) return null;
    const t = v === null ? '' : String(v).trim();
    if (!t && required) issues.push({ field: k, message: `${label}不能为空`, messageEn: `${k} is required` });
    else if (t.length > max) issues.push({ field: k, message: `${label}过长（最多 ${max} 字）`, messageEn: `${k} is too long (at most ${max} characters)` });
    return t;
  };
  if (!base) for (const k of ['category', 'name', 'content', 'investment', 'leads', 'startYear', 'endYear'] as const)
    if (!has(k)) issues.push({ field: k, message: `缺少${LABELS[k]}`, messageEn: `${k} is required` });

  const f: ProjectFields = base ? { ...base, leadIds: [...base.leadIds], regions: [...base.regions], subItems: base.subItems.map((s) => ({ ...s })) } : {
    categoryId: '', subcategory: null, name: '', nameEn: '', content: '', investmentText: '0.00', leadIds: [], regions: [], startYear: 0, endYear: 0, subItems: [],
  };
  if (has('category')) {
    const ref = String(input.category ?? '').trim();
    const c = plan.categories.find((x) => x.id === ref || x.name === ref || x.appendixName === ref);
    if (!c) issues.push({ field: 'category', message: `未知的工程类别“${ref}”，应为：${plan.categories.map((x) => x.name).join('、')}`, messageEn: `unknown category "${ref}"; expected one of ${plan.categories.map((x) => x.id).join(', ')}` });
    else f.categoryId = c.id;
  }
  if (has('subcategory')) f.subcategory = text('subcategory', '工程子类', false, 100) || null;
  if (has('name')) f.name = text('name', '项目名称', true, 200) ?? f.name;
  if (has('nameEn')) f.nameEn = text('nameEn', '英文名称', false, 300) ?? f.nameEn;
  if (has('content')) f.content = text('content', '建设内容', true, 4000) ?? f.content;
  if (has('investment')) {
    const m = readMoney('investment', '投资估算', input.investment);
    if ('issue' in m) issues.push(m.issue);
    else f.investmentText = m.text;
  }
  if (has('leads')) {
    const refs = list(input.leads);
    if (!refs || !refs.length) issues.push({ field: 'leads', message: '至少需要一个牵头单位', messageEn: 'at least one lead department is required' });
    else {
      const ids: string[] = [];
      for (const ref of refs) {
        const d = findDepartment(plan, ref);
        if (!d) issues.push({ field: 'leads', message: `未知的牵头单位“${ref}”（不在规划的责任单位名单中）`, messageEn: `unknown lead department "${ref}" (not among the plan's departments)` });
        else if (!ids.includes(d.id)) ids.push(d.id);
      }
      f.leadIds = ids;
    }
  }
  if (has('regions')) {
    const refs = list(input.regions) ?? [];
    const codes: string[] = [];
    for (const ref of refs) {
      const r = plan.regions.find((x) => x.code === ref || x.name === ref);
      if (!r) issues.push({ field: 'regions', message: `未知的行政区“${ref}”（应为规划范围内的行政区代码或名称）`, messageEn: `unknown region "${ref}" (expected a region code or name of the plan)` });
      else if (r.code !== plan.meta.region && !codes.includes(r.code)) codes.push(r.code); // the city itself = no county named
    }
    f.regions = codes;
    // Sub-items keep their place only in regions the project still names.
    f.subItems = f.subItems.filter((s) => !s.region || codes.includes(s.region));
  }
  for (const [k, label] of [['startYear', '开始年份'], ['endYear', '结束年份']] as const)
    if (has(k)) {
      const y = readYear(k, label, input[k]);
      if ('issue' in y) issues.push(y.issue);
      else f[k] = y.year;
    }
  if (!issues.some((i) => i.field === 'startYear' || i.field === 'endYear') && f.startYear && f.endYear && f.endYear < f.startYear)
    issues.push({ field: 'endYear', message: `结束年份 ${f.endYear} 早于开始年份 ${f.startYear}`, messageEn: `end year ${f.endYear} is before start year ${f.startYear}` });
  return issues.length ? { issues } : { fields: f };
}

const LABELS: Record<keyof ProjectInput, string> = {
  category: '工程类别', subcategory: '工程子类', name: '项目名称', nameEn: '英文名称', content: '建设内容', investment: '投资估算',
  leads: '牵头单位', regions: '涉及行政区', startYear: '开始年份', endYear: '结束年份',
};

// ── yearly progress ─────────────────────────────────────────────────────────────────────────────────────

export interface ProgressInput {
  plannedInvestment?: unknown;
  completedInvestment?: unknown;
  cumulativeInvestment?: unknown;
  physicalProgress?: unknown;
  status?: unknown;
  reason?: unknown;
  milestones?: unknown;
  note?: unknown;
  explanation?: unknown;
}

export type ProgressValues = Omit<ProgressFact, 'no' | 'year' | 'version' | 'recordedAt' | 'recordedBy' | 'isDemo'>;

const STATUS_BY_NAME = new Map<string, ProgressStatus>(
  (Object.entries(STATUSES) as [ProgressStatus, { zh: string; en: string }][]).flatMap(([k, v]) => [[k, k], [v.zh, k], [v.en, k]] as [string, ProgressStatus][]),
);

/** Cumulative completed investment at the end of `year`, in 0.01 亿元: the latest reported cumulative figure up to
 * that year plus the yearly completed amounts reported after it (all of them when none was reported). */
export function cumulativeUnits(entries: readonly Pick<ProgressFact, 'year' | 'completedInvestment' | 'cumulativeInvestment'>[], year: number): bigint {
  const upTo = [...entries].filter((e) => e.year <= year).sort((a, b) => a.year - b.year);
  let sum = 0n;
  for (const e of upTo) sum = e.cumulativeInvestment !== null ? parseScaled(e.cumulativeInvestment, 2) : sum + parseScaled(e.completedInvestment, 2);
  return sum;
}

/**
 * Validates a year's progress for a project. `others` are the project's current entries of other years (for the
 * cumulative figure when it is not given). Refuses: negative or non-numeric amounts, completed investment above
 * the year's planned one is allowed (plans slip both ways) but a cumulative figure above the project's total
 * investment needs an explanation; progress outside 0–100; a year outside the project's period; a status 延期,
 * 暂停 or 终止 without a reason; 已完工 with progress below 100.
 */
export function validateProgress(
  project: Pick<Project, 'no' | 'investmentText' | 'startYear' | 'endYear'>,
  year: number,
  input: ProgressInput,
  others: readonly Pick<ProgressFact, 'year' | 'completedInvestment' | 'cumulativeInvestment'>[],
  planEnd: number,
): { values: ProgressValues } | { issues: Issue[] } {
  const issues: Issue[] = [];
  if (!Number.isInteger(year) || year < project.startYear || year > Math.max(project.endYear, planEnd))
    issues.push({ field: 'year', message: `年份 ${year} 不在项目建设期限（${project.startYear}–${project.endYear}）及规划期内`, messageEn: `year ${year} is outside the project's period (${project.startYear}–${project.endYear}) and the plan` });
  const money = (field: keyof ProgressInput, label: string, optional: boolean): string | null => {
    const raw = input[field];
    if (optional && (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))) return null;
    const m = readMoney(field, label, raw);
    if ('issue' in m) {
      issues.push(m.issue);
      return null;
    }
    return m.text;
  };
  const planned = money('plannedInvestment', '计划投资', false);
  const completed = money('completedInvestment', '完成投资', false);
  const cumulative = money('cumulativeInvestment', '累计完成投资', true);

  let progress: number | null = null;
  const rawP = input.physicalProgress;
  if (rawP !== undefined && rawP !== null && !(typeof rawP === 'string' && rawP.trim() === '')) {
    const t = String(rawP).trim().replace(/%$/, '');
    const read = readDecimalText(t);
    if ('problem' in read) issues.push({ field: 'physicalProgress', message: `形象进度“${String(rawP)}”不是数字（0–100）`, messageEn: `physical progress "${String(rawP)}" is not a number (0–100)` });
    // Exactly: 100.0000000000000000001 is a double equal to 100, but it is above 100.
    else if (!decimalWithin(t, 0, 100)) issues.push({ field: 'physicalProgress', message: `形象进度 ${t}% 超出 0–100`, messageEn: `physical progress ${t} % is outside 0–100` });
    else progress = read.value;
  }

  const statusRef = String(input.status ?? '').trim();
  const status = STATUS_BY_NAME.get(statusRef);
  if (!status) issues.push({ field: 'status', message: `未知的状态“${statusRef}”，应为：${Object.values(STATUSES).map((s) => s.zh).join('、')}`, messageEn: `unknown status "${statusRef}"; expected ${Object.keys(STATUSES).join(', ')}` });
  const reason = typeof input.reason === 'string' && input.reason.trim() ? input.reason.trim() : null;
  if (status && REASON_STATUSES.includes(status) && !reason)
    issues.push({ field: 'reason', message: `状态为“${STATUSES[status].zh}”时须说明原因`, messageEn: `status "${status}" needs a reason` });
  if (status === 'completed' && progress !== null && progress < 100)
    issues.push({ field: 'physicalProgress', message: `状态为“已完工”，形象进度应为 100%（现为 ${progress}%）`, messageEn: `status "completed" needs physical progress 100 % (is ${progress} %)` });
  if (status === 'not_started' && progress !== null && progress > 0)
    issues.push({ field: 'physicalProgress', message: `状态为“未开工”，形象进度应为 0（现为 ${progress}%）`, messageEn: `status "not_started" needs physical progress 0 (is ${progress} %)` });

  const milestones: Milestone[] = [];
  if (input.milestones !== undefined && input.milestones !== null) {
    if (!Array.isArray(input.milestones)) issues.push({ field: 'milestones', message: '里程碑应为列表', messageEn: 'milestones must be a list' });
    else
      input.milestones.forEach((m: unknown, i) => {
        const x = (m ?? {}) as { name?: unknown; date?: unknown; done?: unknown };
        const name = typeof x.name === 'string' ? x.name.trim() : '';
        const date = typeof x.date === 'string' ? x.date.trim() : '';
        if (!name) issues.push({ field: `milestones[${i}].name`, message: `第 ${i + 1} 个里程碑缺少名称`, messageEn: `milestone ${i + 1} has no name` });
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)
          issues.push({ field: `milestones[${i}].date`, message: `第 ${i + 1} 个里程碑日期“${date}”无效（应为 YYYY-MM-DD）`, messageEn: `milestone ${i + 1} date "${date}" is invalid (YYYY-MM-DD)` });
        milestones.push({ name, date, done: x.done === true });
      });
  }
  const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim() : null;
  const explanation = typeof input.explanation === 'string' && input.explanation.trim() ? input.explanation.trim() : null;

  if (completed !== null && cumulative !== null && parseScaled(cumulative, 2) < parseScaled(completed, 2))
    issues.push({ field: 'cumulativeInvestment', message: `累计完成投资 ${cumulative} 亿元小于当年完成投资 ${completed} 亿元`, messageEn: `cumulative investment ${cumulative} is below this year's completed investment ${completed}` });
  if (completed !== null) {
    const total = parseScaled(project.investmentText, 2);
    const cum = cumulativeUnits([...others.filter((o) => o.year !== year), { year, completedInvestment: completed, cumulativeInvestment: cumulative }], year);
    if (cum > total && !explanation)
      issues.push({
        field: cumulative !== null ? 'cumulativeInvestment' : 'completedInvestment',
        message: `累计完成投资 ${formatScaled(cum, 2)} 亿元超过项目总投资 ${project.investmentText} 亿元，须填写超概算说明（explanation）`,
        messageEn: `cumulative investment ${formatScaled(cum, 2)} exceeds the project's total ${project.investmentText} (100M yuan): an explanation is required`,
      });
  }
  if (issues.length || !status || planned === null || completed === null) return { issues };
  return { values: { plannedInvestment: planned, completedInvestment: completed, cumulativeInvestment: cumulative, physicalProgress: progress, status, reason, milestones, note, explanation } };
}

/** Whether a user may report a project's progress: staff of the plan owner, or a reporter of a lead department.
 * A county (town) government also reports for a project led by "各县（市、区）人民政府" ("各乡镇人民政府（街道办事处）")
 * that names its region or no region. */
export function mayReportProgress(plan: Plan, user: { role: string; departmentId: string | null }, project: Pick<Project, 'leadIds' | 'regions'>): boolean {
  if (user.role === 'admin' || user.role === 'reviewer') return true;
  if (user.role !== 'reporter' || !user.departmentId) return false;
  if (project.leadIds.includes(user.departmentId)) return true;
  const own = plan.departments.find((d) => d.id === user.departmentId);
  const region = governedRegion(own);
  if (!own || !region) return false;
  const collective = project.leadIds.some((id) => collectiveIncludes(plan.departments.find((d) => d.id === id), own));
  return collective && (project.regions.length === 0 || project.regions.includes(region));
}

/** The current (latest) version of each project's entry for each year. */
export function currentProgress(facts: readonly ProgressFact[]): ProgressFact[] {
  const latest = new Map<string, ProgressFact>();
  for (const f of facts) {
    const k = `${f.no}|${f.year}`;
    if ((latest.get(k)?.version ?? 0) < f.version) latest.set(k, f);
  }
  return [...latest.values()].sort((a, b) => a.no - b.no || a.year - b.year);
}
