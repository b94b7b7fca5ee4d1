// Types of the ECharts modules src/reports/charts.ts imports one by one (ECharts ships types for its barrels only).
declare module 'echarts/lib/chart/bar/install.js' {
  export const install: typeof import('echarts/charts').BarChart;
}
declare module 'echarts/lib/component/grid/install.js' {
  export const install: typeof import('echarts/components').GridComponent;
}
declare module 'echarts/lib/component/legend/install.js' {
  export const install: typeof import('echarts/components').LegendComponent;
}
declare module 'echarts/lib/component/marker/installMarkLine.js' {
  export const install: typeof import('echarts/components').MarkLineComponent;
}
declare module 'echarts/lib/renderer/installSVGRenderer.js' {
  export const install: typeof import('echarts/renderers').SVGRenderer;
}
declare module 'echarts/lib/coord/cartesian/legacyContainLabel.js' {
  export const installLegacyGridContainLabel: typeof import('echarts/features').LegacyGridContainLabel;
}
