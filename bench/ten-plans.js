// Ten plans in one database: the indicator list of each (requests cycling through the ten plans on every
// connection) at 50 connections, next to the default plan's list alone and the health endpoint in the same run, so
// the figures read as ratios on a noisy shared machine. The nine extra plans are Shaoguan's folder under other ids
// and names, loaded with `ecoplan plan load` as an integrator would.
// Target (plans side by side): p99 under 20 ms at 50 connections. Rerun: node bench/ten-plans.js [seconds]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { BIN, freshDbPath, record, startServer, stop } from './lib.js';

const seconds = Number(process.argv[2] ?? 10);
const SHAOGUAN = resolve(import.meta.dirname, '../plans/shaoguan-2021-2035');
const db = freshDbPath();
const folders = mkdtempSync(join(tmpdir(), 'ecoplan-bench-plans-'));
const ids = ['shaoguan-2021-2035'];
execFileSync(process.execPath, [BIN, 'plan', 'list', '--db', db], { stdio: 'ignore' }); // the database with the default plan
for (let k = 1; k <= 9; k++) {
  const id = `bench-city-${k}`;
  const dir = join(folders, id);
  cpSync(SHAOGUAN, dir, { recursive: true });
  const planYaml = join(dir, 'plan.yaml');
  writeFileSync(planYaml, readFileSync(planYaml, 'utf8').replace('id: shaoguan-2021-2035', `id: ${id}`).replace(/^name: .*$/m, `name: 基准测试市${k}生态文明建设规划`).replace(/^shortName: .*$/m, `shortName: 基准测试市${k}规划`));
  execFileSync(process.execPath, [BIN, 'plan', 'load', dir, '--db', db], { stdio: 'ignore' });
  ids.push(id);
}

const { child, port } = await startServer(db);
const base = `http://127.0.0.1:${port}`;
const gzip = { 'accept-encoding': 'gzip, deflate, br' };
const load = (requests, headers = {}) => autocannon({ url: base, connections: 50, duration: seconds, pipelining: 1, headers, requests });
const each = ids.map((id) => ({ method: 'GET', path: `/api/v1/plans/${id}/indicators` }));
try {
  await load(each, gzip); // warm up: every plan's read model built once
  const rows = [];
  for (const [name, requests, headers] of [
    ['health (baseline)', [{ method: 'GET', path: '/api/v1/health' }], {}],
    ['one plan, gzip', [each[0]], gzip],
    ['ten plans, gzip', each, gzip],
    ['ten plans, identity', each, {}],
  ]) {
    const r = await load(requests, headers);
    rows.push({ name, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.non2xx });
  }
  console.log(`${ids.length} plans in one database; loopback, 50 connections, ${seconds} s per row`);
  for (const r of rows) console.log(`  ${r.name.padEnd(22)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  errors ${r.errors}`);
  const [health, one, tenGz, tenId] = rows;
  const worst = Math.max(tenGz.p99, tenId.p99);
  console.log(`  ten plans: p99 ${worst} ms → target < 20 ms ${worst < 20 ? 'met' : 'NOT met'}; throughput ${(tenGz.rps / one.rps).toFixed(2)}× of one plan, ${(tenGz.rps / health.rps).toFixed(2)}× of health`);
  record({ id: 'ten-plans', target: 'ten plans: indicator list p99 < 20 ms at 50 connections', command: `node bench/ten-plans.js ${seconds}`, figure: `p99 ${tenGz.p99} ms gzip, ${tenId.p99} ms identity (one plan ${one.p99} ms, health ${health.p99} ms)`, value: worst, limit: 20, unit: 'ms' });
  console.log(`rerun: node bench/ten-plans.js ${seconds}`);
} finally {
  await stop(child);
}
