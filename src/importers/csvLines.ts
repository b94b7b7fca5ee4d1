// A narrow fast path for the CSV files monitoring networks export: no quote character anywhere and one kind of line
// ending (LF or CRLF). For such a file every record is one line and every field the text between two commas, so
// it can be read without a general CSV state machine. It must read exactly what csv-parse reads with the importer's
// options (relax_column_count, relax_quotes, skip_empty_lines: false, trim: true): tests/monitoring/csv-lines.test.ts
// compares the two on generated text. Any other file goes through csv-parse.

/** What the bytes of a file allow (bytes 0x22, 0x0D and 0x0A are never part of a UTF-8 or GB18030 character). */
export class CsvShape {
  private quote = false;
  private lf = 0;
  private cr = 0;
  private crlf = 0;
  private lastWasCr = false;

  push(chunk: Uint8Array): void {
    if (this.quote) return;
    if (chunk.indexOf(0x22) >= 0) {
      this.quote = true;
      return;
    }
    // Line endings: every CR must start a CRLF, or there must be no CR at all.
    let from = 0;
    for (;;) {
      const i = chunk.indexOf(0x0a, from);
      if (i < 0) break;
      this.lf++;
      if ((i > 0 ? chunk[i - 1] : this.lastWasCr ? 0x0d : 0) === 0x0d) this.crlf++;
      from = i + 1;
    }
    from = 0;
    for (;;) {
      const i = chunk.indexOf(0x0d, from);
      if (i < 0) break;
      this.cr++;
      from = i + 1;
    }
    this.lastWasCr = chunk.length > 0 && chunk[chunk.length - 1] === 0x0d;
  }

  /** 'lf' or 'crlf' when the fast path reads the file exactly; null when it must go through csv-parse. */
  get lineEnding(): 'lf' | 'crlf' | null {
    if (this.quote) return null;
    if (this.cr === 0) return 'lf';
    // A CR at the very end of the file with no LF after it is not a CRLF: the counts then differ.
    if (this.cr === this.crlf && this.crlf === this.lf) return 'crlf';
    return null;
  }
}

const isLeadTrimmed = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

/**
 * A field as csv-parse trims it (trim: true): leading space, tab, CR, LF and form feed are skipped as the field
 * starts; at its end JavaScript's trimEnd (every Unicode white space) is applied.
 */
export function trimField(s: string): string {
  let i = 0;
  while (i < s.length && isLeadTrimmed(s.charCodeAt(i))) i++;
  return (i ? s.slice(i) : s).trimEnd();
}

/** The fields of one line (without its line ending), trimmed as csv-parse trims them. */
export function splitLine(line: string): string[] {
  const out = line.split(',');
  for (let i = 0; i < out.length; i++) out[i] = trimField(out[i]!);
  return out;
}

/**
 * The lines of decoded text chunks, each without its line ending ('\n', and the '\r' before it in a CRLF file):
 * one per record, the empty ones included (csv-parse yields them as a record of one empty field), and no record
 * after a final line ending. Yielded a chunk's lines at a time.
 */
export async function* textLines(chunks: AsyncIterable<string>, crlf: boolean): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest ? rest + chunk : chunk;
    const lines: string[] = [];
    let from = 0;
    for (;;) {
      const i = text.indexOf('\n', from);
      if (i < 0) break;
      lines.push(text.slice(from, crlf ? i - 1 : i));
      from = i + 1;
    }
    rest = text.slice(from);
    if (lines.length) yield lines;
  }
  // A last line without a line ending that holds only white space csv-parse skips at the start of a field is no
  // record (its field never started).
  if (!/^[ \t\r\n\f]*$/.test(rest)) yield [rest];
}
