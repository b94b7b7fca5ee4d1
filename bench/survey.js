// The public survey endpoint: POST /survey/{id} offered 500 submissions a second (open loop: sent on a fixed
// schedule, not waiting for answers) for N seconds from loopback; target: every submission answered 200 and every
// one counted in the database afterwards, with the offered rate kept. Each submission carries its own one-time token
// (fetched from the page before the timed phase, as browsers do when they open it) and its proof-of-work.
// The server runs with the per-address limit raised (all requests come from 127.0.0.1) and the proof-of-work at 8
// bits: the work is the client's, the server checks one SHA-256 whatever the difficulty.
// Rerun: node bench/survey.js [seconds] [rate]   (after npm run build)
import http from 'node:http';
import { openDatabase } from '../dist/store/db.js';
import { seedPlan } from '../dist/store/plans.js';
import { createSurvey, setSurveyStatus } from '../dist/store/survey.js';
import { starterDefinition } from '../dist/survey/model.js';
import { solvePow } from '../dist/survey/guard.js';
import { readPlanFolder, DEFAULT_PLAN_DIR } from '../dist/planfolder/read.js';
import { freshDbPath, record, startServer, stop } from './lib.js';

const seconds = Number(process.argv[2] ?? 10);
const rate = Number(process.argv[3] ?? 500);
const BITS = 8;
const total = seconds * rate;
const dbPath = freshDbPath();

// The questionnaire, created and opened as a reviewer would (through the store functions the API uses).
{
  const { db } = await openDatabase(dbPath);
  const folder = readPlanFolder(DEFAULT_PLAN_DIR);
  await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true });
  const s = await createSurvey(db, folder.result.plan.meta.id, 2025, starterDefinition(), { id: 'bench', username: 'bench' });
  await setSurveyStatus(db, s, 'open', { id: 'bench', username: 'bench' });
  globalThis.surveyId = s.id;
  await db.destroy();
}
const id = globalThis.surveyId;
const { child, port } = await startServer(dbPath, { ECOPLAN_SURVEY_RATE_LIMIT: String(total * 2), ECOPLAN_SURVEY_POW_BITS: String(BITS) });
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method, path, body) {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => ok({ status: res.statusCode, text, ms: performance.now() - t0 }));
    });
    req.on('error', fail);
    if (body) req.write(body);
    req.end();
  });
}

// Tokens and proofs first (a browser gets its token when it opens the page, and works before it submits).
const t0 = performance.now();
const bodies = [];
const counties = ['440203', '440204', '440205', '440222', '440224', '440229', '440232', '440233', '440281', '440282'];
const participation = ['sorting', 'planting', 'green_travel', 'reporting', 'none'];
for (let k = 0; k < total; k += 32) {
  const pages = await Promise.all(Array.from({ length: Math.min(32, total - k) }, () => request('GET', `/survey/${id}`)));
  for (const p of pages) {
    const token = /name="token" value="([^"]*)"/.exec(p.text)[1];
    const i = bodies.length;
    const form = new URLSearchParams({ county: counties[i % 10], 'q.satisfaction': String(1 + (i % 5)), 'q.participation': participation[i % 5], 'q.suggestions': `基准测试第 ${i} 份`, token, pow: solvePow(token, BITS) });
    bodies.push(form.toString());
  }
}
console.log(`prepared ${total} tokens and proofs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// The timed phase: `rate` a second on a fixed schedule, in slices of 10 ms.
const results = [];
const started = performance.now();
let sent = 0;
await new Promise((done) => {
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) results.push(request('POST', `/survey/${id}`, bodies[sent]).catch((e) => ({ status: 0, text: String(e), ms: NaN })));
    if (sent < total) setTimeout(tick, 10);
    else done();
  };
  tick();
});
const sendSeconds = (performance.now() - started) / 1000;
const answers = await Promise.all(results);
const allSeconds = (performance.now() - started) / 1000;
agent.destroy();
await stop(child);

const ok = answers.filter((a) => a.status === 200).length;
const failed = answers.filter((a) => a.status !== 200);
const ms = answers.map((a) => a.ms).filter(Number.isFinite).sort((a, b) => a - b);
const pct = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
const { db } = await openDatabase(dbPath);
const stored = Number((await db.selectFrom('survey_responses').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', id).executeTakeFirstOrThrow()).n);
await db.destroy();

const offered = total / sendSeconds;
const met = ok === total && stored === total && offered >= rate * 0.98;
console.log(`offered ${total} submissions in ${sendSeconds.toFixed(2)} s (${offered.toFixed(0)}/s), all answered after ${allSeconds.toFixed(2)} s; 200: ${ok}, other: ${failed.length}${failed.length ? ` (first: ${failed[0].status} ${failed[0].text.slice(0, 200)})` : ''}`);
console.log(`latency ms: p50 ${pct(0.5).toFixed(1)}, p99 ${pct(0.99).toFixed(1)}, max ${ms[ms.length - 1].toFixed(1)}; rows in the database afterwards: ${stored} of ${total} → target ${met ? 'met' : 'NOT met'}`);
record({
  id: 'survey-submissions',
  issue: 16,
  target: `survey endpoint takes ${rate} submissions/s, none lost`,
  command: `node bench/survey.js ${seconds} ${rate}`,
  figure: `${offered.toFixed(0)}/s offered for ${sendSeconds.toFixed(1)} s: ${ok}/${total} answered 200, ${stored}/${total} in the database; p99 ${pct(0.99).toFixed(1)} ms`,
  value: total - stored + (total - ok),
  limit: 1,
  unit: 'lost',
  met,
});
process.exit(met ? 0 : 1);
