// Writes hostile .xlsx files on the fly (never checked in): a zip whose directory lies about the size of a sheet
// that really inflates to gigabytes. The deflate stream is one flushed block of 1 MiB of repeated bytes written
// many times over (each copy ends byte-aligned after a full flush, so copies chain into one valid stream), closed by
// an empty final block: 2 GiB of sheet cost about 2 MB of file and well under a second to write.
import { writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface Entry {
  name: string;
  data: Buffer;
  /** Bytes the entry really inflates to. */
  size: number;
  crc: number;
  /** The size the headers claim (a bomb lies). */
  declared?: number;
}

export const small = (name: string, text: string): Entry => {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
};

/** A zip of deflated entries; local headers and the central directory agree with each other (both may lie). */
export function zipOf(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.size;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.crc >>> 0, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.crc >>> 0, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.data);
    centrals.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts of a minimal workbook, with `sheet` as the first worksheet. */
export function workbookOf(sheet: Entry): Buffer {
  return zipOf([
    small('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    small('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    small('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="活动数据" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    small('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    sheet,
  ]);
}

/**
 * A sheet that inflates to `mebibytes` MiB (default 2048: 2 GiB) while its headers claim 4 KB. The CRC is not the
 * real one (computing it would mean inflating the bomb): a reader that checks it only learns so after the damage.
 */
export function bombSheet(mebibytes = 2048): Entry {
  const head = deflateRawSync(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'), { finishFlush: constants.Z_FULL_FLUSH });
  const block = deflateRawSync(Buffer.alloc(1 << 20, 0x41), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const parts: Buffer[] = [head];
  for (let i = 0; i < mebibytes; i++) parts.push(block);
  parts.push(Buffer.from([0x03, 0x00])); // an empty final block (fixed Huffman, end-of-block only)
  return { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat(parts), size: mebibytes * 1048576, crc: 0, declared: 4096 };
}

/** Writes the 2 GiB-inflating workbook to `path`; returns its size in bytes. */
export function writeXlsxBomb(path: string, mebibytes = 2048): number {
  const bytes = workbookOf(bombSheet(mebibytes));
  writeFileSync(path, bytes);
  return bytes.length;
}
