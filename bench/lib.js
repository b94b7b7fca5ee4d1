// Shared helpers of the benchmarks: start `ecoplan serve` as a user would and wait until it is ready.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');

export function freshDbPath() {
  return join(mkdtempSync(join(tmpdir(), 'ecoplan-bench-')), 'ecoplan.db');
}

/** Spawns the server on a free port; resolves once it prints its address, with the wall time taken. */
export function startServer(dbPath, extraEnv = {}, extraArgs = []) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', dbPath, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...extraEnv },
  });
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) ok({ child, port: Number(m[1]), readyMs: performance.now() - t0 });
    });
    child.stderr.on('data', (d) => (err += d.toString()));
    child.on('exit', (code) => fail(new Error(`server exited (${code}) before it was ready: ${err}`)));
  });
}

export function stop(child) {
  return new Promise((ok) => {
    child.removeAllListeners('exit');
    child.once('exit', ok);
    child.kill('SIGTERM');
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
