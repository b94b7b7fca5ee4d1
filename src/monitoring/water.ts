// Annual water classes of sections and shares per region, from samples. Pure: no I/O.
// GB 3838-2002 表1 and the 地表水环境质量评价办法（试行）(环办〔2011〕22号) through src/standards/waterQuality.ts.
import { assessPeriod, classRank, WATER_CLASSES, type WaterClass, type WaterItem, type WaterValues, type Waterbody } from '../standards/waterQuality.js';
import { roundGB, int, div } from '../standards/rounding.js';

export interface SectionInfo {
  code: string;
  name: string;
  river: string;
  waterbody: Waterbody;
  assessment: '国考' | '省考' | '市考';
  targetClass: 'I' | 'II' | 'III' | 'IV' | 'V';
  drinkingWater: boolean;
  regionCode: string | null;
}

export interface Sample {
  date: string;
  item: string;
  value: number;
}

export interface SectionYear {
  code: string;
  name: string;
  river: string;
  waterbody: Waterbody;
  targetClass: SectionInfo['targetClass'];
  /** Sampling dates in the year. */
  samples: number;
  class: WaterClass | null;
  itemClasses: Partial<Record<WaterItem, WaterClass>>;
  exceeding: { item: WaterItem; multiple: number | null }[];
  meetsTarget: boolean | null;
}

/**
 * A section's annual class by the 评价办法 (一、(二)3 年度评价): the mean of each item over the year's samples, then the
 * single-factor class of the means (assessPeriod). `class` is null without samples of an evaluated item.
 */
export function sectionYear(section: SectionInfo, samples: readonly Sample[]): SectionYear {
  const byDate = new Map<string, WaterValues>();
  for (const s of samples) {
    const v = byDate.get(s.date) ?? {};
    v[s.item as WaterItem] = s.value;
    byDate.set(s.date, v);
  }
  const base = { code: section.code, name: section.name, river: section.river, waterbody: section.waterbody, targetClass: section.targetClass, samples: byDate.size };
  if (!byDate.size) return { ...base, class: null, itemClasses: {}, exceeding: [], meetsTarget: null };
  try {
    const r = assessPeriod([...byDate.values()], section.waterbody);
    return { ...base, class: r.class, itemClasses: r.itemClasses, exceeding: r.exceeding.map((e) => ({ item: e.item, multiple: e.multiple })), meetsTarget: classRank(r.class) <= classRank(section.targetClass) };
  } catch (e) {
    if (e instanceof RangeError) return { ...base, class: null, itemClasses: {}, exceeding: [], meetsTarget: null }; // only reference items measured
    throw e;
  }
}

export interface ClassShare {
  sections: number;
  classIToIII: number;
  classIToIIIShare: number | null;
  worseThanV: number;
  worseThanVShare: number | null;
}

/** Shares of classes Ⅰ–Ⅲ and 劣Ⅴ among sections with a class (评价办法, 断面水质类别比例), percent to 0.1 by GB/T 8170. */
export function shareOf(classes: readonly WaterClass[]): ClassShare {
  const n = classes.length;
  const good = classes.filter((c) => classRank(c) <= classRank('III')).length;
  const bad = classes.filter((c) => c === WATER_CLASSES[5]).length;
  const pct = (k: number) => (n ? roundGB(div(int(k * 100), int(n)), 1) : null);
  return { sections: n, classIToIII: good, classIToIIIShare: pct(good), worseThanV: bad, worseThanVShare: pct(bad) };
}
