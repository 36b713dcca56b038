import { expect, type Page, test } from '@playwright/test';
import { STRATEGY_TEMPLATE } from '../web/src/strategies/strategy-template';

// Several steps, each waiting on the engine worker: room for a busy machine.
test.describe.configure({ timeout: 90_000 });

/** 1-based line of the template that contains `text`. */
function templateLine(text: string): number {
  const i = STRATEGY_TEMPLATE.split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`"${text}" is not in the template`);
  return i + 1;
}

/** Puts the cursor at the end of line `line` (1-based) of the editor. */
async function gotoLineEnd(page: Page, line: number): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/** The 1-based line numbers of the editor lines matching `selector` (inside or on the line). */
async function linesWith(page: Page, selector: string): Promise<number[]> {
  return page.locator('.cm-content').evaluate((content, sel) => {
    const lines = [...content.querySelectorAll(':scope > .cm-line')];
    return lines
      .map((l, i) => (l.matches(sel) || l.querySelector(sel) !== null ? i + 1 : 0))
      .filter((n) => n > 0);
  }, selector);
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('write a strategy: template, a syntax error at its line, fixed, run', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/editor');
  await expect(page.getByRole('heading', { level: 2, name: 'Strategies' })).toBeVisible();
  await expect(page.getByText('No strategies yet')).toBeVisible();

  await page.getByRole('button', { name: 'New from template' }).click();
  await expect(page.getByTestId('editor-file')).toHaveText('ema-cross-stop.ts');
  const status = page.getByTestId('check-status');
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(status).toContainText('ema-cross-stop (fast=12, slow=26, stop=0.03)');
  await page.screenshot({ path: testInfo.outputPath('editor-template.png') });

  // A line with a syntax error after `const up = f > s;`.
  const upLine = templateLine('const up = f > s;');
  const bad = upLine + 1;
  await gotoLineEnd(page, upLine);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('const = 1;');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText(`line ${bad}:`);
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
  expect(await linesWith(page, '.cm-lintRange-error')).toEqual([bad]);
  await expect(page.getByTestId('editor-file')).toContainText('(unsaved)');
  await page.locator('.cm-lintRange-error').hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('Unexpected token');
  await page.screenshot({ path: testInfo.outputPath('editor-syntax-error.png') });

  // Fixed: the line deleted (Mod-Shift-K), the check passes again; saved with Mod-S.
  await page.keyboard.press('Control+Shift+K');
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('editor-file')).toHaveText('ema-cross-stop.ts');

  // Run it on the sample (the default dataset).
  await expect(page.getByLabel('Dataset')).toHaveValue('sample');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  const result = page.getByTestId('run-result');
  await expect(result).toBeVisible({ timeout: 20_000 });
  expect(Number(await page.getByTestId('trades').textContent())).toBeGreaterThan(5);
  await expect(page.getByTestId('total-return')).toHaveText(/^-?[\d,]+\.\d\d%$/);
  await expect(page.getByTestId('sharpe')).toHaveText(/^-?\d+\.\d\d$/);
  await expect(page.getByTestId('max-drawdown')).toHaveText(/^[\d,]+\.\d\d%$/);
  await expect(page.getByTestId('runtime-error')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('editor-run.png') });

  // Saved: still there after a reload.
  await page.reload();
  await expect(page.getByTestId('editor-file')).toHaveText('ema-cross-stop.ts');
  await expect(page.locator('.cm-content')).toContainText('const up = f > s;');
  expect(errors).toEqual([]);
});

test('a strategy that throws shows the error at its line', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/editor');
  await page.getByRole('button', { name: 'New from template' }).click();
  await expect(page.getByTestId('check-status')).toHaveAttribute('data-state', 'ok');

  const at = templateLine('wasUp = up;');
  await gotoLineEnd(page, at);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText("if (ctx.bar === 500) throw new Error('boom');");
  const thrower = at + 1;
  await expect(page.getByTestId('check-status')).toHaveAttribute('data-state', 'ok');

  await page.getByRole('button', { name: 'Run backtest' }).click();
  const error = page.getByTestId('runtime-error');
  await expect(error).toHaveText(
    new RegExp(`^ema-cross-stop\\.ts:${thrower}:\\d+: Error: boom \\(in onBar at bar 500\\)$`),
    { timeout: 20_000 },
  );
  await expect(page.getByRole('alert').filter({ hasText: `at line ${thrower}` })).toBeVisible();
  expect(await linesWith(page, '.cm-runtime-error-line')).toEqual([thrower]);
  await page.screenshot({ path: testInfo.outputPath('editor-runtime-error.png') });

  // The next run clears it.
  await gotoLineEnd(page, thrower);
  await page.keyboard.press('Control+Shift+K');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expect(page.getByTestId('run-result')).toBeVisible({ timeout: 20_000 });
  await expect(error).toHaveCount(0);
  await expect(page.locator('.cm-runtime-error-line')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('strategies are renamed, kept apart and deleted', async ({ page }) => {
  await page.goto('/editor');
  await page.getByRole('button', { name: 'New from template' }).click();
  await expect(page.getByTestId('editor-file')).toHaveText('ema-cross-stop.ts');
  await page.getByRole('button', { name: 'New from template' }).click();
  await expect(page.getByTestId('editor-file')).toHaveText('ema-cross-stop-2.ts');

  await page.getByRole('button', { name: 'Rename ema-cross-stop-2' }).click();
  await page.getByLabel('New name').fill('ema-cross-stop');
  await page.getByLabel('New name').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('"ema-cross-stop" exists already');
  await page.getByLabel('New name').fill('breakout');
  await page.getByLabel('New name').press('Enter');
  await expect(page.getByTestId('editor-file')).toHaveText('breakout.ts');

  // Unsaved text is saved when another strategy is opened.
  await gotoLineEnd(page, 1);
  await page.keyboard.insertText(' // edited');
  await page.getByRole('button', { name: 'ema-cross-stop.ts' }).click();
  await expect(page.getByTestId('editor-file')).toHaveText('ema-cross-stop.ts');
  await expect(page.locator('.cm-content')).not.toContainText('// edited');
  await page.getByRole('button', { name: 'breakout.ts' }).click();
  await expect(page.locator('.cm-content')).toContainText('// edited');

  await page.getByRole('button', { name: 'Delete breakout' }).click();
  await page.getByRole('button', { name: 'Delete breakout?' }).click();
  await expect(page.getByRole('button', { name: 'breakout.ts' })).toHaveCount(0);
  await expect(page.getByTestId('editor-file')).toHaveText('ema-cross-stop.ts');
});
