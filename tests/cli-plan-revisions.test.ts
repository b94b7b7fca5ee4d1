// Plan revisions from the command line: `plan revise` a revised folder (or workbook), `plan revisions`, and a second
// person's `plan approve-revision`; `evaluate` then uses the revised target from the effective year only. Runs the
// built CLI on the example county plan loaded beside the default one.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { brokenPlanFolder, EXAMPLE_COUNTY_DIR, tempDir } from './helpers/planFolder.js';

const COUNTY = 'example-county-2024-2035';
const env = { ...process.env, LOG_LEVEL: 'warn' };
delete (env as Record<string, string | undefined>).DATABASE_URL;
const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, env, input, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 });

let db: string;
const target2 = (year: number) => {
  const r = run(['evaluate', '--plan', COUNTY, '--year', String(year), '--json', '--db', db]);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { indicators: { code: number; target: { text: string } }[] }).indicators.find((e) => e.code === 2)!.target.text;
};

beforeAll(() => {
  db = join(tempDir(), 'revisions.db');
  expect(run(['plan', 'load', EXAMPLE_COUNTY_DIR, '--db', db]).status).toBe(0);
  for (const [username, role, department] of [['c-admin', 'admin', null], ['c-reviewer', 'reviewer', 'sthjfj'], ['c-forestry', 'reporter', 'lyj']] as const) {
    const add = run(['user', 'add', '--username', username, '--role', role, ...(department ? ['--department', department] : []), '--plan', COUNTY, '--password-stdin', '--db', db], 'correct horse battery\n');
    expect(add.status, add.stderr).toBe(0);
  }
});

describe('plan revisions from the command line', () => {
  const revised = () => brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('targets: {"2027": "≥20.0", "2035": "≥22.0"}', 'targets: {"2027": "≥20.0", "2035": "≥25.0"}') }, EXAMPLE_COUNTY_DIR);
  const propose = (dir: string, by: string, effective = '2028') =>
    run(['plan', 'revise', dir, '--plan', COUNTY, '--effective', effective, '--reason', '中期评估', '--document', '示例县政府批复（合成）', '--by', by, '--db', db]);

  it('refuses a proposer without the administrator role, and one without --by, writing nothing', () => {
    const dir = revised();
    const reporter = propose(dir, 'c-forestry');
    expect(reporter.status).toBe(1);
    expect(reporter.stderr).toContain('只有规划的管理员可以提出修订');
    const nobody = run(['plan', 'revise', dir, '--plan', COUNTY, '--effective', '2028', '--reason', 'r', '--document', 'd', '--db', db]);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('--by');
    expect(run(['plan', 'revisions', '--plan', COUNTY, '--db', db]).stdout).toContain('没有修订');
  });

  it('proposes, lists the change, refuses self-approval, and a second person approves: from 2028 on the new target counts', () => {
    const proposed = propose(revised(), 'c-admin');
    expect(proposed.status, proposed.stderr).toBe(0);
    expect(proposed.stdout).toContain('已提出修订 1');
    expect(proposed.stdout).toContain('2035 目标 ≥22.0 → ≥25.0');
    expect(target2(2030)).toBe('≥22.0'); // a draft changes nothing
    const self = run(['plan', 'approve-revision', '1', '--plan', COUNTY, '--by', 'c-admin', '--db', db]);
    expect(self.status).toBe(1);
    expect(self.stderr).toContain('提出人以外');
    const ok = run(['plan', 'approve-revision', '1', '--plan', COUNTY, '--by', 'c-reviewer', '--note', '同意', '--db', db]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('自 2028 年起施行');
    expect([target2(2027), target2(2028), target2(2030)]).toEqual(['≥20.0', '≥25.0', '≥25.0']);
    const list = JSON.parse(run(['plan', 'revisions', '--plan', COUNTY, '--json', '--db', db]).stdout) as { revisions: { no: number; status: string; decidedBy: string | null }[] };
    expect(list.revisions.map((r) => [r.no, r.status, r.decidedBy])).toEqual([[0, 'original', null], [1, 'approved', 'c-reviewer']]);
  });

  it('refuses a revision that changes the base year, naming it, exit code 1', () => {
    const dir = brokenPlanFolder({ 'plan.yaml': (t) => t.replace(/baseYear: (\d+)/, (_, y: string) => `baseYear: ${Number(y) - 1}`), 'indicators.yaml': (t) => t.replace('"2035": "≥22.0"', '"2035": "≥23.0"') }, EXAMPLE_COUNTY_DIR);
    const r = propose(dir, 'c-admin', '2029');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('修订不能改变基准年');
  });
});
