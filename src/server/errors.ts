// API errors: JSON with a stable code and a message in Chinese and English.
import type { FastifyError, FastifyInstance, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { isDatabaseBusy, isDatabaseTimeout } from '../store/db.js';
import { UploadRefused } from '../importers/upload.js';

export const errorBodySchema = z
  .object({
    statusCode: z.number().int(),
    code: z.string().describe('稳定的错误代码 / stable error code, e.g. NOT_FOUND'),
    message: z.string().describe('中文说明'),
    messageEn: z.string().describe('English message'),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('错误 / error')
  .meta({ id: 'ErrorBody' });

/** A refused workbook upload: the error body with every problem located by sheet, row, column and field. */
export const workbookProblemsSchema = errorBodySchema.extend({
  problems: z.array(z.object({ sheet: z.string().nullable(), row: z.number().nullable(), column: z.string().nullable(), field: z.string().nullable(), message: z.string(), messageEn: z.string() })).optional(),
});

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    /** Seconds after which a retry may succeed (503, 429): sent as Retry-After. */
    readonly retryAfter?: number,
    /** Every located problem of a refusal that has several (sent as `problems`; the route's schema declares their shape). */
    readonly problems?: readonly unknown[],
  ) {
    super(message);
  }
}

const chineseIssue = z.locales.zhCN().localeError;

/**
 * Checks a request part (body, query, params) against its zod schema. A refusal lists every wrong field by path with
 * zod's wording in English and in Chinese (params.messageZh), so the 400 says what is wrong in both languages.
 */
export const requestValidator: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data: unknown) => {
  // The input is reported so that the Chinese wording can name what was received; it never leaves the server.
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data };
  const error: FastifySchemaValidationError[] = result.error.issues.map((issue) => {
    const zh = chineseIssue(issue as Parameters<typeof chineseIssue>[0]);
    return {
      keyword: issue.code,
      instancePath: `/${issue.path.map(String).join('/')}`,
      schemaPath: '',
      message: issue.message,
      params: { messageZh: typeof zh === 'string' ? zh : (zh?.message ?? issue.message) },
    };
  });
  return { error };
};

/** Whether a Fastify error is a refusal by requestValidator. */
function isRequestRefusal(err: FastifyError): err is FastifyError & { validation: FastifySchemaValidationError[] } {
  return err.code === 'FST_ERR_VALIDATION' && Array.isArray(err.validation) && err.validation.length > 0;
}

export const notFound = (what: string, whatEn: string) => new ApiError(404, 'NOT_FOUND', `未找到${what}`, `${whatEn} not found`);

export function registerErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: `没有这个接口：${req.method} ${req.url}（接口文档见 /api/docs）`,
      messageEn: `no such route: ${req.method} ${req.url} (see /api/docs)`,
    });
  });
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) {
      if (err.retryAfter !== undefined) reply.header('retry-after', String(err.retryAfter));
      return reply.code(err.statusCode).send({ statusCode: err.statusCode, code: err.code, message: err.message, messageEn: err.messageEn, ...(err.problems ? { problems: err.problems } : {}) });
    }
    if (err instanceof UploadRefused) {
      return reply.code(err.status).send({ statusCode: err.status, code: err.code, message: err.message, messageEn: err.messageEn });
    }
    if (isRequestRefusal(err)) {
      const details = err.validation.map((v) => ({ path: `${err.validationContext ?? ''}${v.instancePath}`, message: v.message ?? '', messageZh: String(v.params.messageZh ?? v.message ?? '') }));
      return reply.code(400).send({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: `请求参数无效：${details.map((d) => `${d.path} ${d.messageZh}`).join('；')}`,
        messageEn: `invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
        details: details.map(({ path, message }) => ({ path, message })),
      });
    }
    // Nothing was written in either case (the transaction was rolled back): the client may retry.
    if (isDatabaseBusy(err) || isDatabaseTimeout(err)) {
      const busy = isDatabaseBusy(err);
      req.log.warn({ err }, busy ? 'database busy' : 'database timeout');
      return reply
        .code(503)
        .header('retry-after', busy ? '5' : '30')
        .send(
          busy
            ? // Another process (an import from the command line) holds the write lock.
              { statusCode: 503, code: 'DATABASE_BUSY', message: '数据库正忙（可能有导入正在进行），本次操作未保存，请几秒后重试', messageEn: 'the database is busy (an import may be running); nothing was saved, please retry in a few seconds' }
            : // The PostgreSQL server's statement_timeout (or idle_in_transaction_session_timeout) ended the work.
              {
                statusCode: 503,
                code: 'DATABASE_TIMEOUT',
                message: '数据库服务器的语句超时设置（statement_timeout）中止了本次操作，未保存任何内容；请稍后重试，若反复出现请联系管理员调整该设置',
                messageEn: "the database server's statement timeout (statement_timeout) ended this operation and nothing was saved; retry later, and if it keeps happening ask the administrator to raise that setting",
              },
        );
    }
    if (err.statusCode === 429) {
      const max = (err as { max?: number }).max;
      return reply.code(429).send({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `请求过于频繁，请稍后再试${max ? `（每分钟最多 ${max} 次）` : ''}`,
        messageEn: `too many requests${max ? ` (at most ${max} a minute)` : ''}; ${err.message}`,
      });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err }, 'unhandled error');
    return reply.code(status).send({
      statusCode: status,
      code: status === 500 ? 'INTERNAL_ERROR' : (err.code ?? 'BAD_REQUEST'),
      message: status === 500 ? '服务器内部错误，已记录日志' : `请求无效：${err.message}`,
      messageEn: status === 500 ? 'internal server error (logged)' : `bad request: ${err.message}`,
    });
  });
}
