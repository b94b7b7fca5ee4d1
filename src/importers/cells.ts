// Reading exceljs cells as the text a user typed, and naming columns as Excel does: shared by every importer.
import type ExcelJS from 'exceljs';

/** A problem found in a workbook, located as a user finds it: sheet, row, column letter and field, in both languages. */
export interface LocatedProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

/** 1 → A, 26 → Z, 27 → AA (Excel's column letters, 1-based). */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A cell's value as text: formulas by their result, rich text joined, dates as YYYY-MM-DD, booleans TRUE/FALSE. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
  }
  return String(value);
}
