// Text encodings of uploaded CSV files: UTF-8 (with or without BOM) or GB18030 (Excel's CSV on Chinese Windows),
// never a mixture. A file pasted together from both would otherwise be decoded whole as GB18030 and its UTF-8
// lines silently turned into other characters, so a GB18030 file is checked line by line for UTF-8 Chinese.

export class EncodingError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
    /** 1-based line of the first offending byte, when known. */
    readonly line: number | null,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const CJK = /[\u3400-\u9fff]/;

/** Whether a line of bytes is valid UTF-8 that carries Chinese characters (so cannot be GB18030 text by chance). */
export function isUtf8Chinese(line: Uint8Array): boolean {
  let high = false;
  for (const b of line)
    if (b >= 0x80) {
      high = true;
      break;
    }
  if (!high) return false;
  try {
    return CJK.test(utf8.decode(line));
  } catch {
    return false;
  }
}

/** Decodes a whole file; throws EncodingError for mixed or undecodable text, naming the lines. */
export function decodeText(bytes: Buffer, file: string): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: utf8.decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    // not UTF-8 as a whole
  }
  const check = new GbLineCheck(file);
  check.push(bytes);
  check.end();
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new EncodingError(`文件“${file}”既不是有效的 UTF-8 文本，也不是有效的 GB18030 文本；请另存为“CSV UTF-8”后导入`, `"${file}" is neither valid UTF-8 nor valid GB18030 text; save it as "CSV UTF-8" and import again`, null);
  }
}

/**
 * Fed the bytes of a file taken as GB18030 (in chunks), throws EncodingError once it has seen a line that is
 * UTF-8 Chinese and a line that is not UTF-8, naming the first of each.
 */
export class GbLineCheck {
  private line = 1;
  private carry: Uint8Array = new Uint8Array(0);
  private firstGb: number | null = null;
  private firstUtf8: number | null = null;
  constructor(private readonly file: string) {}

  push(chunk: Uint8Array): void {
    let data = chunk;
    if (this.carry.length) {
      data = new Uint8Array(this.carry.length + chunk.length);
      data.set(this.carry);
      data.set(chunk, this.carry.length);
    }
    let start = 0;
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, start)) {
      this.check(data.subarray(start, i));
      start = i + 1;
    }
    this.carry = data.slice(start);
  }

  end(): void {
    if (this.carry.length) this.check(this.carry);
    this.carry = new Uint8Array(0);
    if (this.firstUtf8 !== null) this.fail();
  }

  private check(line: Uint8Array): void {
    const n = this.line++;
    if (isUtf8Chinese(line)) this.firstUtf8 ??= n;
    else if (this.firstGb === null && line.some((b) => b >= 0x80)) this.firstGb = n;
    if (this.firstUtf8 !== null && this.firstGb !== null) this.fail();
  }

  /** Called at the end: a UTF-8 line with no other non-ASCII line still means the file was not decodable as one. */
  private fail(): never {
    const u = this.firstUtf8!;
    const g = this.firstGb;
    throw new EncodingError(
      `文件“${this.file}”混用了两种编码：第 ${u} 行是 UTF-8${g ? `，第 ${g} 行是 GB18030（GBK）` : '，其他行不是 UTF-8'}；请把整个文件另存为同一种编码（建议“CSV UTF-8”）后导入`,
      `"${this.file}" mixes two encodings: line ${u} is UTF-8${g ? `, line ${g} is GB18030 (GBK)` : ', other lines are not UTF-8'}; save the whole file in one encoding (preferably "CSV UTF-8")`,
      Math.max(u, g ?? 0),
    );
  }
}
