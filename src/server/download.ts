// Files the API sends: a Content-Disposition that carries the Chinese file name (with an ASCII fallback for old
// clients), and stored evidence files served as attachments that browsers must not sniff.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file body in the OpenAPI document: bytes, not JSON (bodies are Buffers, sent as they are). */
export const binarySchema = z.any().meta({ type: 'string', format: 'binary' });

/** The 200 answer of a download route, so the OpenAPI document (and clients generated from it) know it is a file. */
export function fileResponse(description: string, ...types: string[]) {
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema: binarySchema }])) };
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends a generated file as a download named `fileName` (`fallback` for clients without RFC 5987). */
export function sendDownload(reply: FastifyReply, file: { type: string; fileName: string; fallback: string; body: Buffer | string; inline?: boolean }) {
  return reply
    .type(file.type)
    .header('content-disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.fileName, file.fallback))
    .send(file.body);
}

/** Sends an uploaded evidence file back as stored: its sniffed type, always as an attachment, never sniffed again. */
export function sendStoredFile(reply: FastifyReply, row: { content_type: string; file_name: string; content_base64: string }) {
  return reply
    .type(row.content_type)
    .header('content-disposition', contentDisposition('attachment', row.file_name, 'evidence'))
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(row.content_base64, 'base64'));
}
