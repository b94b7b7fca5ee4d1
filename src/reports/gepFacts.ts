// The GEP facts a report is built from, and what the report's model asks of them (whether the year's chapter shows
// demonstration data). The model (model.ts) imports this, never the chapter (gepSection.ts).
import type { GepData } from '../store/gepQueries.js';

/** What the chapter reads: the GEP facts and prices, and which of them are demonstration data. */
export interface ReportGep {
  data: GepData;
  /** "region|year" of every extent or input that is demonstration data (示例数据). */
  demoRegionYears: ReadonlySet<string>;
}

/** Whether the chapter of this region and year shows demonstration data (the report's cover says so). */
export function gepUsesDemo(gep: ReportGep | undefined, region: string, year: number): boolean {
  if (!gep || !hasExtent(gep.data, region, year)) return false;
  return gep.demoRegionYears.has(`${region}|${year}`) || gep.demoRegionYears.has(`${region}|${year - 1}`);
}

/** Whether the facts hold an ecosystem extent for the region and year (without it there is no account). */
export function hasExtent(data: GepData, region: string, year: number): boolean {
  return (data.byRegionYear.get(`${region}|${year}`) ?? []).some((f) => f.kind === 'extent');
}
