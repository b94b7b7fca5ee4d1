// Reads a plan folder from disk (YAML files), builds the Plan, and locates every problem by line and column.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { buildPlan, validateFiles, type BuildResult } from '../plan/build.js';
import { PLAN_FILES, type PlanFileName, type RawPlanFiles } from '../plan/schema.js';
import type { PlanProblem } from '../plan/problems.js';
import { addBoundaries, createHashAccumulator } from './hash.js';
import { BOUNDARIES_FILE, readBoundaries, type PlanBoundaries } from './boundaries.js';
import { ASSESSMENT_FILE, buildSchemes, type Scheme } from '../assessment/scheme.js';

export { DEFAULT_PLAN_DIR } from './hash.js';

export interface FolderResult {
  dir: string;
  result: BuildResult;
  /** sha-256 over the files' bytes, so a store can tell whether the folder changed since it was seeded. */
  contentHash: string;
  /** The assessment schemes of assessment.yaml (optional file; empty without it), validated against the plan. */
  schemes: Scheme[];
  /** The files' contents as validated (defaults filled in), when the folder is valid. */
  files?: RawPlanFiles;
  /** The region boundaries of boundaries.yaml (optional file; null without it), checked against the plan. */
  boundaries: PlanBoundaries | null;
}

export function readPlanFolder(dirArg: string): FolderResult {
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return {
      dir,
      contentHash: '',
      schemes: [],
      boundaries: null,
      result: { ok: false, problems: [{ file: dir, path: [], message: '规划文件夹不存在或不是文件夹', messageEn: 'plan folder does not exist or is not a folder' }] },
    };
  }
  const docs = new Map<PlanFileName, { doc: Document; lines: LineCounter }>();
  const contents: Partial<Record<PlanFileName, unknown>> = {};
  const syntax: PlanProblem[] = [];
  const hash = createHashAccumulator();
  for (const name of Object.keys(PLAN_FILES) as PlanFileName[]) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    hash.add(name, text);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      for (const err of doc.errors) {
        const pos = lines.linePos(err.pos[0]);
        syntax.push({
          file: name,
          path: [],
          line: pos.line,
          column: pos.col,
          message: `YAML 语法错误：${err.code}`,
          messageEn: `YAML syntax error: ${err.message.split('\n')[0]}`,
        });
      }
      continue;
    }
    docs.set(name, { doc, lines });
    contents[name] = doc.toJS();
  }
  // The assessment scheme is plan data too (versioned with the folder), but optional: a plan may have none.
  let assessmentDoc: { doc: Document; lines: LineCounter } | null = null;
  const assessmentPath = join(dir, ASSESSMENT_FILE);
  if (existsSync(assessmentPath)) {
    const text = readFileSync(assessmentPath, 'utf8');
    hash.add(ASSESSMENT_FILE, text);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    for (const err of doc.errors) {
      const pos = lines.linePos(err.pos[0]);
      syntax.push({ file: ASSESSMENT_FILE, path: [], line: pos.line, column: pos.col, message: `YAML 语法错误：${err.code}`, messageEn: `YAML syntax error: ${err.message.split('\n')[0]}` });
    }
    if (!doc.errors.length) assessmentDoc = { doc, lines };
  }
  // The map is plan data too (optional): boundaries.yaml names the GeoJSON and its source, licence and 审图号.
  let boundariesDoc: { doc: Document; lines: LineCounter } | null = null;
  const boundariesPath = join(dir, BOUNDARIES_FILE);
  if (existsSync(boundariesPath)) {
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(boundariesPath, 'utf8'), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    for (const err of doc.errors) {
      const pos = lines.linePos(err.pos[0]);
      syntax.push({ file: BOUNDARIES_FILE, path: [], line: pos.line, column: pos.col, message: `YAML 语法错误：${err.code}`, messageEn: `YAML syntax error: ${err.message.split('\n')[0]}` });
    }
    if (!doc.errors.length) boundariesDoc = { doc, lines };
  }
  addBoundaries(hash, dir);
  if (syntax.length) return { dir, contentHash: hash.digest(), schemes: [], boundaries: null, result: { ok: false, problems: syntax } };
  let result = buildPlan(contents);
  let schemes: Scheme[] = [];
  if (result.ok && assessmentDoc) {
    const built = buildSchemes(assessmentDoc.doc.toJS(), result.plan);
    if (built.ok) schemes = built.schemes;
    else result = { ok: false, problems: built.problems };
  }
  let boundaries: PlanBoundaries | null = null;
  if (result.ok && boundariesDoc) {
    const read = readBoundaries(dir, boundariesDoc.doc.toJS(), result.plan);
    if (read.ok) boundaries = read.boundaries;
    else result = { ok: false, problems: read.problems };
  }
  if (!result.ok) {
    for (const problem of result.problems) {
      const located = problem.file === ASSESSMENT_FILE ? assessmentDoc : problem.file === BOUNDARIES_FILE ? boundariesDoc : docs.get(problem.file as PlanFileName);
      if (!located) continue;
      // Walk up the path until a node exists (a missing field is reported at its parent).
      for (let n = problem.path.length; n >= 0; n--) {
        const node = located.doc.getIn(problem.path.slice(0, n), true);
        if (isNode(node) && node.range) {
          const pos = located.lines.linePos(node.range[0]);
          problem.line = pos.line;
          problem.column = pos.col;
          break;
        }
      }
    }
  }
  return { dir, contentHash: hash.digest(), schemes, boundaries, result, files: result.ok ? validateFiles(contents).files : undefined };
}

/** The validated contents of a plan folder's files, or its problems. */
export function loadRawFolder(dir: string): { ok: true; files: RawPlanFiles } | { ok: false; problems: PlanProblem[] } {
  const folder = readPlanFolder(dir);
  if (!folder.result.ok) return { ok: false, problems: folder.result.problems };
  return { ok: true, files: folder.files! };
}
