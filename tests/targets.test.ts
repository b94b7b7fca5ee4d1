// The target language: every target text of table 1 parses and renders back to the same Chinese text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseTarget, renderTarget, renderTargetEn, TargetParseError } from '../src/plan/targets.js';
import { SHAOGUAN_DIR } from './helpers/planFolder.js';

// The distinct target texts of 表1, typed from the plan text.
const TABLE1_TARGET_TEXTS = [
  '制定实施', '有效开展', '≥21.5', '全面实施', '100', '完成上级规定的考核任务', '25', '22', '无劣Ⅴ类水体', '无黑臭水体',
  '≥85.0', '≥74.6', '≥75.0', '不明显', '不降低', '建立', '面积不减少 性质不改变 功能不降低', '完成上级管控目标',
  '完成上级规定的目标任务,保持稳定或持续改善', '完成年度审核计划', '≥4.5', '≥64.5', '≥65.0', '城市: ≥99 县城: ≥95',
  '≥60', '≥70', '≥16.8', '≥17', '≥40', '≥45', '实施', '≥50', '逐步下降', '≥98', '≥80', '≥85',
];

describe('target language round trip', () => {
  it('the plan folder uses exactly the target texts of table 1', () => {
    const rows = parse(readFileSync(join(SHAOGUAN_DIR, 'indicators.yaml'), 'utf8')) as { targets: Record<string, string> }[];
    const used = new Set(rows.flatMap((r) => Object.values(r.targets)));
    expect([...used].sort()).toEqual([...TABLE1_TARGET_TEXTS].sort());
  });

  it.each(TABLE1_TARGET_TEXTS)('parses and renders back %s', (text) => {
    const target = parseTarget(text);
    expect(renderTarget(target)).toBe(text);
    expect(renderTargetEn(target).length).toBeGreaterThan(0);
  });
});

describe('structured targets', () => {
  it('reads thresholds with their comparator and written precision', () => {
    expect(parseTarget('≥74.6')).toEqual({ kind: 'threshold', comparator: 'gte', value: 74.6, decimals: 1 });
    expect(parseTarget('≥85.0')).toEqual({ kind: 'threshold', comparator: 'gte', value: 85, decimals: 1 });
    expect(parseTarget('≤25')).toEqual({ kind: 'threshold', comparator: 'lte', value: 25, decimals: 0 });
    // A bare number is bounded in the indicator's direction (PM2.5 "25" means at most 25).
    expect(parseTarget('25')).toEqual({ kind: 'threshold', comparator: 'implicit', value: 25, decimals: 0 });
  });

  it('reads states, relative and assigned targets', () => {
    expect(parseTarget('无黑臭水体')).toEqual({ kind: 'state', state: 'noBlackOdorousWater' });
    expect(parseTarget('不降低')).toEqual({ kind: 'relative', rule: 'notDecrease', reference: 'baseline' });
    expect(parseTarget('逐步下降')).toEqual({ kind: 'relative', rule: 'graduallyDecrease', reference: 'previousYear' });
    expect(parseTarget('完成上级管控目标')).toEqual({ kind: 'assigned', assignment: 'controlTarget' });
  });

  it('reads combined targets', () => {
    expect(parseTarget('完成上级规定的目标任务,保持稳定或持续改善')).toEqual({
      kind: 'all',
      separator: ',',
      parts: [
        { kind: 'assigned', assignment: 'targetTask' },
        { kind: 'relative', rule: 'stableOrImproving', reference: 'previousYear' },
      ],
    });
    const area = parseTarget('面积不减少 性质不改变 功能不降低');
    expect(area.kind === 'all' && area.parts.map((p) => (p.kind === 'relative' ? p.rule : p.kind))).toEqual([
      'areaNotDecrease',
      'natureUnchanged',
      'functionNotReduced',
    ]);
    // The full-width comma of typeset tables is accepted and kept.
    expect(renderTarget(parseTarget('完成上级规定的目标任务，保持稳定或持续改善'))).toBe('完成上级规定的目标任务，保持稳定或持续改善');
  });

  it('reads split targets per kind of region', () => {
    expect(parseTarget('城市: ≥99 县城: ≥95')).toEqual({
      kind: 'split',
      parts: [
        { regionType: 'city', label: '城市', target: { kind: 'threshold', comparator: 'gte', value: 99, decimals: 0 } },
        { regionType: 'county', label: '县城', target: { kind: 'threshold', comparator: 'gte', value: 95, decimals: 0 } },
      ],
    });
  });

  it.each(['', ' 100', '≥', '≥ 75', '大于75', '75%', '≥7.5.1', '城市: ≥99 城市: ≥95', '城市: 好 县城: ≥95', '完成上级规定的目标任务,大于75', '不降低 ', '-5'])(
    'rejects %j with what was expected',
    (text) => {
      expect(() => parseTarget(text)).toThrow(TargetParseError);
      try {
        parseTarget(text);
      } catch (e) {
        expect((e as TargetParseError).message).toContain('无法解析目标值');
        expect((e as TargetParseError).expected.length).toBeGreaterThan(5);
      }
    },
  );
});
