// Chart images kept on disk between runs of `ecoplan report`: a chart is a function of its spec (itself a function
// of the data version) and of what draws it, so a second report of the same data reuses the PNGs instead of
// loading ECharts and resvg and rasterising again (about two seconds of a cold command, docs/performance.md).
// The key covers the spec, the scale and the renderer: this module's sibling charts.js (its source text), the
// ECharts and resvg versions, and the font files (path, size, time). This module loads neither ECharts nor resvg.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ChartSpec } from './document.js';

/** Font files looked for, in order (Latin faces, then the CJK collection); ECOPLAN_CHART_FONTS (':'-separated) first. */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
];

/** The font files the charts are drawn with: those of FONT_CANDIDATES (and ECOPLAN_CHART_FONTS) that exist. */
export function chartFontFiles(): string[] {
  return [...(process.env.ECOPLAN_CHART_FONTS?.split(':').filter(Boolean) ?? []), ...FONT_CANDIDATES].filter((f) => existsSync(f));
}

let renderer: string | undefined;

/** What draws a chart, as a hash: a change to any of it gives new keys (old files are simply not read again). */
function rendererId(): string {
  if (renderer) return renderer;
  const require = createRequire(import.meta.url);
  const h = createHash('sha256');
  // The compiled module next to this one (charts.ts itself when run from the sources, as the tests do).
  const source = ['./charts.js', './charts.ts'].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));
  if (source) h.update(readFileSync(source));
  h.update((JSON.parse(readFileSync(require.resolve('echarts/package.json'), 'utf8')) as { version: string }).version);
  const wasm = statSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
  h.update(`resvg-wasm ${wasm.size}`);
  for (const f of chartFontFiles()) {
    const s = statSync(f);
    h.update(`${f} ${s.size} ${s.mtimeMs}`);
  }
  return (renderer = h.digest('hex'));
}

/** What draws a chart's PNG: by default this thread (charts.ts, loaded on first use); `ecoplan report` uses a ChartWorker. */
export type DrawChart = (spec: ChartSpec, scale: number) => Promise<Buffer>;

const drawHere: DrawChart = async (spec, scale) => (await import('./charts.js')).renderChartPng(spec, scale);

/** Whether `dir` holds no chart image yet (a command then starts its chart thread at once). */
export function noChartsKept(dir: string): boolean {
  try {
    return !readdirSync(dir).some((f) => f.endsWith('.png'));
  } catch {
    return true;
  }
}

/**
 * The chart as a PNG at `scale` times its size, from `dir` when it was drawn before, else drawn (ECharts and resvg
 * loaded then) and kept in `dir`. Without `dir`, simply drawn. The cache is an aid: a directory that cannot be
 * written is left alone.
 */
export async function chartPng(spec: ChartSpec, scale = 2, dir?: string, drawChart: DrawChart = drawHere): Promise<Buffer> {
  const draw = () => drawChart(spec, scale);
  if (!dir) return draw();
  const key = createHash('sha256').update(rendererId()).update(`${scale}|${JSON.stringify(spec)}`).digest('hex');
  const file = join(dir, `${key}.png`);
  if (existsSync(file)) return readFileSync(file);
  const png = await draw();
  try {
    mkdirSync(dir, { recursive: true });
    // Written under a temporary name, then renamed: a concurrent reader sees the whole file or none.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, png);
    renameSync(tmp, file);
  } catch {
    // Not writable (read-only data directory …): the report is still right, only not cached.
  }
  return png;
}
