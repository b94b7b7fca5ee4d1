// The project pages' charts: the console's ECharts plus the custom series (Gantt bars), drawn as SVG so that every
// bar is an element of the page (screen readers, browser tests and printing see what is drawn).
import { CustomChart } from 'echarts/charts';
import type { CustomSeriesOption } from 'echarts/charts';
import { SVGRenderer } from 'echarts/renderers';
import { EChart, type EChartProps } from '../../components/EChart.js';
import { echarts, type ChartParts } from '../../echarts.js';

echarts.use([CustomChart, SVGRenderer]);

export type ProjectChartOption = echarts.ComposeOption<ChartParts | CustomSeriesOption>;

/** The shared chart (web/src/components/EChart.tsx), typed for the project parts and drawn as SVG. */
export function ProjectChart(props: Omit<EChartProps<ProjectChartOption>, 'renderer'>) {
  return <EChart {...props} renderer="svg" />;
}
