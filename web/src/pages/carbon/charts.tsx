// The chart parts only the carbon pages draw (Sankey, treemap, peak marks), registered on the console's shared
// ECharts core, and a chart component typed for them.
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, SankeyChart, TreemapChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, SankeySeriesOption, TreemapSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, MarkPointComponentOption, TooltipComponentOption } from 'echarts/components';
import { echarts, FONT_FAMILY } from '../../echarts.js';

echarts.use([BarChart, LineChart, SankeyChart, TreemapChart, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TooltipComponent]);

export type CarbonChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | SankeySeriesOption
  | TreemapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
  | TooltipComponentOption
>;

/** Colours of the inventory's sectors, shared by the treemap, the table tags and the report. */
export const SECTOR_COLOURS: Record<string, string> = {
  energy: '#c2410c',
  ippu: '#6d28d9',
  agriculture: '#ca8a04',
  lulucf: '#15803d',
  waste: '#0e7490',
  macro: '#64748b',
};

/** Colours of the three standard scenarios; saved ones beyond them take the palette in order. */
export const SCENARIO_COLOURS: Record<string, string> = { baseline: '#b91c1c', policy: '#d97706', enhanced: '#15803d' };
export const EXTRA_COLOURS = ['#2563eb', '#7c3aed', '#0891b2', '#be185d'];

interface Props {
  option: CarbonChartOption;
  height: number;
  testId?: string;
  ariaLabel?: string;
}

/** One ECharts instance per mounted div, resized with its container; a new option replaces the old one. */
export function CarbonChart({ option, height, testId, ariaLabel }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const instance = echarts.init(div, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // The browser test waits for this: set once the chart has finished drawing (animations included).
    instance.on('finished', () => {
      div.dataset.rendered = 'true';
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
    if (el.current) el.current.dataset.rendered = 'false';
    chart.current?.setOption({ textStyle: { fontFamily: FONT_FAMILY }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} data-testid={testId} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
