// Reusable charts (lightweight-charts v5) and the monthly returns heatmap.
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
export { type EquityBenchmark, EquityChart, type EquityChartProps } from './equity-chart';
export {
  type HeatmapLayout,
  type HeatmapRow,
  heatmapLayout,
  heatStrength,
  MONTH_LABELS,
} from './heatmap-layout';
export { MonthlyHeatmap, type MonthlyHeatmapProps } from './monthly-heatmap';
export {
  candleRows,
  type EquityCurve,
  equityCurveOf,
  equityRows,
  fillSeriesMarkers,
  lineRows,
  markerText,
  type OhlcColumns,
  paddedBarRange,
  priceFormatFor,
  toChartTime,
} from './series-data';
export { type SyncMember, syncCharts } from './sync-charts';
export { type OwnedChart, useChart } from './use-chart';
