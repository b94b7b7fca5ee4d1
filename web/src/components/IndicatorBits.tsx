// Small renderers shared by the indicator table and the indicator page.
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../i18n.js';
import type { Indicator, IndicatorTarget, Target } from '../types.js';

export function BindingTag({ binding }: { binding: boolean }) {
  const { t } = useI18n();
  return binding ? <Tag color="volcano">{t.indicator.binding}</Tag> : <Tag color="blue">{t.indicator.reference}</Tag>;
}

export function LocalTag() {
  const { t } = useI18n();
  return (
    <Tooltip title={t.indicator.local}>
      <Tag color="gold" className="local-tag" data-testid="local-tag">
        {t.indicator.localMark}
      </Tag>
    </Tooltip>
  );
}

/** 现状值: the table's text, its year when it differs from the plan's base year, 暂无统计数据 as a grey tag, and the note. */
export function BaselineValue({ indicator, baseYear, inline = false }: { indicator: Indicator; baseYear: number | undefined; inline?: boolean }) {
  const { t, lang } = useI18n();
  const b = indicator.baseline;
  if (b.noData) {
    return (
      <Tag className="no-data-tag" data-testid="baseline-no-data">
        {t.indicator.noData}
      </Tag>
    );
  }
  const text = (lang === 'en' && b.state && t.target.state(b.state)) || b.text;
  const year = baseYear !== undefined && b.year !== baseYear ? t.common.yearSuffix(b.year) : '';
  const value = (
    <span className="baseline-value">
      {text}
      {year && <span className="baseline-year"> {year}</span>}
    </span>
  );
  if (!b.note) return value;
  if (inline) {
    return (
      <span>
        {value}
        <Typography.Text type="secondary" className="baseline-note">
          {' '}
          ({b.note})
        </Typography.Text>
      </span>
    );
  }
  return (
    <Tooltip title={`${t.indicator.baselineNote}: ${b.note}`}>
      <div>
        {value}
        <div className="baseline-note secondary-text">{b.note}</div>
      </div>
    </Tooltip>
  );
}

function partWords(target: Exclude<Target, { kind: 'all' } | { kind: 'split' }>, t: ReturnType<typeof useI18n>['t']): string {
  switch (target.kind) {
    case 'threshold': {
      return `${t.target.kind('threshold')}: ${t.target.comparator(target.comparator)} ${target.value.toFixed(target.decimals)}`;
    }
    case 'state':
      return `${t.target.kind('state')}: ${t.target.state(target.state) ?? target.state}`;
    case 'relative':
      return `${t.target.kind('relative')}: ${t.target.rule(target.rule) ?? target.rule} (${t.target.reference(target.reference)})`;
    case 'assigned':
      return `${t.target.kind('assigned')}: ${t.target.assignment(target.assignment) ?? target.assignment}`;
  }
}

/** A target's structured form in words: its kind as a tag, then each condition. */
export function TargetStructure({ target }: { target: IndicatorTarget }) {
  const { t } = useI18n();
  let lines: string[];
  if (target.kind === 'all') lines = target.parts.map((p) => partWords(p, t));
  else if (target.kind === 'split') lines = target.parts.map((p) => `${t.target.regionType(p.regionType)}: ${partWords(p.target, t)}`);
  else lines = [partWords(target, t)];
  return (
    <Space orientation="vertical" size={2}>
      <span>
        <Tag color="geekblue" data-testid="target-kind">
          {t.target.kind(target.kind)}
        </Tag>
        {target.kind === 'all' && <Typography.Text type="secondary">{t.target.allOf}</Typography.Text>}
      </span>
      {lines.map((line, i) => (
        <Typography.Text key={i} type="secondary" className="target-part">
          {line}
        </Typography.Text>
      ))}
    </Space>
  );
}
