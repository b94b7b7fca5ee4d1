import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { api } from '../api.js';
import { EChart } from '../components/EChart.js';
import { requestState } from '../components/Status.js';
import { PALETTE, type ChartOption } from '../echarts.js';
import { buildLookups, departmentNames, regionName } from '../format.js';
import { nameOf, useI18n, type Messages } from '../i18n.js';
import type { Project } from '../types.js';
import { useApi } from '../useApi.js';
import { categoryLabel, SubItems } from './Projects.js';
import { useBack } from '../navigation.js';

// The plan's whole horizon: the appendix's earliest start year (2019) to the long-term target year.
const AXIS_START = 2019;
const AXIS_END = 2035;

/** One horizontal bar from startYear to endYear: an invisible bar carries it from 0 to the start (stacked). */
function timelineOption(p: Project, t: Messages, baseYear: number, color: string): ChartOption {
  const period = t.project.periodValue(p.startYear, p.endYear);
  const mark = (year: number, label: string) => ({ xAxis: year, label: { formatter: `${label}\n${year}` } });
  return {
    grid: { left: 16, right: 76, top: 44, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'item', formatter: () => `${t.project.timeline}: <b>${period}</b>` },
    xAxis: {
      type: 'value',
      min: AXIS_START,
      max: AXIS_END,
      interval: 1,
      axisLabel: { formatter: (v: number) => String(v), color: '#555' },
      splitLine: { lineStyle: { type: 'dashed', color: '#e5e7eb' } },
    },
    yAxis: { type: 'category', data: [t.project.timeline], axisTick: { show: false }, axisLabel: { color: '#333' } },
    series: [
      {
        type: 'bar',
        stack: 'period',
        data: [p.startYear],
        itemStyle: { color: 'transparent' },
        emphasis: { disabled: true },
        tooltip: { show: false },
        silent: true,
        barWidth: 26,
      },
      {
        type: 'bar',
        stack: 'period',
        data: [p.endYear - p.startYear],
        barWidth: 26,
        itemStyle: { color, borderRadius: 4 },
        label: { show: true, position: 'inside', color: '#fff', fontWeight: 'bold', formatter: period },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#9ca3af', type: 'dashed' },
          label: { position: 'end', color: '#6b7280', fontSize: 11 },
          data: [mark(baseYear, t.project.baseYearMark), mark(2025, t.project.nearMark), mark(2035, t.project.farMark)],
        },
      },
    ],
  };
}

export function ProjectDetail() {
  const { t, lang } = useI18n();
  const { no = '' } = useParams();
  const back = useBack('/projects');
  const state = useApi(`project:${no}`, () =>
    Promise.all([api.project(no), api.plan(), api.departments()]).then(([detail, plan, depts]) => ({ detail, plan, depts })),
  );
  const data = state.data;
  const lookups = useMemo(() => buildLookups(data?.plan, data?.depts.departments), [data]);
  const option = useMemo(() => {
    if (!data) return null;
    const index = data.plan.categories.findIndex((c) => c.id === data.detail.project.categoryId);
    return timelineOption(data.detail.project, t, data.plan.meta.baseYear, PALETTE[Math.max(index, 0) % PALETTE.length] ?? '#1a7f5a');
  }, [data, t]);

  const pending = requestState(state, t.notFound.project(no));
  if (pending || !data || !option) return pending;

  const p = data.detail.project;

  return (
    <div className="page" data-testid="project-detail">
      <Card
        className="section-card"
        title={
          <Space wrap>
            <Button onClick={back}>{t.common.back}</Button>
            <span data-testid="project-title">
              {t.project.detailTitle(p.no)} · {nameOf(lang, p)}
            </span>
          </Space>
        }
      >
        <Descriptions bordered size="middle" column={{ xs: 1, lg: 2 }} data-testid="project-fields" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={t.project.no}>{p.no}</Descriptions.Item>
          <Descriptions.Item label={t.project.name}>{nameOf(lang, p)}</Descriptions.Item>
          <Descriptions.Item label={t.project.altName}>{lang === 'en' ? p.name : p.nameEn}</Descriptions.Item>
          <Descriptions.Item label={t.project.category}>
            <Link to={`/projects?category=${encodeURIComponent(p.categoryId)}`}>{categoryLabel(lang, p, lookups)}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t.project.subcategory}>{p.subcategory ?? t.common.empty}</Descriptions.Item>
          <Descriptions.Item label={t.project.investment}>
            <Typography.Text strong data-testid="project-investment">
              {p.investmentText}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t.project.leads}>
            {departmentNames(lang, p.leads, p.leadIds, lookups).map((name) => (
              <Tag key={name} className="dept-tag">
                {name}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t.project.period}>
            <span data-testid="project-period">{t.project.periodValue(p.startYear, p.endYear)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.project.regions} span={{ xs: 1, lg: 2 }}>
            <span data-testid="project-regions">
              {p.regions.length === 0 ? (
                <Typography.Text type="secondary">{t.project.noRegions}</Typography.Text>
              ) : (
                p.regions.map((code) => (
                  <Tag key={code} color="green" title={code}>
                    {regionName(lang, code, lookups)}
                  </Tag>
                ))
              )}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t.project.content} span={{ xs: 1, lg: 2 }}>
            <span className="project-content-full">{p.content}</span>
          </Descriptions.Item>
          {p.subItems.length > 0 && (
            <Descriptions.Item label={t.project.subItems} span={{ xs: 1, lg: 2 }}>
              <SubItems project={p} lookups={lookups} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card className="section-card" title={t.project.timeline}>
        <EChart option={option} height={170} testId="project-timeline" ariaLabel={t.project.timeline} />
      </Card>
    </div>
  );
}
