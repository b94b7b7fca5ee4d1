// The survey pages' names for the API's bodies, all read from the generated contract (api/schema.d.ts).
import type { components, Ok } from '../../api/contract.js';

type S = '/api/v1/plans/{planId}/surveys';

export type Definition = components['schemas']['SurveyDefinition'];
export type Question = Definition['questions'][number];
export type QuestionType = Question['type'];
export type Option = NonNullable<Question['options']>[number];
export type Measure = NonNullable<Question['measures']>;
export type Bilingual = Definition['title'];
export type Survey = Ok<`${S}/{id}`>;
export type Results = Ok<`${S}/{id}/results`>;
export type Rate = Results['rates'][Measure];
export type ProposeResult = Ok<`${S}/{id}/propose`, 'post'>;
/** A refused paper import's problems, by sheet, row and column. */
export type PaperProblem = NonNullable<import('../../api/contract.js').paths[`${S}/{id}/import`]['post']['responses'][400]['content']['application/json']['problems']>[number];
