// Does a trivial request stay fast while the heaviest ones run? (issue 14, finding 3; target: /health p99 < 50 ms)
// A demo database with a year of hourly data of 20 stations (`demo monitoring`) and the demo dataset (`serve --demo`);
// HEAVY loops each request, one after another, the heaviest endpoints — annual air statistics (HJ 663), a region's
// daily AQI, the monitoring indicators, a GEP account, the HTML and Word reports, the carbon inventory series and
// workbook, and the upload of that whole carbon workbook (read, checked, all rows unchanged; signed in as the demo
// reviewer) — with the answer cache off
// (ECOPLAN_COMPUTE_CACHE=0), so every one of them computes. Meanwhile /health is asked one at a time, and its
// latencies are compared with the same on the idle server.
// Rerun: npm run build && node bench/responsiveness.js [--seconds 20] [--heavy 4] [--stations 20]
import { execFileSync } from 'node:child_process';
import { BIN, freshDbPath, record, startServer, stop } from './lib.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('--seconds', 20);
const HEAVY = arg('--heavy', 4);
const STATIONS = arg('--stations', 20);
const YEAR = 2024;
const HEAVY_PATHS = [
  `/api/v1/monitoring/air/annual?year=${YEAR}`,
  `/api/v1/monitoring/air/daily?year=${YEAR}&region=440200`,
  `/api/v1/plans/default/monitoring/indicators?year=${YEAR}`,
  '/api/v1/plans/default/gep/account?region=440200&year=2023',
  `/api/v1/plans/default/reports/${YEAR}.html`,
  `/api/v1/plans/default/reports/${YEAR}.docx`,
  '/api/v1/plans/default/carbon/inventory/series?region=440200',
  '/api/v1/plans/default/carbon/workbook.xlsx',
  'POST /api/v1/plans/default/carbon/workbook',
];
const DEMO_PASSWORD = 'ecoplan-demo-2024';

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function timeHealth(base, until) {
  const ms = [];
  while (performance.now() < until) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/health`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/health answered ${res.status}`);
    ms.push(performance.now() - t0);
    await new Promise((ok) => setTimeout(ok, 10));
  }
  return ms;
}

const db = freshDbPath();
execFileSync(process.execPath, [BIN, 'demo', 'monitoring', '--stations', String(STATIONS), '--year', String(YEAR), '--db', db], { stdio: 'ignore' });
const { child, port } = await startServer(db, { ECOPLAN_COMPUTE_CACHE: '0' }, [], ['--demo']);
const base = `http://127.0.0.1:${port}`;
try {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'reviewer', password: DEMO_PASSWORD }) });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ecoplan_session=')).split(';')[0];
  const { csrfToken } = await login.json();
  const workbook = Buffer.from(await (await fetch(`${base}/api/v1/plans/default/carbon/workbook.xlsx`, { headers: { cookie } })).arrayBuffer());
  const request = (path) => {
    if (!path.startsWith('POST ')) return fetch(base + path, { headers: { cookie } });
    const form = new FormData();
    form.append('file', new Blob([workbook]), 'carbon.xlsx');
    return fetch(base + path.slice(5), { method: 'POST', body: form, headers: { cookie, 'x-csrf-token': csrfToken } });
  };
  const idle = await timeHealth(base, performance.now() + 3000);
  const heavy = { done: 0, failed: 0, ms: [], other: new Map() };
  let stopping = false;
  const loops = Array.from({ length: HEAVY }, async (_, k) => {
    for (let i = k; !stopping; i++) {
      const path = HEAVY_PATHS[i % HEAVY_PATHS.length];
      const t0 = performance.now();
      const res = await request(path);
      await res.arrayBuffer();
      if (res.status === 200) heavy.done++;
      else {
        heavy.failed++;
        const key = `${res.status} ${path.split('?')[0]}`;
        heavy.other.set(key, (heavy.other.get(key) ?? 0) + 1);
      }
      heavy.ms.push(performance.now() - t0);
    }
  });
  const loaded = await timeHealth(base, performance.now() + SECONDS * 1000);
  stopping = true;
  await Promise.all(loops);
  const f = (x) => x.toFixed(1);
  const p99 = pct(loaded, 99);
  console.log(`Responsiveness under heavy load (${STATIONS} stations × ${YEAR}, ${HEAVY} concurrent heavy loops, answer cache off, ${SECONDS} s)`);
  console.log(`  /health idle:   n=${idle.length}  p50 ${f(pct(idle, 50))} ms  p99 ${f(pct(idle, 99))} ms  max ${f(Math.max(...idle))} ms`);
  console.log(`  /health loaded: n=${loaded.length}  p50 ${f(pct(loaded, 50))} ms  p99 ${f(p99)} ms  max ${f(Math.max(...loaded))} ms  (target p99 < 50 ms: ${p99 < 50 ? 'met' : 'NOT met'})`);
  console.log(`  heavy requests: ${heavy.done} answered 200, ${heavy.failed} other${heavy.other.size ? ` (${[...heavy.other].map(([k, n]) => `${n} × ${k}`).join(', ')})` : ''}; median ${f(pct(heavy.ms, 50))} ms, max ${f(Math.max(...heavy.ms))} ms`);
  console.log(`  rerun: npm run build && node bench/responsiveness.js --seconds ${SECONDS} --heavy ${HEAVY} --stations ${STATIONS}`);
  record({ id: 'responsiveness', issue: 14, target: '/health p99 < 50 ms while the heaviest requests run', command: `node bench/responsiveness.js --seconds ${SECONDS} --heavy ${HEAVY} --stations ${STATIONS}`, figure: `p99 ${f(p99)} ms loaded (idle p99 ${f(pct(idle, 99))} ms); ${HEAVY} heavy loops, answer cache off`, value: p99, limit: 50, unit: 'ms' });
} finally {
  await stop(child);
}
