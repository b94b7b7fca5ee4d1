// Reads a sheet of reported rows from .csv (UTF-8 or GB18030, as Excel saves it on Chinese Windows) or .xlsx,
// maps its Chinese or English headers to fields, and keeps every cell as text so decimals stay as reported.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnLetter, cellText } from './cells.js';

export interface ColumnSpec<F extends string> {
  field: F;
  zh: string;
  en: string;
  required: boolean;
}

export interface TableRow<F extends string> {
  row: number;
  cells: Partial<Record<F, string>>;
  columns: Partial<Record<F, string>>;
}

export interface TableProblem {
  row: number | null;
  column: string | null;
  message: string;
  messageEn: string;
}

export interface ReadTable<F extends string> {
  file: string;
  sheet: string;
  rows: TableRow<F>[];
  problems: TableProblem[];
}



function decode(bytes: Buffer): { text: string; encoding: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Reads the first sheet (or the sheet named one of `preferSheets`) of a .csv or .xlsx file. */
export async function readTable<F extends string>(path: string, columns: readonly ColumnSpec<F>[], preferSheets: string[] = []): Promise<ReadTable<F>> {
  const file = basename(path);
  const ext = extname(path).toLowerCase();
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (ext === '.csv') {
      const { text } = decode(readFileSync(path));
      sheet = await workbook.csv.read(Readable.from([text]), { map: (v: unknown) => v } as never);
    } else if (ext === '.xlsx') {
      await workbook.xlsx.readFile(path);
      sheet = workbook.worksheets.find((w) => preferSheets.includes(w.name)) ?? workbook.worksheets[0];
    } else {
      return { file, sheet: '', rows: [], problems: [{ row: null, column: null, message: `不支持的文件类型“${ext || '无扩展名'}”，请使用 .csv 或 .xlsx`, messageEn: `unsupported file type "${ext}"; use .csv or .xlsx` }] };
    }
  } catch (e) {
    return { file, sheet: '', rows: [], problems: [{ row: null, column: null, message: `无法读取文件：${(e as Error).message}`, messageEn: `cannot read the file: ${(e as Error).message}` }] };
  }
  if (!sheet) return { file, sheet: '', rows: [], problems: [{ row: null, column: null, message: '文件中没有工作表', messageEn: 'the file has no sheet' }] };
  const sheetName = ext === '.csv' ? file : sheet.name;
  const problems: TableProblem[] = [];

  // Header: the first row with any text.
  let headerRow = 0;
  const fieldAt = new Map<number, F>();
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (headerRow) return;
    headerRow = n;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cellText(cell.value).trim();
      if (!text) return;
      const spec = columns.find((c) => c.zh === text || c.en.toLowerCase() === text.toLowerCase());
      if (!spec)
        problems.push({ row: n, column: columnLetter(col), message: `未知的列“${text}”，可用的列：${columns.map((c) => c.zh).join('、')}`, messageEn: `unknown column "${text}"; columns: ${columns.map((c) => c.en).join(', ')}` });
      else if ([...fieldAt.values()].includes(spec.field))
        problems.push({ row: n, column: columnLetter(col), message: `列“${text}”重复`, messageEn: `column "${text}" appears twice` });
      else fieldAt.set(col, spec.field);
    });
  });
  if (!headerRow) return { file, sheet: sheetName, rows: [], problems: [{ row: null, column: null, message: '工作表是空的', messageEn: 'the sheet is empty' }] };
  for (const c of columns)
    if (c.required && ![...fieldAt.values()].includes(c.field))
      problems.push({ row: headerRow, column: null, message: `缺少必需的列“${c.zh}”（或 ${c.en}）`, messageEn: `required column "${c.en}" (${c.zh}) is missing` });

  const rows: TableRow<F>[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n <= headerRow) return;
    const cells: Partial<Record<F, string>> = {};
    const cols: Partial<Record<F, string>> = {};
    for (const [col, field] of fieldAt) {
      const text = cellText(row.getCell(col).value).trim();
      cols[field] = columnLetter(col);
      if (text) cells[field] = text;
    }
    if (Object.keys(cells).length) rows.push({ row: n, cells, columns: cols });
  });
  if (!rows.length && !problems.length) problems.push({ row: null, column: null, message: '表头之下没有数据行', messageEn: 'no data rows below the header' });
  return { file, sheet: sheetName, rows, problems };
}
