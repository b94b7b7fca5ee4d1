// The report's chart images: the PNG encoder (checked against the PNG specification by reading the file back with
// node:zlib, the pixels written by hand) and charts drawn once per spec.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync, crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { chartPng } from '../../src/reports/chartCache.js';
import { encodePng, renderChartPng, renderChartSvg } from '../../src/reports/charts.js';
import type { ChartSpec } from '../../src/reports/document.js';

/** The chunks of a PNG file, each with its CRC checked (ISO/IEC 15948 §5.3: over type and data). */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

describe('encodePng', () => {
  it('writes a 2 × 2 RGBA image as IHDR, IDAT, IEND with unfiltered rows', () => {
    // Row 0: opaque red, half-transparent green; row 1: opaque blue, transparent white.
    const pixels = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 255, 255, 255, 255, 0]);
    const c = chunks(encodePng(2, 2, pixels));
    expect(c.map((x) => x.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    // IHDR: width 2, height 2, bit depth 8, colour type 6 (RGBA), compression 0, filter 0, interlace 0.
    expect([...c[0]!.data]).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
    // Each row is its filter byte (0, None) then its 8 bytes.
    expect([...inflateSync(c[1]!.data)]).toEqual([0, 255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 0, 255, 255, 255, 255, 255, 0]);
    expect(c[2]!.data.length).toBe(0);
  });

  it('refuses pixels that do not fill the image', () => {
    expect(() => encodePng(2, 2, new Uint8Array(12))).toThrow(RangeError);
  });
});

describe('chart rendering', () => {
  const spec: ChartSpec = { kind: 'bar', width: 320, height: 200, categories: ['生态空间', '生态经济'], series: [{ name: '达标', values: [3, 5], color: '#2f7d32', labels: ['3', '5'] }] };

  it('draws a chart once per spec: the same spec gives the same SVG text and the same PNG bytes', async () => {
    const svg = renderChartSvg(spec, 'fig1');
    expect(svg).toContain('<svg');
    expect(svg).toContain('生态空间');
    expect(renderChartSvg({ ...spec, categories: [...spec.categories] }, 'fig1')).toBe(svg);
    const png = await renderChartPng(spec);
    expect(await renderChartPng(JSON.parse(JSON.stringify(spec)) as ChartSpec)).toBe(png); // the one kept, not drawn again
    const ihdr = chunks(png)[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4)]).toEqual([640, 400]); // twice the spec's size
  });

  it('draws again when the data differ', async () => {
    const other = { ...spec, series: [{ ...spec.series[0]!, values: [4, 5] }] };
    expect(renderChartSvg(other, 'fig1')).not.toBe(renderChartSvg(spec, 'fig1'));
    expect(await renderChartPng(other)).not.toBe(await renderChartPng(spec));
  });
});

describe('chart images kept between runs (chartPng with a directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecoplan-charts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec: ChartSpec = { kind: 'hbar', width: 300, height: 160, categories: ['曲江区', '乐昌市'], series: [{ name: 'GEP', values: [12.5, 30], color: '#3a8a3f' }] };

  it('keeps a drawn chart as a file and reads that file the next time instead of drawing', async () => {
    const first = await chartPng(spec, 2, dir);
    expect(first.equals(await renderChartPng(spec))).toBe(true);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dir, files[0]!)).equals(first)).toBe(true);
    // Replace the kept file: what comes back is the file, so nothing was drawn.
    writeFileSync(join(dir, files[0]!), Buffer.from('kept'));
    expect((await chartPng(JSON.parse(JSON.stringify(spec)) as ChartSpec, 2, dir)).toString()).toBe('kept');
  });

  it('uses another file for other data or another scale', async () => {
    await chartPng({ ...spec, categories: ['曲江区', '南雄市'] }, 2, dir);
    await chartPng(spec, 1, dir);
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('still gives the chart when the directory cannot be written', async () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const png = await chartPng(spec, 2, join(blocked, 'charts'));
    expect(png.equals(await renderChartPng(spec))).toBe(true);
  });
});
