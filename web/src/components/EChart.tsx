import { useEffect, useRef } from 'react';
import { echarts, FONT_FAMILY, type ChartOption } from '../echarts.js';

interface Props {
  option: ChartOption;
  height: number;
  testId?: string;
  ariaLabel?: string;
}

/** A minimal React wrapper: one ECharts instance per mounted div, resized with its container. */
export function EChart({ option, height, testId, ariaLabel }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const div = el.current;
    if (!div) return;
    const instance = echarts.init(div, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(div);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a language switch replaces every label rather than merging into the old ones.
    chart.current?.setOption({ textStyle: { fontFamily: FONT_FAMILY }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} data-testid={testId} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
