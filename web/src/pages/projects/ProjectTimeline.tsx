// The Gantt view of the library: one bar per project from the first day of its start year to the last day of its
// end year, coloured by its latest reported status, with a line at today. Clicking a bar opens the project.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Space, Typography } from 'antd';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import { echarts } from '../../echarts.js';
import { nameOf, type Lang } from '../../i18n.js';
import { NO_REPORT_COLOUR, STATUS_COLOURS } from './bits.js';
import { ProjectChart, type ProjectChartOption } from './Chart.js';
import { useProjectStrings, type ProjectStrings } from './strings.js';
import { PROJECT_STATUSES, type LibraryProject } from './types.js';
import { html, lines } from '../../html.js';

/** The axis: from the earliest start year of the projects to the latest end year (with today's year inside it). */
export function axisYears(projects: readonly Pick<LibraryProject, 'startYear' | 'endYear'>[], today: Date): { start: number; end: number } {
  const year = today.getUTCFullYear();
  if (!projects.length) return { start: year, end: year };
  return { start: Math.min(year, ...projects.map((p) => p.startYear)), end: Math.max(year, ...projects.map((p) => p.endYear)) };
}

/** Today as a fractional year (2026-07-02 ≈ 2026.5), for the "today" line. */
export function fractionalYear(d: Date): number {
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const next = Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  return d.getUTCFullYear() + (d.getTime() - start) / (next - start);
}

export const barColour = (p: LibraryProject) => (p.latest ? STATUS_COLOURS[p.latest.status] : NO_REPORT_COLOUR);

interface BarDatum {
  /** row, start year, end year + 1, physical progress in % (−1: none reported) */
  value: [number, number, number, number];
  no: number;
  itemStyle: { color: string; opacity: number };
}

function shortName(name: string, max: number): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

function timelineOption(projects: LibraryProject[], s: ProjectStrings, lang: Lang, today: Date): ProjectChartOption {
  const byNo = new Map(projects.map((p) => [p.no, p]));
  const labels = projects.map((p) => `${p.no}  ${shortName(nameOf(lang, p), lang === 'en' ? 34 : 16)}`);
  const data: BarDatum[] = projects.map((p, i) => ({
    value: [i, p.startYear, p.endYear + 1, p.latest?.physicalProgress ?? -1],
    no: p.no,
    itemStyle: { color: barColour(p), opacity: p.retired ? 0.35 : 1 },
  }));
  const todayYear = fractionalYear(today);
  const { start: axisStart, end: axisEnd } = axisYears(projects, today);
  const todayText = today.toISOString().slice(0, 10);

  const renderItem = (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
    const row = api.value(0) as number;
    const start = api.coord([api.value(1), row]) as number[];
    const end = api.coord([api.value(2), row]) as number[];
    const height = (api.size!([0, 1]) as number[])[1]! * 0.58;
    const coord = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
    const area = { x: coord.x, y: coord.y, width: coord.width, height: coord.height };
    const bar = { x: start[0]!, y: start[1]! - height / 2, width: end[0]! - start[0]!, height };
    const shape = echarts.graphic.clipRectByRect(bar, area);
    if (!shape) return null;
    // The bar is the project's period in its status colour; a white stripe inside it runs as far as the latest
    // reported physical progress (形象进度), like a progress bar. Without a report, or at 0 %, no stripe.
    const progress = api.value(3) as number;
    const bar_ = { type: 'rect' as const, shape: { ...shape, r: 3 }, style: api.style() };
    if (!(progress > 0)) return bar_;
    const y = bar.y + bar.height / 2;
    const x2 = Math.min(bar.x + (bar.width * Math.min(progress, 100)) / 100, area.x + area.width);
    const x1 = Math.max(bar.x + 3, area.x);
    if (x2 <= x1) return bar_;
    return {
      type: 'group',
      children: [
        bar_,
        { type: 'line', shape: { x1, y1: y, x2: x2 - 3, y2: y }, style: { fill: 'none', stroke: '#ffffff', lineWidth: Math.max(2, bar.height * 0.28), lineCap: 'round', opacity: 0.85 }, silent: true },
      ],
    };
  };

  return {
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const d = (raw as { data?: BarDatum }).data;
        const p = d ? byNo.get(d.no) : undefined;
        if (!p) return '';
        const status = p.latest ? `${s.status[p.latest.status]}（${s.reportedYear(p.latest.year)}）` : s.noReport;
        const progress = p.latest?.physicalProgress ?? null;
        return lines([
          html`<b>${p.no} ${nameOf(lang, p)}</b>`,
          `${s.timeline.period}: ${p.startYear}—${p.endYear}`,
          `${s.timeline.status}: ${status}`,
          `${s.timeline.progress}: ${progress === null ? '—' : `${progress}%`}`,
          `${s.timeline.completion}: ${p.completionRate === null ? '—' : `${p.completionRate}%`}`,
          p.retired && s.retiredTag,
        ]);
      },
    },
    grid: { left: 12, right: 56, top: 36, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'value',
      position: 'top',
      min: axisStart,
      max: axisEnd + 1,
      interval: 1,
      axisLabel: { formatter: (v: number) => (v > axisEnd ? '' : String(v)), color: '#555' },
      splitLine: { lineStyle: { type: 'dashed', color: '#e3e7ea' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels,
      axisTick: { show: false },
      axisLabel: { color: '#333', fontSize: 12 },
      splitLine: { show: true, lineStyle: { color: '#f2f4f5' } },
    },
    series: [
      {
        type: 'custom',
        name: s.timeline.title(axisStart, axisEnd),
        renderItem,
        encode: { x: [1, 2], y: 0 },
        data,
        cursor: 'pointer',
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#cf1322', type: 'solid', width: 1.5 },
          label: { position: 'end', color: '#cf1322', formatter: `${s.timeline.today}\n${todayText}`, fontSize: 11 },
          data: [{ xAxis: todayYear }],
        },
      },
    ],
  };
}

export function ProjectTimeline({ projects, today }: { projects: LibraryProject[]; today?: Date }) {
  const { s, lang } = useProjectStrings();
  const navigate = useNavigate();
  // Today is taken once per mount, so that re-renders do not redraw the chart.
  const [mounted] = useState(() => new Date());
  const at = today ?? mounted;
  const option = useMemo(() => timelineOption(projects, s, lang, at), [projects, s, lang, at]);
  const height = Math.max(200, projects.length * 28 + 88);
  return (
    <div data-testid="timeline-section">
      <Space wrap size={[16, 4]} className="timeline-legend" data-testid="timeline-legend">
        <Typography.Text type="secondary">{s.timeline.legend}:</Typography.Text>
        {PROJECT_STATUSES.map((st) => (
          <span key={st} className="timeline-legend-item">
            <span className="legend-dot" style={{ background: STATUS_COLOURS[st] }} />
            {s.status[st]}
          </span>
        ))}
        <span className="timeline-legend-item">
          <span className="legend-dot" style={{ background: NO_REPORT_COLOUR }} />
          {s.noReport}
        </span>
        <span className="timeline-legend-item">
          <span className="legend-line" />
          {s.timeline.today}
        </span>
        <Typography.Text type="secondary">· {s.timeline.clickHint}</Typography.Text>
      </Space>
      <ProjectChart
        option={option}
        height={height}
        testId="project-timeline"
        ariaLabel={s.timeline.barsLabel(projects.length)}
        dataAttrs={{ bars: projects.length }}
        onItemClick={(d) => {
          const no = (d as BarDatum | undefined)?.no;
          if (no !== undefined) navigate(`/projects/${no}`);
        }}
      />
    </div>
  );
}
