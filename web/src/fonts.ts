// The console's font stack, shared by the antd theme and the charts; a module of its own so that the shell does
// not pull ECharts (web/src/echarts.ts) into the first chunk.
export const FONT_FAMILY = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif';
