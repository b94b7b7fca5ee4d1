// The thread of a ChartWorker (chartWorker.ts): draws chart PNGs with ECharts and resvg while the thread that
// started it writes the rest of the Word file. ECharts, resvg's WebAssembly and the font files are loaded as soon as
// the thread starts, while the command is still reading the database.
import { parentPort } from 'node:worker_threads';
import type { ChartSpec } from './document.js';

const charts = import('./charts.js');
// Started now; a failure (no CJK font) is reported with the first chart asked for.
charts.then((c) => c.prepareRenderer()).catch(() => {});

export interface ChartRequest {
  id: number;
  spec: ChartSpec;
  scale: number;
}
export type ChartAnswer = { id: number; png: Uint8Array } | { id: number; error: string };

parentPort!.on('message', (q: ChartRequest) => {
  charts
    .then((c) => c.renderChartPng(q.spec, q.scale))
    .then(
      (png) => parentPort!.postMessage({ id: q.id, png } satisfies ChartAnswer),
      (e: unknown) => parentPort!.postMessage({ id: q.id, error: e instanceof Error ? e.message : String(e) } satisfies ChartAnswer),
    );
});
