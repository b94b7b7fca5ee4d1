// Reads a sheet of reported rows from .csv (UTF-8 or GB18030, as Excel saves it on Chinese Windows) or .xlsx,
// maps its Chinese or English headers to fields, and keeps every cell as text so decimals stay as reported.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './excelModule.js';
import { columnLetter, cellText } from './cells.js';
import { decodeText, EncodingError } from './encoding.js';
import { forbiddenChar, forbiddenCharMessage } from '../plan/text.js';
import { screenXlsxFile, UploadRefused, WORKBOOK_LIMITS } from './upload.js';

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


/** Reads the first sheet (or the sheet named one of `preferSheets`) of a .csv or .xlsx file. */
export async function readTable<F extends string>(path: string, columns: readonly ColumnSpec<F>[], preferSheets: string[] = []): Promise<ReadTable<F>> {
  const file = basename(path);
  const ext = extname(path).toLowerCase();
  const workbook = new (await loadExcelJS()).Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  const refused = (message: string, messageEn: string): ReadTable<F> => ({ file, sheet: '', rows: [], problems: [{ row: null, column: null, message, messageEn }] });
  if (ext === '.csv') {
    let text: string;
    try {
      text = decodeText(readFileSync(path), file).text;
    } catch (e) {
      if (e instanceof EncodingError) return refused(e.message, e.messageEn);
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return refused(`找不到文件“${path}”`, `file not found: ${path}`);
      throw e;
    }
    // Every row must have as many fields as the header: an unquoted "1,000" would shift the later columns.
    let records: string[][];
    try {
      records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
    } catch (e) {
      const line = (e as { lines?: number }).lines;
      return refused(`文件“${file}”${line ? `第 ${line} 行` : ''}不是有效的 CSV（引号不配对？）`, `"${file}"${line ? ` line ${line}` : ''} is not valid CSV (unbalanced quotes?)`);
    }
    const width = records.find((r) => r.some((c) => c.trim() !== ''))?.length ?? 0;
    const ragged = records.flatMap((r, i) => (r.some((c) => c.trim() !== '') && r.length !== width ? [{ row: i + 1, column: null, message: `文件“${file}”第 ${i + 1} 行有 ${r.length} 个字段，表头有 ${width} 个（数值中未加引号的逗号，如 1,000？）`, messageEn: `"${file}" row ${i + 1} has ${r.length} fields, the header has ${width} (an unquoted comma in a number, such as 1,000?)` }] : []));
    if (ragged.length) return { file, sheet: file, rows: [], problems: ragged };
    for (const [i, r] of records.entries())
      for (const [j, c] of r.entries()) {
        const hit = forbiddenChar(c);
        if (hit) return { file, sheet: file, rows: [], problems: [{ row: i + 1, column: columnLetter(j + 1), ...forbiddenCharMessage(`第 ${i + 1} 行 ${columnLetter(j + 1)} 列`, `row ${i + 1} column ${columnLetter(j + 1)}`, hit) }] };
      }
    sheet = workbook.addWorksheet('csv');
    for (const r of records) sheet.addRow(r);
  } else if (ext === '.xlsx') {
    try {
      await screenXlsxFile(path, file, WORKBOOK_LIMITS);
    } catch (e) {
      if (e instanceof UploadRefused) return refused(e.message, e.messageEn);
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return refused(`找不到文件“${path}”`, `file not found: ${path}`);
      throw e;
    }
    try {
      await workbook.xlsx.readFile(path);
    } catch {
      return refused(`文件“${file}”不是可读取的 Excel 工作簿（其中的表格内容不符合 .xlsx 格式），请重新保存为 .xlsx 或 .csv`, `"${file}" is not a readable Excel workbook (its sheets are not valid .xlsx); save it again as .xlsx or .csv`);
    }
    sheet = workbook.worksheets.find((w) => preferSheets.includes(w.name)) ?? workbook.worksheets[0];
    let hit: TableProblem | null = null;
    sheet?.eachRow({ includeEmpty: false }, (row, n) =>
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const h = hit ? null : forbiddenChar(cellText(cell.value));
        if (h) hit = { row: n, column: columnLetter(col), ...forbiddenCharMessage(`第 ${n} 行 ${columnLetter(col)} 列`, `row ${n} column ${columnLetter(col)}`, h) };
      }),
    );
    if (hit) return { file, sheet: sheet!.name, rows: [], problems: [hit] };
  } else {
    return refused(`不支持的文件类型“${ext || '无扩展名'}”，请使用 .csv 或 .xlsx`, `unsupported file type "${ext}"; use .csv or .xlsx`);
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
