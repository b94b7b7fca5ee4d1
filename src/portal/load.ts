// Reads what the portal shows from the store: approved observations, the project library, approved GEP facts, the
// published carbon inventories (figures as published), the published documents and the configured map boundaries. Everything else (drafts, submissions, comments, accounts,
// evidence, unpublished documents) is never read here, so it cannot reach a page or a file of the site.
import { existsSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { GepError } from '../gep/errors.js';
import { accountJson } from '../gep/present.js';
import type { Plan } from '../plan/model.js';
import { reportProjects } from '../reports/store.js';
import { accountOf, loadGep, usesDemo } from '../store/gepQueries.js';
import { approvedObservations } from '../store/observations.js';
import { publishedInventories } from '../store/carbonPublications.js';
import { extensionOf, publishedDocuments } from '../store/portalDocuments.js';
import type { Database } from '../store/schema.js';
import type { PortalGeo, PortalInput, PublishedDocument } from './model.js';

/** The map boundaries, when the deployment configured both a GeoJSON file and its 审图号 (docs/portal.md). */
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
    geo: opts.geo === undefined ? configuredGeo() : opts.geo,
    currentYear: opts.currentYear ?? new Date().getFullYear(),
  };
}
