// Reusable charts (lightweight-charts v5) and the monthly returns heatmap.

export { BarLod } from './bar-lod';
export {
  CandleChart,
  type CandleChartHandle,
  type CandleChartProps,
  type ChartHighlight,
  type LineOverlay,
} from './candle-chart';
export {
  type ChartPalette,
  chartOptions,
  PRICE_SCALE_WIDTH,
  readPalette,
  withAlpha,
} from './chart-theme';
export {
  bucketTimes,
  lastPoints,
  maxPoints,
  minPoints,
  type OhlcExtremes,
  type OhlcPoints,
  ohlcPoints,
  pointsCovering,
} from './decimate';
export {
  type EquityBenchmark,
  EquityChart,
  type EquityChartProps,
  type EquityCurve,
} from './equity-chart';
export {
  type FillGroup,
  fillMarkerRows,
  groupFills,
  MAX_LABELLED_MARKERS,
  type MarkerColours,
} from './fill-points';
export {
  type HeatmapLayout,
  type HeatmapRow,
  heatmapLayout,
  heatStrength,
  MONTH_LABELS,
} from './heatmap-layout';
export {
  type BarView,
  barToLogical,
  bucketOf,
  DEFAULT_LOD,
  fullDetailPlan,
  type LodOptions,
  type LodPlan,
  logicalToBar,
  needsReplan,
  planFor,
} from './lod-plan';
export { MonthlyHeatmap, type MonthlyHeatmapProps } from './monthly-heatmap';
export { type Extreme, RangeExtremes } from './range-extremes';
export {
  candleRows,
  lineRows,
  markerText,
  type OhlcColumns,
  paddedBarRange,
  priceFormatFor,
  toChartTime,
} from './series-data';
export { type SyncMember, syncCharts } from './sync-charts';
export { type OwnedChart, useChart } from './use-chart';
