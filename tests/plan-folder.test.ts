// A malformed plan folder never loads silently: every problem names the file, the path inside it, the
// line, what is wrong and what was expected.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanFolder } from '../src/planfolder/read.js';
import { planFolderHash } from '../src/planfolder/hash.js';
import { formatProblem, type PlanProblem } from '../src/plan/problems.js';
import { brokenPlanFolder, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';

function problemsOf(dir: string): PlanProblem[] {
  const { result } = readPlanFolder(dir);
  if (result.ok) throw new Error('expected the folder to be rejected');
  return result.problems;
}

describe('plan folder validation', () => {
  it('accepts the Shaoguan plan', () => {
    expect(readPlanFolder(SHAOGUAN_DIR).result.ok).toBe(true);
  });

  it('rejects an unknown department, naming file, path and line', () => {
    const dir = brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('departments: [市水务局]\n', 'departments: [市水利局]\n') });
    const [p, ...rest] = problemsOf(dir);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ file: 'indicators.yaml', path: [3, 'departments', 0] });
    expect(p!.message).toContain('未知的责任单位“市水利局”');
    expect(p!.messageEn).toContain('unknown department "市水利局"');
    expect(p!.line).toBeGreaterThan(30);
    expect(formatProblem(p!)).toMatch(/^indicators\.yaml:\d+:\d+ \[3\]\.departments\[0\]: /);
  });

  it('rejects a duplicate indicator code', () => {
    const dir = brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('- code: 9\n', '- code: 8\n') });
    const problems = problemsOf(dir);
    expect(problems.some((p) => p.file === 'indicators.yaml' && p.path.join('.') === '8.code' && p.message.includes('重复的code“8”'))).toBe(true);
  });

  it('rejects a target that does not parse', () => {
    const dir = brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('targets: {"2025": "≥74.6", "2035": "≥75.0"}', 'targets: {"2025": "大于74.6", "2035": "≥75.0"}') });
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: 'indicators.yaml', path: [12, 'targets', '2025'] });
    expect(p!.message).toContain('无法解析目标值“大于74.6”');
    expect(p!.message).toContain('期望');
  });

  it('rejects a missing horizon target and an unknown horizon', () => {
    const dir = brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('targets: {"2025": "≥60", "2035": "≥70"}', 'targets: {"2025": "≥60", "2030": "≥70"}') });
    const problems = problemsOf(dir);
    expect(problems.map((p) => p.messageEn)).toEqual(expect.arrayContaining(['missing the 2035 target', expect.stringContaining('2030 is not a horizon')]));
  });

  it('rejects a wrong type and an unknown field with the expected form', () => {
    const dir = brokenPlanFolder({
      'indicators.yaml': (t) => t.replace('  binding: true\n  direction: null\n  baseline: {text: 在编}', '  binding: yes please\n  direction: null\n  baseline: {text: 在编}'),
      'projects.yaml': (t) => t.replace('    category: space\n    name: 南岭国家公园建设项目', '    category: space\n    catgory: x\n    name: 南岭国家公园建设项目'),
    });
    const problems = problemsOf(dir);
    const wrongType = problems.find((p) => p.file === 'indicators.yaml');
    expect(wrongType).toMatchObject({ path: [0, 'binding'] });
    expect(wrongType!.message).toContain('期望布尔值');
    const unknown = problems.find((p) => p.file === 'projects.yaml');
    expect(unknown!.message).toContain('未知字段：catgory');
    expect(unknown!.path).toEqual(['projects', 0]);
  });

  it('rejects an investment that is not a two-decimal string and an unknown category', () => {
    const dir = brokenPlanFolder({
      'projects.yaml': (t) => t.replace('investment: "136.64"', 'investment: 136.64').replace('    category: culture\n    name: 华南教育', '    category: art\n    name: 华南教育'),
    });
    const problems = problemsOf(dir);
    expect(problems.find((p) => p.path.join('.') === 'projects.0.investment')?.message).toContain('期望文本');
    // Cross-references are checked once every file matches its schema, so fix the first and look again.
    const dir2 = brokenPlanFolder({ 'projects.yaml': (t) => t.replace('    category: culture\n    name: 华南教育', '    category: art\n    name: 华南教育') });
    expect(problemsOf(dir2)[0]!.message).toContain('未知的项目类别“art”');
  });

  it('rejects unknown region codes and note references', () => {
    const dir = brokenPlanFolder({
      'projects.yaml': (t) => t.replace('regions: ["440233"]', 'regions: ["440299"]'),
      'notes.yaml': (t) => t.replace('indicators: [13]', 'indicators: [46]'),
    });
    const messages = problemsOf(dir).map((p) => `${p.file} ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('projects.yaml 未知的行政区代码“440299”'), 'notes.yaml 未知的指标序号 46']));
  });

  it('rejects validation rules about unknown indicators or with an empty range', () => {
    const dir = brokenPlanFolder({ 'plan.yaml': (t) => t.replace('"27": {min: -100, max: 100}', '"46": {min: 100, max: -100}') });
    const messages = problemsOf(dir).map((p) => `${p.path.join('.')} ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining(['validation.ranges.46 未知的指标序号 46', 'validation.ranges 取值范围下限 100 大于上限 -100']));
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = brokenPlanFolder({ 'regions.yaml': (t) => t.replace('- {code: "440203"', '- {code: "440203" [') });
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ file: 'regions.yaml', line: 4 });
    expect(p!.message).toContain('YAML 语法错误');
  });

  it('reports a missing file and a missing folder', () => {
    const dir = brokenPlanFolder({ 'notes.yaml': (t) => t + '\n' });
    rmSync(join(dir, 'notes.yaml'));
    expect(problemsOf(dir)).toEqual([expect.objectContaining({ file: 'notes.yaml', message: '缺少此文件' })]);
    expect(problemsOf(join(tempDir(), 'nowhere'))[0]!.messageEn).toContain('does not exist');
  });

  it('rejects a baseline it cannot read', () => {
    const dir = brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('baseline: {text: "97.3"}', 'baseline: {text: 约97}') });
    const [p] = problemsOf(dir);
    expect(p).toMatchObject({ path: [6, 'baseline', 'text'] });
    expect(p!.message).toContain('无法识别的现状值“约97”');
  });

  it('changes the content hash when a file changes', () => {
    const a = readPlanFolder(SHAOGUAN_DIR).contentHash;
    const dir = brokenPlanFolder({ 'notes.yaml': (t) => t + '# comment\n' });
    expect(readPlanFolder(dir).contentHash).not.toBe(a);
    writeFileSync(join(dir, 'extra.txt'), 'ignored');
    expect(readPlanFolder(SHAOGUAN_DIR).contentHash).toBe(a);
  });
});

describe('the quick content hash (a command skips reading a plan already seeded from the same files)', () => {
  it('equals the hash the full read computes, assessment.yaml included, and moves when only assessment.yaml changes', () => {
    const shipped = planFolderHash(SHAOGUAN_DIR);
    expect(shipped).toBe(readPlanFolder(SHAOGUAN_DIR).contentHash);
    const edited = brokenPlanFolder({ 'assessment.yaml': (t) => `${t}\n# 修订说明\n` });
    expect(planFolderHash(edited)).toBe(readPlanFolder(edited).contentHash);
    expect(planFolderHash(edited)).not.toBe(shipped);
  });
});
