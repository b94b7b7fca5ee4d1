// A plan folder's content hash, from the files' bytes alone: no YAML parsing and no checking, so a command can tell
// cheaply whether the store already holds the plan seeded from these files (cli/store.ts) before reading it properly
// (read.ts, which computes the same hash).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ASSESSMENT_FILE, PLAN_FILES, type PlanFileName } from '../plan/schema.js';
import { BOUNDARIES_FILE, boundaryFileTexts } from './boundaries.js';

const PLANS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../plans');

/** The plan folder shipped with ecoplan and loaded by default: the one plans/default.yaml names (`plan: <folder>`).
 *  Read as text, not YAML, to keep short commands cheap; the code names no plan. */
export const DEFAULT_PLAN_DIR = join(PLANS_DIR, defaultPlanFolder());

function defaultPlanFolder(): string {
  const file = join(PLANS_DIR, 'default.yaml');
  const m = existsSync(file) ? /^plan:\s*["']?([A-Za-z0-9._-]+)["']?\s*$/m.exec(readFileSync(file, 'utf8')) : null;
  if (!m) throw new Error(`${file}: 缺少“plan: <规划文件夹名>” / missing "plan: <plan folder name>"`);
  return m[1]!;
}

/** sha-256 over each plan file's name and text, in PLAN_FILES order then assessment.yaml, then boundaries.yaml and
 *  the files it names, files that exist only. */
export function createHashAccumulator() {
  const h = createHash('sha256');
  return {
    add(name: string, text: string) {
      h.update(name).update('\0').update(text).update('\0');
    },
    digest: () => h.digest('hex'),
  };
}

/** Adds boundaries.yaml and the files it declares (the map changes the plan's content too). */
export function addBoundaries(hash: ReturnType<typeof createHashAccumulator>, dir: string): void {
  const path = join(dir, BOUNDARIES_FILE);
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  hash.add(BOUNDARIES_FILE, text);
  let declared: unknown = null;
  try {
    declared = parse(text);
  } catch {
    // A broken boundaries.yaml is reported by readPlanFolder; its text alone is hashed.
  }
  for (const [name, body] of boundaryFileTexts(dir, declared)) hash.add(name, body);
}

/** The folder's content hash as readPlanFolder computes it; null when the folder does not exist. */
export function planFolderHash(dirArg: string): string | null {
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const hash = createHashAccumulator();
  for (const name of Object.keys(PLAN_FILES) as PlanFileName[]) {
    const path = join(dir, name);
    if (existsSync(path)) hash.add(name, readFileSync(path, 'utf8'));
  }
  const assessment = join(dir, ASSESSMENT_FILE);
  if (existsSync(assessment)) hash.add(ASSESSMENT_FILE, readFileSync(assessment, 'utf8'));
  addBoundaries(hash, dir);
  return hash.digest();
}
