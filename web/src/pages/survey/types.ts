// Shapes of the survey API (src/server/routes/survey.ts; definitions: src/survey/model.ts).
export interface Bilingual {
  zh: string;
  en: string;
}
export type QuestionType = 'single' | 'multiple' | 'likert' | 'text';
export type Measure = 'satisfaction' | 'participation';
export interface Option {
  id: string;
  text: Bilingual;
  counts?: boolean;
}
export interface Question {
  id: string;
  type: QuestionType;
  text: Bilingual;
  required: boolean;
  options?: Option[];
  points?: number;
  labels?: Bilingual[];
  countsFrom?: number;
  maxLength?: number;
  measures?: Measure;
}
export interface Definition {
  title: Bilingual;
  intro: Bilingual;
  askCounty: boolean;
  questions: Question[];
}
export interface Survey {
  id: string;
  year: number;
  status: 'draft' | 'open' | 'closed';
  currentVersion: number;
  definition: Definition;
  responses: number;
  versions: { version: number; createdAt: string; updatedAt: string; createdBy: string; responses: number }[];
  createdBy: string;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  publicUrl: string;
}
export interface Rate {
  measure: Measure;
  respondents: number;
  counted: number;
  rate: number | null;
  ci: { low: number; high: number } | null;
  weighted: boolean;
  effectiveN?: number;
  designEffect?: number;
  excluded?: number;
}
export interface Results {
  total: number;
  byChannel: { web: number; paper: number };
  byCounty: { county: string | null; name: string; nameEn: string; responses: number }[];
  byDay: { day: string; responses: number }[];
  rates: Record<Measure, Rate>;
  weightedRates: Record<Measure, Rate> | null;
  populations: { populations: Record<string, number>; source: string; enteredBy: string; enteredAt: string } | null;
  questions: { id: string; type: string; answered: number; tally: { key: string; count: number }[] }[];
  freeText: { responseId: number; questionId: string; day: string; county: string | null; text: string }[];
  method: string[];
  /** What the year's round already holds for 44 and 45: a new proposal then needs a reason. */
  proposed: { indicatorCode: number; status: 'draft' | 'submitted' | 'returned' | 'approved'; reason: string | null }[];
}
export interface ProposeResult {
  year: number;
  results: { indicatorCode: number; status: 'submitted' | 'notComputed'; valueText: string | null; note: string }[];
}
export interface PaperProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}
