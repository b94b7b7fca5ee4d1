// Reads what the portal shows from the store: approved observations, the project library, approved GEP facts, the
// published carbon inventories (figures as published), the published documents and the map boundaries (the plan
// folder's, or the deployment's override). Everything else (drafts, submissions, comments, accounts,
// evidence, unpublished documents) is never read here, so it cannot reach a page or a file of the site.
import { existsSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { GepError } from '../gep/errors.js';
import { accountJson } from '../gep/present.js';
import type { Plan } from '../plan/model.js';
import { reportProjects } from '../reports/store.js';
import { accountOf, loadGep, usesDemo } from '../store/gepQueries.js';
import { loadBoundaries } from '../store/plans.js';
import type { BoundaryGeoJson } from '../planfolder/boundaries.js';
import { approvedObservations } from '../store/observations.js';
import { publishedInventories } from '../store/carbonPublications.js';
import { extensionOf, publishedDocuments } from '../store/portalDocuments.js';
import type { Database } from '../store/schema.js';
import type { PortalGeo, PortalInput, PublishedDocument } from './model.js';

/**
 * The plan folder's boundaries (boundaries.yaml), for the public portal's maps: only a reviewed map may be
 * published, so only when the folder gives its 审图号 (reviewNumber); null otherwise. The folder names features by
 * region name; the portal keys them by code (properties.code), taken from the plan's regions.
 */
export async function planGeo(db: Kysely<Database>, plan: Plan): Promise<PortalGeo | null> {
  const row = await loadBoundaries(db, plan.meta.id);
  if (!row?.review_number) return null;
  const codeOf = new Map(plan.regions.map((r) => [r.name, r.code]));
  const fc = JSON.parse(row.geojson) as BoundaryGeoJson;
  const features = fc.features.map((f) => ({ ...f, properties: { ...f.properties, code: codeOf.get(f.properties.name) ?? '' } }));
  return { geojson: { ...fc, features }, approvalNo: row.review_number };
}

/** The deployment's override of the map: both a GeoJSON file and its 审图号 in the environment (docs/portal.md). */
export function configuredGeo(env: NodeJS.ProcessEnv = process.env): PortalGeo | null {
  const file = env.ECOPLAN_PORTAL_GEOJSON;
  const approvalNo = env.ECOPLAN_PORTAL_MAP_APPROVAL?.trim();
  if (!file || !approvalNo || !existsSync(file)) return null;
  try {
    return { geojson: JSON.parse(readFileSync(file, 'utf8')), approvalNo };
  } catch {
    return null;
  }
}

/** The city's GEP total by year, from approved GEP facts, for years with an extent account. */
function gepHeadline(plan: Plan, data: Awaited<ReturnType<typeof loadGep>>): PortalInput['gep'] {
  const city = plan.meta.region;
  const years = [...new Set(data.facts.filter((f) => f.kind === 'extent' && f.region === city).map((f) => f.year))].sort((a, b) => a - b);
  const out: PortalInput['gep'] = [];
  for (const year of years) {
    try {
      const a = accountJson(accountOf(plan, data, city, year).account);
      out.push({ year, totalYi: a.total.yi, demo: usesDemo(data, city, year) });
    } catch (e) {
      if (!(e instanceof GepError)) throw e; // an incomplete account is simply not a headline
    }
  }
  return out;
}

export async function loadPortalInput(db: Kysely<Database>, plan: Plan, revision: number, opts: { geo?: PortalGeo | null; currentYear?: number } = {}): Promise<PortalInput> {
  const [observations, projects, gep, docs, carbon] = await Promise.all([approvedObservations(db, plan.meta.id), reportProjects(db, plan), loadGep(db, plan), publishedDocuments(db, plan.meta.id), publishedInventories(db, plan.meta.id)]);
  const documents: PublishedDocument[] = docs.map((d) => ({
    id: d.id,
    kind: d.kind,
    title: d.title,
    titleEn: d.titleEn,
    year: d.year,
    fileName: d.fileName,
    contentType: d.contentType,
    sitePath: `documents/${d.id}.${extensionOf(d.contentType)}`,
    size: d.size,
    sha256: d.sha256,
    publishedAt: d.publishedAt!,
    body: d.body,
  }));
  return {
    plan,
    revision,
    observations,
    projects,
    gep: gepHeadline(plan, gep),
    carbon,
    documents,
    // The deployment's override wins; else the plan's own reviewed boundaries; else no map.
    geo: opts.geo === undefined ? (configuredGeo() ?? (await planGeo(db, plan))) : opts.geo,
    currentYear: opts.currentYear ?? new Date().getFullYear(),
  };
}
