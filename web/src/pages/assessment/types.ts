// The shapes of the assessment API (GET /api/v1/plans/{id}/assessment, docs/assessment.md), as the page reads them.
export interface Bilingual {
  zh: string;
  en: string;
}

export interface UsedObservation {
  id: string;
  kind: 'value' | 'assigned';
  year: number;
  region: string;
  valueText: string | null;
  state: string | null;
  source: string;
  status: 'approved' | 'provisional';
  version: number;
  isDemo: boolean;
  fromPlan: boolean;
}

export interface Item {
  kind: 'indicator' | 'project' | 'deduction' | 'veto';
  indicator: number | null;
  project?: number | null;
  name: string;
  domainId?: string;
  role?: 'lead' | 'share' | null;
  maxPoints: number;
  points: number;
  rule: string;
  status?: string;
  value?: { valueText: string | null; state: string | null; year: number } | null;
  target?: { horizon: string; text: string; textEn: string };
  reason: Bilingual;
  observations?: UsedObservation[];
  missing?: Bilingual | null;
  evidence?: string;
  report?: { year: number; version: number; status: string; physicalProgress: number | null } | null;
}

export interface Subject {
  kind: 'region' | 'department';
  code: string;
  name: string;
  nameEn: string;
  score: number;
  rank: number;
  grade: string;
  gradeId: string;
  gradeEn: string;
  vetoed: boolean;
  items: Item[];
  missingCount: number;
  byDomain: { domainId: string; points: number; maxPoints: number }[];
  previous: { score: number; rank: number; grade: string } | null;
  change: number | null;
  index: { value: number | null; rank: number | null; categories: { id: string; value: number | null }[] } | null;
}

export interface Difference {
  kind: string;
  code: string;
  name: string;
  field: string;
  item: string | null;
  frozen: string | number | null;
  live: string | number | null;
}

export interface AssessmentResponse {
  scheme: { id: string; version: number; name: string; nameEn: string; hash: string };
  year: number;
  previousYear: number | null;
  subjects: Subject[];
  index: { name: string; nameEn: string; categories: { id: string; name: string; nameEn: string; weight: number }[] };
  published: { publishedAt: string; publishedBy: string; schemeVersion: number; note: string | null } | null;
  frozen: { kind: string; code: string; score: number; rank: number; grade: string }[] | null;
  differences: Difference[];
}
