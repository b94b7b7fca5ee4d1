// Issue 14 left-overs of finding 3: the carbon accounts' reads (inventory, series, scenarios, workbook) and the
// workbooks uploaded over HTTP (carbon, GEP, a round's template) are computed or read in the worker pool, not on the
// thread that answers requests. A server with a pool gives the same answers and refusals as one computing in its own
// thread, writes what it read, and answers /health while a workbook is being read.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { loadCarbonDemo } from '../src/demo/carbon.js';
import { buildApp } from '../src/server/app.js';
import { Offload } from '../src/server/offload/index.js';
import { createUser } from '../src/store/users.js';
import { signInTo, TEST_PASSWORD, type Session } from './helpers/app.js';
import { seededDatabase } from './helpers/store.js';

const C = '/api/v1/plans/default/carbon';
let store: Awaited<ReturnType<typeof seededDatabase>>;
let threaded: FastifyInstance;
let local: FastifyInstance;
let base: string;
let reviewer: NonNullable<Session>;

beforeAll(async () => {
  store = await seededDatabase();
  await loadCarbonDemo(store.db, store.plan);
  await createUser(store.db, { username: 'admin', displayName: 'admin', role: 'admin', planId: store.plan.meta.id, departmentId: null, passwordHash: await hashPassword(TEST_PASSWORD) });
  await createUser(store.db, { username: 'reviewer', displayName: 'reviewer', role: 'reviewer', planId: store.plan.meta.id, departmentId: 'sthjj', passwordHash: await hashPassword(TEST_PASSWORD) });
  // One database file: the threaded server's pool reads it; the other server computes in its own thread.
  threaded = await buildApp({ db: store.db, dbPath: store.path, workerThreads: 1, webDir: '/nonexistent', computeRateLimit: 10_000, loginRateLimit: 1000 });
  local = await buildApp({ db: store.db, webDir: '/nonexistent', computeRateLimit: 10_000, loginRateLimit: 1000 });
  base = await threaded.listen({ port: 0, host: '127.0.0.1' });
  reviewer = (await signInTo(threaded, 'reviewer'))!;
}, 120_000);
afterAll(async () => {
  await threaded?.close();
  await local?.close();
  await store.db.destroy();
});

const get = (app: FastifyInstance, url: string) => app.inject({ url, headers: { cookie: reviewer.cookie } });

function multipart(bytes: Buffer, name: string) {
  const boundary = '----ecoplanOffload';
  return {
    payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { cookie: reviewer.cookie, 'x-csrf-token': reviewer.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const upload = (app: FastifyInstance, url: string, bytes: Buffer, name: string) => app.inject({ method: 'POST', url, ...multipart(bytes, name) });

describe('carbon reads in the worker pool', () => {
  it('give the answers computed in the server thread, refusals included', async () => {
    const scenarios = (await get(local, `${C}/scenarios`)).json() as { scenarios: { name: string }[] };
    expect(scenarios.scenarios.length).toBeGreaterThanOrEqual(2);
    const names = scenarios.scenarios.map((s) => s.name);
    for (const url of [
      `${C}/inventory?year=2023`,
      `${C}/inventory?year=2023&region=440205&lines=false&gwp=AR6`,
      `${C}/inventory/series?region=440200`,
      `${C}/scenarios/compare?names=${names.join(',')}`,
      `${C}/scenarios/${names[0]}`,
      `${C}/inventory?year=2023&region=440299`, // 400 UNKNOWN_REGION
      `${C}/scenarios/compare?names=nope`, // 404
    ]) {
      const [a, b] = await Promise.all([get(threaded, url), get(local, url)]);
      expect(a.statusCode, url).toBe(b.statusCode);
      expect(a.json(), url).toEqual(b.json());
    }
    const run = await threaded.inject({ method: 'POST', url: `${C}/scenarios/run`, payload: (await get(local, `${C}/scenarios/${names[0]}`)).json().scenario.params, headers: { cookie: reviewer.cookie, 'x-csrf-token': reviewer.csrf } });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().result).toEqual((await get(local, `${C}/scenarios/${names[0]}`)).json().result);
    const xlsx = await get(threaded, `${C}/workbook.xlsx?year=2023`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('workbooks uploaded over HTTP, read in the worker pool', () => {
  it('imports a carbon workbook read in a worker, and refuses a broken one with the same problems', async () => {
    const exported = (await get(threaded, `${C}/workbook.xlsx?year=2022`)).rawPayload;
    const same = await upload(threaded, `${C}/workbook`, exported, '碳核算2022.xlsx');
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ inserted: 0, versioned: 0 });
    expect(same.json().unchanged).toBeGreaterThan(0);
    const pdf = Buffer.from('%PDF-1.7 not excel');
    const [a, b] = await Promise.all([upload(threaded, `${C}/workbook`, pdf, 'x.xlsx'), upload(local, `${C}/workbook`, pdf, 'x.xlsx')]);
    expect(a.statusCode).toBe(400);
    expect(a.json()).toEqual(b.json());
  });

  it('refuses a GEP workbook and a round template the same way in a worker as in the server thread', async () => {
    const notZip = Buffer.from('plain text, not a workbook');
    const gep = await Promise.all([threaded, local].map((app) => upload(app, '/api/v1/plans/default/gep/import', notZip, 'gep.xlsx')));
    expect(gep[0]!.statusCode).toBe(400);
    expect(gep[0]!.json()).toEqual(gep[1]!.json());
    const admin = (await signInTo(threaded, 'admin'))!;
    const opened = await threaded.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', payload: { year: 2024, deadline: '2025-03-31' }, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(opened.statusCode, opened.body).toBe(200);
    const tpl = await Promise.all([threaded, local].map((app) => upload(app, '/api/v1/plans/default/rounds/2024/import?department=sthjj', notZip, '填报.xlsx')));
    expect(tpl[0]!.statusCode).toBe(400);
    expect(tpl[0]!.json()).toEqual(tpl[1]!.json());
  });

  it('answers /health while a workbook is being read in the pool', async () => {
    // Which pool tasks are running: the reading must be one (not done in the server's thread), and /health must be
    // answered while it still is.
    const running = new Set<string>();
    const settled: string[] = [];
    const compute = Offload.prototype.compute;
    const spy = vi.spyOn(Offload.prototype, 'compute').mockImplementation(async function (this: Offload, name, args) {
      running.add(name);
      try {
        return await compute.call(this, name, args as never);
      } finally {
        running.delete(name);
        settled.push(name);
      }
    } as typeof compute);
    try {
      // The whole carbon workbook (every year and region) uploaded back: reading it keeps the pool's thread busy.
      const exported = Buffer.from(await (await fetch(`${base}${C}/workbook.xlsx`, { headers: { cookie: reviewer.cookie } })).arrayBuffer());
      const form = new FormData();
      form.append('file', new Blob([exported]), '碳核算.xlsx');
      const importing = fetch(`${base}${C}/workbook`, { method: 'POST', body: form, headers: { cookie: reviewer.cookie, 'x-csrf-token': reviewer.csrf } });
      await expect.poll(() => running.has('carbon.readWorkbook'), { timeout: 30_000 }).toBe(true);
      const health = await fetch(`${base}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(running.has('carbon.readWorkbook')).toBe(true);
      const done = await importing;
      expect(done.status, await done.clone().text()).toBe(200);
      expect(settled).toContain('carbon.readWorkbook');
    } finally {
      spy.mockRestore();
    }
  });
});
