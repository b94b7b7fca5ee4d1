// The portal's charts as plain SVG written on the server: an indicator over the years (values, baseline, target,
// the path required to reach the target) and a ranked bar chart of counties. Drawn here rather than with the
// report's ECharts renderer (src/reports/charts.ts), which draws bar charts only and whose SVG carries no accessible
// name: these are small, have a title and description for screen readers, use the page's fonts, cost microseconds
// (a page is rendered for thousands of visitors) and always sit next to a table of the same numbers.
import { esc } from './layout.js';

export interface LineChartInput {
  title: string;
  desc: string;
  unit: string;
  years: number[];
  /** Values by year (missing years are gaps). */
  points: { year: number; value: number; label: string }[];
  baseline: { year: number; value: number } | null;
  target: { year: number; value: number; label: string } | null;
  /** The required path from the baseline to the target (one value per year), if both are numbers. */
  path: { year: number; value: number }[];
  labels: { values: string; target: string; path: string; baseline: string };
}

const W = 720;
const FONT = 13;

/** Round, readable axis steps: 1, 2 or 5 × 10^k, about `n` of them. */
function niceTicks(min: number, max: number, n = 5): number[] {
  if (min === max) {
    const d = Math.abs(min) || 1;
    min -= d / 2;
    max += d / 2;
  }
  const raw = (max - min) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= raw)!;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}

const fmt = (v: number) => String(Number(v.toPrecision(10)));

/** An indicator over the years as an SVG line chart. */
export function lineChartSvg(c: LineChartInput, id: string): string {
  const H = 320;
  const left = 64;
  const right = 70; // room for the target's value beside its line
  const top = 40;
  const bottom = 48;
  const values = [...c.points.map((p) => p.value), ...(c.target ? [c.target.value] : []), ...c.path.map((p) => p.value), ...(c.baseline ? [c.baseline.value] : [])];
  const ticks = niceTicks(Math.min(...values, values.length ? Infinity : 0), Math.max(...values, values.length ? -Infinity : 1));
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  const y0 = c.years[0]!;
  const y1 = c.years.at(-1)!;
  const x = (year: number) => left + ((W - left - right) * (year - y0)) / Math.max(1, y1 - y0);
  const y = (v: number) => top + (H - top - bottom) * (1 - (v - lo) / (hi - lo || 1));
  const parts: string[] = [];
  for (const t of ticks)
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/><text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${esc(fmt(t))}</text>`);
  for (const yr of c.years) parts.push(`<text x="${x(yr).toFixed(1)}" y="${H - bottom + 18}" text-anchor="middle">${yr}</text>`);
  parts.push(`<text x="${left}" y="${top - 16}" class="unit">${esc(c.unit)}</text>`);
  if (c.path.length > 1)
    parts.push(`<polyline class="path" points="${c.path.map((p) => `${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"/>`);
  if (c.target) {
    const ty = y(c.target.value).toFixed(1);
    parts.push(`<line class="target" x1="${left}" x2="${W - right}" y1="${ty}" y2="${ty}"/>`);
    parts.push(`<text class="target-label" x="${W - right + 6}" y="${(Number(ty) + 4).toFixed(1)}">${esc(c.target.label)}</text>`);
  }
  // Consecutive years joined; a missing year breaks the line.
  let run: string[] = [];
  const runs: string[][] = [];
  let prev: number | null = null;
  for (const p of c.points) {
    if (prev !== null && p.year !== prev + 1) {
      runs.push(run);
      run = [];
    }
    run.push(`${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`);
    prev = p.year;
  }
  runs.push(run);
  for (const r of runs) if (r.length > 1) parts.push(`<polyline class="series" points="${r.join(' ')}"/>`);
  for (const p of c.points) {
    const px = x(p.year).toFixed(1);
    const py = y(p.value).toFixed(1);
    const isBase = c.baseline && c.baseline.year === p.year;
    parts.push(`<circle class="${isBase ? 'base' : 'point'}" cx="${px}" cy="${py}" r="${isBase ? 5.5 : 4}"/><text x="${px}" y="${(Number(py) - 9).toFixed(1)}" text-anchor="middle" class="value">${esc(p.label)}</text>`);
  }
  const legend = [
    `<line class="series" x1="0" x2="22" y1="0" y2="0"/><text x="28" y="4">${esc(c.labels.values)}</text>`,
    c.baseline ? `<circle class="base" cx="11" cy="0" r="5"/><text x="28" y="4">${esc(c.labels.baseline)}</text>` : '',
    c.target ? `<line class="target" x1="0" x2="22" y1="0" y2="0"/><text x="28" y="4">${esc(c.labels.target)}</text>` : '',
    c.path.length > 1 ? `<line class="path" x1="0" x2="22" y1="0" y2="0"/><text x="28" y="4">${esc(c.labels.path)}</text>` : '',
  ].filter(Boolean);
  const legendSvg = legend.map((l, i) => `<g transform="translate(${left + i * 160},${H - 10})">${l}</g>`).join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" font-size="${FONT}"><title id="${id}-t">${esc(c.title)}</title><desc id="${id}-d">${esc(c.desc)}</desc>${parts.join('')}${legendSvg}</svg>`;
}

export interface BarChartInput {
  title: string;
  desc: string;
  unit: string;
  /** Already ranked, first on top. */
  bars: { label: string; value: number; valueLabel: string; highlight?: boolean }[];
  target?: { value: number; label: string } | null;
}

/** A ranked horizontal bar chart (counties), first bar on top. */
export function barChartSvg(c: BarChartInput, id: string): string {
  const row = 30;
  const left = 130;
  const right = 90;
  const top = 28;
  const H = top + row * c.bars.length + 30;
  const values = [...c.bars.map((b) => b.value), ...(c.target ? [c.target.value] : [])];
  const ticks = niceTicks(Math.min(0, ...values), Math.max(...values, 0) || 1);
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  const x = (v: number) => left + ((W - left - right) * (v - lo)) / (hi - lo || 1);
  const parts: string[] = [`<text x="${left}" y="16" class="unit">${esc(c.unit)}</text>`];
  for (const t of ticks) parts.push(`<line class="grid" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${top - 4}" y2="${H - 26}"/><text x="${x(t).toFixed(1)}" y="${H - 10}" text-anchor="middle">${esc(fmt(t))}</text>`);
  c.bars.forEach((b, i) => {
    const yTop = top + i * row + 5;
    const x0 = x(Math.min(0, b.value));
    const w = Math.abs(x(b.value) - x(0));
    parts.push(`<text x="${left - 8}" y="${yTop + 15}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect class="${b.highlight ? 'bar hi' : 'bar'}" x="${x0.toFixed(1)}" y="${yTop}" width="${Math.max(1, w).toFixed(1)}" height="${row - 10}"/>`);
    parts.push(`<text x="${(Math.max(x(b.value), x(0)) + 6).toFixed(1)}" y="${yTop + 15}" class="value">${esc(b.valueLabel)}</text>`);
  });
  if (c.target) {
    const tx = x(c.target.value).toFixed(1);
    parts.push(`<line class="target" x1="${tx}" x2="${tx}" y1="${top - 6}" y2="${H - 26}"/><text class="target-label" x="${tx}" y="${top - 10}" text-anchor="middle">${esc(c.target.label)}</text>`);
  }
  return `<svg class="chart bars" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" font-size="${FONT}"><title id="${id}-t">${esc(c.title)}</title><desc id="${id}-d">${esc(c.desc)}</desc>${parts.join('')}</svg>`;
}

/**
 * A choropleth of counties from configured boundaries (GeoJSON, longitude/latitude, drawn in a plain
 * equirectangular projection scaled by the cosine of the mean latitude). Only drawn when the deployment supplies
 * boundaries with their 审图号; the caller prints the number under the map.
 */
export function choroplethSvg(geojson: unknown, values: Map<string, { value: number; label: string }>, title: string, desc: string, id: string): string | null {
  const fc = geojson as { features?: { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } }[] };
  if (!fc || !Array.isArray(fc.features)) return null;
  const rings: { code: string; rings: [number, number][][] }[] = [];
  for (const f of fc.features) {
    const code = String(f.properties?.code ?? f.properties?.adcode ?? '');
    const g = f.geometry;
    if (!g) continue;
    const polys = g.type === 'Polygon' ? [g.coordinates as [number, number][][]] : g.type === 'MultiPolygon' ? (g.coordinates as [number, number][][][]) : [];
    rings.push({ code, rings: polys.flat() });
  }
  const all = rings.flatMap((r) => r.rings.flat());
  if (!all.length) return null;
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = Math.min((W - 20) / ((maxX - minX) * k || 1), 460 / (maxY - minY || 1));
  const H = (maxY - minY) * scale + 20;
  const nums = [...values.values()].map((v) => v.value);
  const [lo, hi] = [Math.min(...nums), Math.max(...nums)];
  // Five steps of one blue, light to dark (each readable with a dark outline).
  const shades = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
  const shade = (v: number) => shades[Math.min(4, Math.floor(((v - lo) / (hi - lo || 1)) * 5))]!;
  const paths = rings.map((r) => {
    const v = values.get(r.code);
    const d = r.rings.map((ring) => `M${ring.map((p) => `${(10 + (p[0] - minX) * k * scale).toFixed(1)},${(10 + (maxY - p[1]) * scale).toFixed(1)}`).join('L')}Z`).join('');
    return `<path d="${d}" fill="${v ? shade(v.value) : '#f0f0f0'}" stroke="#333" stroke-width="0.8"><title>${esc(v ? v.label : r.code)}</title></path>`;
  });
  return `<svg class="chart map" viewBox="0 0 ${W} ${H.toFixed(0)}" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>${paths.join('')}</svg>`;
}
