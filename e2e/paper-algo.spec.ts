import { expect, type Page, test } from '@playwright/test';
import { guardOfflineAndPageErrors } from './fixtures/offline-guard';
import { startSampleReplay } from './fixtures/paper-replay';

interface HookView {
  readonly fills: readonly { clientOrderId: string; qty: number; price: number }[];
  readonly replay?: { position: number } | null;
}

guardOfflineAndPageErrors();

/** The sample replay, once its book shows an ask. */
async function startReplayWithBook(page: Page): Promise<void> {
  await startSampleReplay(page);
  await expect(page.getByTestId('book-ladder').locator('button.pp-lrow.ask').first()).toBeVisible();
}

/** Picks TWAP in the ticket with its quantity, duration (minutes of market) and slices. */
async function fillTwap(page: Page, qty: string, minutes: string, slices: string): Promise<void> {
  const ticket = page.getByTestId('order-ticket');
  await ticket.getByLabel('Algo').selectOption('twap');
  await ticket.getByLabel(/^Quantity/).fill(qty);
  await ticket.getByLabel(/^Duration/).fill(minutes);
  await ticket.getByLabel(/^Slices/).fill(slices);
}

const hookView = (page: Page): Promise<HookView> =>
  page.evaluate(() =>
    (globalThis as unknown as { __velozPaper: { view(): HookView } }).__velozPaper.view(),
  );

/** Fills of a parent's children, from the account (journaled like any order). */
async function childFills(page: Page, parent: string) {
  const v = await hookView(page);
  const mine = v.fills.filter((f) => f.clientOrderId.startsWith(`${parent}.`));
  return {
    qty: mine.reduce((s, f) => s + f.qty, 0),
    quote: mine.reduce((s, f) => s + f.qty * f.price, 0),
    children: new Set(mine.map((f) => f.clientOrderId)).size,
  };
}

test('a TWAP in the paper ticket sends its children and finishes; cancel stops another', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await startReplayWithBook(page);

  const ticket = page.getByTestId('order-ticket');
  await fillTwap(page, '0.005', '300', '2.5'); // 5 hours of market
  await expect(page.getByTestId('algo-slices-error')).toHaveText(
    'Slices must be a whole number, got 2.5',
  );
  await ticket.getByLabel(/^Slices/).fill('5');
  await ticket.getByRole('button', { name: 'Start TWAP buy' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText('Started algo-1.');

  const parents = page.getByTestId('algo-parents');
  const first = parents.locator('tr[data-parent="algo-1"]');
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(first).toHaveAttribute('data-sent', '5');
  await expect(first).toContainText('0.005/0.005');
  // The table agrees with the account's own fills of the children.
  const f1 = await childFills(page, 'algo-1');
  expect(f1.children).toBe(5);
  expect(f1.qty).toBeCloseTo(0.005, 12);
  expect(Number(await first.getAttribute('data-filled'))).toBeCloseTo(f1.qty, 12);
  await expect(first.locator('td').nth(2)).toHaveText(
    (f1.quote / f1.qty).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
  );
  await page.screenshot({ path: testInfo.outputPath('paper-algo-done.png'), fullPage: true });

  // A long TWAP (a slice an hour for 20 hours), cancelled after its first children.
  await ticket.getByLabel(/^Duration/).fill('1200');
  await ticket.getByLabel(/^Slices/).fill('20');
  await ticket.getByLabel(/^Quantity/).fill('0.01');
  await ticket.getByRole('button', { name: 'Start TWAP buy' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText('Started algo-2.');
  const second = parents.locator('tr[data-parent="algo-2"]');
  await expect(second).toHaveAttribute('data-sent', /^[1-9]/);
  await parents.getByRole('button', { name: 'Pause algo-2', exact: true }).click();
  await expect(second).toHaveAttribute('data-state', 'paused');
  await parents.getByRole('button', { name: 'Resume algo-2', exact: true }).click();
  await expect(second).toHaveAttribute('data-state', 'working');
  await parents.getByRole('button', { name: 'Cancel algo-2', exact: true }).click();
  await expect(second).toHaveAttribute('data-state', 'cancelled');
  await expect(parents.getByRole('button', { name: 'Cancel algo-2', exact: true })).toHaveCount(0);
  const sent = await second.getAttribute('data-sent');
  // Five more hours of market (five more slice times) pass: nothing more is sent or filled.
  const at = (await hookView(page)).replay?.position ?? 0;
  await expect
    .poll(async () => ((await hookView(page)).replay?.position ?? 0) - at, { timeout: 30_000 })
    .toBeGreaterThan(5 * 3_600_000);
  await expect(second).toHaveAttribute('data-sent', sent ?? '');
  const f2 = await childFills(page, 'algo-2');
  expect(Number(await second.getAttribute('data-filled'))).toBeCloseTo(f2.qty, 12);
  expect(f2.qty).toBeLessThan(0.01);
});

test('a TWAP goes on after a reload mid-way and fills exactly its quantity, each child once', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await startReplayWithBook(page);

  // Ten slices of 0.001 an hour apart: ten seconds of replay.
  const ticket = page.getByTestId('order-ticket');
  await fillTwap(page, '0.01', '600', '10');
  await ticket.getByRole('button', { name: 'Start TWAP buy' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText('Started algo-1.');
  await expect(page.getByTestId('algo-journal-note')).toContainText('after a reload they go on');

  const row = page.getByTestId('algo-parents').locator('tr[data-parent="algo-1"]');
  await expect(row).toHaveAttribute('data-sent', /^[3-9]$/, { timeout: 30_000 });
  const sentBefore = Number(await row.getAttribute('data-sent'));
  const filledBefore = Number(await row.getAttribute('data-filled'));
  expect(sentBefore).toBeLessThan(10);
  expect(filledBefore).toBeGreaterThan(0);

  await page.reload();
  // Listed again, rebuilt from the journals, with at least the progress it had.
  await expect(row).toBeVisible({ timeout: 30_000 });
  const sentAfter = Number(await row.getAttribute('data-sent'));
  expect(sentAfter).toBeGreaterThanOrEqual(sentBefore);
  expect(Number(await row.getAttribute('data-filled'))).toBeGreaterThanOrEqual(filledBefore);
  await page.screenshot({ path: testInfo.outputPath('paper-algo-reloaded.png'), fullPage: true });

  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(row).toHaveAttribute('data-sent', '10');
  await expect(row).toContainText('0.01/0.01');
  // The account's own fills: ten children, each filled once for its 0.001, 0.01 in all.
  const v = await hookView(page);
  const mine = v.fills.filter((f) => f.clientOrderId.startsWith('algo-1.'));
  const perChild = new Map<string, number>();
  for (const f of mine) perChild.set(f.clientOrderId, (perChild.get(f.clientOrderId) ?? 0) + f.qty);
  expect([...perChild.keys()].sort((x, y) => Number(x.slice(7)) - Number(y.slice(7)))).toEqual(
    Array.from({ length: 10 }, (_, i) => `algo-1.${i + 1}`),
  );
  for (const q of perChild.values()) expect(q).toBeCloseTo(0.001, 12);
  const total = mine.reduce((s, f) => s + f.qty, 0);
  expect(total).toBeCloseTo(0.01, 12);
  expect(Number(await row.getAttribute('data-filled'))).toBeCloseTo(total, 12);
});

test('a TWAP with limit children rests off the book, fills as maker and completes its quantity', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  await startReplayWithBook(page);

  const ticket = page.getByTestId('order-ticket');
  await fillTwap(page, '0.005', '300', '5'); // 5 hours of market
  await ticket.getByLabel('Child order', { exact: true }).selectOption('limit');
  // The offset is checked in place, with the number.
  await ticket.getByLabel(/^Offset/).fill('1001');
  await expect(page.getByTestId('algo-offsetBps-error')).toHaveText(
    'Offset must be in [-100, 1000] bps, got 1001',
  );
  // Post-only children with an offset leaning in: engine-core's spec check says why not.
  await ticket.getByLabel(/^Offset/).fill('-1');
  await ticket.getByLabel('Post-only children').check();
  await expect(page.getByTestId('algo-spec-error')).toHaveText(
    'child.postOnly needs offsetBps ≥ 0 (a negative offset may cross), got -1',
  );
  await ticket.getByLabel('Post-only children').uncheck();
  await ticket.getByLabel(/^Offset/).fill('1');
  await expect(page.getByTestId('algo-offsetBps-error')).toHaveCount(0);
  await expect(page.getByTestId('algo-spec-error')).toHaveCount(0);
  await expect(ticket.getByLabel('Finish with market')).toBeChecked();
  await ticket.getByRole('button', { name: 'Start TWAP buy' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText('Started algo-1.');

  const row = page.getByTestId('algo-parents').locator('tr[data-parent="algo-1"]');
  await expect(row).toHaveAttribute('data-child', 'limit');
  await expect(row).toContainText('(limit)');
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(row).toHaveAttribute('data-shortfall', '0');
  await expect(row).toContainText('0.005/0.005');
  const f = await childFills(page, 'algo-1');
  expect(f.qty).toBeCloseTo(0.005, 12);
  expect(Number(await row.getAttribute('data-filled'))).toBeCloseTo(0.005, 12);

  // The fills pane shows the children's fills, made as maker (they rested below the bid).
  await page.getByRole('tab', { name: /^Fills/ }).click();
  const mine = page.getByTestId('fills').locator('tbody tr', { hasText: 'algo-1.' });
  await expect(mine.first()).toBeVisible();
  await expect(mine.filter({ hasText: 'maker' }).first()).toBeVisible();
  const liq = await mine.locator('td:last-child').allInnerTexts();
  expect(liq.length).toBeGreaterThan(0);
  expect(liq.filter((x) => x === 'maker').length).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('paper-algo-limit.png'), fullPage: true });
});
