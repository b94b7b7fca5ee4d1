// Every calculator of ecoplan. Add one line per calculator module.
import type { Calculator } from './calculator.js';
import { progressCalculator } from './progress.js';

export const CALCULATORS: Calculator[] = [
  progressCalculator,
];

export function findCalculator(name: string): Calculator | undefined {
  return CALCULATORS.find((c) => c.name === name);
}
