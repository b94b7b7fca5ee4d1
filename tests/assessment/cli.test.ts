// `ecoplan assess` as a user runs it (needs `npm run build:server`): the JSON contract with item points adding up
// to each score, approved data only, publishing (frozen) with later data showing as differences, a veto without
// evidence and a scheme changed after publishing refused with nothing written. Expected scores are worked by hand
// from the default scheme (plans/shaoguan-2021-2035/assessment.yaml).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenPlanFolder, tempDir } from '../helpers/planFolder.js';
import { CLI_CWD } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 60_000 });

interface Item {
  indicator: number | null;
  points: number;
  kind: string;
  rule: string;
  observations?: { year: number; status: string }[];
}
interface Subject {
  kind: 'region' | 'department';
  code: string;
  name: string;
  score: number;
  rank: number;
  grade: string;
  items: Item[];
}
interface Out {
  scheme: { id: string; version: number };
  subjects: Subject[];
  published: { publishedBy: string } | null;
  differences: { code: string; field: string; frozen: unknown; live: unknown; item: string | null }[];
}

function csv(dir: string, name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, ['指标序号,行政区代码,年份,数值,状态,类型,确认事项,数据来源', ...rows].join('\n') + '\n');
  return path;
}

describe('ecoplan assess', () => {
  const dir = tempDir();
  const db = join(dir, 'a.db');
  const assessJson = (...extra: string[]) => {
    const r = run('assess', '--year', '2024', '--json', '--db', db, ...extra);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Out;
  };

  it('prints the contract; each subject’s item points add up to its score; only approved values count', () => {
    // 始兴县 440222: forest cover 70 → 73 against ≥74.6 (10 points × 3/4.6 = 6.52) and PM2.5 30 → 27 against 25
    // (12 × 3/5 = 7.20): 13.72. 新丰县 440233 reports 80 % forest cover, but not approved: it earns nothing.
    const approved = csv(dir, 'approved.csv', ['13,440222,2021,70,,,,测试', '13,440222,2024,73,,,,测试', '8,440222,2021,30,,,,测试', '8,440222,2024,27,,,,测试']);
    expect(run('observations', 'import', approved, '--db', db).status).toBe(0);
    const pending = csv(dir, 'pending.csv', ['13,440233,2024,80,,,,测试']);
    expect(run('observations', 'import', pending, '--provisional', '--db', db).status).toBe(0);

    const out = assessJson();
    expect(out.scheme).toMatchObject({ id: 'shaoguan-default', version: 1 });
    const regions = out.subjects.filter((s) => s.kind === 'region');
    expect(regions).toHaveLength(10);
    expect(out.subjects.filter((s) => s.kind === 'department').length).toBeGreaterThan(10);
    for (const s of out.subjects) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['kind', 'code', 'name', 'score', 'rank', 'grade', 'items']));
      const sum = s.items.reduce((a, i) => a + Math.round(i.points * 100), 0);
      expect(sum, `${s.code}`).toBe(Math.round(s.score * 100));
    }
    const shixing = regions.find((s) => s.code === '440222')!;
    expect([shixing.score, shixing.rank, shixing.grade]).toEqual([13.72, 1, '不合格']);
    const forest = shixing.items.find((i) => i.indicator === 13)!;
    expect(forest).toMatchObject({ points: 6.52, rule: 'progressRatio' });
    expect(forest.observations!.map((o) => [o.year, o.status])).toEqual([[2021, 'approved'], [2024, 'approved']]);
    const xinfeng = regions.find((s) => s.code === '440233')!;
    expect(xinfeng.score).toBe(0);
    expect(xinfeng.items.find((i) => i.indicator === 13)!.rule).toBe('missing');
    // Nine counties tied at 0 share rank 2.
    expect(regions.filter((s) => s.score === 0).every((s) => s.rank === 2)).toBe(true);

    const text = run('assess', '--year', '2024', '--db', db);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('1. 始兴县  13.72 分  不合格');
  });

  it('refuses a veto without evidence, naming the field in both languages, and writes nothing', () => {
    const r = run('assess', 'veto', '--year', '2024', '--region', '440222', '--veto', 'majorIncident', '--evidence', '  ', '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('evidence：一票否决须附依据');
    expect(r.stderr).toContain('evidence: a veto needs its evidence');
    expect(assessJson().subjects.find((s) => s.code === '440222')!.grade).toBe('不合格');
  });

  it('publishes the year once; later data changes show as differences, never silently', () => {
    const p = run('assess', 'publish', '--year', '2024', '--by', '审核员甲', '--db', db);
    expect(p.status, p.stderr).toBe(0);
    expect(assessJson()).toMatchObject({ published: { publishedBy: '审核员甲' }, differences: [] });

    // A corrected 2024 value (74.6, now attained: 10 points) after publishing.
    const fix = csv(dir, 'fix.csv', ['13,440222,2024,74.6,,,,测试更正']);
    const imported = run('observations', 'import', fix, '--reason', '更正', '--db', db);
    expect(imported.status, imported.stderr).toBe(0);
    const out = assessJson();
    expect(out.subjects.find((s) => s.code === '440222')!.score).toBe(17.2);
    expect(out.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '440222', field: 'score', frozen: 13.72, live: 17.2 }),
        expect.objectContaining({ code: '440222', field: 'item', item: 'indicator:13', frozen: 6.52, live: 10 }),
      ]),
    );
    const again = run('assess', 'publish', '--year', '2024', '--db', db);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('正式结果不能覆盖');
  });

  it('refuses a scheme version changed after it was used for a published result; a new version is accepted', () => {
    const changed = brokenPlanFolder({ 'assessment.yaml': (t) => t.replace('{"7": 12, "8": 12, "9": 12,', '{"7": 11, "8": 13, "9": 12,') });
    const r = run('assess', '--year', '2024', '--json', '--db', db, '--plan-dir', changed);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('考核方案“shaoguan-default”第 1 版已用于 2024 年的正式结果，不能再修改');
    expect(r.stderr).toContain('Nothing was written');
    // Nothing was written: the original folder still loads as "unchanged" and the published result stands.
    expect(assessJson()).toMatchObject({ published: { publishedBy: '审核员甲' } });

    const bumped = brokenPlanFolder({ 'assessment.yaml': (t) => t.replace('{"7": 12, "8": 12, "9": 12,', '{"7": 11, "8": 13, "9": 12,').replace('version: 1', 'version: 2') });
    const ok = run('assess', '--year', '2024', '--json', '--db', db, '--plan-dir', bumped);
    expect(ok.status, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as Out).scheme.version).toBe(2);
  });
});
