// ExcelJS loaded when a workbook is first read or written, not when a module that may need it is loaded: it takes
// 0.5–1.3 s to load on the 2-core machine, which every command that imports a CSV (`ecoplan monitoring import`
// of a station network's file, issue 21) or never touches a workbook paid at start (bench/performance-notes.md).
import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | null = null;

/** The exceljs module, imported once on first use. */
export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then((m) => (m as unknown as { default: typeof ExcelJSModule }).default ?? (m as unknown as typeof ExcelJSModule));
  return loading;
}
