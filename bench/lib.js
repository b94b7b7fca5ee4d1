// Shared helpers of the benchmarks: start `ecoplan serve` as a user would and wait until it is ready.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');

export function freshDbPath() {
  return join(mkdtempSync(join(tmpdir(), 'ecoplan-bench-')), 'ecoplan.db');
}

/**
 * Spawns the server on a free port; resolves once it prints its address, with the wall time taken. `nodeArgs` go
 * before the script (e.g. ['--cpu-prof', '--cpu-prof-dir=…'], which NODE_OPTIONS does not allow); `serveArgs` after
 * `serve` (e.g. ['--demo']).
 */
export function startServer(dbPath, extraEnv = {}, nodeArgs = [], serveArgs = []) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--port', '0', '--db', dbPath, ...serveArgs], {
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

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null elsewhere. */
export function cpuMsOf(pid) {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime and stime
    // are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * Records the figure of a target for `npm run bench` (bench/run-all.js), which gives each benchmark a file in
 * ECOPLAN_BENCH_OUT; run alone, a benchmark just prints. `value` and `limit` are in `unit`; met is value < limit
 * unless `met` is given.
 */
export function record({ id, target, issue, command, figure, value, limit, unit, met = value < limit }) {
  const out = process.env.ECOPLAN_BENCH_OUT;
  if (out) appendFileSync(out, `${JSON.stringify({ id, target, issue, command, figure, value, limit, unit, met, loadavg: loadavg() })}\n`);
  return met;
}

/** Stored station-hours with any value (air_days: the slots of each station-day, its rows of several imports merged). */
export async function storedStationHours(db) {
  const { slotCount } = await import('../dist/monitoring/hourBlob.js');
  const rows = await db.selectFrom('air_days').select(['station_code', 'day', 'slots']).orderBy('station_code').orderBy('day').execute();
  let n = 0;
  for (let i = 0; i < rows.length; ) {
    let mask = 0;
    const { station_code, day } = rows[i];
    for (; i < rows.length && rows[i].station_code === station_code && rows[i].day === day; i++) mask |= rows[i].slots;
    n += slotCount(mask);
  }
  return n;
}
