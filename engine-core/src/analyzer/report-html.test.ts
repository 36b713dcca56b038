import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from './report-html';
import { buildChartData } from './report-html-chart-data';
import { buildReport } from './report-json';
import { syntheticResult } from './testing/synthetic-result';

const FAKE_LIBRARY =
  '/* fake lightweight-charts */ window.LightweightCharts = { marker: "LIB-OK" };';
const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

function render(strategy = 'sma-cross', library = FAKE_LIBRARY): string {
  const result = syntheticResult({ bars: 400, strategy });
  return renderHtmlReport(buildReport(result), result, { chartLibrarySource: library });
}

/** The text of every `<script>` element, via a scan that mimics the HTML tokenizer's end tag rule. */
function scripts(html: string): string[] {
  const out: string[] = [];
  const open = /<script\b[^>]*>/gi;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const end = html.toLowerCase().indexOf('</script', open.lastIndex);
    out.push(html.slice(open.lastIndex, end));
    open.lastIndex = end;
  }
  return out;
}

describe('renderHtmlReport', () => {
  it('loads nothing from the network', () => {
    const html = render();
    expect(html).not.toMatch(/\b(?:src|href|action|srcset|poster)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/https?:\/\//); // (the fake library has no URLs either)
    expect(html).toContain('content="default-src &#39;none&#39;;');
  });

  it('inlines the chart library verbatim', () => {
    const html = render();
    expect(scripts(html)[1]).toBe(FAKE_LIBRARY);
  });

  it('has balanced script tags: data, library, chart code', () => {
    const html = render();
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script\s*>/gi)).toHaveLength(3);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('escapes a hostile strategy name everywhere', () => {
    const html = render(HOSTILE);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script\s*>/gi)).toHaveLength(3);
  });

  it('keeps a library containing "</script" inside its script element', () => {
    const html = render('x', 'var s = "</script><!--";');
    expect(html.match(/<\/script\s*>/gi)).toHaveLength(3);
    expect(scripts(html)[1]).toBe('var s = "\\x3C/script>\\x3C!--";');
  });

  it('embeds the chart data as JSON that parses back', () => {
    const result = syntheticResult({ bars: 400 });
    const html = renderHtmlReport(buildReport(result), result, { chartLibrarySource: '' });
    const data: unknown = JSON.parse(scripts(html)[0]);
    expect(data).toEqual(JSON.parse(JSON.stringify(buildChartData(result))));
  });

  it('shows every metric, the monthly heatmap and the trade list', () => {
    const result = syntheticResult({ bars: 400 });
    const report = buildReport(result);
    const html = renderHtmlReport(report, result, { chartLibrarySource: '' });
    for (const key of Object.keys(report.summary)) expect(html).toContain(`title="${key}"`);
    for (const month of Object.keys(report.monthly_returns)) {
      expect(html).toContain(`title="${month}"`);
    }
    expect(html.match(/<tr>/g)?.length).toBeGreaterThan(report.trades.length);
    expect(html).toContain(`Trades <span class="muted">(${report.trades.length})</span>`);
    for (const id of ['chart-equity', 'chart-drawdown', 'chart-price'])
      expect(html).toContain(`id="${id}"`);
  });

  it('is deterministic', () => {
    expect(render()).toBe(render());
  });
});
