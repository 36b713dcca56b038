// Static parts of the HTML report page: its style sheet and the script that draws the charts.

/** The report's dark-theme style sheet (inlined in a `<style>` element). */
export const REPORT_CSS = `
:root { color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; background: #0e1117; color: #d1d4dc;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 40px; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
h2 { font-size: 16px; font-weight: 600; margin: 28px 0 10px; color: #e6e8ee; }
.meta { margin: 2px 0; color: #9598a1; }
.muted { color: #787b86; font-weight: 400; }
code { background: #1e222d; padding: 1px 5px; border-radius: 3px; color: #d1d4dc; }
.grid { display: grid; grid-template-columns: 320px 1fr; gap: 20px; align-items: start; }
@media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
.panel { background: #131722; border: 1px solid #2a2e39; border-radius: 6px; padding: 10px; }
.chart { height: 320px; }
.chart.small { height: 180px; }
.chart.tall { height: 420px; }
.chart-title { color: #9598a1; font-size: 12px; margin: 0 0 6px; text-transform: uppercase;
  letter-spacing: .04em; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid #2a2e39; }
th { color: #9598a1; font-weight: 500; text-align: left; }
td { text-align: right; white-space: nowrap; }
table.summary { width: 100%; }
.pos { color: #26a69a; }
.neg { color: #ef5350; }
.heatmap td, .heatmap th { text-align: center; min-width: 64px; border: 1px solid #1e222d; }
.heatmap td { color: #e6e8ee; }
.heatmap td.year { font-weight: 600; background: #181c27; }
.table-wrap { overflow: auto; max-height: 560px; }
.trades thead th { position: sticky; top: 0; background: #131722; }
.trades td:nth-child(2) { text-align: left; }
#chart-error { color: #ef5350; }
footer { margin-top: 32px; color: #5d606b; font-size: 12px; }
`;

/**
 * Draws the equity, drawdown and candle charts from the `#veloz-data` JSON with the inlined
 * lightweight-charts (v5 API: `addSeries`, `createSeriesMarkers`) and keeps their time ranges in
 * step. Errors are shown on the page and logged.
 */
export const CHART_SCRIPT = `
(function () {
  'use strict';
  var MAX_LABELLED_MARKERS = 60; // beyond this, arrows only: labels would pile up
  var errorBox = document.getElementById('chart-error');
  try {
    var LC = window.LightweightCharts;
    var data = JSON.parse(document.getElementById('veloz-data').textContent);
    var up = '#26a69a', down = '#ef5350';
    var options = {
      autoSize: true,
      layout: { background: { type: 'solid', color: '#131722' }, textColor: '#b2b5be',
        fontFamily: 'system-ui, sans-serif' },
      grid: { vertLines: { color: '#1e222d' }, horzLines: { color: '#1e222d' } },
      rightPriceScale: { borderColor: '#2a2e39' },
      timeScale: { borderColor: '#2a2e39', timeVisible: true, secondsVisible: false },
      crosshair: { mode: 0 }
    };
    var points = function (rows) {
      return rows.map(function (r) { return { time: r[0], value: r[1] }; });
    };
    var make = function (id) { return LC.createChart(document.getElementById(id), options); };

    var equityChart = make('chart-equity');
    equityChart.addSeries(LC.AreaSeries, { lineColor: '#2962ff', topColor: 'rgba(41,98,255,0.35)',
      bottomColor: 'rgba(41,98,255,0.02)', lineWidth: 2, title: 'Equity' })
      .setData(points(data.equity));
    equityChart.addSeries(LC.LineSeries, { color: '#787b86', lineWidth: 1, lineStyle: 2,
      title: 'Buy & hold', lastValueVisible: false, priceLineVisible: false })
      .setData(points(data.buyHold));

    var drawdownChart = make('chart-drawdown');
    drawdownChart.addSeries(LC.BaselineSeries, { baseValue: { type: 'price', price: 0 },
      topLineColor: down, bottomLineColor: down, topFillColor1: 'rgba(0,0,0,0)',
      topFillColor2: 'rgba(0,0,0,0)', bottomFillColor1: 'rgba(239,83,80,0.15)',
      bottomFillColor2: 'rgba(239,83,80,0.5)', lineWidth: 1, priceFormat: { type: 'percent' },
      title: 'Drawdown' })
      .setData(points(data.drawdown));

    var priceChart = make('chart-price');
    var candles = priceChart.addSeries(LC.CandlestickSeries, { upColor: up, downColor: down,
      borderVisible: false, wickUpColor: up, wickDownColor: down });
    candles.setData(data.candles.map(function (c) {
      return { time: c[0], open: c[1], high: c[2], low: c[3], close: c[4] };
    }));
    var labelled = data.markers.length <= MAX_LABELLED_MARKERS;
    LC.createSeriesMarkers(candles, data.markers.map(function (m) {
      var buy = m[1] === 'BUY';
      var marker = { time: m[0], position: buy ? 'belowBar' : 'aboveBar', color: buy ? up : down,
        shape: buy ? 'arrowUp' : 'arrowDown' };
      if (labelled) marker.text = m[2];
      return marker;
    }));

    var charts = [equityChart, drawdownChart, priceChart];
    var syncing = false;
    charts.forEach(function (source) {
      source.timeScale().subscribeVisibleLogicalRangeChange(function (range) {
        if (syncing || !range) return;
        syncing = true;
        charts.forEach(function (c) { if (c !== source) c.timeScale().setVisibleLogicalRange(range); });
        syncing = false;
      });
    });
    charts.forEach(function (c) { c.timeScale().fitContent(); });
    document.body.setAttribute('data-charts', 'ready');
  } catch (e) {
    errorBox.textContent = 'Charts failed: ' + (e && e.message ? e.message : String(e));
    document.body.setAttribute('data-charts', 'failed');
    console.error(e);
  }
})();
`;
