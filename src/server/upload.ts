// Reading one uploaded file (multipart) with a size limit: the same refusals, in both languages, on every upload
// route — no file (400 NO_FILE), too large (413 FILE_TOO_LARGE, naming the limit).
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import { ApiError } from './errors.js';

/**
 * An upload route's form, for the OpenAPI document (schema.upload; app.ts): text `fields` first, as the route reads
 * them, then the one `file`, described by `what`.
 */
export function uploadBody(what: string, fields: z.ZodRawShape = {}) {
  return z.object({ ...fields, file: z.any().meta({ type: 'string', format: 'binary', description: what }) });
}

/** 413 naming the limit in MB, for a reader that stopped at `limit` bytes. */
export function fileTooLarge(limit: number): ApiError {
  const mb = Number((limit / 1048576).toFixed(1));
  return new ApiError(413, 'FILE_TOO_LARGE', `文件过大，上限 ${mb} MB`, `file too large; the limit is ${mb} MB`);
}

/** Whether an error is multipart's "file exceeds the limit". */
export const isTooLarge = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * The request's one file and its bytes, read whole up to `limit`. `kind: 'xlsx'` only changes the wording of the
 * no-file refusal (the routes that take an Excel workbook say so).
 */
export async function readUpload(req: FastifyRequest, limit: number, kind: 'xlsx' | 'any' = 'any'): Promise<{ file: MultipartFile; bytes: Buffer }> {
  const file = await req.file({ limits: { fileSize: limit, files: 1 } });
  if (!file) throw kind === 'xlsx' ? new ApiError(400, 'NO_FILE', '请选择要上传的 .xlsx 文件', 'attach the .xlsx file') : new ApiError(400, 'NO_FILE', '请选择要上传的文件', 'attach a file');
  const bytes = await file.toBuffer().catch((e: unknown) => {
    throw isTooLarge(e) ? fileTooLarge(limit) : e;
  });
  return { file, bytes };
}
