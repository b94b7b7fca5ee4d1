// The assessment scheme as plan data: the shipped default validates; bad schemes are refused with a precise
// Chinese and English problem located by file, line and path (weights that do not add up, a rule for a target
// kind that does not exist, an indicator not in the plan, …).
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/plan/problems.js';
import { readPlanFolder } from '../../src/planfolder/read.js';
import { brokenPlanFolder, SHAOGUAN_DIR } from '../helpers/planFolder.js';

function problemsOf(edit: (text: string) => string) {
  const folder = readPlanFolder(brokenPlanFolder({ 'assessment.yaml': edit }));
  expect(folder.result.ok).toBe(false);
  if (folder.result.ok) return [];
  expect(folder.schemes).toEqual([]);
  return folder.result.problems;
}

describe('assessment.yaml', () => {
  it('the shipped Shaoguan scheme validates and is the default', () => {
    const folder = readPlanFolder(SHAOGUAN_DIR);
    expect(folder.result.ok).toBe(true);
    expect(folder.schemes.map((s) => [s.id, s.version, s.isDefault])).toEqual([['shaoguan-default', 1, true]]);
    const s = folder.schemes[0]!;
    expect(s.regions.indicators.reduce((a, w) => a + w.weight, 0)).toBe(10000);
    expect(s.departments.indicators.reduce((a, w) => a + w.weight, 0)).toBe(10000);
    expect(s.departments.indicators.length).toBe(45);
  });

  it('refuses domain weights that do not add up to 100', () => {
    const [p, ...rest] = problemsOf((t) => t.replace('weight: 55', 'weight: 50').replace('{"7": 12, "8": 12, "9": 12, "12": 9, "13": 10}', '{"7": 12, "8": 12, "9": 12, "12": 9, "13": 5}'));
    expect(rest).toEqual([]);
    expect(p!.file).toBe('assessment.yaml');
    expect(p!.path).toEqual(['schemes', 0, 'regions', 'domains']);
    expect(p!.message).toBe('各领域权重之和为 95，应为 100');
    expect(p!.messageEn).toBe('the domain weights add up to 95, not 100');
    expect(p!.line).toBeGreaterThan(1);
  });

  it('refuses indicator weights that do not add up to their domain’s weight', () => {
    const problems = problemsOf((t) => t.replace('"13": 10}', '"13": 11}'));
    expect(problems.map((p) => p.message)).toEqual(['领域“security”内各指标权重之和为 56，应等于该领域权重 55']);
    expect(formatProblem(problems[0]!)).toMatch(/^assessment\.yaml:\d+:\d+ schemes\[0\]\.regions\.domains\[0\]\.indicators: /);
  });

  it('refuses a rule for a target kind that does not exist, and an unknown rule', () => {
    const problems = problemsOf((t) => t.replace('relative: {rule: progressLevel}', 'relative: {rule: progressLevel}\n      percentage: {rule: attainedOnly}').replace('all: {rule: attainedOnly}', 'all: {rule: luckyDraw}'));
    expect(problems.map((p) => p.messageEn)).toEqual([
      'there is no target kind "percentage" (one of: threshold, split, state, relative, assigned, all)',
      'unknown scoring rule "luckyDraw" (for "all" targets: attainedOnly, progressLevel)',
    ]);
    expect(problems[0]!.message).toBe('没有“percentage”这种目标类型（可选：threshold、split、state、relative、assigned、all）');
  });

  it('refuses a rule that does not fit the target kind', () => {
    const problems = problemsOf((t) => t.replace('state: {rule: stateCredit', 'state: {rule: progressRatio'));
    expect(problems[0]!.message).toBe('规则“progressRatio”不适用于“state”类目标（可选：attainedOnly、stateCredit）');
  });

  it('refuses an indicator that is not in the plan', () => {
    const problems = problemsOf((t) => t.replace('{"43": 3, "44": 3, "45": 3}', '{"43": 3, "44": 3, "46": 3}'));
    expect(problems.map((p) => [p.path.join('.'), p.message, p.messageEn])).toEqual([
      ['schemes.0.departments.domains.5.indicators.46', '规划中没有指标 46', 'indicator 46 is not in the plan'],
      ['schemes.0.departments.domains.5.indicators', '领域“culture”内各指标权重之和为 6，应等于该领域权重 9', 'the indicator weights of domain "culture" add up to 6, not to the domain\'s weight 9'],
    ]);
  });

  it('refuses a county indicator the counties do not report, and a qualitative indicator in the index', () => {
    const problems = problemsOf((t) => t.replace('{"7": 14, "8": 13, "9": 13}', '{"7": 14, "8": 13, "1": 13}'));
    expect(problems.map((p) => p.messageEn)).toEqual([
      'indicator 1 is qualitative (no direction) and cannot enter the efficacy-coefficient index',
      'indicator 1 is not a county indicator and cannot be compared across counties',
    ]);
  });

  it('refuses grade bands out of order or not reaching 0', () => {
    const problems = problemsOf((t) => t.replace('min: 0}', 'min: 10}'));
    expect(problems.map((p) => p.message)).toEqual(['最低等级的下限须为 0，使每个得分都有等级']);
  });

  it('refuses an unknown field with the schema’s own message', () => {
    const problems = problemsOf((t) => t.replace('    missing: {credit: 0}', '    missing: {credit: 0, penalty: 1}'));
    expect(problems[0]!.messageEn).toBe('unknown field(s): penalty (check the spelling; see docs/plan-format.md)');
  });
});
