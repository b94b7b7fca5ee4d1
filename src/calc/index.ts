// Every calculator of ecoplan. Add one line per calculator module.
import type { Calculator } from './calculator.js';
import { progressCalculator } from './progress.js';
import { aqiCalculator } from './aqi.js';
import { waterCalculator } from './water.js';
import { airAnnualCalculator } from './airAnnual.js';

export const CALCULATORS: Calculator[] = [
  progressCalculator,
  aqiCalculator,
  waterCalculator,
  airAnnualCalculator,
];

export function findCalculator(name: string): Calculator | undefined {
  return CALCULATORS.find((c) => c.name === name);
}
