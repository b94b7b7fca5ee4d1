// Crash test of approvals on PostgreSQL: a server killed with SIGKILL while a reviewer approves a batch of
// submissions. After the restart every approval is all or nothing — either the submission is approved, its
// approved observation recorded with the submitted value and its audit entry written, or none of the three — the
// audit chain verifies, and the rest of the batch is then approved on the restarted server. Every wait is on a state
// of the database or the server, never on time. PostgreSQL project only: it needs the test cluster.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { BIN, CLI_CWD, serveUntilReady } from '../helpers/cli.js';
import { createDatabase } from '../helpers/postgres.js';

const ENV = { ...process.env, ECOPLAN_AUDIT_KEYS: `k1:${randomBytes(32).toString('base64')}`, ECOPLAN_WORKERS: '1', LOG_LEVEL: 'warn' };
delete (ENV as Record<string, string | undefined>).DATABASE_URL;
const PASSWORD = 'Crash-test-pw-2025!';
const YEAR = 2025;

const serve = async (url: string) => {
  const s = await serveUntilReady(url, ENV, 'ecoplan-crash-');
  return { base: `${s.base}/api/v1`, child: s.child };
};

type Session = { cookie: string; csrf: string };
async function signIn(base: string): Promise<Session> {
  const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return { cookie: /ecoplan_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
const call = (base: string, s: Session, method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });

interface Task {
  indicatorCode: number;
  regionCode: string;
  kind: string;
  evidenceRequired: boolean;
  lastYear: { valueText: string | null } | null;
}
const path = (t: Task) => `/plans/default/rounds/${YEAR}/tasks/${t.indicatorCode}/${t.regionCode}/${t.kind}`;

interface Row {
  id: string;
  indicator_code: string;
  region_code: string;
  status: string;
  value_text: string;
  observation_id: string | null;
  obs_value: string | null;
  obs_status: string | null;
  audits: string;
  observations: string;
}
/** Every submission of the round with what an approval writes beside it: its observation and its audit entries. */
async function submissions(url: string): Promise<Row[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<Row>(
      `select s.id, s.indicator_code, s.region_code, s.status, s.value_text, s.observation_id, o.value_text obs_value, o.status obs_status,
        (select count(*) from audit_log a where a.action = 'submission.approve' and a.entity_id = s.id) audits,
        (select count(*) from observations x where x.indicator_code = s.indicator_code and x.region_code = s.region_code and x.year = r.year and x.kind = s.kind) observations
       from submissions s join rounds r on r.id = s.round_id left join observations o on o.id = s.observation_id where r.year = $1`,
      [YEAR],
    );
    return rows;
  } finally {
    await c.end();
  }
}

describe('a server killed on PostgreSQL during a batch of approvals', () => {
  it('leaves each approval wholly done or not at all, with the audit chain whole, and the rest approves after restart', async () => {
    const url = await createDatabase(inject('pgAdminUrl'));
    const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, env: ENV, encoding: 'utf8', input, timeout: 300_000 });
    expect(run(['demo', 'load', '--db', url]).status).toBe(0);
    expect(run(['user', 'add', '--username', 'admin', '--role', 'admin', '--password-stdin', '--db', url], `${PASSWORD}\n`).status).toBe(0);

    let server = await serve(url);
    const admin = await signIn(server.base);
    expect((await call(server.base, admin, 'POST', '/plans/default/rounds', { year: YEAR, deadline: `${YEAR + 1}-03-31` })).status).toBe(200);
    // Submissions of last year's approved values (plausible, no evidence needed), each saved and submitted.
    const list = (await (await call(server.base, admin, 'GET', `/plans/default/rounds/${YEAR}/tasks?limit=500`)).json()) as { tasks: Task[] };
    const candidates = list.tasks.filter((t) => t.kind === 'value' && !t.evidenceRequired && t.lastYear?.valueText);
    const tasks: Task[] = [];
    for (const t of candidates) {
      const saved = await call(server.base, admin, 'PUT', path(t), { value: t.lastYear!.valueText, source: '崩溃测试 / crash test' });
      if (saved.status !== 200) continue;
      if ((await call(server.base, admin, 'POST', `${path(t)}/submit`)).status === 200) tasks.push(t);
    }
    expect(tasks.length).toBeGreaterThanOrEqual(30);

    // Versions of each task's observation before the batch (the example data may hold some for the year).
    const baseline = new Map((await submissions(url)).map((r) => [r.id, Number(r.observations)]));
    // The whole batch at once; killed as soon as the first approvals are in the database.
    const approvals = tasks.map((t) => call(server.base, admin, 'POST', `${path(t)}/review`, { action: 'approve' }).catch(() => null));
    for (;;) {
      if ((await submissions(url)).some((s) => s.status === 'approved')) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const exited = new Promise((done) => server.child.once('exit', (_c, signal) => done(signal)));
    server.child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await Promise.all(approvals);

    const after = await submissions(url);
    expect(after).toHaveLength(tasks.length);
    const approved = after.filter((s) => s.status === 'approved');
    // Killed mid-batch: some approvals done, some not (the batch is one transaction per approval, taken in turn).
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.length).toBeLessThan(tasks.length);
    for (const s of after) {
      const what = `submission ${s.indicator_code}/${s.region_code} (${s.status})`;
      if (s.status === 'approved') {
        expect({ obs: s.obs_value, status: s.obs_status, audits: Number(s.audits), observations: Number(s.observations) }, what).toEqual({ obs: s.value_text, status: 'approved', audits: 1, observations: baseline.get(s.id)! + 1 });
      } else {
        expect(s.status, what).toBe('submitted');
        expect({ observation: s.observation_id, audits: Number(s.audits), observations: Number(s.observations) }, what).toEqual({ observation: null, audits: 0, observations: baseline.get(s.id) });
      }
    }
    const verify = run(['audit', 'verify', '--db', url]);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('审计日志完整');

    // Restarted, the server approves the rest of the batch.
    server = await serve(url);
    try {
      const again = await signIn(server.base);
      const rest = after.filter((s) => s.status === 'submitted').map((s) => tasks.find((t) => String(t.indicatorCode) === String(s.indicator_code) && t.regionCode === s.region_code)!);
      for (const t of rest) expect(await (await call(server.base, again, 'POST', `${path(t)}/review`, { action: 'approve' })).json()).toEqual({ status: 'approved' });
      const final = await submissions(url);
      expect(final.every((s) => s.status === 'approved' && s.obs_value === s.value_text && Number(s.audits) === 1 && Number(s.observations) === baseline.get(s.id)! + 1)).toBe(true);
      expect(run(['audit', 'verify', '--db', url]).status).toBe(0);
    } finally {
      const exited2 = new Promise((done) => server.child.once('exit', done));
      server.child.kill('SIGTERM');
      await exited2;
    }
  }, 600_000);
});
