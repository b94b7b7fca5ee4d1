// Colours of the monitoring pages. AQI levels: HJ 633-2012 表2 (RGB given there: 绿 0,228,0 · 黄 255,255,0 ·
// 橙 255,126,0 · 红 255,0,0 · 紫 153,0,76 · 褐红 126,0,35). Water classes: 《地表水环境质量评价办法（试行）》
// (环办〔2011〕22号) 表1 names the colours (Ⅰ–Ⅱ类 蓝色, Ⅲ类 绿色, Ⅳ类 黄色, Ⅴ类 橙色, 劣Ⅴ类 红色) without
// values; Ⅰ and Ⅱ get two shades of blue here so that the table tells them apart.
import type { WaterClass } from './types.js';

export const AQI_LEVELS = [
  { level: 1, min: 0, max: 50, colour: '#00E400', text: '#1f1f1f' },
  { level: 2, min: 51, max: 100, colour: '#FFFF00', text: '#1f1f1f' },
  { level: 3, min: 101, max: 150, colour: '#FF7E00', text: '#1f1f1f' },
  { level: 4, min: 151, max: 200, colour: '#FF0000', text: '#ffffff' },
  { level: 5, min: 201, max: 300, colour: '#99004C', text: '#ffffff' },
  { level: 6, min: 301, max: Infinity, colour: '#7E0023', text: '#ffffff' },
] as const;

export const NO_DATA_COLOUR = '#e6e8ea';

export const WATER_CLASSES: readonly WaterClass[] = ['I', 'II', 'III', 'IV', 'V', '劣V'];

export const WATER_CLASS_COLOURS: Readonly<Record<WaterClass, { colour: string; text: string }>> = {
  I: { colour: '#5ab4f0', text: '#0b2239' },
  II: { colour: '#1f6fd6', text: '#ffffff' },
  III: { colour: '#2e9d4f', text: '#ffffff' },
  IV: { colour: '#f2c200', text: '#2b2100' },
  V: { colour: '#ff8a1a', text: '#2b1400' },
  劣V: { colour: '#e0201b', text: '#ffffff' },
};

/** Roman numerals as printed in GB 3838-2002: Ⅰ … Ⅴ, 劣Ⅴ. */
export function romanClass(c: WaterClass): string {
  const roman: Record<WaterClass, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', 劣V: '劣Ⅴ' };
  return roman[c];
}

export function classRank(c: WaterClass): number {
  return WATER_CLASSES.indexOf(c);
}
