// Every calculator of ecoplan. Add one line per calculator module.
import type { Calculator } from './calculator.js';

export const CALCULATORS: Calculator[] = [
  // progress (issue 3), aqi / water / air-annual (issue 5) are added here.
];

export function findCalculator(name: string): Calculator | undefined {
  return CALCULATORS.find((c) => c.name === name);
}
