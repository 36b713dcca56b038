#!/usr/bin/env node
// `npm test`: unit tests (Vitest), then one build, then e2e (Playwright on Debian Chromium).
// Ends with exactly one line `N passed, N failed[, N skipped]`; exits non-zero if any test
// failed or a runner crashed. A crashed step (no JSON report, build failure, missing browser)
// counts as one failure so it can never pass silently.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const chromium = process.env.VELOZ_CHROMIUM ?? '/usr/bin/chromium';
const tmp = mkdtempSync(join(tmpdir(), 'veloz-tests-'));

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, command, args, env = {}) {
  process.stderr.write(`\n=== ${label}: ${[command, ...args].join(' ')}\n`);
  const res = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (res.error) {
    problems.push(`${label}: could not start (${res.error.message})`);
    return -1;
  }
  return res.status ?? 128;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function crashed(message) {
  problems.push(message);
  totals.failed += 1;
}

// 1. Unit tests.
const vitestJson = join(tmp, 'vitest.json');
const vitestCode = run('unit', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const unit = readJson(vitestJson);
if (unit === undefined) {
  crashed(`unit: vitest exited with ${vitestCode} and wrote no report`);
} else {
  totals.passed += unit.numPassedTests ?? 0;
  totals.failed += unit.numFailedTests ?? 0;
  totals.skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  // A test file that fails to load or errors outside a test has no failed test in it.
  const brokenFiles = (unit.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed'),
  );
  for (const f of brokenFiles) {
    crashed(`unit: ${f.name} failed outside any test: ${String(f.message ?? '').split('\n')[0]}`);
  }
  if (vitestCode !== 0 && unit.numFailedTests === 0 && brokenFiles.length === 0) {
    crashed(`unit: vitest exited with ${vitestCode} with no failed test (unhandled error?)`);
  }
}

// 2. Build once, 3. e2e against the built app.
const buildCode = run('build', bin('vite'), ['build']);
if (buildCode !== 0) {
  crashed(`build: vite build exited with ${buildCode}; e2e not run`);
} else if (!existsSync(chromium)) {
  crashed(
    `e2e: ${chromium} not found; install Debian's browser (apt-get install -y chromium) ` +
      'or set VELOZ_CHROMIUM. e2e not run',
  );
} else {
  const pwJson = join(tmp, 'playwright.json');
  const pwCode = run('e2e', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: pwJson,
  });
  const e2e = readJson(pwJson);
  if (e2e === undefined) {
    crashed(`e2e: playwright exited with ${pwCode} and wrote no report`);
  } else {
    const s = e2e.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += s.unexpected ?? 0;
    totals.skipped += s.skipped ?? 0;
    const errors = e2e.errors ?? [];
    if (pwCode !== 0 && (s.unexpected ?? 0) === 0) {
      const first = errors[0]?.message?.split('\n')[0] ?? 'no test failed';
      crashed(`e2e: playwright exited with ${pwCode}: ${first}`);
    } else if ((s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) === 0) {
      crashed('e2e: playwright ran no test');
    }
  }
}

rmSync(tmp, { recursive: true, force: true });

for (const p of problems) process.stderr.write(`ERROR ${p}\n`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exitCode = totals.failed > 0 || problems.length > 0 ? 1 : 0;
