// `--plan ID` on the plan-scoped commands (issue 18's contract): with the example county plan loaded beside the
// default one, a command given --plan works on that plan; without it, on the default plan; an unknown id is refused
// in both languages with exit code 1. Runs the built CLI.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { tempDir } from './helpers/planFolder.js';

const COUNTY_DIR = resolve(import.meta.dirname, '../plans/example-county-2024-2035');
const COUNTY = 'example-county-2024-2035';
const env = { ...process.env, LOG_LEVEL: 'warn' };
delete (env as Record<string, string | undefined>).DATABASE_URL;
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 });

let db: string;
beforeAll(() => {
  db = join(tempDir(), 'two-plans.db');
  const load = run(['plan', 'load', COUNTY_DIR, '--db', db]);
  expect(load.status, load.stderr).toBe(0);
});

describe('--plan on plan-scoped commands', () => {
  it('evaluates the plan it names, and the default plan without it', () => {
    const county = run(['evaluate', '--plan', COUNTY, '--year', '2024', '--json', '--db', db]);
    expect(county.status, county.stderr).toBe(0);
    const c = JSON.parse(county.stdout) as { region: string; indicators: unknown[] };
    // The county plan has 21 indicators and its own region 990121; Shaoguan's has 45 (the seed's table 1).
    expect(c.indicators).toHaveLength(21);
    expect(c.region).toBe('990121');
    const byDefault = JSON.parse(run(['evaluate', '--year', '2024', '--json', '--db', db]).stdout) as { indicators: unknown[] };
    expect(byDefault.indicators).toHaveLength(45);
  });

  it('summarises the named plan’s project library (4 projects, not the default plan’s 24)', () => {
    const count = (args: string[]) => {
      const r = run([...args, '--json', '--db', db]);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { byCategory: { count: number }[] }).byCategory.reduce((s, x) => s + x.count, 0);
    };
    expect(count(['projects', 'summary', '--plan', COUNTY])).toBe(4);
    expect(count(['projects', 'summary'])).toBe(24);
  });

  it('refuses an unknown plan id in both languages, naming the plans the database holds, exit code 1', () => {
    const r = run(['evaluate', '--plan', 'no-such-plan', '--year', '2024', '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('数据库中没有规划“no-such-plan”');
    expect(r.stderr).toContain('no plan "no-such-plan" in the database');
    expect(r.stderr).toContain(COUNTY); // it names the plans there are
    expect(r.stderr).toContain('shaoguan-2021-2035');
  });

  it('is offered by every plan-scoped command', () => {
    for (const cmd of [['evaluate'], ['assess'], ['report'], ['projects', 'summary'], ['carbon', 'inventory'], ['carbon', 'scenario', 'list'], ['gep', 'account'], ['observations', 'template'], ['portal', 'export']]) {
      const help = run([...cmd, '--help']);
      expect(help.stdout, cmd.join(' ')).toContain('--plan <id>');
    }
  });
});
