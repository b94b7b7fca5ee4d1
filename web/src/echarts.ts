// ECharts, assembled from only the parts the console draws, to keep the bundle small.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** The option types of the parts registered here; a feature area composes its own parts with them. */
export type ChartParts =
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption;

export type ChartOption = echarts.ComposeOption<ChartParts>;

export { FONT_FAMILY } from './fonts.js';

/** Category colours shared by the chart and the legend dots of the tables. */
export const PALETTE = ['#1a7f5a', '#2f6fb0', '#d48806', '#13a8a8', '#9254de', '#cf4b3f'];

export { echarts };

/** Colours of the evaluation statuses and warning levels, shared by the charts, the scorecard and the tags. */
export const STATUS_COLOURS = {
  attained: '#2e9d62',
  not_attained: '#d4483b',
  no_data: '#b8bec2',
  not_applicable: '#eceff0',
} as const;
export const WARNING_COLOURS = { red: '#cf1322', yellow: '#e0a100', grey: '#7a8288' } as const;
/** Marks of 示例数据 (demo data) wherever it shows. */
export const DEMO_COLOUR = '#7c3aed';
