// Vitest global setup: the test suite must not build or write into the checkout (tests use temp dirs). Before the
// run it notes every file of dist/ (size and modification time) and the untracked and ignored paths git reports;
// after the run it fails the run if dist/ changed or a new path appeared (e.g. ./data/ from a command run without
// --db, or a rebuild started by `npx ecoplan`). test-results/ is allowed: the browser tests' screenshots go there
// (ignored by git, read by people, never by the build or a test).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const ALLOWED = ['test-results/'];

function distFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else {
        const st = statSync(path);
        out.set(relative(ROOT, path), `${st.size}:${st.mtimeMs}`);
      }
    }
  };
  if (existsSync(join(ROOT, 'dist'))) walk(join(ROOT, 'dist'));
  return out;
}

/** Untracked and ignored paths as git lists them (directories collapsed), or null outside a git checkout. */
function strayPaths(): Set<string> | null {
  try {
    const out = execFileSync('git', ['status', '--porcelain', '--untracked-files=normal', '--ignored'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return new Set(out.split('\n').filter((l) => l.startsWith('?? ') || l.startsWith('!! ')).map((l) => l.slice(3)));
  } catch {
    return null;
  }
}

export default function setup() {
  const dist = distFiles();
  const stray = strayPaths();
  return () => {
    const problems: string[] = [];
    const now = distFiles();
    for (const [file, sig] of now) if (dist.get(file) !== sig) problems.push(`dist/ changed: ${file}`);
    for (const file of dist.keys()) if (!now.has(file)) problems.push(`dist/ changed: ${file} removed`);
    const after = strayPaths();
    if (stray && after) for (const path of after) if (!stray.has(path) && !ALLOWED.includes(path)) problems.push(`new in the checkout: ${path}`);
    if (problems.length) {
      // An error thrown here is printed but does not change vitest's exit status: set it too.
      process.exitCode = 1;
      throw new Error(
        `The tests wrote into the checkout (they must use temp dirs; tests/helpers/checkout-guard.ts):\n  ${problems.slice(0, 20).join('\n  ')}` +
          (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''),
      );
    }
  };
}
