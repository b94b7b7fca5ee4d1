// Chart images drawn in a worker thread (chartThread.ts) for `ecoplan report`: a one-off command that draws its
// charts spends most of its time in ECharts and resvg, single-threaded, and the rest writing the Word file; with the
// drawing on the machine's other core the two overlap (docx.ts writes the document while the images are drawn and
// puts them in at the end); docs/performance.md.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ChartAnswer, ChartRequest } from './chartThread.js';
import type { ChartSpec } from './document.js';

export class ChartWorker {
  private worker: Worker | null = null;
  private next = 1;
  private readonly waiting = new Map<number, { ok: (png: Buffer) => void; fail: (e: Error) => void }>();

  /** Whether this build can run the thread: the compiled one (dist/); from the TypeScript sources, charts are drawn in the caller's thread. */
  static available(): boolean {
    return existsSync(new URL('./chartThread.js', import.meta.url));
  }

  /** Starts the thread now (it loads ECharts, resvg and the fonts while the caller does other work). */
  start(): this {
    if (this.worker) return this;
    const worker = new Worker(new URL('./chartThread.js', import.meta.url));
    worker.on('message', (a: ChartAnswer) => {
      const w = this.waiting.get(a.id);
      if (!w) return;
      this.waiting.delete(a.id);
      if ('error' in a) w.fail(new Error(a.error));
      else w.ok(Buffer.from(a.png.buffer, a.png.byteOffset, a.png.byteLength));
    });
    worker.on('error', (e) => this.failAll(e));
    worker.on('exit', (code) => this.failAll(new Error(`chart thread exited (${code})`)));
    // Waiting for charts keeps the process alive, the idle thread does not.
    worker.unref();
    this.worker = worker;
    return this;
  }

  /** The chart as a PNG at `scale` times its size, drawn in the thread (started now if it was not). */
  png(spec: ChartSpec, scale: number): Promise<Buffer> {
    const worker = this.start().worker!;
    const id = this.next++;
    return new Promise<Buffer>((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      worker.ref();
      worker.postMessage({ id, spec, scale } satisfies ChartRequest);
    }).finally(() => {
      if (!this.waiting.size) this.worker?.unref();
    });
  }

  private failAll(e: Error) {
    for (const w of this.waiting.values()) w.fail(e);
    this.waiting.clear();
    this.worker = null;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
