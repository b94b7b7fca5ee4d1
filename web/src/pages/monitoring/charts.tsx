// The chart parts only the monitoring pages draw (geo map, calendar heatmap, piecewise visual map), registered on
// the console's shared ECharts core, the plan's region map (from the API), and the shared chart component typed for them.
import { HeatmapChart, MapChart } from 'echarts/charts';
import type { HeatmapSeriesOption, MapSeriesOption } from 'echarts/charts';
import { CalendarComponent, GeoComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import type { CalendarComponentOption, GeoComponentOption, VisualMapComponentOption } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { EChart, type EChartProps } from '../../components/EChart.js';
import { echarts, type ChartParts } from '../../echarts.js';
import { api } from '../../api.js';

echarts.use([HeatmapChart, MapChart, CalendarComponent, GeoComponent, VisualMapPiecewiseComponent, LabelLayout]);

export type MonitoringChartOption = echarts.ComposeOption<
  ChartParts | HeatmapSeriesOption | MapSeriesOption | CalendarComponentOption | GeoComponentOption | VisualMapComponentOption
>;

export type PlanMap = NonNullable<Awaited<ReturnType<typeof api.boundariesInfo>>['boundaries']>;

let geoLoad: Promise<PlanMap | null> | null = null;

/** Registers the plan's region map with ECharts under the name the API gives (once per page load); null when the
 *  plan has no boundaries (its folder has no boundaries.yaml); rejects when they cannot be fetched. */
export function loadPlanMap(): Promise<PlanMap | null> {
  if (!geoLoad) {
    geoLoad = api.boundariesInfo().then(async ({ boundaries }) => {
      if (!boundaries) return null;
      const geo = await api.boundaries();
      echarts.registerMap(boundaries.mapName, geo as Parameters<typeof echarts.registerMap>[1]);
      return boundaries;
    });
    geoLoad.catch(() => (geoLoad = null));
  }
  return geoLoad;
}

/** The shared chart (web/src/components/EChart.tsx), typed for the monitoring parts; reports clicks on data items. */
export function MonitoringChart(props: EChartProps<MonitoringChartOption>) {
  return <EChart {...props} />;
}
