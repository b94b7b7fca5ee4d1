// Small renderers shared by the evaluation dashboard, the indicator page and the overview card.
import { Tag, Tooltip } from 'antd';
import { DEMO_COLOUR, WARNING_COLOURS } from '../echarts.js';
import type { Lang, Messages } from '../i18n.js';
import { useI18n } from '../i18n.js';
import type { Bilingual, EvaluationStatus, IndicatorEvaluation, ProgressLevel, Region, WarningLevel } from '../types.js';

export const STATUSES: EvaluationStatus[] = ['attained', 'not_attained', 'no_data', 'not_applicable'];
export const WARNING_LEVELS: WarningLevel[] = ['red', 'yellow', 'grey'];

/** The server's sentence in the current language. */
export function bilingual(lang: Lang, b: Bilingual): string {
  return lang === 'en' ? b.en || b.zh : b.zh;
}

/** A state code (formulatedAndImplemented…) in words; an unknown code is shown as sent. */
export function stateText(t: Messages, code: string): string {
  return t.target.state(code) ?? code;
}

/** A reported figure: its text as entered, or its state in words. */
export function shownValue(t: Messages, v: { valueText: string | null; state: string | null } | null | undefined): string | null {
  if (!v) return null;
  if (v.valueText !== null) return v.valueText;
  return v.state !== null ? stateText(t, v.state) : null;
}

/** True when an evaluation rests (also) on 示例数据. */
export function usesDemo(e: Pick<IndicatorEvaluation, 'observations'>): boolean {
  return e.observations.some((o) => o.isDemo);
}

/** 'city' for the prefecture city and its districts, 'county' otherwise — the split of targets like 城市/县城. */
export function regionKind(region: Pick<Region, 'type'> | undefined): 'city' | 'county' {
  return region && (region.type === 'prefecture-city' || region.type === 'district') ? 'city' : 'county';
}

const STATUS_TAG: Record<EvaluationStatus, string | undefined> = {
  attained: 'green',
  not_attained: 'red',
  no_data: undefined,
  not_applicable: undefined,
};

export function StatusTag({ status }: { status: EvaluationStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_TAG[status]} className={`status-tag status-${status}`} data-status={status}>
      {t.evaluation.status(status)}
    </Tag>
  );
}

export function WarningTag({ level }: { level: WarningLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={WARNING_COLOURS[level]} className="warning-tag" data-testid={`warning-tag-${level}`} data-level={level}>
      {t.evaluation.warning(level)}
    </Tag>
  );
}

const PROGRESS_TAG: Record<ProgressLevel, string | undefined> = {
  target_met: 'green',
  on_track: 'cyan',
  moderate: 'gold',
  marginal: 'orange',
  regression: 'red',
  not_assessable: undefined,
};

export function ProgressTag({ level }: { level: ProgressLevel }) {
  const { t } = useI18n();
  return (
    <Tag color={PROGRESS_TAG[level]} data-testid="progress-level" data-level={level}>
      {t.evaluation.progress(level)}
    </Tag>
  );
}

/** The 示例数据 label: wherever demo data shows, this tag (or the banner) says so. */
export function DemoTag({ title }: { title?: string }) {
  const { t } = useI18n();
  const tag = (
    <Tag color={DEMO_COLOUR} className="demo-tag" data-testid="demo-tag">
      {t.evaluation.demoTag}
    </Tag>
  );
  return title ? <Tooltip title={title}>{tag}</Tooltip> : tag;
}
