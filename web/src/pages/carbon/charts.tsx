// The chart parts only the carbon pages draw (Sankey, treemap, peak marks), registered on the console's shared
// ECharts core, and the shared chart component typed for them.
import { SankeyChart, TreemapChart } from 'echarts/charts';
import type { SankeySeriesOption, TreemapSeriesOption } from 'echarts/charts';
import { MarkPointComponent } from 'echarts/components';
import type { MarkPointComponentOption } from 'echarts/components';
import { EChart, type EChartProps } from '../../components/EChart.js';
import { echarts, type ChartParts } from '../../echarts.js';

echarts.use([SankeyChart, TreemapChart, MarkPointComponent]);

export type CarbonChartOption = echarts.ComposeOption<ChartParts | SankeySeriesOption | TreemapSeriesOption | MarkPointComponentOption>;

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

/** The shared chart (web/src/components/EChart.tsx), typed for the carbon parts. */
export function CarbonChart(props: EChartProps<CarbonChartOption>) {
  return <EChart {...props} />;
}
