// Documents of the public portal: stored once, published and withdrawn by events, each change audited in
// the same transaction. Only a document whose latest event is "publish" is public.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, PortalDocumentsTable } from './schema.js';
import { audit } from './users.js';

export type DocumentKind = PortalDocumentsTable['kind'];

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  titleEn: string;
  year: number | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  origin: 'upload' | 'generated';
  dataVersion: string | null;
  createdAt: string;
  published: boolean;
  /** When it was last published (ISO), while published. */
  publishedAt: string | null;
  events: { action: 'publish' | 'withdraw'; reason: string | null; at: string }[];
}

export interface Actor {
  id: string;
  ip?: string | null;
}

export class DocumentError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

/** The extension a stored document is served with, by its type. */
export function extensionOf(contentType: string): string {
  if (contentType.startsWith('application/pdf')) return 'pdf';
  if (contentType.startsWith('text/html')) return 'html';
  if (contentType.includes('wordprocessingml')) return 'docx';
  return 'bin';
}

export async function addDocument(
  db: Kysely<Database>,
  planId: string,
  doc: { kind: DocumentKind; title: string; titleEn: string; year: number | null; fileName: string; contentType: string; body: Buffer; origin: 'upload' | 'generated'; dataVersion?: string | null },
  by: Actor,
): Promise<string> {
  const id = randomUUID();
  const sha256 = createHash('sha256').update(doc.body).digest('hex');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('portal_documents')
      .values({ id, plan_id: planId, kind: doc.kind, title: doc.title, title_en: doc.titleEn, year: doc.year, file_name: doc.fileName, content_type: doc.contentType, size: doc.body.length, sha256, body: doc.body, origin: doc.origin, data_version: doc.dataVersion ?? null, created_by: by.id, created_at: new Date().toISOString() })
      .execute();
    await audit(trx, { userId: by.id, action: 'document.add', entity: 'portal_document', entityId: id, detail: { kind: doc.kind, title: doc.title, fileName: doc.fileName, sha256, origin: doc.origin, dataVersion: doc.dataVersion ?? null }, ip: by.ip ?? null });
  });
  return id;
}

/** Every document of a plan with its publication state (for reviewers), newest first. */
export async function listDocuments(db: Kysely<Database>, planId: string): Promise<DocumentSummary[]> {
  const docs = await db
    .selectFrom('portal_documents')
    .select(['id', 'kind', 'title', 'title_en', 'year', 'file_name', 'content_type', 'size', 'sha256', 'origin', 'data_version', 'created_at'])
    .where('plan_id', '=', planId)
    .orderBy('created_at', 'desc')
    .execute();
  const events = docs.length
    ? await db.selectFrom('portal_document_events').select(['document_id', 'action', 'reason', 'at']).where('document_id', 'in', docs.map((d) => d.id)).orderBy('at').orderBy('id').execute()
    : [];
  return docs.map((d) => {
    const own = events.filter((e) => e.document_id === d.id).map((e) => ({ action: e.action, reason: e.reason, at: e.at }));
    const last = own.at(-1);
    const published = last?.action === 'publish';
    return {
      id: d.id,
      kind: d.kind,
      title: d.title,
      titleEn: d.title_en,
      year: d.year,
      fileName: d.file_name,
      contentType: d.content_type,
      size: d.size,
      sha256: d.sha256,
      origin: d.origin,
      dataVersion: d.data_version,
      createdAt: d.created_at,
      published,
      publishedAt: published ? last!.at : null,
      events: own,
    };
  });
}

/** The published documents with their bytes (what the portal serves). */
export async function publishedDocuments(db: Kysely<Database>, planId: string): Promise<(DocumentSummary & { body: Buffer })[]> {
  const published = (await listDocuments(db, planId)).filter((d) => d.published);
  if (!published.length) return [];
  const bodies = await db.selectFrom('portal_documents').select(['id', 'body']).where('id', 'in', published.map((d) => d.id)).execute();
  const byId = new Map(bodies.map((b) => [b.id, Buffer.from(b.body)]));
  return published.map((d) => ({ ...d, body: byId.get(d.id)! }));
}

/** A stored document's bytes, for reviewers (published or not). */
export async function documentBody(db: Kysely<Database>, planId: string, id: string) {
  return db.selectFrom('portal_documents').select(['file_name', 'content_type', 'body']).where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst();
}

/** Publishes or withdraws a document; refuses a change that changes nothing (publishing a published document). */
export async function setPublished(db: Kysely<Database>, planId: string, id: string, action: 'publish' | 'withdraw', by: Actor, reason: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const doc = await trx.selectFrom('portal_documents').select(['id', 'title']).where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst();
    if (!doc) throw new DocumentError(404, 'NOT_FOUND', `文件 ${id} 不存在`, `document ${id} not found`);
    const last = await trx.selectFrom('portal_document_events').select('action').where('document_id', '=', id).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const published = last?.action === 'publish';
    if (action === 'publish' && published) throw new DocumentError(409, 'ALREADY_PUBLISHED', `“${doc.title}”已发布`, `"${doc.title}" is already published`);
    if (action === 'withdraw' && !published) throw new DocumentError(409, 'NOT_PUBLISHED', `“${doc.title}”未发布，无需撤回`, `"${doc.title}" is not published`);
    await trx.insertInto('portal_document_events').values({ id: randomUUID(), document_id: id, action, reason, by_user: by.id, at: new Date().toISOString() }).execute();
    await audit(trx, { userId: by.id, action: `document.${action}`, entity: 'portal_document', entityId: id, detail: { title: doc.title, ...(reason ? { reason } : {}) }, ip: by.ip ?? null });
  });
}

/** Changes whenever a document is added, published or withdrawn (keys the portal's cache). */
export async function documentsRevision(db: Kysely<Database>, planId: string): Promise<string> {
  const d = await db.selectFrom('portal_documents').select((eb) => [eb.fn.countAll<number>().as('n')]).where('plan_id', '=', planId).executeTakeFirst();
  const e = await db
    .selectFrom('portal_document_events')
    .innerJoin('portal_documents', 'portal_documents.id', 'portal_document_events.document_id')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('portal_document_events.at').as('at')])
    .where('portal_documents.plan_id', '=', planId)
    .executeTakeFirst();
  return `${d?.n ?? 0}|${e?.n ?? 0}@${e?.at ?? ''}`;
}
