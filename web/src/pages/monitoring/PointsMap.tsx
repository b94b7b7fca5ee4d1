// Points (air stations or water sections) on the plan's region map: an ECharts geo component with the boundaries of
// the plan folder (GET /plans/{planId}/boundaries) and a scatter series on it. When they cannot be loaded the points
// are drawn on plain longitude/latitude axes so the page still answers "where"; a plan without boundaries gets a
// note instead of the map (the page's table lists the points).
import { useEffect, useMemo, useState } from 'react';
import { Alert } from 'antd';
import { loadPlanMap, MonitoringChart, type MonitoringChartOption, type PlanMap } from './charts.js';
import { MapCredit, useMapNameMap } from './bits.js';
import { useMonitoringText } from './strings.js';
import { escapeHtml } from '../../html.js';

export interface MapPoint {
  code: string;
  name: string;
  lon: number;
  lat: number;
  colour: string;
  /** Tooltip lines (already in the current language). */
  lines: string[];
}

interface ItemData {
  name: string;
  value: [number, number];
  code: string;
  lines: string[];
  itemStyle: { color: string };
}

/** Whether two points lie within about 3 km of each other (0.03° of latitude, or of longitude at mid latitudes). */
function clustered(points: readonly MapPoint[]): boolean {
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) if (Math.abs(points[i]!.lon - points[j]!.lon) < 0.03 && Math.abs(points[i]!.lat - points[j]!.lat) < 0.03) return true;
  return false;
}


export function PointsMap({
  points,
  seriesName,
  height,
  testId,
  onPick,
}: {
  points: MapPoint[];
  seriesName: string;
  height: number;
  testId: string;
  onPick?: (code: string) => void;
}) {
  const { m } = useMonitoringText();
  const nameMap = useMapNameMap();
  const [geo, setGeo] = useState<'loading' | 'ready' | 'none' | 'failed'>('loading');
  const [map, setMap] = useState<PlanMap | null>(null);

  useEffect(() => {
    let active = true;
    loadPlanMap().then(
      (loaded) => {
        if (!active) return;
        setMap(loaded);
        setGeo(loaded ? 'ready' : 'none');
      },
      () => active && setGeo('failed'),
    );
    return () => {
      active = false;
    };
  }, []);

  const option = useMemo<MonitoringChartOption | null>(() => {
    if (geo === 'loading' || geo === 'none') return null;
    const data: ItemData[] = points.map((p) => ({ name: p.name, value: [p.lon, p.lat], code: p.code, lines: p.lines, itemStyle: { color: p.colour } }));
    const tooltip = {
      trigger: 'item' as const,
      formatter: (params: unknown) => {
        const d = (params as { data?: ItemData; name?: string }).data;
        if (!d) return escapeHtml((params as { name?: string }).name ?? '');
        return [`<strong>${escapeHtml(d.name)}</strong> ${escapeHtml(d.code)}`, ...d.lines.map(escapeHtml)].join('<br/>');
      },
    };
    const scatter = {
      type: 'scatter' as const,
      name: seriesName,
      data,
      symbolSize: 13,
      cursor: onPick ? 'pointer' : 'default',
      itemStyle: { opacity: 1, borderColor: '#ffffff', borderWidth: 1.5, shadowBlur: 3, shadowColor: 'rgba(0,0,0,0.3)' },
      // Points a few hundred metres apart (the city's urban stations) would write their names over each other and
      // over the county names: then names show on hover only; otherwise beside each point.
      label: { show: points.length <= 40 && !clustered(points), formatter: '{b}', position: 'right' as const, fontSize: 11, color: '#1f2d27', textBorderColor: '#ffffff', textBorderWidth: 2 },
      labelLayout: { moveOverlap: 'shiftY' as const, hideOverlap: true },
      emphasis: { scale: 1.5, label: { show: true } },
      z: 3,
    };
    if (geo === 'ready' && map)
      return {
        tooltip,
        geo: {
          map: map.mapName,
          roam: true,
          nameMap,
          top: 16,
          bottom: 16,
          label: { show: true, color: '#6b7a72', fontSize: 11 },
          itemStyle: { areaColor: '#eef5f0', borderColor: '#8fb09d', borderWidth: 1 },
          emphasis: { label: { color: '#2d3d35' }, itemStyle: { areaColor: '#dcefe3' } },
          select: { disabled: true },
          tooltip: { show: false },
        },
        series: [{ ...scatter, coordinateSystem: 'geo' }],
      };
    return {
      tooltip,
      grid: { left: 56, right: 24, top: 16, bottom: 40 },
      xAxis: { type: 'value', scale: true, name: 'E', axisLabel: { formatter: '{value}°' } },
      yAxis: { type: 'value', scale: true, name: 'N', axisLabel: { formatter: '{value}°' } },
      series: [{ ...scatter, coordinateSystem: 'cartesian2d' }],
    };
  }, [geo, map, points, seriesName, nameMap, onPick]);

  return (
    <div data-testid={testId} data-points={points.length} data-geo={geo}>
      {geo === 'failed' && <Alert type="warning" showIcon title={m.mapLoadFailed} className="mon-gap-bottom" />}
      {geo === 'none' && <Alert type="info" showIcon title={m.noBoundaries} className="mon-gap-bottom" data-testid={`${testId}-none`} />}
      {option && (
        <MonitoringChart
          option={option}
          height={height}
          testId={`${testId}-chart`}
          ariaLabel={seriesName}
          onItemClick={(d) => {
            const code = (d as ItemData | undefined)?.code;
            if (code && onPick) onPick(code);
          }}
        />
      )}
      {map && geo === 'ready' && <MapCredit map={map} />}
    </div>
  );
}
