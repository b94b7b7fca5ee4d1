// The assessment page's names for the API's bodies (GET /api/v1/plans/{id}/assessment, docs/assessment.md), all read
// from the generated contract (api/schema.d.ts).
import type { Ok } from '../../api/contract.js';

export type AssessmentResponse = Ok<'/api/v1/plans/{planId}/assessment'>;
export type Subject = AssessmentResponse['subjects'][number];
export type Item = Subject['items'][number];
export type UsedObservation = NonNullable<Item['observations']>[number];
export type Bilingual = Item['reason'];
export type Difference = AssessmentResponse['differences'][number];
