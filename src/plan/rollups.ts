// Roll-ups of key projects: table 2 (重点项目投资分布表) recomputed from the appendix in exact decimals.
import { formatScaled, parseScaled, percentScaled } from './decimal.js';
import type { CategoryTotal, Project, ProjectCategory } from './model.js';

export interface InvestmentTotal {
  count: number;
  investment: number;
  investmentText: string;
  share: number;
  shareText: string;
}

/** Count, investment (亿元, two decimals) and share (%, one decimal, rounded half up) per category, as in table 2. */
export function categoryTotals(
  categories: readonly ProjectCategory[],
  projects: readonly Pick<Project, 'categoryId' | 'investmentText'>[],
): { categoryTotals: CategoryTotal[]; total: InvestmentTotal } {
  const sums = new Map<string, { count: number; units: bigint }>(categories.map((c) => [c.id, { count: 0, units: 0n }]));
  let totalUnits = 0n;
  for (const p of projects) {
    const units = parseScaled(p.investmentText, 2);
    const s = sums.get(p.categoryId);
    if (!s) throw new RangeError(`unknown category ${p.categoryId}`);
    s.count += 1;
    s.units += units;
    totalUnits += units;
  }
  const rows = [...categories]
    .sort((a, b) => a.order - b.order)
    .map((c): CategoryTotal => {
      const s = sums.get(c.id)!;
      const investmentText = formatScaled(s.units, 2);
      const shareText = totalUnits === 0n ? '0.0' : formatScaled(percentScaled(s.units, totalUnits, 1), 1);
      return {
        category: c.name,
        categoryId: c.id,
        categoryEn: c.nameEn,
        count: s.count,
        investment: Number(investmentText),
        investmentText,
        share: Number(shareText),
        shareText,
      };
    });
  const investmentText = formatScaled(totalUnits, 2);
  return {
    categoryTotals: rows,
    total: { count: projects.length, investment: Number(investmentText), investmentText, share: 100, shareText: '100' },
  };
}
