// The chart parts only the GEP pages draw (sunburst of the composition, bars of the region comparison and the
// change waterfall), registered on the console's shared ECharts core, and a chart component that marks itself
// drawn (data-rendered) so tests and screen readers can tell a drawn chart from an empty box.
import { useEffect, useRef } from 'react';
import { BarChart, SunburstChart } from 'echarts/charts';
import type { BarSeriesOption, SunburstSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import { echarts, FONT_FAMILY } from '../../echarts.js';

echarts.use([BarChart, SunburstChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent]);

export type GepChartOption = echarts.ComposeOption<
  BarSeriesOption | SunburstSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

/** Colours of the three categories (物质产品, 调节服务, 文化服务), shared by every chart and the tables' dots. */
export const CATEGORY_COLOURS = { material: '#d48806', regulating: '#1a7f5a', cultural: '#2f6fb0' } as const;
export const EFFECT_COLOURS = { quantity: '#1a7f5a', price: '#d48806', negative: '#cf4b3f', total: '#2f6fb0' } as const;

export function GepChart({ option, height, testId, ariaLabel }: { option: GepChartOption; height: number; testId: string; ariaLabel: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const instance = echarts.init(div, undefined, { renderer: 'canvas' });
    chart.current = instance;
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
    // notMerge: a language or method switch replaces every label rather than merging into the old ones.
    chart.current?.setOption({ textStyle: { fontFamily: FONT_FAMILY }, animationDuration: 300, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} data-testid={testId} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
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
