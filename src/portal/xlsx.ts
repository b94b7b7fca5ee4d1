// The portal's open-data workbooks, written with ExcelJS: sheets of text and number cells, a bold header row frozen
// at the top. The work is plain data in, bytes out, so the server runs it in its worker pool (task "portal.xlsx",
// src/server/offload/tasks.ts) and `ecoplan portal export` in its own thread; the site keeps each workbook for its
// data version, so it is written at most once per approval.
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface Sheet {
  name: string;
  /** The header row first. */
  rows: readonly (readonly Cell[])[];
}

/** Writes the workbook's bytes to the caller (the worker pool on the server, this thread in the CLI). */
export type XlsxWriter = (sheets: Sheet[]) => Promise<Buffer>;

// A fixed date for the workbook's properties: the same data gives the same metadata on every export.
const STAMP = new Date('2020-01-01T00:00:00Z');

/** Excel refuses these in a sheet name and cuts it at 31 characters. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** Characters XML 1.0 forbids are dropped (stored text is checked on entry; this is a last guard). */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export async function writeXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  wb.created = STAMP;
  wb.modified = STAMP;
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const r of s.rows) ws.addRow(r.map((v) => (v === null || v === '' ? null : typeof v === 'number' && Number.isFinite(v) ? v : clean(String(v)))));
    ws.getRow(1).font = { bold: true };
    const width = Math.max(1, ...s.rows.map((r) => r.length));
    for (let i = 1; i <= width; i++) ws.getColumn(i).width = 18;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
