// The fast CSV path (src/importers/csvLines.ts) must read exactly what csv-parse reads with the importer's options,
// for every file it accepts: compared here on many generated texts mixing fields, white space of every kind,
// empty lines and both line endings; files it must refuse (quotes, mixed or lone CR) are sent to csv-parse.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvShape, splitLine, textLines } from '../../src/importers/csvLines.js';
import { prng } from '../../src/monitoring/synthetic.js';

const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true };
const PIECES = ['DEMO0001', '2023-01-01T01', '12', '0.8', '', ' ', '  7 ', '\t', 'n/a', '韶关', '\u3000', '\u00a0', ' x y ', '1e3', '-4', '\f', '1,000'];

async function fast(text: string, chunkSize: number): Promise<string[][] | null> {
  const bytes = Buffer.from(text);
  const shape = new CsvShape();
  for (let i = 0; i < bytes.length; i += chunkSize) shape.push(bytes.subarray(i, i + chunkSize));
  if (!shape.lineEnding) return null;
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const out: string[][] = [];
  for await (const lines of textLines(chunks(), shape.lineEnding === 'crlf')) for (const line of lines) out.push(splitLine(line));
  return out;
}

describe('the fast CSV path', () => {
  it('reads generated files exactly as csv-parse does (LF and CRLF, empty lines, white space of every kind)', async () => {
    const rnd = prng(7);
    let compared = 0;
    for (let k = 0; k < 400; k++) {
      const eol = k % 2 ? '\r\n' : '\n';
      const lines: string[] = [];
      const n = 1 + Math.floor(rnd() * 8);
      for (let l = 0; l < n; l++) {
        const fields = Math.floor(rnd() * 5);
        lines.push(Array.from({ length: fields }, () => PIECES[Math.floor(rnd() * PIECES.length)]!).join(','));
      }
      const text = lines.join(eol) + (rnd() < 0.5 ? eol : '');
      const got = await fast(text, 1 + Math.floor(rnd() * 16));
      expect(got, JSON.stringify(text)).not.toBeNull();
      expect(got, JSON.stringify(text)).toEqual(parse(text, OPTIONS));
      compared++;
    }
    expect(compared).toBe(400);
  });

  it('sends files with a quote, a lone CR or mixed line endings to csv-parse', async () => {
    for (const text of ['a,"b"\n1,2\n', 'a,b\r1,2\r', 'a,b\r\n1,2\n3,4\r\n', 'a,b\n1,2\r\n', 'a,b\n1,2\r'])
      expect(await fast(text, 3), JSON.stringify(text)).toBeNull();
  });
});
