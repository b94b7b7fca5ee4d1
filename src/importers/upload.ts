// Screening of uploaded .xlsx files before any parser sees them, shared by every workbook route and CLI import.
// A zip's own size fields are an attacker's words: this inflates every entry the way the readers will (from its
// local header, as much compressed data as the central directory gives it), counts the bytes that really come out,
// and stops at a hard limit. Only then are the declared sizes and CRCs compared with what came out, so that a
// reader trusting them later sees exactly what was screened. Inflating runs on libuv's thread pool (node:zlib
// streams), so the event loop stays free while a file is screened. docs/security.md says what is checked.
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './excelModule.js';
import { forbiddenChar, forbiddenCharMessage } from '../plan/text.js';
import { cellText, columnLetter } from './cells.js';

export interface XlsxLimits {
  /** Bytes of the file itself. */
  maxFileBytes: number;
  /** Bytes all entries together may inflate to. */
  maxInflatedBytes: number;
  /** Entries in the archive. */
  maxEntries: number;
}

/** Workbooks of rounds, projects, GEP and carbon, and CLI imports of observations and registries. */
export const WORKBOOK_LIMITS: XlsxLimits = { maxFileBytes: 5 * 1024 * 1024, maxInflatedBytes: 50 * 1024 * 1024, maxEntries: 1000 };
/** Monitoring data (a year of hourly rows is large; the importer streams it). */
export const MONITORING_LIMITS: XlsxLimits = { maxFileBytes: 512 * 1024 * 1024, maxInflatedBytes: 512 * 1024 * 1024, maxEntries: 1000 };

export type RefusalCode = 'FILE_TOO_LARGE' | 'INFLATES_TOO_LARGE' | 'NOT_XLSX' | 'EMPTY_FILE' | 'DAMAGED_FILE' | 'UNSUPPORTED_ZIP';

/** An upload refused before parsing; `status` is the HTTP answer (413 for sizes, 422 for the rest). */
export class UploadRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly status: 413 | 422,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

const MiB = (n: number) => `${Math.round(n / 1048576)} MB`;

interface Source {
  size: number;
  read(start: number, length: number): Promise<Buffer>;
  stream(start: number, end: number): Readable;
}

function bufferSource(bytes: Buffer): Source {
  return {
    size: bytes.length,
    read: async (start, length) => bytes.subarray(start, start + length),
    stream: (start, end) => Readable.from(chunks(bytes.subarray(start, end))),
  };
}

function* chunks(b: Buffer) {
  for (let i = 0; i < b.length; i += 1 << 16) yield b.subarray(i, i + (1 << 16));
}

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);
const u32 = (b: Buffer, at: number) => b.readUInt32LE(at);

/**
 * Screens the bytes of an .xlsx upload; throws UploadRefused naming the file and the reason in Chinese and
 * English. `fileName` is only for messages.
 */
export async function screenXlsx(bytes: Buffer, fileName: string, limits: XlsxLimits = WORKBOOK_LIMITS): Promise<void> {
  await screen(bufferSource(bytes), fileName, limits);
}

/** The same screening for a file on disk (monitoring uploads and CLI imports), read in pieces. */
export async function screenXlsxFile(path: string, fileName: string, limits: XlsxLimits): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    await screen(
      {
        size,
        read: async (start, length) => {
          const b = Buffer.alloc(Math.max(0, Math.min(length, size - start)));
          await handle.read(b, 0, b.length, start);
          return b;
        },
        stream: (start, end) => (end > start ? createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 16 }) : Readable.from([])),
      },
      fileName,
      limits,
    );
  } finally {
    await handle.close();
  }
}

/**
 * The same screening for any zip archive (a plan folder uploaded as .zip): sizes, entries, inflation, checksums.
 * Returns the entries' names; what they may be named is the caller's rule.
 */
export async function screenZip(bytes: Buffer, fileName: string, limits: XlsxLimits = WORKBOOK_LIMITS): Promise<string[]> {
  return screen(bufferSource(bytes), fileName, limits, 'zip');
}

async function screen(src: Source, fileName: string, limits: XlsxLimits, kind: 'xlsx' | 'zip' = 'xlsx'): Promise<string[]> {
  const refuse = (code: RefusalCode, zh: string, en: string) => new UploadRefused(code, code === 'FILE_TOO_LARGE' || code === 'INFLATES_TOO_LARGE' ? 413 : 422, `${fileName}：${zh}`, `${fileName}: ${en}`);
  const damaged = (zh: string, en: string) => refuse('DAMAGED_FILE', `文件已损坏或不完整（${zh}），请重新保存为 .xlsx 后上传`, `the file is damaged or incomplete (${en}); save it again as .xlsx`);
  if (src.size === 0) throw refuse('EMPTY_FILE', '文件是空的（0 字节）', 'the file is empty (0 bytes)');
  if (src.size > limits.maxFileBytes) throw refuse('FILE_TOO_LARGE', `文件过大（${(src.size / 1048576).toFixed(1)} MB），上限 ${MiB(limits.maxFileBytes)}`, `file too large (${(src.size / 1048576).toFixed(1)} MB); the limit is ${MiB(limits.maxFileBytes)}`);
  const head = await src.read(0, 8);
  if (head.subarray(0, 4).toString('binary') !== 'PK\x03\x04') {
    const what = head.subarray(0, 5).toString('binary') === '%PDF-' ? ['是 PDF 文件', 'a PDF file'] : head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) ? ['是旧版 Excel（.xls）文件', 'an old Excel (.xls) file'] : ['不是 Excel（.xlsx）文件', 'not an .xlsx file'];
    if (kind === 'zip') throw refuse('NOT_XLSX', '既不是 Excel 工作簿（.xlsx）也不是 .zip 压缩包（按文件内容识别，与扩展名无关）', 'neither an Excel workbook (.xlsx) nor a .zip archive (judged by its content, not its name)');
    throw refuse('NOT_XLSX', `${what[0]}，请上传 .xlsx 文件（按文件内容识别，与扩展名无关）`, `${what[1]}; upload an .xlsx file (judged by its content, not its name)`);
  }

  // End of central directory: the last 22..65 557 bytes.
  const tailLength = Math.min(src.size, 22 + 0xffff);
  const tail = await src.read(src.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (u32(tail, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw damaged('找不到压缩包目录，文件可能被截断', 'no zip directory: the file may be truncated');
  const count = u16(tail, eocd + 10);
  const cdSize = u32(tail, eocd + 12);
  const cdOffset = u32(tail, eocd + 16);
  if (u16(tail, eocd + 4) !== 0 || u16(tail, eocd + 6) !== 0 || count !== u16(tail, eocd + 8)) throw refuse('UNSUPPORTED_ZIP', '不支持分卷压缩包', 'multi-part archives are not supported');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw refuse('UNSUPPORTED_ZIP', '不支持 ZIP64 格式', 'ZIP64 archives are not supported');
  if (count > limits.maxEntries) throw refuse('UNSUPPORTED_ZIP', `压缩包含 ${count} 个条目，上限 ${limits.maxEntries}`, `the archive has ${count} entries; the limit is ${limits.maxEntries}`);
  if (cdOffset + cdSize > src.size - tailLength + eocd) throw damaged('目录位置超出文件', 'the directory lies outside the file');

  const cd = await src.read(cdOffset, cdSize);
  const entries: CentralEntry[] = [];
  for (let at = 0, k = 0; k < count; k++) {
    if (at + 46 > cd.length || u32(cd, at) !== 0x02014b50) throw damaged('目录条目无效', 'a directory entry is invalid');
    const nameLength = u16(cd, at + 28);
    const e: CentralEntry = { flags: u16(cd, at + 8), method: u16(cd, at + 10), crc: u32(cd, at + 16), compressed: u32(cd, at + 20), size: u32(cd, at + 24), offset: u32(cd, at + 42), name: cd.subarray(at + 46, at + 46 + nameLength).toString('utf8') };
    if (e.flags & 1) throw refuse('UNSUPPORTED_ZIP', `条目“${e.name}”已加密，不支持`, `entry "${e.name}" is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw refuse('UNSUPPORTED_ZIP', `条目“${e.name}”使用了不支持的压缩方法 ${e.method}`, `entry "${e.name}" uses unsupported compression method ${e.method}`);
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.offset === 0xffffffff) throw refuse('UNSUPPORTED_ZIP', '不支持 ZIP64 格式', 'ZIP64 archives are not supported');
    if (entries.some((x) => x.name === e.name)) throw damaged(`条目“${e.name}”重复`, `entry "${e.name}" appears twice`);
    entries.push(e);
    at += 46 + nameLength + u16(cd, at + 30) + u16(cd, at + 32);
  }

  // Entries must tile the file before the directory, so a reader walking local headers (the streaming reader of
  // monitoring files) meets exactly the entries screened here: no hidden, overlapping or interleaved data.
  const ordered = [...entries].sort((a, b) => a.offset - b.offset);
  let expected = 0;
  let inflatedTotal = 0;
  for (const e of ordered) {
    if (e.offset !== expected) throw damaged(`条目“${e.name}”的位置与目录不符`, `entry "${e.name}" is not where the directory says`);
    const local = await src.read(e.offset, 30);
    if (local.length < 30 || u32(local, 0) !== 0x04034b50) throw damaged(`条目“${e.name}”的文件头无效`, `entry "${e.name}" has an invalid local header`);
    const localName = await src.read(e.offset + 30, u16(local, 26));
    if (localName.toString('utf8') !== e.name || u16(local, 8) !== e.method || (u16(local, 6) & 1) !== 0) throw damaged(`条目“${e.name}”的文件头与目录不符`, `entry "${e.name}": local header and directory disagree`);
    const descriptor = (u16(local, 6) & 8) !== 0;
    if (!descriptor && (u32(local, 18) !== e.compressed || u32(local, 22) !== e.size || u32(local, 14) !== e.crc)) throw damaged(`条目“${e.name}”的文件头与目录记录的大小不符`, `entry "${e.name}": local and directory sizes disagree`);
    const dataStart = e.offset + 30 + u16(local, 26) + u16(local, 28);
    const dataEnd = dataStart + e.compressed;
    if (dataEnd > cdOffset) throw damaged(`条目“${e.name}”的数据超出范围`, `entry "${e.name}" runs past its bounds`);

    const budget = limits.maxInflatedBytes - inflatedTotal;
    const out = await inflateCounting(src.stream(dataStart, dataEnd), e.method, budget);
    if (out === 'limit')
      throw refuse('INFLATES_TOO_LARGE', `解压后超过 ${MiB(limits.maxInflatedBytes)}（压缩包炸弹？），拒绝处理；文件没有被读取，也没有写入任何数据`, `inflates to more than ${MiB(limits.maxInflatedBytes)} (a zip bomb?); refused unread, nothing was written`);
    if (out === 'corrupt') throw damaged(`条目“${e.name}”无法解压`, `entry "${e.name}" cannot be inflated`);
    inflatedTotal += out.bytes;
    if (out.bytes !== e.size) throw damaged(`条目“${e.name}”声明 ${e.size} 字节，实际解压为 ${out.bytes} 字节`, `entry "${e.name}" declares ${e.size} bytes but inflates to ${out.bytes}`);
    if (out.crc !== e.crc) throw damaged(`条目“${e.name}”的校验和不符`, `entry "${e.name}" fails its checksum`);

    expected = dataEnd;
    if (descriptor) {
      const d = await src.read(dataEnd, 16);
      expected += d.length >= 4 && u32(d, 0) === 0x08074b50 ? 16 : 12;
    }
  }
  if (expected !== cdOffset) throw damaged('压缩包目录之前有未登记的数据', 'unlisted data before the zip directory');
  if (kind === 'xlsx' && !entries.some((e) => e.name === 'xl/workbook.xml')) throw refuse('NOT_XLSX', '是压缩包但不是 Excel 工作簿（缺少 xl/workbook.xml）', 'a zip archive but not an Excel workbook (no xl/workbook.xml)');
  return entries.map((e) => e.name);
}

/** Inflates (or copies, for stored entries) a stream, counting output bytes; gives up once past `budget`. */
function inflateCounting(input: Readable, method: number, budget: number): Promise<{ bytes: number; crc: number } | 'limit' | 'corrupt'> {
  return new Promise((resolve) => {
    let bytes = 0;
    let crc = 0;
    let settled = false;
    const done = (v: { bytes: number; crc: number } | 'limit' | 'corrupt') => {
      if (settled) return;
      settled = true;
      input.destroy();
      inflate?.destroy();
      resolve(v);
    };
    const inflate = method === 8 ? createInflateRaw({ chunkSize: 1 << 16 }) : null;
    const inflater: Readable = inflate ?? input;
    inflater.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > budget) return done('limit');
      crc = crc32(chunk, crc);
    });
    inflater.on('end', () => done({ bytes, crc }));
    inflater.on('error', () => done('corrupt'));
    if (inflate) {
      input.on('error', () => done('corrupt'));
      input.pipe(inflate);
    }
  });
}

/**
 * Screens a workbook upload and loads it with exceljs. Sizes past the limits throw UploadRefused (HTTP 413); any
 * other refusal, and a file exceljs cannot read, come back as one problem with a precise message (never the
 * library's own text, such as "Corrupted zip ?").
 */
export async function openWorkbook(bytes: Buffer | ArrayBuffer, fileName: string): Promise<{ wb: ExcelJS.Workbook; problem: null } | { wb: null; problem: { message: string; messageEn: string } }> {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  try {
    await screenXlsx(buffer, fileName, WORKBOOK_LIMITS);
  } catch (e) {
    if (!(e instanceof UploadRefused) || e.status === 413) throw e;
    return { wb: null, problem: { message: e.message, messageEn: e.messageEn } };
  }
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (e) {
    // The XML parser names its reason only in English; the one a user can act on is a forbidden character.
    if (/disallowed character/i.test(String((e as Error)?.message)))
      return { wb: null, problem: { message: `${fileName}：单元格中含有不允许的控制字符（如 U+FFFE、U+0000；常由复制粘贴带入），请删除后重新保存`, messageEn: `${fileName}: a cell holds a control character that is not allowed (such as U+FFFE or U+0000; often pasted in by accident); remove it and save again` } };
    return { wb: null, problem: { message: `${fileName}：不是可读取的 Excel 工作簿（压缩包完好，但其中的表格内容不符合 .xlsx 格式），请用 Excel 或 WPS 重新保存为 .xlsx 后上传`, messageEn: `${fileName}: not a readable Excel workbook (the archive is sound but its sheets are not valid .xlsx); save it again as .xlsx from Excel or WPS` } };
  }
  // Text a workbook brings in must be storable and printable: a cell with a character XML 1.0 forbids refuses the
  // file, naming the cell.
  for (const ws of wb.worksheets)
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      for (let c = 1; c <= row.cellCount; c++) {
        const hit = forbiddenChar(cellText(row.getCell(c).value));
        if (!hit) continue;
        const m = forbiddenCharMessage(`工作表“${ws.name}”${columnLetter(c)}${r} 单元格`, `sheet "${ws.name}" cell ${columnLetter(c)}${r}`, hit);
        return { wb: null, problem: { message: `${fileName}：${m.message}`, messageEn: `${fileName}: ${m.messageEn}` } };
      }
    }
  return { wb, problem: null };
}
