// A plan uploaded in the console: a plan workbook (.xlsx) or a plan folder as a .zip. Screened as any upload (sizes,
// zip bombs), its entries' names checked (no path leaves the folder), then checked exactly as `plan validate` checks a
// folder: the files are written to a private temporary folder and read by readPlanFolder. Every problem is located by
// file and line, or sheet, row and column. Nothing is kept when anything is wrong.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { screenZip, UploadRefused, type XlsxLimits } from '../importers/upload.js';
import type { Plan } from '../plan/model.js';
import type { RawPlanFiles } from '../plan/schema.js';
import { formatPath } from '../plan/problems.js';
import { readPlanFolder, type FolderResult } from './read.js';

/** A plan folder may carry a GeoJSON map: larger than a workbook. */
export const PLAN_UPLOAD_LIMITS: XlsxLimits = { maxFileBytes: 20 * 1024 * 1024, maxInflatedBytes: 100 * 1024 * 1024, maxEntries: 200 };

/** Files a plan folder may hold; anything else in a zip is refused by name. */
const ALLOWED = /\.(ya?ml|geojson|json|md|txt|csv)$/i;
/** What archivers add on their own (macOS resource forks, Finder and Explorer metadata): skipped. */
const NOISE = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export interface UploadProblem {
  /** The file of a folder (or the uploaded file itself); null for a workbook's cell. */
  file: string | null;
  sheet: string | null;
  row: number | null;
  column: string | null;
  /** The field, or the path inside a YAML file. */
  field: string | null;
  line: number | null;
  message: string;
  messageEn: string;
}

export type PlanUpload =
  | { ok: true; kind: 'workbook' | 'folder'; texts: Record<string, string>; plan: Plan; files: RawPlanFiles }
  | { ok: false; kind: 'workbook' | 'folder'; problems: UploadProblem[] };

const problem = (p: Partial<UploadProblem> & Pick<UploadProblem, 'message' | 'messageEn'>): UploadProblem => ({ file: null, sheet: null, row: null, column: null, field: null, line: null, ...p });

/** The entries' names checked and made relative to the folder (one top folder in the zip is taken off). */
function folderEntries(names: string[], fileName: string): { ok: true; names: Map<string, string> } | { ok: false; problems: UploadProblem[] } {
  const problems: UploadProblem[] = [];
  const files = names.filter((n) => !n.endsWith('/') && !NOISE.test(n));
  for (const n of files)
    if (n.startsWith('/') || n.includes('\\') || /^[a-z]:/i.test(n) || n.split('/').some((seg) => seg === '..' || seg === '.' || seg === ''))
      problems.push(problem({ file: n, message: `${fileName}：条目“${n}”的路径指向规划文件夹之外或不合规（绝对路径、..、反斜杠），拒绝处理`, messageEn: `${fileName}: entry "${n}" points outside the plan folder or is malformed (absolute, .., backslash); refused` }));
  if (problems.length) return { ok: false, problems };
  // A zip of the folder itself ("my-plan/plan.yaml …") or of its contents ("plan.yaml …").
  const tops = new Set(files.map((n) => (n.includes('/') ? n.split('/')[0]! : '')));
  const strip = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : '';
  const out = new Map<string, string>();
  for (const n of files) {
    const rel = n.slice(strip.length);
    if (!ALLOWED.test(rel))
      problems.push(problem({ file: rel, message: `${fileName}：规划文件夹中不应有文件“${rel}”（只接受 .yaml、.geojson、.json、.md、.txt、.csv）`, messageEn: `${fileName}: "${rel}" does not belong in a plan folder (only .yaml, .geojson, .json, .md, .txt, .csv)` }));
    else out.set(n, rel);
  }
  if (!out.size || ![...out.values()].includes('plan.yaml'))
    problems.push(problem({ file: fileName, message: `${fileName}：压缩包中没有 plan.yaml，不是规划文件夹`, messageEn: `${fileName}: no plan.yaml in the archive: not a plan folder` }));
  return problems.length ? { ok: false, problems } : { ok: true, names: out };
}

/** Checks the folder's texts as `plan validate` does, in a private temporary folder that is removed afterwards. */
export function checkFolderTexts(texts: Record<string, string>): FolderResult {
  const dir = mkdtempSync(join(tmpdir(), 'ecoplan-plan-upload-'));
  try {
    for (const [rel, text] of Object.entries(texts)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return readPlanFolder(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads an uploaded plan (workbook or zipped folder). Throws UploadRefused for a file that is not one at all. */
export async function readPlanUpload(bytes: Buffer, fileName: string): Promise<PlanUpload> {
  const names = await screenZip(bytes, fileName, PLAN_UPLOAD_LIMITS);
  let kind: 'workbook' | 'folder';
  let texts: Record<string, string>;
  if (names.includes('xl/workbook.xml')) {
    kind = 'workbook';
    const { readPlanWorkbook } = await import('./workbookImport.js');
    const { planFolderTexts } = await import('./write.js');
    const read = await readPlanWorkbook(bytes, fileName);
    if (!read.ok) return { ok: false, kind, problems: read.problems.map((p) => problem({ ...p })) };
    texts = planFolderTexts(read.files, `由控制台上传的规划工作簿 ${fileName} 生成 / generated from the uploaded plan workbook ${fileName}`);
  } else {
    kind = 'folder';
    const entries = folderEntries(names, fileName);
    if (!entries.ok) return { ok: false, kind, problems: entries.problems };
    let unzipped: Record<string, Uint8Array>;
    try {
      // Screened above: every entry inflates to what it declares, within the limits.
      unzipped = unzipSync(bytes, { filter: (f) => entries.names.has(f.name) });
    } catch {
      throw new UploadRefused('DAMAGED_FILE', 422, `${fileName}：压缩包无法解压`, `${fileName}: the archive cannot be unpacked`);
    }
    texts = {};
    for (const [name, data] of Object.entries(unzipped)) texts[entries.names.get(name)!] = Buffer.from(data).toString('utf8');
  }
  const folder = checkFolderTexts(texts);
  if (!folder.result.ok)
    return {
      ok: false,
      kind,
      problems: folder.result.problems.map((p) => problem({ file: kind === 'workbook' ? fileName : p.file, field: p.path.length ? formatPath(p.path) : null, line: kind === 'folder' ? (p.line ?? null) : null, column: kind === 'folder' && p.column ? String(p.column) : null, message: p.message, messageEn: p.messageEn })),
    };
  return { ok: true, kind, texts, plan: folder.result.plan, files: folder.files! };
}
