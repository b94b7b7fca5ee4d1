// The project pages' charts: the console's ECharts plus the custom series (Gantt bars), drawn as SVG so that every
// bar is an element of the page (screen readers, browser tests and printing see what is drawn).
import { useEffect, useRef } from 'react';
import { CustomChart } from 'echarts/charts';
import type { BarSeriesOption, CustomSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { echarts, FONT_FAMILY } from '../../echarts.js';

echarts.use([CustomChart, SVGRenderer]);

export type ProjectChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | CustomSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

interface Props {
  option: ProjectChartOption;
  height: number;
  testId?: string;
  ariaLabel?: string;
  /** Called with the clicked item's data object. */
  onItemClick?: (data: unknown) => void;
  /** Extra attributes on the container (e.g. how many bars it draws). */
  dataAttrs?: Record<string, string | number>;
}

export function ProjectChart({ option, height, testId, ariaLabel, onItemClick, dataAttrs }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);

  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const instance = echarts.init(div, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (p) => click.current?.((p as { data?: unknown }).data));
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

  const attrs = Object.fromEntries(Object.entries(dataAttrs ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return <div ref={el} data-testid={testId} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} {...attrs} />;
}
