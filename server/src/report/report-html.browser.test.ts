import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { buildReport, renderHtmlReport } from '../../../engine-core/src/analyzer';
import { syntheticResult } from '../../../engine-core/src/analyzer/testing/synthetic-result';
import { loadChartLibrarySource } from './chart-library';

/** Debian's Chromium, as in playwright.config.ts. */
const CHROMIUM = process.env.VELOZ_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = '/tmp/veloz-report.png';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!existsSync(CHROMIUM))('HTML report in Chromium', () => {
  it('renders the charts offline without console errors', { timeout: 15_000 }, async () => {
    const result = syntheticResult({ bars: 600, seed: 4, strategy: '</script><b>x</b>' });
    const html = renderHtmlReport(buildReport(result), result, {
      chartLibrarySource: loadChartLibrarySource(),
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme: 'dark',
      });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent(html, { waitUntil: 'load' });
      await page.waitForSelector('body[data-charts]', { timeout: 5_000 });
      await page.waitForTimeout(300); // let the charts paint their first frame

      expect(await page.getAttribute('body', 'data-charts')).toBe('ready');
      expect(await page.title()).toContain('</script><b>x</b>'); // shown as text, not markup
      expect(await page.locator('h1 b').count()).toBe(0);
      // each chart painted something: a canvas with more than a handful of distinct colours
      const colours = await page.evaluate(() =>
        ['chart-equity', 'chart-drawdown', 'chart-price'].map((id) => {
          let most = 0;
          for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`#${id} canvas`)) {
            const ctx = canvas.getContext('2d');
            if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
            const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            const seen = new Set<number>();
            for (let i = 0; i < px.length; i += 4 * 7) {
              seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
            }
            most = Math.max(most, seen.size);
          }
          return most;
        }),
      );
      for (const n of colours) expect(n).toBeGreaterThan(10);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
