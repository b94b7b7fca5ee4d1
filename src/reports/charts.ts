// Charts of the report, rendered on the server: ECharts' server-side SVG renderer for the HTML page, and that SVG
// rasterised to PNG by resvg for the Word document. Fonts: a CJK family is named in the option and resvg is given
// the CJK font files found on the machine (Debian's fonts-noto-cjk), read once and held in memory.
// resvg's WebAssembly build is used rather than the native one: the native one re-reads the 19 MB CJK font file
// for every run of text, so eight charts took 0.8–1.2 s; held in memory they take about 0.25 s (after a one-off
// start of about 1.5 s per process). Measured in one run, see docs/reports.md.
// Cost (docs/performance.md, profiles of `ecoplan report`): ECharts is loaded as its core plus the four parts a
// bar chart uses (the whole library took 0.7 s of CPU to load, these 0.3 s); the PNG is encoded here with
// node:zlib from resvg's pixels (resvg's own encoder runs as cold WebAssembly in a one-off command: 3 × slower);
// each chart is rendered once per process for a given spec, i.e. once per data version.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import { initWasm, Resvg, type ResvgRenderOptions } from '@resvg/resvg-wasm';
import * as echarts from 'echarts/core';
// Deep imports: the barrels (echarts/charts, echarts/components) load every chart and component.
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as GridComponent } from 'echarts/lib/component/grid/install.js';
import { install as LegendComponent } from 'echarts/lib/component/legend/install.js';
import { install as MarkLineComponent } from 'echarts/lib/component/marker/installMarkLine.js';
import { install as SVGRenderer } from 'echarts/lib/renderer/installSVGRenderer.js';
import { installLegacyGridContainLabel as LegacyGridContainLabel } from 'echarts/lib/coord/cartesian/legacyContainLabel.js';
import { chartFontFiles } from './chartCache.js';
import type { ChartSpec } from './document.js';

// grid.containLabel (the option below) is the legacy layout in ECharts 6: the full build installs it.
echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer, LegacyGridContainLabel]);

export const CHART_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";
/**
 * Text that is only digits and Latin (axis ticks, "98.50%") is set in a Latin face: resvg re-reads a font file for
 * every run of text it lays out, and a Latin file is a few hundred kilobytes where a CJK collection is twenty
 * megabytes — this halves the time to rasterise a chart.
 */
export const LATIN_FONT_FAMILY = "'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif";
const LATIN_ONLY = /^[\x20-\x7e]*$/;

let ready: Promise<ResvgRenderOptions['font']> | undefined;

/** Starts the WebAssembly module and reads the font files, once per process. */
function fonts(): Promise<ResvgRenderOptions['font']> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    const found = chartFontFiles();
    if (!found.some((f) => /CJK/i.test(f)))
      throw new Error('没有找到中文字体（Debian: apt-get install fonts-noto-cjk，或设置 ECOPLAN_CHART_FONTS）/ no CJK font found: install fonts-noto-cjk or set ECOPLAN_CHART_FONTS');
    return { loadSystemFonts: false, fontBuffers: found.map((f) => readFileSync(f)), defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' };
  })();
  return ready;
}

/** Starts resvg and reads the font files now (a chart thread does so while the command reads the database). */
export async function prepareRenderer(): Promise<void> {
  await fonts();
}

/** The ECharts option of a chart spec (no animation, nothing interactive: it is printed). */
export function chartOption(spec: ChartSpec): echarts.EChartsCoreOption {
  const horizontal = spec.kind === 'hbar';
  const categoryAxis = {
    type: 'category',
    data: spec.categories,
    inverse: horizontal, // first category on top, as in the tables
    axisLabel: { fontSize: 13, color: '#333', interval: 0 },
    axisTick: { alignWithLabel: true },
  };
  const valueAxis = {
    type: 'value',
    name: spec.axisName ?? '',
    nameTextStyle: { color: '#555' },
    axisLabel: { color: '#555', fontSize: 12, fontFamily: LATIN_FONT_FAMILY },
    splitLine: { lineStyle: { color: '#e3e3e3' } },
  };
  const series = spec.series.map((s, i) => ({
    type: 'bar',
    name: s.name,
    stack: s.stack,
    barMaxWidth: 26,
    data: s.values.map((v, k) => ({ value: v, itemStyle: s.colors?.[k] ? { color: s.colors[k] } : undefined })),
    itemStyle: s.color ? { color: s.color } : undefined,
    label: s.labels
      ? {
          show: true,
          position: horizontal ? 'right' : 'top',
          formatter: (p: { dataIndex: number }) => s.labels![p.dataIndex] ?? '',
          color: '#222',
          fontSize: 13,
          fontFamily: s.labels.every((l) => LATIN_ONLY.test(l)) ? LATIN_FONT_FAMILY : CHART_FONT_FAMILY,
        }
      : { show: Boolean(s.stack), position: 'inside', color: '#fff', fontSize: 11, fontFamily: LATIN_FONT_FAMILY, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
    markLine:
      spec.markLine && i === 0
        ? {
            silent: true,
            symbol: 'none',
            lineStyle: { color: '#c0392b', type: 'dashed' },
            label: { formatter: spec.markLine.label, color: '#c0392b', position: horizontal ? 'start' : 'end' },
            data: [horizontal ? { xAxis: spec.markLine.value } : { yAxis: spec.markLine.value }],
          }
        : undefined,
    emphasis: { disabled: true },
  }));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    legend: spec.legend ? { top: 4, itemGap: 18, textStyle: { fontSize: 13 } } : undefined,
    grid: { left: 12, right: horizontal ? 150 : 24, top: spec.legend ? 40 : 30, bottom: 16, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  };
}

/**
 * The chart as an SVG document. ECharts numbers the CSS classes of its SVGs with process-wide counters; they are
 * renumbered per chart under `idPrefix`, so the same chart always gives the same text and several charts can share
 * one HTML page.
 */
export function renderChartSvg(spec: ChartSpec, idPrefix = 'chart'): string {
  return remember(svgs, `${idPrefix}|${specKey(spec)}`, () => drawSvg(spec, idPrefix));
}

function drawSvg(spec: ChartSpec, idPrefix: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(chartOption(spec));
    const svg = chart.renderToSVGString();
    const names = new Map<string, string>();
    return svg.replace(/\bzr\d+-cls-\d+\b/g, (name) => {
      let renamed = names.get(name);
      if (!renamed) names.set(name, (renamed = `${idPrefix}-c${names.size}`));
      return renamed;
    });
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG at `scale` times its size (2 by default, sharp in print). */
export function renderChartPng(spec: ChartSpec, scale = 2): Promise<Buffer> {
  return remember(pngs, `${scale}|${specKey(spec)}`, async () => {
    const resvg = new Resvg(renderChartSvg(spec), { font: await fonts(), fitTo: { mode: 'zoom', value: scale }, background: '#ffffff' });
    try {
      const image = resvg.render();
      try {
        return encodePng(image.width, image.height, image.pixels);
      } finally {
        image.free();
      }
    } finally {
      resvg.free();
    }
  });
}

// Rendered charts by spec: a spec is a function of the data a report shows, so a chart is drawn once per data
// version (the HTML and the Word file of a report, a report asked for again after the cache of reports was
// cleared). Bounded, oldest first out; a failed rendering is not kept.
const MAX_REMEMBERED = 64;
const svgs = new Map<string, string>();
const pngs = new Map<string, Promise<Buffer>>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= MAX_REMEMBERED) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
    if (value instanceof Promise) value.catch(() => cache.delete(key));
  }
  return value;
}

const specKey = (spec: ChartSpec) => createHash('sha256').update(JSON.stringify(spec)).digest('base64');

/**
 * RGBA pixels as a PNG (ISO/IEC 15948): 8-bit truecolour with alpha, rows unfiltered (filter type 0), one zlib
 * stream. Rows are copied whole, no per-pixel work in JavaScript: a one-off command runs that code cold.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const row = width * 4;
  if (rgba.length !== row * height) throw new RangeError(`${rgba.length} bytes are not ${width} × ${height} RGBA pixels`);
  const raw = Buffer.alloc((row + 1) * height); // each row: its filter-type byte (0), then its pixels
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  // bytes 10–12 stay 0: deflate compression, adaptive filtering method 0, no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
