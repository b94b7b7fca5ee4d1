// `ecoplan report` as a user runs it (needs `npm run build:server`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
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

  it('keeps chart images next to the database and never puts an old one into the report of changed data', () => {
    const dir = tempDir();
    const db = join(dir, 'r.db');
    const charts = join(dir, 'cache', 'charts');
    expect(run(['observations', 'import', FIXTURE, '--db', db]).status).toBe(0);
    const report = (out: string, dbPath = db) => {
      const r = run(['report', '--year', '2024', '--db', dbPath, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(out);
    };
    const media = (docx: Buffer) => Object.entries(unzipSync(new Uint8Array(docx))).filter(([name]) => name.startsWith('word/media/'));
    const first = report(join(dir, 'first.docx'));
    const kept = readdirSync(charts).filter((f) => f.endsWith('.png'));
    expect(kept.length).toBe(media(first).length);
    // The images in the file are the PNGs drawn (not a placeholder), each a whole PNG file.
    for (const [, png] of media(first)) expect(Buffer.from(png.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    const kept0 = Object.fromEntries(kept.map((f) => [f, readFileSync(join(charts, f))]));
    // The same data again: the same file, byte for byte, from the images kept (none drawn: none added or rewritten).
    expect(report(join(dir, 'again.docx')).equals(first)).toBe(true);
    expect(readdirSync(charts).filter((f) => f.endsWith('.png')).sort()).toEqual(kept.sort());
    for (const [f, png] of Object.entries(kept0)) expect(readFileSync(join(charts, f)).equals(png)).toBe(true);

    // 森林覆盖率 (13) of 2024 goes from 74.8 % (attains ≥74.6) to 70.1 % (does not): the summary chart by domain and
    // the 生态空间 chart change.
    const change = join(dir, 'change.csv');
    writeFileSync(change, '指标序号,行政区代码,年份,数值,状态,类型,确认事项,数据来源\n13,440200,2024,70.1,,,,林业统计年报（修订）\n');
    const imported = run(['observations', 'import', change, '--db', db, '--reason', '年报修订']);
    expect(imported.status, imported.stderr).toBe(0);
    const changed = report(join(dir, 'changed.docx'));
    // Drawn from scratch: the same database in a folder with no chart image kept.
    const fresh = join(tempDir(), 'r.db');
    copyFileSync(db, fresh);
    const expected = report(join(dir, 'fresh.docx'), fresh);
    expect(media(changed).map(([, png]) => Buffer.from(png).toString('base64'))).toEqual(media(expected).map(([, png]) => Buffer.from(png).toString('base64')));
    // … and it shows the change: some images differ from the first report's.
    const before = new Set(media(first).map(([, png]) => Buffer.from(png).toString('base64')));
    expect(media(changed).filter(([, png]) => !before.has(Buffer.from(png).toString('base64'))).length).toBeGreaterThanOrEqual(2);
    expect(textOf(unzip(changed)['word/document.xml']!)).toContain('70.1');
  }, 300_000);

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
