// The forest part of the GEP carbon item from the stock-difference forest sink of src/carbon/forestSink.ts
//, so that the two accounts use one figure. A net loss of stock is not a sequestration service: the
// GEP quantity is then 0 (the loss belongs to the emission inventory). Pure.
import type { ForestSinkResult } from '../carbon/forestSink.js';
import type { InputValue } from './account.js';
import { quantityKey } from './spec.js';

export function forestSinkAsGepInput(result: Pick<ForestSinkResult, 'tCO2PerYear'>): InputValue {
  return { key: quantityKey('carbon_sequestration', 'co2'), type: 'forest', value: Math.max(0, result.tCO2PerYear), unit: 'tCO2' };
}
