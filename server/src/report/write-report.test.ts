import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, reportToJson } from '../../../engine-core/src/analyzer';
import { syntheticResult } from '../../../engine-core/src/analyzer/testing/synthetic-result';
import { loadChartLibrarySource } from './chart-library';
import { writeReport } from './write-report';

const dir = mkdtempSync(join(tmpdir(), 'veloz-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadChartLibrarySource', () => {
  it('reads the standalone lightweight-charts build', () => {
    const source = loadChartLibrarySource();
    expect(source).toContain('window.LightweightCharts=');
    expect(source).toContain('createSeriesMarkers');
    expect(source).not.toMatch(/<\/script|<!--/i); // so it is inlined byte for byte
  });
});

describe('writeReport', () => {
  it('writes the JSON and the HTML, creating folders, leaving no temp files', () => {
    const result = syntheticResult({ bars: 300 });
    const json = join(dir, 'out', 'nested', 'report.json');
    const html = join(dir, 'out', 'report.html');
    const report = writeReport(result, { json, html });
    expect(readFileSync(json, 'utf8')).toBe(reportToJson(buildReport(result)));
    expect(report).toEqual(buildReport(result));
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(loadChartLibrarySource());
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['nested', 'report.html']);
  });

  it('writes only what is asked for', () => {
    const json = join(dir, 'only.json');
    writeReport(syntheticResult({ bars: 50 }), { json });
    expect(readdirSync(dir)).toContain('only.json');
    expect(readdirSync(dir)).not.toContain('only.html');
  });
});
