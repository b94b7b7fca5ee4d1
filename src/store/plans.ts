// Plan repository: seeds a validated plan into the tables and reads it back as the same Plan model.
// Reading goes through buildPlan again, so the API, the CLI and the folder loader share one assembly.
import type { Kysely, Transaction } from 'kysely';
import { buildPlan } from '../plan/build.js';
import { formatScaled, parseScaled } from '../plan/decimal.js';
import type { Plan, PlanRevisionRef, Region } from '../plan/model.js';
import type { RawPlanFiles } from '../plan/schema.js';
import type { Database } from './schema.js';
import type { Scheme } from '../assessment/scheme.js';
import { writeSchemes } from './assessment.js';
import { audit } from './users.js';
import type { PlanBoundaries } from '../planfolder/boundaries.js';

export const DEFAULT_PLAN_ALIAS = 'default';

/** `revised`: the folder changed, but the stored plan has approved revisions, so it was kept as it is. */
export type SeedOutcome = 'created' | 'unchanged' | 'updated' | 'revised';

/**
 * Writes the plan (and its assessment schemes) if it is absent or its folder changed (content hash);
 * otherwise does nothing. A scheme version used by a published result that changed refuses the whole seeding
 * (AssessmentError SCHEME_FROZEN): nothing is written.
 */
export async function seedPlan(db: Kysely<Database>, plan: Plan, contentHash: string, opts: { isDefault: boolean; schemes?: readonly Scheme[]; boundaries?: PlanBoundaries | null }): Promise<SeedOutcome> {
  const existing = await db.selectFrom('plans').select(['content_hash', 'revision']).where('id', '=', plan.meta.id).executeTakeFirst();
  if (existing && existing.content_hash === contentHash) return 'unchanged';
  // A plan revised in the database (an approved revision) is no longer the folder's: the folder does not replace it.
  if (existing && (await hasApprovedRevision(db, plan.meta.id))) return 'revised';
  await db.transaction().execute(async (trx) => {
    if (opts.isDefault) await trx.updateTable('plans').set({ is_default: 0 }).where('id', '!=', plan.meta.id).execute();
    // The plan row stays (observations refer to it); its metadata rows are replaced.
    if (existing) {
      for (const table of PLAN_METADATA_TABLES) await trx.deleteFrom(table).where('plan_id', '=', plan.meta.id).execute();
      // A proposed revision was made against the content replaced here: it no longer applies.
      await trx.deleteFrom('plan_revisions').where('plan_id', '=', plan.meta.id).execute();
    }
    await insertPlan(trx, plan, contentHash, opts.isDefault, existing ? existing.revision + 1 : 1, Boolean(existing));
    await writeSchemes(trx, plan.meta.id, opts.schemes ?? []);
    const b = opts.boundaries;
    if (b)
      await trx
        .insertInto('plan_boundaries')
        .values({ plan_id: plan.meta.id, file: b.file, source: b.source, licence: b.licence, licence_text: b.licenceText, review_number: b.reviewNumber, note: b.note, geojson: JSON.stringify(b.geojson) })
        .execute();
  });
  return existing ? 'updated' : 'created';
}

/** Tables that hold the plan's own metadata, children first (the order deletes must follow). */
const PLAN_METADATA_TABLES = [
  'plan_boundaries', 'plan_note_indicators', 'plan_notes', 'project_sub_items', 'project_regions', 'project_leads', 'projects',
  'project_categories', 'indicator_departments', 'indicator_targets', 'indicators', 'departments', 'task_areas',
  'domains', 'regions', 'plan_horizons',
] as const;

async function hasApprovedRevision(db: Kysely<Database>, planId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('plan_revisions').select('no').where('plan_id', '=', planId).where('status', '=', 'approved').limit(1).executeTakeFirst());
}

/**
 * Measures (which indicator takes a value computed from monitoring, carbon or survey data) came after plans could be
 * loaded and revised. A plan stored before then names no measure anywhere, in its tables or in any version kept in
 * plan_revisions, so its computed values have no indicator and are refused. This fills them in from the plan's
 * folder, in every stored version, for the indicators whose number, name and unit are the folder's; once, audited.
 * A plan that names a measure anywhere chose its measures itself and is left alone. Returns the codes filled in the
 * current version.
 */
export async function fillMissingMeasures(db: Kysely<Database>, source: Plan): Promise<number[]> {
  const planId = source.meta.id;
  const wanted = new Map(source.indicators.filter((x) => x.measure).map((x) => [x.code, x]));
  if (!wanted.size) return [];
  const measureOf = (x: { code: number; name: string; unit: string }) => {
    const w = wanted.get(x.code);
    return w && w.name === x.name && w.unit === x.unit ? w.measure : null;
  };
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('indicators').select(['code', 'name', 'unit', 'measure']).where('plan_id', '=', planId).orderBy('code').execute();
    if (!rows.length || rows.some((r) => r.measure !== null)) return [];
    const versions = (await trx.selectFrom('plan_revisions').select(['no', 'files']).where('plan_id', '=', planId).execute()).map((v) => ({ no: v.no, files: JSON.parse(v.files) as RawPlanFiles }));
    if (versions.some((v) => v.files['indicators.yaml'].some((x) => x.measure))) return [];
    const filled: number[] = [];
    for (const r of rows) {
      const measure = measureOf(r);
      if (!measure) continue;
      await trx.updateTable('indicators').set({ measure }).where('plan_id', '=', planId).where('code', '=', r.code).execute();
      filled.push(r.code);
    }
    const inVersions: number[] = [];
    for (const v of versions) {
      let changed = false;
      for (const x of v.files['indicators.yaml']) {
        const measure = measureOf(x);
        if (!measure) continue;
        x.measure = measure;
        changed = true;
      }
      if (!changed) continue;
      await trx.updateTable('plan_revisions').set({ files: JSON.stringify(v.files) }).where('plan_id', '=', planId).where('no', '=', v.no).execute();
      inVersions.push(v.no);
    }
    if (!filled.length && !inVersions.length) return [];
    // The read model is cached per revision of the stored plan: count it up so every reader sees the measures.
    const { revision } = await trx.selectFrom('plans').select('revision').where('id', '=', planId).executeTakeFirstOrThrow();
    await trx.updateTable('plans').set({ revision: revision + 1 }).where('id', '=', planId).execute();
    await audit(trx, {
      userId: null,
      action: 'plan.measures.fill',
      entity: 'plan',
      entityId: planId,
      detail: { indicators: filled.map((code) => ({ code, measure: wanted.get(code)!.measure })), versions: inVersions, source: 'plan folder' },
    });
    return filled;
  });
}

/**
 * Replaces a stored plan's content (not its boundaries, schemes or default flag) by an approved revision's, and counts
 * its read-model revision up so caches rebuild. Runs in the caller's transaction.
 */
export async function replacePlanContent(trx: Transaction<Database>, plan: Plan): Promise<void> {
  const row = await trx.selectFrom('plans').select(['content_hash', 'revision', 'is_default']).where('id', '=', plan.meta.id).executeTakeFirstOrThrow();
  for (const table of PLAN_METADATA_TABLES) if (table !== 'plan_boundaries') await trx.deleteFrom(table).where('plan_id', '=', plan.meta.id).execute();
  await insertPlan(trx, plan, row.content_hash, row.is_default === 1, row.revision + 1, true);
}

async function insertPlan(trx: Transaction<Database>, plan: Plan, contentHash: string, isDefault: boolean, revision: number, exists: boolean) {
  const plan_id = plan.meta.id;
  const m = plan.meta;
  const row = {
    id: plan_id,
    name: m.name,
    name_en: m.nameEn,
    short_name: m.shortName,
    issued: m.issued,
    base_year: m.baseYear,
    period_start: m.period.start,
    period_end: m.period.end,
    area_text: m.area.text,
    area_unit: m.area.unit,
    region_code: m.region,
  owner_department_id: m.owner,
  county_indicators: JSON.stringify(m.countyIndicators),
  evidence_required: m.evidenceRequired,
  validation: JSON.stringify(m.validation),
    source: m.source,
    is_default: isDefault ? 1 : 0,
    content_hash: contentHash,
    revision,
    seeded_at: new Date().toISOString(),
  };
  if (exists) await trx.updateTable('plans').set(row).where('id', '=', plan_id).execute();
  else await trx.insertInto('plans').values(row).execute();
  const insert = async <T extends keyof Database>(table: T, rows: Database[T][]) => {
    if (rows.length) await trx.insertInto(table).values(rows as never).execute();
  };
  await insert('plan_horizons', m.horizons.map((h) => ({ plan_id, year: h.year, label: h.label, label_en: h.labelEn })));
  await insert(
    'regions',
    plan.regions.map((r, sort) => ({ plan_id, code: r.code, name: r.name, name_en: r.nameEn, level: r.level, type: r.type, parent_code: r.parent, sort })),
  );
  await insert('domains', plan.domains.map((d) => ({ plan_id, id: d.id, name: d.name, name_en: d.nameEn, sort: d.order })));
  await insert(
    'task_areas',
    plan.domains.flatMap((d) =>
      d.taskAreas.map((t) => ({ plan_id, id: t.id, domain_id: d.id, numeral: t.numeral, name: t.name, name_en: t.nameEn, sort: t.order })),
    ),
  );
  await insert(
    'departments',
    plan.departments.map((d, sort) => ({
      plan_id, id: d.id, name: d.name, name_en: d.nameEn, kind: d.kind, region_code: d.region, sort,
      carbon_sectors: d.carbonSectors.length ? JSON.stringify(d.carbonSectors) : null,
    })),
  );
  await insert(
    'indicators',
    plan.indicators.map((x) => ({
      plan_id,
      code: x.code,
      name: x.name,
      name_en: x.nameEn,
      group_name: x.group,
      group_name_en: x.groupEn,
      task_area_id: x.taskAreaId,
      unit: x.unit,
      binding: x.binding ? 1 : 0,
      local: x.local ? 1 : 0,
      direction: x.direction,
      assess_progress: x.assessProgress ? 1 : 0,
      measure: x.measure,
      baseline_text: x.baseline.text,
      baseline_year: x.baseline.year === m.baseYear ? null : x.baseline.year,
      baseline_note: x.baseline.note,
    })),
  );
  await insert(
    'indicator_targets',
    plan.indicators.flatMap((x) =>
      Object.entries(x.targets).map(([year, t]) => ({ plan_id, indicator_code: x.code, horizon_year: Number(year), text: t.text })),
    ),
  );
  await insert(
    'indicator_departments',
    plan.indicators.flatMap((x) => x.departmentIds.map((department_id, sort) => ({ plan_id, indicator_code: x.code, department_id, sort }))),
  );
  await insert(
    'project_categories',
    plan.categories.map((c) => ({ plan_id, id: c.id, name: c.name, name_en: c.nameEn, appendix_name: c.appendixName, sort: c.order })),
  );
  await insert(
    'projects',
    plan.projects.map((p) => ({
      plan_id,
      no: p.no,
      category_id: p.categoryId,
      subcategory: p.subcategory,
      name: p.name,
      name_en: p.nameEn,
      content: p.content,
      // 亿元 with two decimals → 万元 (1 亿元 = 10000 万元), exactly.
      investment_wan: Number(parseScaled(p.investmentText, 2) * 100n),
      start_year: p.startYear,
      end_year: p.endYear,
      initial_links: ((l) => (l ? JSON.stringify({ indicators: l.indicators, why: l.why }) : null))(plan.initialLinks.find((l) => l.project === p.no)),
    })),
  );
  await insert('project_leads', plan.projects.flatMap((p) => p.leadIds.map((department_id, sort) => ({ plan_id, project_no: p.no, department_id, sort }))));
  await insert('project_regions', plan.projects.flatMap((p) => p.regions.map((region_code, sort) => ({ plan_id, project_no: p.no, region_code, sort }))));
  await insert(
    'project_sub_items',
    plan.projects.flatMap((p) => p.subItems.map((s) => ({ plan_id, project_no: p.no, no: s.no, name: s.name, region_code: s.region }))),
  );
  await insert('plan_notes', plan.notes.map((n) => ({ plan_id, no: n.no, text: n.text })));
  await insert('plan_note_indicators', plan.notes.flatMap((n) => n.indicators.map((indicator_code) => ({ plan_id, note_no: n.no, indicator_code }))));
}

/** A plan's region boundaries as stored (the GeoJSON as JSON text), or null when its folder declares none. */
export async function loadBoundaries(db: Kysely<Database>, planId: string) {
  return (await db.selectFrom('plan_boundaries').selectAll().where('plan_id', '=', planId).executeTakeFirst()) ?? null;
}

/** The plan id an URL segment names: `default` is the plan marked as default. Null when there is none. */
export async function resolvePlan(db: Kysely<Database>, idOrAlias: string): Promise<{ id: string; revision: number } | null> {
  const q = db.selectFrom('plans').select(['id', 'revision']);
  const row = await (idOrAlias === DEFAULT_PLAN_ALIAS ? q.where('is_default', '=', 1) : q.where('id', '=', idOrAlias)).limit(1).executeTakeFirst();
  return row ?? null;
}

export async function listPlans(db: Kysely<Database>) {
  return db.selectFrom('plans').select(['id', 'name', 'name_en', 'is_default', 'revision']).orderBy('id').execute();
}

function wanToYiText(wan: number): string {
  const units = BigInt(wan);
  return units % 100n === 0n ? formatScaled(units / 100n, 2) : formatScaled(units, 4);
}

/** Reads a stored plan back into the Plan model. */
export async function loadPlan(db: Kysely<Database>, planId: string): Promise<Plan> {
  const [raw, versions] = await Promise.all([
    loadRawPlan(db, planId),
    db.selectFrom('plan_revisions').selectAll().where('plan_id', '=', planId).where('status', 'in', ['original', 'approved']).orderBy('no').execute(),
  ]);
  const plan = buildStored(planId, raw);
  // Revised: the tables hold the latest approved version; the earlier ones are kept whole in plan_revisions.
  if (versions.length > 1) {
    const ref = (v: (typeof versions)[number]): PlanRevisionRef => ({ no: v.no, effectiveYear: v.effective_year, document: v.document, reason: v.reason, approvedAt: v.decided_at });
    plan.revision = ref(versions.at(-1)!);
    plan.earlier = versions.slice(0, -1).map((v) => ({ ...buildStored(planId, JSON.parse(v.files) as RawPlanFiles), revision: ref(v) }));
  }
  return plan;
}

function buildStored(planId: string, raw: RawPlanFiles): Plan {
  const built = buildPlan(raw);
  if (!built.ok) throw new Error(`stored plan ${planId} no longer validates: ${JSON.stringify(built.problems.slice(0, 3))}`);
  return built.plan;
}

/** The stored plan as the contents of a plan folder (what `plan export-workbook` writes out). */
export async function loadRawPlan(db: Kysely<Database>, planId: string): Promise<RawPlanFiles> {
  const [p, horizons, regions, domains, tasks, departments, indicators, targets, indDeps, categories, projects, leads, projRegions, subItems, notes, noteInds] =
    await Promise.all([
      db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow(),
      db.selectFrom('plan_horizons').selectAll().where('plan_id', '=', planId).orderBy('year').execute(),
      db.selectFrom('regions').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('domains').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('task_areas').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('departments').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('indicators').selectAll().where('plan_id', '=', planId).orderBy('code').execute(),
      db.selectFrom('indicator_targets').selectAll().where('plan_id', '=', planId).orderBy('horizon_year').execute(),
      db.selectFrom('indicator_departments').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('project_categories').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('projects').selectAll().where('plan_id', '=', planId).orderBy('no').execute(),
      db.selectFrom('project_leads').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('project_regions').selectAll().where('plan_id', '=', planId).orderBy('sort').execute(),
      db.selectFrom('project_sub_items').selectAll().where('plan_id', '=', planId).orderBy('no').execute(),
      db.selectFrom('plan_notes').selectAll().where('plan_id', '=', planId).orderBy('no').execute(),
      db.selectFrom('plan_note_indicators').selectAll().where('plan_id', '=', planId).orderBy('indicator_code').execute(),
    ]);
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const groupBy = <R, K>(rows: R[], key: (r: R) => K) => {
    const map = new Map<K, R[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  };
  const targetsBy = groupBy(targets, (t) => t.indicator_code);
  const depsBy = groupBy(indDeps, (d) => d.indicator_code);
  const leadsBy = groupBy(leads, (l) => l.project_no);
  const regionsBy = groupBy(projRegions, (r) => r.project_no);
  const subBy = groupBy(subItems, (s) => s.project_no);
  const noteIndsBy = groupBy(noteInds, (n) => n.note_no);
  const opt = <T>(v: T | null) => (v === null ? undefined : v);
  const raw: RawPlanFiles = {
    'plan.yaml': {
      id: p.id,
      name: p.name,
      nameEn: p.name_en,
      shortName: p.short_name,
      issued: p.issued,
      baseYear: p.base_year,
      period: { start: p.period_start, end: p.period_end },
      horizons: horizons.map((h) => ({ year: h.year, label: h.label, labelEn: h.label_en })),
      area: { text: p.area_text, unit: p.area_unit },
      region: p.region_code,
      owner: p.owner_department_id,
      countyIndicators: JSON.parse(p.county_indicators) as number[],
      evidenceRequired: p.evidence_required,
      validation: JSON.parse(p.validation) as RawPlanFiles['plan.yaml']['validation'],
      source: p.source,
    },
    'regions.yaml': regions.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      level: r.level as Region['level'],
      type: r.type as RawPlanFiles['regions.yaml'][number]['type'],
      parent: opt(r.parent_code),
    })),
    'domains.yaml': domains.map((d) => ({
      id: d.id,
      name: d.name,
      nameEn: d.name_en,
      taskAreas: tasks.filter((t) => t.domain_id === d.id).map((t) => ({ id: t.id, numeral: t.numeral, name: t.name, nameEn: t.name_en })),
    })),
    'departments.yaml': departments.map((d) => ({
      id: d.id,
      name: d.name,
      nameEn: d.name_en,
      kind: d.kind as RawPlanFiles['departments.yaml'][number]['kind'],
      region: opt(d.region_code),
      carbonSectors: d.carbon_sectors ? (JSON.parse(d.carbon_sectors) as RawPlanFiles['departments.yaml'][number]['carbonSectors']) : undefined,
    })),
    'indicators.yaml': indicators.map((x) => ({
      code: x.code,
      group: x.group_name ? { name: x.group_name, nameEn: x.group_name_en ?? x.group_name } : undefined,
      name: x.name,
      nameEn: x.name_en,
      taskArea: x.task_area_id,
      unit: x.unit,
      binding: x.binding === 1,
      local: x.local === 1,
      direction: x.direction as 'increase' | 'decrease' | null,
      progress: x.assess_progress === 1,
      measure: opt(x.measure),
      baseline: { text: x.baseline_text, year: opt(x.baseline_year), note: opt(x.baseline_note) },
      targets: Object.fromEntries((targetsBy.get(x.code) ?? []).map((t) => [String(t.horizon_year), t.text])),
      departments: (depsBy.get(x.code) ?? []).map((d) => departmentName.get(d.department_id)!),
    })),
    'projects.yaml': {
      categories: categories.map((c) => ({ id: c.id, name: c.name, nameEn: c.name_en, appendixName: c.appendix_name })),
      projects: projects.map((x) => ({
        no: x.no,
        category: x.category_id,
        subcategory: opt(x.subcategory),
        name: x.name,
        nameEn: x.name_en,
        content: x.content,
        investment: wanToYiText(x.investment_wan),
        leads: (leadsBy.get(x.no) ?? []).map((l) => departmentName.get(l.department_id)!),
        period: { start: x.start_year, end: x.end_year },
        regions: (regionsBy.get(x.no) ?? []).map((r) => r.region_code),
        subItems: (subBy.get(x.no) ?? []).map((s) => ({ no: s.no, name: s.name, region: opt(s.region_code) })),
        links: x.initial_links ? (JSON.parse(x.initial_links) as { indicators: number[]; why: string }) : undefined,
      })),
    },
    'notes.yaml': notes.map((n) => ({ no: n.no, text: n.text, indicators: (noteIndsBy.get(n.no) ?? []).map((i) => i.indicator_code) })),
  };
  return raw;
}
