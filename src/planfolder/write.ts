// Writes the raw contents of a plan into a plan folder (YAML), all or nothing: the files are written into a
// temporary folder beside the target, which is renamed into place only when every file is written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { PLAN_FILES, type PlanFileName, type RawPlanFiles } from '../plan/schema.js';

export class FolderExists extends Error {
  constructor(readonly dir: string) {
    super(`${dir} exists and is not empty`);
  }
}

/** The YAML text of each plan file, headed by a comment naming where it came from. */
export function planFolderTexts(files: RawPlanFiles, origin: string): Record<PlanFileName, string> {
  const out = {} as Record<PlanFileName, string>;
  for (const name of Object.keys(PLAN_FILES) as PlanFileName[])
    out[name] = `# ${origin}\n${stringify(files[name], { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })}`;
  return out;
}

/** Writes the folder; refuses (FolderExists) when `dirArg` exists and holds anything. Returns the absolute path. */
export function writePlanFolder(dirArg: string, texts: Record<string, string>): string {
  const dir = resolve(dirArg);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) throw new FolderExists(dir);
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(dir), `.${basename(dir)}.tmp-`));
  try {
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(tmp, name), text);
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return dir;
}
