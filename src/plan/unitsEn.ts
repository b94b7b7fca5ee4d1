// Units as the plan and the specs write them (Chinese words) and as English text writes them: 微克/立方米 → μg/m³,
// 吨/万元 → t per 10⁴ yuan. Pure: used by the server's English reasons and by the console's English view.

// Longest first, so that 微克/立方米 is read before 立方米 and 万元 before 元.
const UNIT_WORDS: [string, string][] = [
  ['微克/立方米', 'μg/m³'],
  ['毫克/立方米', 'mg/m³'],
  ['毫克/升', 'mg/L'],
  ['吨标准煤', 'tce'],
  ['万立方米', '10⁴ m³'],
  ['万千瓦时', '10⁴ kWh'],
  ['平方公里', 'km²'],
  ['平方米', 'm²'],
  ['立方米', 'm³'],
  ['千瓦时', 'kWh'],
  ['公顷', 'ha'],
  ['千克', 'kg'],
  ['万吨', '10⁴ t'],
  ['亿元', '10⁸ yuan'],
  ['万元', '10⁴ yuan'],
  ['人次', 'visits'],
  ['比例', 'ratio'],
  ['无量纲', 'dimensionless'],
  ['吨', 't'],
  ['元', 'yuan'],
  ['亩', 'mu'],
  ['人', 'person'],
  ['头', 'head'],
  ['年', 'yr'],
  ['天', 'd'],
  ['个', 'count'],
];

/** A unit in English: each Chinese unit word by its symbol, "/10⁴ yuan" read "per 10⁴ yuan"; other units as given. */
export function unitEn(unit: string): string {
  if (!/[\u4e00-\u9fff]/.test(unit)) return unit;
  let out = unit;
  for (const [zh, en] of UNIT_WORDS) out = out.split(zh).join(en);
  return out.replace(/\/(10[⁴⁸] )/g, ' per $1');
}
