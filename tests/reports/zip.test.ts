// Rewriting the Word package for reproducibility: entries kept in order with their bytes, the edited ones
// re-compressed, every entry stamped with the data's time. The archive is written and read back with fflate, an
// independent zip implementation.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rewriteZip } from '../../src/reports/docx.js';

// 2024-03-05 10:20:30 as MS-DOS fields (APPNOTE.TXT 4.4.6): time = 10 << 11 | 20 << 5 | 30 / 2 = 21135,
// date = (2024 − 1980) << 9 | 3 << 5 | 5 = 22629.
const STAMP = { time: 21135, date: 22629 };

/** Offsets of the local headers, walking the archive from its start. */
function localHeaders(zip: Buffer): number[] {
  const out: number[] = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; at += 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28) + zip.readUInt32LE(at + 18)) out.push(at);
  return out;
}

describe('rewriteZip', () => {
  const source = Buffer.from(
    zipSync({
      'a.xml': [strToU8('<a>一二三</a>'.repeat(50)), { level: 6 }],
      'media/b.bin': [new Uint8Array([1, 2, 3, 4, 5]), { level: 0 }],
      'c.xml': [strToU8('<c id="7"/>'), { level: 9 }],
    }),
  );

  it('keeps every entry in order, edits the named ones and stamps all with the given time', () => {
    const out = rewriteZip(source, STAMP, { 'c.xml': (xml) => xml.replace('7', '1') });
    const files = unzipSync(new Uint8Array(out));
    expect(Object.keys(files)).toEqual(['a.xml', 'media/b.bin', 'c.xml']);
    expect(strFromU8(files['a.xml']!)).toBe('<a>一二三</a>'.repeat(50));
    expect([...files['media/b.bin']!]).toEqual([1, 2, 3, 4, 5]);
    expect(strFromU8(files['c.xml']!)).toBe('<c id="1"/>');
    const headers = localHeaders(out);
    expect(headers).toHaveLength(3);
    for (const at of headers) expect([out.readUInt16LE(at + 10), out.readUInt16LE(at + 12)]).toEqual([STAMP.time, STAMP.date]);
  });

  it('gives the same bytes for the same input', () => {
    const edit = { 'a.xml': (xml: string) => xml.toUpperCase() };
    expect(rewriteZip(source, STAMP, edit).equals(rewriteZip(source, STAMP, edit))).toBe(true);
  });

  it('puts an image in place of the media entry holding its placeholder text, and refuses a placeholder it cannot place', () => {
    const withPlaceholders = Buffer.from(
      zipSync({
        'word/document.xml': [strToU8('<w:document/>'), { level: 6 }],
        'word/media/image1.png': [strToU8('placeholder one'), { level: 6 }],
        'word/media/image2.png': [strToU8('placeholder two'), { level: 0 }],
      }),
    );
    const one = new Uint8Array(300).map((_, i) => (i * 7) % 256);
    const two = new Uint8Array([9, 8, 7]);
    const out = rewriteZip(withPlaceholders, STAMP, {}, new Map([['placeholder one', Buffer.from(one)], ['placeholder two', Buffer.from(two)]]));
    const files = unzipSync(new Uint8Array(out));
    expect(Object.keys(files)).toEqual(['word/document.xml', 'word/media/image1.png', 'word/media/image2.png']);
    expect([...files['word/media/image1.png']!]).toEqual([...one]);
    expect([...files['word/media/image2.png']!]).toEqual([...two]);
    // Each local header names the CRC-32 and size of what it holds (APPNOTE.TXT 4.4.7, 4.4.9).
    const contents = [strToU8('<w:document/>'), one, two];
    localHeaders(out).forEach((at, k) => expect([out.readUInt32LE(at + 14), out.readUInt32LE(at + 22)]).toEqual([crc32(contents[k]!), contents[k]!.length]));
    expect(() => rewriteZip(withPlaceholders, STAMP, {}, new Map([['placeholder three', Buffer.from(two)]]))).toThrow(/placeholder three/);
  });

  it('refuses what is not a zip archive', () => {
    expect(() => rewriteZip(Buffer.from('not a zip archive at all, just some text'), STAMP, {})).toThrow(/not a zip archive/);
  });
});
