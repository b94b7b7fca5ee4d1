// A bound on heavy imports (workbooks and monitoring files) running at once in this process: each one inflates,
// parses and validates a whole file, so a burst of them must queue at the client, not pile up in memory. A request
// that finds every slot taken is answered 503 at once with Retry-After, before its body is read.
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { ApiError } from './errors.js';

/** Seconds a refused client is asked to wait. */
export const IMPORT_RETRY_AFTER_S = 10;

export class ImportSlots {
  inUse = 0;
  constructor(readonly size: number) {}
  tryAcquire(): boolean {
    if (this.inUse >= this.size) return false;
    this.inUse++;
    return true;
  }
  release(): void {
    this.inUse = Math.max(0, this.inUse - 1);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    importSlots: ImportSlots;
    /** preHandler of every import route: takes a slot or answers 503. */
    heavyImport: preHandlerHookHandler;
  }
  interface FastifyRequest {
    holdsImportSlot: boolean;
  }
}

export function registerImportSlots(app: FastifyInstance, size: number): void {
  const slots = new ImportSlots(size);
  app.decorate('importSlots', slots);
  app.decorateRequest('holdsImportSlot', false);
  app.decorate('heavyImport', async function (req, reply) {
    if (!slots.tryAcquire()) {
      reply.header('retry-after', String(IMPORT_RETRY_AFTER_S));
      throw new ApiError(
        503,
        'IMPORTS_BUSY',
        `服务器正在处理其他导入（同时最多 ${slots.size} 个），请 ${IMPORT_RETRY_AFTER_S} 秒后重试；本次没有读取文件，也没有写入任何数据`,
        `the server is busy with other imports (at most ${slots.size} at a time); retry in ${IMPORT_RETRY_AFTER_S} s. The file was not read and nothing was written`,
      );
    }
    req.holdsImportSlot = true;
  } as preHandlerHookHandler);
  const release = async (req: { holdsImportSlot: boolean }) => {
    if (!req.holdsImportSlot) return;
    req.holdsImportSlot = false;
    slots.release();
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
