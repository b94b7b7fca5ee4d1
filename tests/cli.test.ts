// The ecoplan command as a user runs it (needs `npm run build:server`; `npm test` builds first).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenPlanFolder, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';
import { CLI_CWD } from './helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 30_000 });

describe('ecoplan CLI', () => {
  it.each([{ cmd: [] }, { cmd: ['serve'] }, { cmd: ['plan'] }, { cmd: ['plan', 'validate'] }, { cmd: ['plan', 'show'] }])('prints help for $cmd', ({ cmd }: { cmd: string[] }) => {
    const r = run(...cmd, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: ecoplan');
    if (cmd[0] === 'serve' || cmd[1] === 'show') {
      expect(r.stdout).toContain('--db <path|url>');
      expect(r.stdout).toContain('env: DATABASE_URL');
    }
  });

  it('validates the Shaoguan plan folder', () => {
    const r = run('plan', 'validate', SHAOGUAN_DIR);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('45 项指标（约束性 24，参考性 21），24 个重点工程项目');
  });

  it('rejects a broken folder with a non-zero exit naming file, line and path', () => {
    const dir = brokenPlanFolder({ 'projects.yaml': (t) => t.replace('leads: [市林业局]\n    period: {start: 2020, end: 2035}', 'leads: [市林业厅]\n    period: {start: 2020, end: 2035}') });
    const r = run('plan', 'validate', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/projects\.yaml:\d+:\d+ projects\[0\]\.leads\[0\]: 未知的责任单位“市林业厅”/);
    const json = run('plan', 'validate', dir, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ file: 'projects.yaml', path: ['projects', 0, 'leads', 0] }] });
  });

  it('prints the plan as the JSON contract, creating and migrating the database it is given', () => {
    const db = join(tempDir(), 'sub', 'x.db');
    const r = run('plan', 'show', '--json', '--db', db);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(db)).toBe(true);
    const doc = JSON.parse(r.stdout) as { indicators: Record<string, unknown>[]; projects: Record<string, unknown>[]; categoryTotals: unknown[]; total: unknown };
    expect(doc.indicators).toHaveLength(45);
    expect(Object.keys(doc.indicators[0]!)).toEqual(
      expect.arrayContaining(['code', 'name', 'unit', 'domain', 'taskArea', 'binding', 'local', 'direction', 'baseline', 'targets', 'departments']),
    );
    expect(doc.indicators[12]).toMatchObject({ code: 13, baseline: { year: 2020, value: 74.43, text: '74.43' }, targets: { '2025': { text: '≥74.6' }, '2035': { text: '≥75.0' } } });
    expect(doc.projects[0]).toMatchObject({ no: 1, name: '南岭国家公园建设项目', category: '生态空间体系建设重点工程', investment: 136.64, leads: ['市林业局'], startYear: 2020, endYear: 2035 });
    expect(doc.total).toMatchObject({ count: 24, investment: 603.58 });
    expect(doc.categoryTotals).toHaveLength(5);
    // The human-readable form names table 2's total.
    expect(run('plan', 'show', '--db', db).stdout).toContain('合计  24 项  603.58 亿元');
  });

  it('reads the plan from a database seeded from the same files, and reads the folder again once it changes', () => {
    // A command on an existing database skips parsing an unchanged folder; a changed one must still be
    // read, checked and seeded, and a broken one refused, never hidden behind the plan stored before.
    const dir = join(tempDir(), 'plan');
    cpSync(SHAOGUAN_DIR, dir, { recursive: true });
    const db = join(tempDir(), 'seeded.db');
    const show = () => run('plan', 'show', '--json', '--db', db, '--plan-dir', dir);
    const first = show();
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).projects[0].name).toBe('南岭国家公园建设项目');
    expect(JSON.parse(show().stdout).projects[0].name).toBe('南岭国家公园建设项目');
    const projects = join(dir, 'projects.yaml');
    const text = readFileSync(projects, 'utf8');
    writeFileSync(projects, text.replace('name: 南岭国家公园建设项目', 'name: 南岭国家公园建设工程'));
    const changed = show();
    expect(changed.status, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout).projects[0].name).toBe('南岭国家公园建设工程');
    writeFileSync(projects, text.replace('leads: [市林业局]\n    period: {start: 2020, end: 2035}', 'leads: [市林业厅]\n    period: {start: 2020, end: 2035}'));
    const broken = show();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/projects\.yaml:\d+:\d+ projects\[0\]\.leads\[0\]: 未知的责任单位“市林业厅”/);
  });

  it('refuses to serve on a port that is in use, in one line', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((ok) => {
        const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--db', join(tempDir(), 'p.db')], { cwd: CLI_CWD, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => ok({ code, stderr }));
      });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`端口 ${port} 已被占用`);
      expect(r.stderr).toContain('--port');
    } finally {
      blocker.close();
    }
  });

  it('is the command package.json names as `ecoplan` (what `npx ecoplan` runs), an executable node script', () => {
    // Run directly, not through npx: npx would install the checkout into its cache and build it (`prepare`) mid-suite.
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = resolve(import.meta.dirname, '..', pkg.bin.ecoplan!);
    expect(bin).toBe(BIN);
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(bin).mode & 0o111, 'executable bits').not.toBe(0);
    const r = run('plan', 'show', '--json', '--db', join(tempDir(), 'bin.db'));
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).total.investmentText).toBe('603.58');
  });

  it('refuses a database from a newer ecoplan with a clear message and exit 1', async () => {
    const SQLite = (await import('better-sqlite3')).default;
    const db = join(tempDir(), 'newer.db');
    expect(run('plan', 'show', '--db', db).status).toBe(0);
    const raw = new SQLite(db);
    raw.prepare("insert into kysely_migration (name, timestamp) values ('0042_from_the_future', '2031-01-01')").run();
    raw.close();
    // Untouched: the same bytes after, and nothing in a journal beside it (the read-only look at its migrations may
    // leave SQLite's empty WAL and index files) (docs/operations.md, Upgrades).
    const { createHash } = await import('node:crypto');
    const bytes = () => createHash('sha256').update(readFileSync(db)).digest('hex');
    const before = bytes();
    const r = run('serve', '--port', '0', '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('由较新版本的 ecoplan 创建');
    expect(r.stderr).toContain('0042_from_the_future');
    expect(bytes()).toBe(before);
    expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
  });

  it('rejects an invalid port', () => {
    const r = run('serve', '--port', 'eighty');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('端口无效');
  });
});
