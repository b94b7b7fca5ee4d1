// The chart parts only the assessment page draws (the radar of a subject's share of points by domain),
// registered on the console's shared ECharts core, and the shared chart component typed for them.
import { useMemo } from 'react';
import { RadarChart } from 'echarts/charts';
import type { RadarSeriesOption } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import type { RadarComponentOption } from 'echarts/components';
import { EChart, type EChartProps } from '../../components/EChart.js';
import { echarts, type ChartParts } from '../../echarts.js';

echarts.use([RadarChart, RadarComponent]);

export type AssessmentChartOption = echarts.ComposeOption<ChartParts | RadarSeriesOption | RadarComponentOption>;

/** Colours of the grade bands (优秀, 良好, 合格, 不合格), shared by the bars and the tags. */
export const GRADE_COLOURS: Record<string, string> = { excellent: '#1a7f5a', good: '#2f6fb0', pass: '#d48806', fail: '#cf4b3f' };

export function AssessmentChart({ option, ...rest }: EChartProps<AssessmentChartOption> & { testId: string; ariaLabel: string }) {
  const quick = useMemo<AssessmentChartOption>(() => ({ animationDuration: 300, ...option }), [option]);
  return <EChart option={quick} {...rest} />;
}
