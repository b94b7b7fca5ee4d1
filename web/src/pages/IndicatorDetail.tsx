import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { api } from '../api.js';
import { BaselineValue, BindingTag, LocalTag, TargetStructure } from '../components/IndicatorBits.js';
import { requestState } from '../components/Status.js';
import { buildLookups, departmentNames, indicatorDomain, indicatorName, indicatorTaskArea, targetText, unitText } from '../format.js';
import { useI18n } from '../i18n.js';
import { horizonsOf } from '../../../src/plan/horizons.js';
import type { Horizon, Indicator } from '../types.js';
import { useApi } from '../useApi.js';
import { useBack } from '../navigation.js';
import { DataEntryCard } from './DataEntry.js';
import { LinkedProjectsCard } from './projects/LinkedProjectsCard.js';
import { cityCode } from './Evaluation.js';
import { IndicatorEvaluationSection, sectionRegion } from './IndicatorEvaluation.js';
import { IndicatorHistoryCard } from './revisions/HistoryCard.js';

function TargetCell({ indicator, horizon }: { indicator: Indicator; horizon: Horizon }) {
  const { t, lang } = useI18n();
  const target = indicator.targets[horizon];
  if (!target) return null;
  const shown = targetText(lang, target);
  return (
    <Space orientation="vertical" size={4} data-testid={`target-${horizon}`}>
      <Typography.Text strong className="target-text">
        {shown}
      </Typography.Text>
      {shown !== target.text && (
        <Typography.Text type="secondary">
          {t.indicator.tableText}: {target.text}
        </Typography.Text>
      )}
      <TargetStructure target={target} />
    </Space>
  );
}

export function IndicatorDetail() {
  const { t, lang } = useI18n();
  const { code = '' } = useParams();
  const back = useBack('/indicators');
  const [params, setParams] = useSearchParams();
  // Bumped after each entry so that the evaluation section shows the new value.
  const [refresh, setRefresh] = useState(0);
  const state = useApi(`indicator:${code}`, () =>
    Promise.all([api.indicator(code), api.plan(), api.departments()]).then(([detail, plan, depts]) => ({ detail, plan, depts })),
  );

  const pending = requestState(state, t.notFound.indicator(code));
  if (pending || !state.data) return pending;

  const { detail, plan, depts } = state.data;
  const ind = detail.indicator;
  const lookups = buildLookups(plan, depts.departments);
  const notes = [...detail.notes].sort((a, b) => a.no - b.no);
  const region = sectionRegion(plan, params);
  const onSaved = (entered: string) => {
    // Show the region just entered, so the new value appears in 所用数据.
    if (entered !== region) {
      const next = new URLSearchParams(params);
      if (entered === cityCode(plan)) next.delete('region');
      else next.set('region', entered);
      setParams(next, { replace: true });
    }
    setRefresh((n) => n + 1);
  };

  return (
    <div className="page" data-testid="indicator-detail">
      <Card
        className="section-card"
        title={
          <Space wrap>
            <Button onClick={back}>{t.common.back}</Button>
            <span data-testid="indicator-title">
              {t.indicator.detailTitle(ind.code)} · {indicatorName(lang, ind)}
            </span>
            {ind.local && <LocalTag />}
            <BindingTag binding={ind.binding} />
          </Space>
        }
      >
        <Descriptions bordered size="middle" column={{ xs: 1, lg: 2 }} data-testid="indicator-fields" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={t.indicator.code}>{ind.code}</Descriptions.Item>
          <Descriptions.Item label={t.indicator.name}>{indicatorName(lang, ind)}</Descriptions.Item>
          <Descriptions.Item label={t.indicator.altName}>{lang === 'en' ? ind.name : ind.nameEn}</Descriptions.Item>
          <Descriptions.Item label={t.indicator.group}>
            {(lang === 'en' ? ind.groupEn ?? ind.group : ind.group) ?? t.common.empty}
          </Descriptions.Item>
          <Descriptions.Item label={t.indicator.domain}>
            <Link to={`/indicators?domain=${encodeURIComponent(ind.domainId)}`}>{indicatorDomain(lang, ind, lookups)}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t.indicator.taskArea}>
            <Link to={`/indicators?domain=${encodeURIComponent(ind.domainId)}&task=${encodeURIComponent(ind.taskAreaId)}`}>
              {indicatorTaskArea(lang, ind, lookups)}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t.indicator.unit}>{unitText(lang, ind.unit)}</Descriptions.Item>
          <Descriptions.Item label={t.indicator.attribute}>
            <BindingTag binding={ind.binding} />
            {ind.local && <Tag color="gold">{t.indicator.local}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t.indicator.direction}>
            <span data-testid="indicator-direction">{t.indicator.directionLabel(ind.direction)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.indicator.baselineYear}>{ind.baseline.year}</Descriptions.Item>
          <Descriptions.Item label={t.indicator.baseline} span={{ xs: 1, lg: 2 }}>
            <span data-testid="indicator-baseline">
              <BaselineValue indicator={ind} baseYear={plan.meta.baseYear} inline />
            </span>
          </Descriptions.Item>
          {horizonsOf(plan).map((h) => (
            <Descriptions.Item key={h} label={t.indicator.targetYear(h)}>
              <TargetCell indicator={ind} horizon={h} />
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t.indicator.departments} span={{ xs: 1, lg: 2 }}>
            <span data-testid="indicator-departments">
              {departmentNames(lang, ind.departments, ind.departmentIds, lookups).map((name) => (
                <Tag key={name} className="dept-tag">
                  {name}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <IndicatorHistoryCard code={ind.code} />

      <IndicatorEvaluationSection ind={ind} plan={plan} refresh={refresh} />

      <DataEntryCard ind={ind} plan={plan} departments={depts.departments} region={region} onSaved={onSaved} />

      <LinkedProjectsCard code={ind.code} />

      <Card className="section-card" title={t.indicator.notes} data-testid="indicator-notes">
        {notes.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.indicator.noNotes} />
        ) : (
          <ul className="note-list">
            {notes.map((n) => (
              <li key={n.no} data-testid={`note-${n.no}`}>
                <Tag color="green">{t.indicator.noteNo(n.no)}</Tag>
                <span className="note-text">{n.text}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
