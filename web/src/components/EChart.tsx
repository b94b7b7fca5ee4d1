import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts, FONT_FAMILY, type ChartOption } from '../echarts.js';

export interface EChartProps<O extends EChartsCoreOption = ChartOption> {
  /** The chart, typed by the caller for the parts it registered (a feature area's own ComposeOption). */
  option: O;
  height: number;
  testId?: string;
  ariaLabel?: string;
  /** 'svg' makes every mark an element of the page (needs SVGRenderer registered; projects/Chart.tsx does). Fixed at mount. */
  renderer?: 'canvas' | 'svg';
  /** Called with the clicked series item's `data` (clicks elsewhere are ignored). */
  onItemClick?: (data: unknown) => void;
  /** Extra `data-*` attributes on the container (e.g. how many bars it draws). */
  dataAttrs?: Record<string, string | number>;
}

/**
 * A minimal React wrapper: one ECharts instance per mounted div, resized with its container; a new option replaces
 * the old one. The div carries data-rendered="true" once the chart has finished drawing (animations included), so
 * browser tests and screen readers can tell a drawn chart from an empty box.
 */
export function EChart<O extends EChartsCoreOption = ChartOption>({ option, height, testId, ariaLabel, renderer = 'canvas', onItemClick, dataAttrs }: EChartProps<O>) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  const rendererAtMount = useRef(renderer);

  useEffect(() => {
    click.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const instance = echarts.init(div, undefined, { renderer: rendererAtMount.current });
    chart.current = instance;
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
    if (el.current) el.current.dataset.rendered = 'false';
    // notMerge: a language switch replaces every label rather than merging into the old ones.
    chart.current?.setOption({ textStyle: { fontFamily: FONT_FAMILY }, ...option }, { notMerge: true });
  }, [option]);

  const attrs = Object.fromEntries(Object.entries(dataAttrs ?? {}).map(([k, v]) => [`data-${k}`, String(v)]));
  return <div ref={el} data-testid={testId} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} {...attrs} />;
}
