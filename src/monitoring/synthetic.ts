// Deterministic synthetic monitoring data (示例数据) for demos, tests and benchmarks: a seeded PRNG, seasonal and
// daily cycles, regional pollution episodes, gaps and a few invalid values. Pure: yields rows, writes nothing.
import { hourLabel, dayNumber, daysInYear } from './time.js';
import { COUNTY_CENTRES, DEMO_SECTION_REGIONS } from '../demo/monitoringPlaces.js';

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


export interface DemoStation {
  code: string;
  name: string;
  regionCode: string;
  level: 'national' | 'provincial';
  lon: number;
  lat: number;
}

export const DEMO_STATION_PREFIX = 'DEMO';

/** N demo stations: the first six are national city stations in the three districts, the rest provincial stations
 *  spread over the ten counties. */
export function demoStations(n: number, seed = 1): DemoStation[] {
  const rnd = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const [regionCode, lon, lat] = i < 6 ? COUNTY_CENTRES[i % 3]! : COUNTY_CENTRES[i % COUNTY_CENTRES.length]!;
    const code = `${DEMO_STATION_PREFIX}${String(i + 1).padStart(4, '0')}`;
    return { code, name: `示例站点${String(i + 1).padStart(4, '0')}`, regionCode, level: i < 6 ? 'national' : 'provincial', lon: Number((lon + (rnd() - 0.5) * 0.08).toFixed(4)), lat: Number((lat + (rnd() - 0.5) * 0.08).toFixed(4)) };
  });
}

/** One station-hour: stored label and the six values (so2, no2, pm10, pm25, co, o3) as text ('' = missing). */
export interface SyntheticHour {
  station: string;
  hour: string;
  values: string[];
}

/**
 * A year of hourly data for `stations`, time-major (every station for an hour, then the next hour), covering the
 * natural days of the year ('Y-01-01T01' … '(Y+1)-01-01T00'). About 1.5 % of station-hours are missing, each station
 * has one outage of two to four days, single values are missing at 0.3 %, and about one cell in 200,000 is invalid
 * (a negative number or the text 'n/a') so imports have something to report.
 */
export function* syntheticAirHours(stations: readonly string[], year: number, seed = 1): Generator<SyntheticHour> {
  const rnd = prng(seed * 7919 + year);
  const first = dayNumber(year, 1, 1);
  const days = daysInYear(year);
  const params = stations.map(() => ({
    pm: 18 + rnd() * 14,
    so2: 6 + rnd() * 6,
    no2: 14 + rnd() * 16,
    co: 0.6 + rnd() * 0.4,
    o3: 40 + rnd() * 25,
    outage: Math.floor(rnd() * days),
    outageDays: 2 + Math.floor(rnd() * 3),
  }));
  // Regional weather: one multiplicative episode factor per day (AR(1) on the log), shared by all stations.
  const episode: number[] = [];
  let e = 0;
  for (let d = 0; d < days; d++) {
    e = 0.8 * e + (rnd() - 0.5) * 0.7;
    episode.push(Math.exp(e));
  }
  for (let d = 0; d < days; d++) {
    const season = Math.cos((2 * Math.PI * (d - 15)) / days); // 1 in mid-January, −1 in mid-July
    for (let slot = 1; slot <= 24; slot++) {
      const hour = hourLabel(first + d, slot);
      const h = slot % 24; // clock hour at the end of the slot
      const traffic = 1 + 0.25 * Math.exp(-((h - 9) ** 2) / 4) + 0.3 * Math.exp(-((h - 20) ** 2) / 6);
      const sun = Math.max(0, Math.sin((Math.PI * (h - 7)) / 12)) ** 2;
      for (let s = 0; s < stations.length; s++) {
        const p = params[s]!;
        if (d >= p.outage && d < p.outage + p.outageDays) continue;
        if (rnd() < 0.015) continue;
        const noise = () => Math.exp((rnd() - 0.5) * 0.4);
        const pm25 = p.pm * (1 + 0.45 * season) * episode[d]! * (0.9 + 0.2 * traffic) * noise();
        const values = [
          Math.round(p.so2 * (1 + 0.3 * season) * noise()),
          Math.round(p.no2 * (1 + 0.3 * season) * traffic * noise()),
          Math.round(pm25 * (1.5 + rnd() * 0.3)),
          Math.round(pm25),
          Math.round(p.co * (1 + 0.25 * season) * traffic * noise() * 10) / 10,
          Math.round(p.o3 * (1 - 0.35 * season) * (0.4 + 1.6 * sun) * episode[d]! ** 0.3 * noise()),
        ].map((v) => String(v));
        for (let c = 0; c < 6; c++) {
          const r = rnd();
          if (r < 0.003) values[c] = '';
          else if (r > 1 - 1 / 400_000) values[c] = '-5';
          else if (r > 1 - 1 / 200_000) values[c] = 'n/a';
        }
        yield { station: stations[s]!, hour, values };
      }
    }
  }
}

export const WIDE_HEADER = ['station', 'time', 'so2', 'no2', 'pm10', 'pm25', 'co', 'o3'];
export const LONG_HEADER = ['station', 'time', 'pollutant', 'value'];
const LONG_NAMES = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'];

/** CSV lines (with '\n') of synthetic hours in the wide or long layout, header first. */
export function* syntheticAirCsv(stations: readonly string[], year: number, layout: 'wide' | 'long', seed = 1): Generator<string> {
  yield (layout === 'wide' ? WIDE_HEADER : LONG_HEADER).join(',') + '\n';
  for (const r of syntheticAirHours(stations, year, seed)) {
    if (layout === 'wide') yield `${r.station},${r.hour},${r.values.join(',')}\n`;
    else {
      let out = '';
      for (let c = 0; c < 6; c++) if (r.values[c] !== '') out += `${r.station},${r.hour},${LONG_NAMES[c]},${r.values[c]}\n`;
      yield out;
    }
  }
}

export interface DemoSection {
  code: string;
  name: string;
  river: string;
  regionCode: string;
  drinkingWater: boolean;
  targetClass: 'II' | 'III';
}

/** Demo water sections: six river sections (provincial) and two drinking-water sources, in the demo plan's counties. */
export const DEMO_SECTIONS: readonly DemoSection[] = [
  { code: 'DEMO-W01', name: '示例断面一', river: '示例河一', regionCode: DEMO_SECTION_REGIONS[0]!, drinkingWater: false, targetClass: 'II' },
  { code: 'DEMO-W02', name: '示例断面二', river: '示例河一', regionCode: DEMO_SECTION_REGIONS[1]!, drinkingWater: false, targetClass: 'II' },
  { code: 'DEMO-W03', name: '示例断面三', river: '示例河二', regionCode: DEMO_SECTION_REGIONS[2]!, drinkingWater: false, targetClass: 'III' },
  { code: 'DEMO-W04', name: '示例断面四', river: '示例河二', regionCode: DEMO_SECTION_REGIONS[3]!, drinkingWater: false, targetClass: 'III' },
  { code: 'DEMO-W05', name: '示例断面五', river: '示例河三', regionCode: DEMO_SECTION_REGIONS[4]!, drinkingWater: false, targetClass: 'III' },
  { code: 'DEMO-W06', name: '示例断面六', river: '示例河三', regionCode: DEMO_SECTION_REGIONS[5]!, drinkingWater: false, targetClass: 'II' },
  { code: 'DEMO-W07', name: '示例水源地一', river: '示例水库', regionCode: DEMO_SECTION_REGIONS[6]!, drinkingWater: true, targetClass: 'II' },
  { code: 'DEMO-W08', name: '示例水源地二', river: '示例河一', regionCode: DEMO_SECTION_REGIONS[7]!, drinkingWater: true, targetClass: 'II' },
];

const WATER_BASE: Record<string, [number, number]> = { pH: [7.2, 0.3], DO: [7.8, 0.8], CODMn: [2.2, 0.6], COD: [9, 3], BOD5: [1.6, 0.5], NH3N: [0.25, 0.12], TP: [0.06, 0.025], Cu: [0.004, 0.002], Zn: [0.02, 0.01], F: [0.18, 0.06], As: [0.002, 0.001], Cd: [0.0004, 0.0002], Pb: [0.002, 0.001], petroleum: [0.02, 0.01] };

/** Monthly samples (the 15th of each month) of the demo sections; DEMO-W05 is polluted (NH3N around 1.3 mg/L: Ⅳ). */
export function* syntheticWaterSamples(year: number, seed = 1): Generator<{ section: string; date: string; item: string; value: string }> {
  const rnd = prng(seed * 104729 + year);
  for (let month = 1; month <= 12; month++)
    for (const s of DEMO_SECTIONS)
      for (const [item, [mean, sd]] of Object.entries(WATER_BASE)) {
        let v = mean + (rnd() - 0.5) * 2 * sd;
        if (s.code === 'DEMO-W05' && item === 'NH3N') v = 1.3 + (rnd() - 0.5) * 0.2;
        const digits = mean < 0.01 ? 4 : mean < 1 ? 3 : 1;
        yield { section: s.code, date: `${year}-${String(month).padStart(2, '0')}-15`, item, value: Math.max(0, v).toFixed(digits) };
      }
}
