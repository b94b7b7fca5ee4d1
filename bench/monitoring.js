// Monitoring data at national-network scale (issue 5). In one run:
//  (a) parse-only: a synthetic wide CSV of N stations × one year (default 1,700 ≈ 15 million station-hours) through
//      the importer's CSV parser (csv-parse, same options);
//  (b) the same parse plus every station's daily values and AQI (HJ 633-2012) and annual HJ 663-2013 statistics,
//      streaming with one day buffered per station and each station's year of daily values in typed arrays
//      (StationYear) — target ≤ 2× (a), peak RSS < 1 GiB;
//  (c) storing a 200-station year into SQLite through the importer: station-hours per second.
// Rerun: npm run build:server && node bench/monitoring.js [--stations N] [--store-stations M] [--year Y]
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { DayAccumulator, StationYear } from '../dist/monitoring/air.js';
import { annualStatisticsExact } from '../dist/standards/airAssessment.js';
import { demoStations, syntheticAirCsv } from '../dist/monitoring/synthetic.js';
import { parseHourLabel } from '../dist/monitoring/time.js';
import { importMonitoringFile } from '../dist/importers/monitoring.js';
import { openDatabase } from '../dist/store/db.js';
import { record } from './lib.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('--stations', 1700);
const M = arg('--store-stations', 200);
const YEAR = arg('--year', 2023);
const dir = mkdtempSync(join(tmpdir(), 'ecoplan-bench-monitoring-'));
const mb = (b) => (b / 1048576).toFixed(0);
const rssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0); // maxRSS is in KiB

async function writeCsv(path, stations) {
  const out = createWriteStream(path);
  let buf = '';
  for (const line of syntheticAirCsv(stations, YEAR, 'wide')) {
    buf += line;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const CHECKED = 5;
const parserOptions = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true };

async function parseOnly(path) {
  let rows = 0;
  for await (const rec of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(parse(parserOptions))) rows += rec.length > 0 ? 1 : 0;
  return rows - 1;
}

async function parseAndCompute(path) {
  const index = new Map();
  const accs = [];
  const years = [];
  const kept = new Map(); // the days of a few stations, to check the results against the exact reference afterwards
  let lastLabel = '';
  let ref = null;
  let rows = 0;
  const values = [0, 0, 0, 0, 0, 0];
  let first = true;
  for await (const rec of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(parse(parserOptions))) {
    if (first) {
      first = false;
      continue;
    }
    rows++;
    let s = index.get(rec[0]);
    if (s === undefined) {
      s = accs.length;
      index.set(rec[0], s);
      const year = new StationYear(); // each day's values and AQI go into the station's year; no day objects are kept
      years.push(year);
      const list = s < CHECKED ? [] : null;
      if (list) kept.set(s, list);
      accs.push(new DayAccumulator((d) => (year.add(d), list?.push(d))));
    }
    if (rec[1] !== lastLabel) {
      lastLabel = rec[1];
      ref = parseHourLabel(lastLabel);
    }
    if (!ref) continue;
    for (let c = 0; c < 6; c++) {
      const t = rec[c + 2];
      const v = t === '' ? NaN : Number(t);
      values[c] = v >= 0 ? v : NaN; // negative or non-numeric: not a value (the importer reports them)
    }
    accs[s].add(ref.day, ref.slot, values);
  }
  for (const a of accs) a.flush();
  const annual = years.map((y) => y.result());
  const stationDays = years.reduce((n, y) => n + y.days, 0);
  const valid = years.reduce((n, y) => n + y.aqiDays, 0);
  return { rows, stations: accs.length, stationDays, valid, annual, kept };
}

console.log(`monitoring benchmark: ${N} stations × ${YEAR} (wide CSV), then storing ${M} stations into SQLite`);
let t = performance.now();
const big = join(dir, 'air-wide.csv');
await writeCsv(big, demoStations(N).map((s) => s.code));
console.log(`  generated ${mb(statSync(big).size)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s (peak RSS so far ${rssMb()} MB)`);

t = performance.now();
const parsedRows = await parseOnly(big);
const parseS = (performance.now() - t) / 1000;
const rssAfterParse = rssMb();
console.log(`  (a) parse only:                ${parseS.toFixed(1)} s  ${parsedRows.toLocaleString('en')} station-hours  ${Math.round(parsedRows / parseS).toLocaleString('en')} rows/s  peak RSS ${rssAfterParse} MB`);

t = performance.now();
const r = await parseAndCompute(big);
const computeS = (performance.now() - t) / 1000;
const rssAfterCompute = Number(rssMb());
const ratio = computeS / parseS;
const pm = r.annual.filter((a) => a && a.pm25Mean !== null).map((a) => a.pm25Mean);
console.log(`  (b) parse + daily AQI + HJ 663: ${computeS.toFixed(1)} s  ${r.stations} stations, ${r.stationDays.toLocaleString('en')} station-days (${r.valid.toLocaleString('en')} with an AQI), PM2.5 annual means ${Math.min(...pm)}–${Math.max(...pm)} μg/m³  peak RSS ${rssAfterCompute} MB`);
// Outside the timing: the checked stations' annual statistics by the exact-fraction reference (HJ 663-2013 value by value).
const dayRecord = (d) => ({ date: d.date, so2: d.so2, no2: d.no2, pm10: d.pm10, pm25: d.pm25, co: d.co, o3_8h_max: d.o3_8h_max, o3_1h_max: d.o3_1h_max, aqi: d.aqi });
let same = 0;
for (const [s, list] of r.kept) {
  const records = list.filter((d) => [d.so2, d.no2, d.pm10, d.pm25, d.co, d.o3_8h_max].some((v) => v !== null)).map(dayRecord);
  if (JSON.stringify(records.length ? annualStatisticsExact(records) : null) === JSON.stringify(r.annual[s])) same++;
}
console.log(`  check: annual statistics of ${same} of ${r.kept.size} stations equal the exact-fraction reference${same === r.kept.size ? '' : ' — MISMATCH'}`);
console.log(`  ratio (b)/(a) = ${ratio.toFixed(2)} → target ≤ 2 ${ratio <= 2 ? 'met' : 'NOT met'}; peak RSS ${rssAfterCompute} MB → target < 1024 MB ${rssAfterCompute < 1024 ? 'met' : 'NOT met'}`);
const command = `node bench/monitoring.js --stations ${N} --store-stations ${M}`;
record({ id: 'monitoring-ratio', issue: 5, target: `${N} stations × 1 year: daily AQI + HJ 663 ≤ 2 × parse`, command, figure: `${ratio.toFixed(2)} × (${computeS.toFixed(1)} s vs ${parseS.toFixed(1)} s)`, value: ratio, limit: 2, unit: '×', met: ratio <= 2 && same === r.kept.size });
record({ id: 'monitoring-rss', issue: 5, target: `${N} stations × 1 year: peak RSS < 1 GiB`, command, figure: `${rssAfterCompute} MB`, value: rssAfterCompute, limit: 1024, unit: 'MB' });

// (c) storing a province-size year.
const small = join(dir, 'air-store.csv');
const stations = demoStations(M);
await writeCsv(small, stations.map((s) => s.code));
const { db } = await openDatabase(join(dir, 'store.db'));
const now = new Date().toISOString();
for (const s of stations)
  await db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'demo', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'bench', note: null, is_demo: 1, created_at: now }).execute();
t = performance.now();
const imp = await importMonitoringFile(db, small, { kind: 'air', skipInvalid: true, reportPath: join(dir, 'skipped.csv'), by: { id: null, username: 'bench' }, isDemo: true });
const storeS = (performance.now() - t) / 1000;
await db.destroy();
console.log(`  (c) import into SQLite:        ${storeS.toFixed(1)} s  ${imp.stored.toLocaleString('en')} station-hours stored (${imp.skipped} rows with invalid values skipped)  ${Math.round(imp.stored / storeS).toLocaleString('en')} station-hours/s  peak RSS ${rssMb()} MB`);
console.log(`  rerun: npm run build:server && node bench/monitoring.js --stations ${N} --store-stations ${M} --year ${YEAR}`);
rmSync(dir, { recursive: true, force: true });
