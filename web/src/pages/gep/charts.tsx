// The chart parts only the GEP pages draw (sunburst of the composition, bars of the region comparison and the
// change waterfall), registered on the console's shared ECharts core, and the shared chart component typed for them.
import { useMemo } from 'react';
import { SunburstChart } from 'echarts/charts';
import type { SunburstSeriesOption } from 'echarts/charts';
import { EChart, type EChartProps } from '../../components/EChart.js';
import { echarts, type ChartParts } from '../../echarts.js';

echarts.use([SunburstChart]);

export type GepChartOption = echarts.ComposeOption<ChartParts | SunburstSeriesOption>;

/** Colours of the three categories (物质产品, 调节服务, 文化服务), shared by every chart and the tables' dots. */
export const CATEGORY_COLOURS = { material: '#d48806', regulating: '#1a7f5a', cultural: '#2f6fb0' } as const;
export const EFFECT_COLOURS = { quantity: '#1a7f5a', price: '#d48806', negative: '#cf4b3f', total: '#2f6fb0' } as const;

/** The shared chart (web/src/components/EChart.tsx), typed for the GEP parts, with shorter animations. */
export function GepChart({ option, ...rest }: EChartProps<GepChartOption> & { testId: string; ariaLabel: string }) {
  const quick = useMemo<GepChartOption>(() => ({ animationDuration: 300, ...option }), [option]);
  return <EChart option={quick} {...rest} />;
}

export interface WaterfallStep {
  label: string;
  /** 亿元; for the first and last bar the level itself, else the change. */
  value: number;
  kind: 'total' | 'quantity' | 'price';
}

/**
 * A waterfall as two stacked bars: an invisible base and the visible step. A rise stands on the running level, a
 * fall hangs down from it; totals stand on zero.
 */
export function waterfallSeries(steps: WaterfallStep[]): { base: number[]; visible: { value: number; itemStyle: { color: string } }[]; signed: number[] } {
  let level = 0;
  const base: number[] = [];
  const visible: { value: number; itemStyle: { color: string } }[] = [];
  const signed: number[] = [];
  for (const s of steps) {
    if (s.kind === 'total') {
      level = s.value;
      base.push(0);
      visible.push({ value: s.value, itemStyle: { color: EFFECT_COLOURS.total } });
    } else {
      const next = level + s.value;
      base.push(Math.min(level, next));
      visible.push({ value: Math.abs(s.value), itemStyle: { color: s.value < 0 ? EFFECT_COLOURS.negative : EFFECT_COLOURS[s.kind] } });
      level = next;
    }
    signed.push(s.value);
  }
  return { base, visible, signed };
}
