// Running the built `ecoplan` command in tests: `node bin/ecoplan.js`, never through npx (which would install the
// checkout as a package and run its `prepare` build mid-suite), from a working directory outside the checkout, so
// that whatever a command writes by default (./data/ecoplan.db, a report file) lands in a temp dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { tempDir } from './planFolder.js';

export const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');

/** The working directory of commands run in tests: a temp dir, one per test file. */
export const CLI_CWD = tempDir('ecoplan-cli-cwd-');

/**
 * Starts `ecoplan serve --port 0` on `db` (a file or a postgres:// URL) in a temp dir of its own; resolves with its
 * address (http://127.0.0.1:PORT) once it says it is ready, rejects with its output if it exits first.
 */
export function serveUntilReady(db: string, env: NodeJS.ProcessEnv, cwdPrefix = 'ecoplan-serve-'): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db], { cwd: tempDir(cwdPrefix), env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((done, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready: .*?http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) done({ base: `http://127.0.0.1:${m[1]}`, child });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => fail(new Error(`ecoplan serve exited (${code}): ${err}${out}`)));
  });
}
