// The monitoring import: every layout and format, every kind of bad row with its row number, all or nothing, and
// --skip-invalid with its report file. Registries seeded with their sources.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMonitoringFile, ImportFileError, type ImportOptions } from '../../src/importers/monitoring.js';
import { listSections, listStations } from '../../src/store/monitoring.js';
import { tempDir } from '../helpers/planFolder.js';
import { storedHours } from '../helpers/airHours.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
const dir = tempDir();
const by = { id: null, username: 'test' };
const NOW = new Date('2024-06-01T00:00:00+08:00');
const run = (name: string, content: string | Buffer, opts: Partial<ImportOptions> = {}) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return importMonitoringFile(store.db, path, { by, now: NOW, ...opts });
};
const hours = async (station: string) => storedHours(store.db, { station });
const count = async () => (await storedHours(store.db)).length;

beforeAll(async () => {
  store = await seededDatabase();
});
afterAll(() => store.db.destroy());

describe('registries', () => {
  it('are seeded from the plan folder with their sources; 3622A is marked uncertain', async () => {
    const stations = await listStations(store.db);
    expect(stations.map((s) => s.code)).toEqual(['1669A', '1670A', '1671A', '1672A', '1673A', '3622A']);
    expect(stations.every((s) => s.source.includes('zkzkok/mydata') && s.level === 'national')).toBe(true);
    const s3622 = stations.find((s) => s.code === '3622A')!;
    expect(s3622.uncertain).toBe(1);
    expect(s3622.note).toContain('不确定');
    // Regions by point-in-polygon, recorded with how they were decided.
    expect(stations.find((s) => s.code === '1672A')).toMatchObject({ region_code: '440204', lon: 113.6735, lat: 24.7791 });
    expect(stations.find((s) => s.code === '1673A')!.region_code).toBe('440205');
    expect(stations.find((s) => s.code === '1669A')!.region_method).toContain('uncertain');
    const sections = await listSections(store.db);
    expect(sections).toHaveLength(8);
    expect(sections.map((s) => `${s.name}:${s.target_class}`)).toEqual(['高桥:II', '长坝:II', '十里亭:II', '龙归:III', '古市:III', '墨江出口:II', '官渡:III', '马头福水:II']);
    expect(sections.every((s) => s.source.startsWith('[official] 韶关市生态环境局') && s.assessment === '国考' && s.region_code === '440200')).toBe(true);
  });
});

describe('air import, happy paths', () => {
  it('wide CSV with Chinese headers and units: values stored per station-hour, hour-ending labels', async () => {
    const r = await run('wide.csv', '站点编码,时间,SO2(μg/m³),NO2,PM10,PM2.5,CO(mg/m³),O3,AQI\n1669A,2023-01-01 01:00,8,20,40,25,0.8,30,36\n1669A,2023-01-01 24:00,9,,41,26,0.9,31,37\n1670A,2023-01-02T00,7,19,,24,0.7,29,35\n');
    expect(r).toMatchObject({ ok: true, kind: 'air', layout: 'wide', encoding: 'utf-8', rows: 3, imported: 3, duplicates: 0, skipped: 0, stored: 3, ignoredColumns: ['AQI'] });
    const h = await hours('1669A');
    // 24:00 of 2023-01-01 is the hour ending at midnight: label 2023-01-02T00.
    expect(h.map((x) => [x.hour, x.so2, x.no2, x.pm25, x.co])).toEqual([
      ['2023-01-01T01', 8, 20, 25, 0.8],
      ['2023-01-02T00', 9, null, 26, 0.9],
    ]);
    expect((await hours('1670A'))[0]).toMatchObject({ hour: '2023-01-02T00', pm10: null, pm25: 24 });
  });

  it('long CSV: one row per pollutant, merged into the station-hour; times with an offset are converted to CST', async () => {
    const r = await run('long.csv', 'station,time,pollutant,value\n1671A,2023-03-01T05,PM2.5,31\n1671A,2023-03-01T05,SO2,6\n1671A,2023-02-28T21:00:00Z,O3,44\n');
    expect(r).toMatchObject({ ok: true, layout: 'long', rows: 3, imported: 3 });
    const h = await hours('1671A');
    // 21:00 UTC on 28 February is 05:00 CST on 1 March.
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ hour: '2023-03-01T05', pm25: 31, so2: 6, o3: 44, no2: null });
  });

  it('GB18030 CSV (Excel on Chinese Windows)', async () => {
    // "站点编码,时间,PM2.5" in GB18030: 站 D5BE 点 B5E3 编 B1E0 码 C2EB , 时 CAB1 间 BCE4
    const head = Buffer.from([0xd5, 0xbe, 0xb5, 0xe3, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xca, 0xb1, 0xbc, 0xe4]);
    expect(new TextDecoder('gb18030').decode(head)).toBe('站点编码,时间');
    const r = await run('gbk.csv', Buffer.concat([head, Buffer.from(',PM2.5\n1672A,2023-04-01 08:00,19\n')]));
    expect(r).toMatchObject({ ok: true, encoding: 'gb18030', layout: 'wide', imported: 1 });
    expect((await hours('1672A'))[0]).toMatchObject({ hour: '2023-04-01T08', pm25: 19 });
  });

  it('.xlsx, wide, with a date-time cell and text cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('小时数据');
    ws.addRow(['站点编码', '时间', 'PM2.5', 'PM10']);
    ws.addRow(['1673A', new Date(Date.UTC(2023, 4, 1, 9)), 12, 20]); // exceljs keeps the wall clock in UTC fields
    ws.addRow(['1673A', '2023-05-01 10:00', '13', '21']);
    const path = join(dir, 'air.xlsx');
    await wb.xlsx.writeFile(path);
    const r = await importMonitoringFile(store.db, path, { by, now: NOW });
    expect(r).toMatchObject({ ok: true, layout: 'wide', rows: 2, imported: 2 });
    expect((await hours('1673A')).map((x) => [x.hour, x.pm25, x.pm10])).toEqual([
      ['2023-05-01T09', 12, 20],
      ['2023-05-01T10', 13, 21],
    ]);
  });

  it('an identical repeat (in the file or already stored) is a duplicate, stored once; not an error', async () => {
    const r = await run('dup.csv', 'station,time,pm25\n1669A,2023-01-01T01,25\n1669A,2023-06-01T01,40\n1669A,2023-06-01T01,40\n');
    // Row 2 repeats the stored value (from the first test); row 4 repeats row 3.
    expect(r).toMatchObject({ ok: true, rows: 3, imported: 1, duplicates: 2, skipped: 0, errors: [] });
  });

  it('a row with every value empty stores nothing and names no year (the plain-CSV fast path, issue 21)', async () => {
    const r = await run('empty-values.csv', 'station,time,so2,no2,pm10,pm25,co,o3\n1671A,2021-03-01T05,,,,,,\n1671A,2022-03-01T05,6,,,,,\n');
    expect(r).toMatchObject({ ok: true, rows: 2, imported: 1, duplicates: 0, skipped: 0, stored: 1, years: [2022] });
    expect((await hours('1671A')).map((h) => h.hour).filter((h) => h < '2023')).toEqual(['2022-03-01T05']);
  });
});

describe('air import, bad rows', () => {
  const BAD = [
    'station,time,so2,pm25,o3',
    'XXXX,2023-07-01T01,5,20,30', // 2 unknown station
    '1669A,2023-02-30T01,5,20,30', // 3 impossible date
    '1669A,2023-07-01 10:30,5,20,30', // 4 not on the hour
    '1669A,2023/07/01,5,20,30', // 5 no hour
    '1669A,2030-07-01T01,5,20,30', // 6 future
    '1669A,2023-07-01T02,-3,20,30', // 7 negative
    '1669A,2023-07-01T03,5,abc,30', // 8 not a number
    '1669A,2023-07-01T04,5,20,30', // 9 good, then conflicting repeat
    '1669A,2023-07-01T04,5,21,30', // 10 conflict with 9
    '1669A,2023-07-01T05,5,20,30', // 11 good
    ',2023-07-01T06,5,20,30', // 12 empty station
  ].join('\n');

  it('reports every bad row with its row number and reason, and writes nothing', async () => {
    const before = await count();
    const r = await run('bad.csv', BAD);
    expect(r.ok).toBe(false);
    const got = r.errors.map((e) => [e.row, e.reason, e.column]);
    expect(got).toEqual([
      [2, 'unknownStation', 'A'],
      [3, 'badTime', 'B'],
      [4, 'badTime', 'B'],
      [5, 'badTime', 'B'],
      [6, 'futureTime', 'B'],
      [7, 'negative', 'C'],
      [8, 'notNumber', 'D'],
      [10, 'conflict', 'D'],
      [9, 'conflict', null],
      [12, 'missingField', 'A'],
    ]);
    expect(r.counts).toEqual({ unknownStation: 1, badTime: 3, futureTime: 1, negative: 1, notNumber: 1, conflict: 2, missingField: 1 });
    expect(r).toMatchObject({ rows: 11, imported: 0, skipped: 10, reportFile: null });
    expect(r.errors[0]!.message).toBe('文件“bad.csv”第 2 行 A 列（站点编码）：未知的站点：“XXXX”不在站点名录中（ecoplan monitoring stations）');
    expect(r.errors[0]!.messageEn).toBe('"bad.csv" row 2 column A (站点编码): unknown station: "XXXX" is not in the station registry');
    expect(r.errors.find((e) => e.row === 10)!.message).toContain('与第 9 行的 PM2.5（20）不一致：21');
    expect(await count()).toBe(before); // all or nothing: row 11 was good but nothing was written
  });

  it('with skipInvalid imports the good rows and writes the skipped ones to a report next to the input', async () => {
    const r = await run('bad2.csv', BAD, { skipInvalid: true });
    expect(r).toMatchObject({ ok: true, rows: 11, imported: 1, skipped: 10 });
    expect(r.reportFile).toBe(join(dir, 'bad2.skipped.csv'));
    const report = readFileSync(r.reportFile!, 'utf8');
    expect(report.startsWith('\uFEFF')).toBe(true); // so Excel opens it as UTF-8
    const lines = report.slice(1).trim().split('\n');
    expect(lines[0]).toBe('行号 row,列 column,字段 field,原因 reason,说明,message,原始数据 raw');
    expect(lines).toHaveLength(11);
    expect(lines[1]).toMatch(/^2,A,站点编码,unknownStation,/);
    expect(lines[1]).toContain('XXXX | 2023-07-01T01 | 5 | 20 | 30');
    // Only row 11 was stored; the conflicting hour (rows 9 and 10) is not stored as valid.
    const july = (await hours('1669A')).filter((h) => h.hour.startsWith('2023-07'));
    expect(july.map((h) => h.hour)).toEqual(['2023-07-01T05']);
    const log = await store.db.selectFrom('monitoring_imports').selectAll().where('file_name', '=', 'bad2.csv').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ rows: 11, imported: 1, skipped: 10 });
    expect(JSON.parse(log.counts)).toMatchObject({ conflict: 2 });
  });

  it('a value that differs from a stored one is refused; the stored value stays', async () => {
    const r = await run('restate.csv', 'station,time,pm25\n1669A,2023-07-01T05,99\n');
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ row: 2, reason: 'conflictStored', field: 'PM2.5' });
    expect(r.errors[0]!.message).toContain('1669A 2023-07-01T05 的 PM2.5 已有 20，本文件为 99');
    expect((await hours('1669A')).find((h) => h.hour === '2023-07-01T05')!.pm25).toBe(20);
  });

  it('long layout: an unknown pollutant names the row', async () => {
    const r = await run('long-bad.csv', '站点编码,时间,污染物,浓度\n1669A,2023-08-01T01,PM2.5,10\n1669A,2023-08-01T01,苯,3\n');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ row: 3, column: 'C', reason: 'unknownPollutant' })]);
  });

  it('a file that is not a monitoring table is refused as a whole', async () => {
    await expect(run('what.csv', 'a,b\n1,2\n')).rejects.toBeInstanceOf(ImportFileError);
    await expect(run('what.txt', 'x')).rejects.toThrow(/不支持的文件类型/);
  });
});

describe('water import', () => {
  it('long and wide layouts, by section code or name, with Chinese item names', async () => {
    const long = await run('water-long.csv', '断面,采样日期,项目,数值\n高桥,2023-01-10,氨氮,0.4\nSGW01,2023-01-10,总磷,0.05\n');
    expect(long).toMatchObject({ ok: true, kind: 'water', layout: 'long', imported: 2 });
    const wide = await run('water-wide.csv', 'section,date,pH,溶解氧,氨氮,TP\nSGW02,2023-01-11,7.2,8.1,0.3,0.04\n');
    expect(wide).toMatchObject({ ok: true, kind: 'water', layout: 'wide', imported: 1, stored: 4 });
    const rows = await store.db.selectFrom('water_samples').selectAll().orderBy('section_code').orderBy('item').execute();
    expect(rows.map((r) => `${r.section_code} ${r.date} ${r.item} ${r.value}`)).toEqual([
      'SGW01 2023-01-10 NH3N 0.4',
      'SGW01 2023-01-10 TP 0.05',
      'SGW02 2023-01-11 DO 8.1',
      'SGW02 2023-01-11 NH3N 0.3',
      'SGW02 2023-01-11 TP 0.04',
      'SGW02 2023-01-11 pH 7.2',
    ]);
  });

  it('bad water rows: unknown section, bad date, pH out of range, conflicting repeat', async () => {
    const r = await run('water-bad.csv', 'section,date,item,value\n不存在,2023-02-01,氨氮,0.1\nSGW03,2023-13-01,氨氮,0.1\nSGW03,2023-02-01,pH,15\nSGW03,2023-02-01,氨氮,0.2\nSGW03,2023-02-01,氨氮,0.3\n', { kind: 'water' });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.row, e.reason])).toEqual([
      [2, 'unknownSection'],
      [3, 'badTime'],
      [4, 'outOfRange'],
      [6, 'conflict'],
      [5, 'conflict'],
    ]);
  });

  it('a report file at a path given', async () => {
    const report = join(dir, 'elsewhere.csv');
    const r = await run('water-skip.csv', 'section,date,item,value\nSGW04,2023-03-01,氨氮,-1\nSGW04,2023-03-01,总磷,0.1\n', { skipInvalid: true, reportPath: report });
    expect(r).toMatchObject({ ok: true, imported: 1, skipped: 1, reportFile: report });
    expect(existsSync(report)).toBe(true);
  });
});
