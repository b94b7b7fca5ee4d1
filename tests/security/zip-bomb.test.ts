// Issue 14, finding 1: an .xlsx whose zip directory lies about sizes and really inflates to 2 GiB, generated on
// the fly (about 2 MB, never checked in), sent to a real `ecoplan serve --demo` held to a 512 MB heap, twice at
// once, to every workbook route; and imported with every CLI import. The server must stay up and answer 413
// naming the limit; the CLI must refuse without a stack trace. (Needs `npm run build:server`.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/planFolder.js';
import { writeXlsxBomb } from '../helpers/zipBomb.js';

const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const HEAP = ['--max-old-space-size=512'];
const DEMO_PASSWORD = 'ecoplan-demo-2024';

let dir: string;
let bomb: string;
let server: ChildProcess;
let base: string;
let exited: number | null = null;

beforeAll(async () => {
  dir = tempDir('ecoplan-bomb-');
  bomb = join(dir, '碳核算.xlsx');
  writeXlsxBomb(bomb);
  server = spawn(process.execPath, [...HEAP, BIN, 'serve', '--demo', '--port', '0', '--db', join(dir, 'x.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.on('exit', (code) => (exited = code ?? -1));
  base = await new Promise<string>((ok, fail) => {
    let out = '';
    let err = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) ok(`http://127.0.0.1:${m[1]}`);
    });
    server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    server.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${err}`)));
  });
}, 120_000);

afterAll(() => {
  server?.kill();
});

async function signIn(username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ecoplan_session='))!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function upload(path: string, who: { cookie: string; csrf: string }, name = '碳核算.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(bomb)]), name);
  const res = await fetch(`${base}${path}`, { method: 'POST', body: form, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf } });
  return { status: res.status, body: (await res.json()) as { code: string; message: string; messageEn: string } };
}

describe('a 2 GiB zip bomb', () => {
  it('is about 2 MB on disk and written in well under the test timeout', () => {
    expect(statSync(bomb).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('sent twice at once by a reporter (carbon workbook and round template) is refused 413, and the server stays up', async () => {
    const admin = await signIn('admin');
    const opened = await fetch(`${base}/api/v1/plans/default/rounds`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ year: 2024, deadline: '2025-03-31' }) });
    expect(opened.status).toBe(200);
    const forestry = await signIn('forestry');
    const [carbon, round] = await Promise.all([upload('/api/v1/plans/default/carbon/workbook', forestry), upload('/api/v1/plans/default/rounds/2024/import', forestry)]);
    for (const r of [carbon, round]) {
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('INFLATES_TOO_LARGE');
      expect(r.body.message).toBe('碳核算.xlsx：解压后超过 50 MB（压缩包炸弹？），拒绝处理；文件没有被读取，也没有写入任何数据');
      expect(r.body.messageEn).toContain('inflates to more than 50 MB');
    }
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    expect(exited).toBeNull();
  }, 120_000);

  it('sent to the GEP, projects and monitoring imports (two at a time) is refused 413 by each, and the server stays up', async () => {
    const reviewer = await signIn('reviewer');
    const [gep, projects] = await Promise.all([upload('/api/v1/plans/default/gep/import', reviewer), upload('/api/v1/plans/default/projects/import?kind=library', reviewer)]);
    const monitoring = await upload('/api/v1/monitoring/import', reviewer, '小时数据.xlsx');
    for (const r of [gep, projects]) expect([r.status, r.body.code, r.body.message]).toEqual([413, 'INFLATES_TOO_LARGE', '碳核算.xlsx：解压后超过 50 MB（压缩包炸弹？），拒绝处理；文件没有被读取，也没有写入任何数据']);
    // Monitoring files may be larger (a year of hourly rows): their limit is 512 MB, still far below the bomb.
    expect([monitoring.status, monitoring.body.code, monitoring.body.message]).toEqual([413, 'INFLATES_TOO_LARGE', '小时数据.xlsx：解压后超过 512 MB（压缩包炸弹？），拒绝处理；文件没有被读取，也没有写入任何数据']);
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    expect(exited).toBeNull();
  }, 120_000);
});

describe('the CLI imports refuse the bomb without a stack trace', () => {
  const cases: [string[], string][] = [
    [['carbon', 'import'], '50 MB'],
    [['gep', 'import'], '50 MB'],
    [['projects', 'import', '--kind', 'library'], '50 MB'],
    [['observations', 'import'], '50 MB'],
    [['monitoring', 'import'], '512 MB'],
  ];
  it.each(cases)('ecoplan %s', (cmd, limit) => {
    const r = spawnSync(process.execPath, [...HEAP, BIN, ...cmd, bomb, '--db', join(dir, `cli-${cmd[0]}.db`)], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`碳核算.xlsx：解压后超过 ${limit}（压缩包炸弹？），拒绝处理`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
