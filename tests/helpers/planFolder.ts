// Helpers for tests that need a scratch copy of the Shaoguan plan folder to break on purpose.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';

export const SHAOGUAN_DIR = resolve(import.meta.dirname, '../../plans/shaoguan-2021-2035');
/** The synthetic county-level plan with town regions (a second plan beside Shaoguan's). */
export const EXAMPLE_COUNTY_DIR = resolve(import.meta.dirname, '../../plans/example-county-2024-2035');

export function tempDir(prefix = 'ecoplan-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies the plan folder and applies text edits to its files; returns the copy's path. */
export function brokenPlanFolder(edits: Record<string, (text: string) => string>, from = SHAOGUAN_DIR): string {
  const dir = join(tempDir(), 'plan');
  cpSync(from, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing: fix the test`);
    writeFileSync(path, after);
  }
  return dir;
}

/** A plan folder's files as a zip under one top folder (as archivers make it); `edit` may change or add entries. */
export function zipPlanFolder(dir: string, top: string, edit: (files: Record<string, Uint8Array>) => void = () => {}): Buffer {
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[`${top}/${relative(dir, path)}`] = readFileSync(path);
    }
  };
  walk(dir);
  edit(files);
  return Buffer.from(zipSync(files));
}
