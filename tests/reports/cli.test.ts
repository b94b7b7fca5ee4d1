// `ecoplan report` as a user runs it (needs `npm run build:server`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/planFolder.js';
import { FIXTURE, textOf, unzip } from './helpers.js';
import { CLI_CWD } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const run = (args: string[], cwd?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, cwd: cwd ?? CLI_CWD });

describe('ecoplan report', () => {
  it('writes the Word report under the default name and prints where, with the data version', () => {
    const dir = tempDir();
    const db = join(dir, 'r.db');
    expect(run(['observations', 'import', FIXTURE, '--db', db]).status).toBe(0);
    const r = run(['report', '--year', '2024', '--db', db], dir);
    expect(r.status, r.stderr).toBe(0);
    const file = join(dir, '韶关市生态文明建设规划2024年度实施评估报告.docx');
    expect(existsSync(file)).toBe(true);
    expect(r.stdout).toContain(`→ ${file}`);
    const version = /data version: (\S+)（54 条已审定指标值/.exec(r.stdout)?.[1];
    expect(version).toMatch(/^shaoguan-2021-2035@r1-[0-9a-f]{12}$/);
    expect(r.stdout).toContain('达标 39，未达标 5，无数据 1，不适用 0');
    const text = textOf(unzip(readFileSync(file))['word/document.xml']!);
    expect(text).toContain(`数据版本：${version}`);

    // HTML by --format or by the extension of --out; the same data version.
    const html = join(dir, 'out.html');
    const h = run(['report', '--year', '2024', '--out', html, '--db', db]);
    expect(h.status, h.stderr).toBe(0);
    expect(h.stdout).toContain(version);
    expect(readFileSync(html, 'utf8')).toContain(`<meta name="ecoplan-data-version" content="${version}">`);
    const f = run(['report', '--year', '2024', '--format', 'html', '--out', join(dir, 'r.txt'), '--db', db]);
    expect(f.status).toBe(0);
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('reports an empty year without failing and refuses years outside the plan in both languages', () => {
    const dir = tempDir();
    const db = join(dir, 'r.db');
    const empty = run(['report', '--year', '2022', '--out', join(dir, 'e.docx'), '--db', db]);
    expect(empty.status, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('2022 年暂无数据 / no data for the year');
    for (const year of ['2019', '2036']) {
      const r = run(['report', '--year', year, '--db', db]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`✘ 年份 ${year} 超出规划范围（2020–2035），无法生成年度评估报告 / year ${year} is outside the plan (2020–2035): no annual report`);
    }
    const bad = run(['report', '--year', '2024', '--region', '440299', '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('未知的行政区“440299”');
  });
});
