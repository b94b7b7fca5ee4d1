// The assessment chapter of the annual report: present for the city with a scheme, absent for a county report
// and without a scheme; the same scores as the assessment itself.
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assessment/assess.js';
import { ObservationIndex } from '../../src/plan/evaluation.js';
import type { Observation } from '../../src/plan/observations.js';
import { buildReportDocument, buildReportModel, type ReportModel } from '../../src/reports/index.js';
import { readPlanFolder } from '../../src/planfolder/read.js';
import { SHAOGUAN_DIR } from '../helpers/planFolder.js';

const folder = readPlanFolder(SHAOGUAN_DIR);
if (!folder.result.ok) throw new Error('plan invalid');
const plan = folder.result.plan;
const scheme = folder.schemes[0]!;

const obs = (code: number, region: string, year: number, valueText: string): Observation => ({
  id: `${code}-${region}-${year}`, indicatorCode: code, regionCode: region, year, kind: 'value', version: 1, valueText, value: Number(valueText), state: null, checks: [],
  source: '测试', note: null, reason: null, status: 'approved', isDemo: false, recordedAt: '2025-01-01T00:00:00Z', recordedBy: 't', batchId: 'b',
});
const observations = [obs(13, '440222', 2024, '80'), obs(8, '440222', 2024, '20')];

const tableRows = (m: ReportModel, title: string) => {
  const doc = buildReportDocument(m);
  const t = doc.blocks.find((b) => b.type === 'table' && b.title === title);
  return t && t.type === 'table' ? t.rows : null;
};

describe('assessment chapter of the annual report', () => {
  it('ranks the counties and departments with the assessment’s own scores', () => {
    const m = buildReportModel({ plan, revision: 1, year: 2024, observations, assessment: { scheme, vetoes: [] } });
    const rows = tableRows(m, '2024年各县（市、区）人民政府考核结果')!;
    // 始兴县: forest cover 80 (≥74.6) 10 points, PM2.5 20 (≤25) 12 points.
    expect(rows[0]!.slice(0, 4)).toEqual(['1', '始兴县', '22.00', '不合格']);
    const direct = assess({ plan, scheme, year: 2024, observations: new ObservationIndex(observations), library: [], progress: [], vetoes: [] });
    expect(rows.map((r) => r[2])).toEqual(direct.subjects.filter((s) => s.kind === 'region').map((s) => s.score.toFixed(2)));
    expect(tableRows(m, '2024年市直部门考核结果')!.length).toBe(direct.subjects.filter((s) => s.kind === 'department').length);
  });

  it('is left out of a county’s report and when the plan has no scheme', () => {
    expect(tableRows(buildReportModel({ plan, revision: 1, year: 2024, region: '440222', observations, assessment: { scheme, vetoes: [] } }), '2024年各县（市、区）人民政府考核结果')).toBeNull();
    expect(tableRows(buildReportModel({ plan, revision: 1, year: 2024, observations }), '2024年各县（市、区）人民政府考核结果')).toBeNull();
  });
});
