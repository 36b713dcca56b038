import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { formatAmount } from '../engine-core/src/analyzer';
import {
  ACCOUNT,
  type ExchangeHandle,
  type LiveStack,
  startLiveStack,
  TEST_TOKEN,
} from './fixtures/live/live-stack';
import { storedText, watchResponses } from './fixtures/live/secret-watch';

// The Live page against its own VeloZ server process and the local Binance exchange: sign-in,
// going live, orders placed, filled, cancelled, the kill switch, and no key ever in the browser.

test.describe.configure({ mode: 'serial' });

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // 401s before sign-in and the refused order are expected answers, logged by Chromium.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

test.describe('Live page sign-in', () => {
  let stack: LiveStack;
  test.beforeAll(async () => {
    stack = await startLiveStack({ exchange: false, envKeys: false });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('without a session it explains the launch link; the link signs in and leaves the URL', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${stack.baseUrl}/live`);
    const signin = page.getByTestId('live-signin');
    await expect(signin).toBeVisible();
    await expect(signin).toContainText('?token=');
    // No session known in this browser: the header's badge does not poll the live status.
    expect(asked.filter((p) => p.startsWith('/api/'))).toEqual(['/api/config']);

    await page.goto(`${stack.baseUrl}/live?token=${TEST_TOKEN}`);
    await expect(page).toHaveURL(`${stack.baseUrl}/live`);
    await expect(signin).toHaveCount(0);
    await expect(page.getByRole('heading', { name: /Order ticket/ })).toBeVisible();
    expect(errors).toEqual([]);
  });
});

/** The cell text of the balances table for an asset's total, as the page formats it. */
async function balanceTotals(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId('balances').locator('tbody tr');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents();
    if (cells[0] !== undefined && cells[3] !== undefined) out[cells[0]] = cells[3];
  }
  return out;
}

/** The exchange's own balances, totals formatted as the page formats them. */
function exchangeTotals(ex: ExchangeHandle): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of ex.controls.balances(ACCOUNT.apiKey))
    if (b.free + b.locked !== 0) out[b.asset] = formatAmount(b.free + b.locked);
  return out;
}

const exchangeStatus = (ex: ExchangeHandle, id: string): string | undefined =>
  ex.controls.orders().find((o) => o.clientOrderId === id)?.status;

/** Fills the ticket and sends it; returns the client order id the server gave. */
async function placeLimit(page: Page, side: 'Buy' | 'Sell', qty: string, price: string) {
  const ticket = page.getByTestId('live-ticket');
  await ticket.getByRole('radio', { name: side }).check();
  await ticket.getByLabel('Type').selectOption('LIMIT');
  await ticket.getByLabel('Quantity').fill(qty);
  await ticket.getByLabel('Price', { exact: false }).fill(price);
  await ticket.getByRole('button', { name: `${side} BTC live` }).click();
  const outcome = ticket.getByTestId('live-ticket-outcome');
  await expect(outcome).toContainText(/^Sent /);
  const id = /^Sent ([A-Za-z0-9_-]+)/.exec((await outcome.textContent()) ?? '')?.[1];
  if (id === undefined) throw new Error('no client order id in the outcome');
  return id;
}

async function assertNoSecrets(
  context: BrowserContext,
  page: Page,
  bodies: readonly { url: string; body: string }[],
) {
  const leaks = bodies.filter(
    (b) => b.body.includes(ACCOUNT.apiKey) || b.body.includes(ACCOUNT.apiSecret),
  );
  expect(leaks.map((b) => b.url)).toEqual([]);
  const stored = await storedText(context, page);
  expect(stored).not.toContain(ACCOUNT.apiKey);
  expect(stored).not.toContain(ACCOUNT.apiSecret);
}

test.describe('Live trading on the local exchange', () => {
  let stack: LiveStack;
  test.beforeAll(async () => {
    stack = await startLiveStack({ exchange: true, envKeys: true, price: 50_000 });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('go live, order, fill, cancel, kill switch, release, disarm; no key reaches the page', async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    const ex = stack.exchange as ExchangeHandle;
    const errors = watchErrors(page);
    const watch = watchResponses(page, stack.baseUrl);
    await page.goto(`${stack.baseUrl}/live?token=${TEST_TOKEN}`);
    const banner = page.getByRole('banner');
    const main = page.getByRole('main');
    await expect(main.getByTestId('live-venue')).toHaveText('binance');
    await expect(
      main.getByTestId('credential-origins').locator('tr[data-venue="binance"]'),
    ).toContainText('environment');

    // Going live takes the venue id typed in full.
    await main.getByRole('button', { name: 'Go live…' }).click();
    const arm = main.getByRole('button', { name: 'Arm live trading on binance' });
    await expect(arm).toBeDisabled();
    await main.getByLabel('Venue id to confirm').fill('binanc');
    await expect(arm).toBeDisabled();
    await main.getByLabel('Venue id to confirm').fill('binance');
    await arm.click();
    await expect(banner.getByRole('status').filter({ hasText: 'LIVE · binance' })).toBeVisible();
    await expect(main.getByRole('heading', { name: /Live\s*LIVE/ })).toBeVisible();

    // The badge is in the shell: another page shows it too.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Backtest' })
      .click();
    await expect(banner.getByRole('status').filter({ hasText: 'LIVE · binance' })).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Engage kill switch' })).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Live' })
      .click();

    // A resting buy: ACCEPTED at the venue, then filled when the price comes through it.
    const before = exchangeTotals(ex);
    const first = await placeLimit(page, 'Buy', '0.001', '49000');
    const openOrders = main.getByTestId('open-orders');
    await expect(openOrders.locator(`tr[data-order-id="${first}"]`)).toContainText('ACCEPTED');
    expect(exchangeStatus(ex, first)).toBe('NEW');
    ex.controls.setPrice('BTCUSDT', 48_900);
    await expect(main.getByTestId('fills')).toContainText(first);
    await expect(openOrders.locator(`tr[data-order-id="${first}"]`)).toHaveCount(0);
    expect(exchangeStatus(ex, first)).toBe('FILLED');
    const after = exchangeTotals(ex);
    expect(after).not.toEqual(before);
    await expect.poll(() => balanceTotals(page)).toEqual(after);

    // Another, cancelled from the orders pane.
    const second = await placeLimit(page, 'Buy', '0.001', '45000');
    await expect(openOrders.locator(`tr[data-order-id="${second}"]`)).toContainText('ACCEPTED');
    await main.getByRole('button', { name: `Cancel ${second}` }).click();
    await expect(
      main.getByTestId('live-order-history').locator(`tr[data-order-id="${second}"]`),
    ).toContainText('CANCELLED');
    expect(exchangeStatus(ex, second)).toBe('CANCELED');

    // The kill switch (one click, in the header) cancels what is open and refuses new orders.
    const third = await placeLimit(page, 'Buy', '0.001', '45000');
    await expect(openOrders.locator(`tr[data-order-id="${third}"]`)).toContainText('ACCEPTED');
    await banner.getByRole('button', { name: 'Engage kill switch' }).click();
    await expect(banner.getByText('Kill switch engaged')).toBeVisible();
    await expect(
      main.getByTestId('live-order-history').locator(`tr[data-order-id="${third}"]`),
    ).toContainText('CANCELLED');
    expect(exchangeStatus(ex, third)).toBe('CANCELED');
    await expect(main.getByRole('button', { name: 'Buy BTC live' })).toBeDisabled();
    // The server refuses too, whatever the page does.
    const placedBefore = ex.controls.orders().length;
    const refused = await page.evaluate(async () => {
      const r = await fetch('/api/order', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          side: 'BUY',
          symbol: 'BTCUSDT',
          qty: 0.001,
          price: 45000,
          type: 'LIMIT',
        }),
      });
      return { status: r.status, body: (await r.json()) as { ok?: boolean } };
    });
    expect(refused.body.ok).not.toBe(true);
    expect(ex.controls.orders().length).toBe(placedBefore);

    // Release takes a confirmation; then disarm takes the badge away.
    await main.getByRole('button', { name: 'Release kill switch…' }).click();
    await main.getByRole('button', { name: 'Confirm release' }).click();
    await expect(banner.getByText('Kill switch engaged')).toHaveCount(0);
    await expect(main.getByRole('button', { name: 'Buy BTC live' })).toBeEnabled();
    await main.getByRole('button', { name: 'Disarm live trading' }).click();
    await expect(banner.getByTestId('live-indicator')).toHaveCount(0);
    await expect(main.getByRole('button', { name: 'Go live…' })).toBeVisible();

    await watch.settle();
    expect(watch.bodies.length).toBeGreaterThan(10);
    await assertNoSecrets(context, page, watch.bodies);
    expect(errors).toEqual([]);
  });
});

test.describe('Live keys through the credentials form', () => {
  let stack: LiveStack;
  test.beforeAll(async () => {
    stack = await startLiveStack({ exchange: true, envKeys: false, price: 50_000 });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('keys sent once, the form cleared, only the origin shown; an order then reaches the venue', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    const ex = stack.exchange as ExchangeHandle;
    const watch = watchResponses(page, stack.baseUrl);
    await page.goto(`${stack.baseUrl}/live?token=${TEST_TOKEN}`);
    const main = page.getByRole('main');
    const binanceRow = main.getByTestId('credential-origins').locator('tr[data-venue="binance"]');
    await expect(binanceRow).toContainText('none');

    const form = main.getByRole('form', { name: 'Enter exchange keys' });
    await form.getByLabel('Venue').selectOption('binance');
    await form.getByLabel('API key').fill(ACCOUNT.apiKey);
    await form.getByLabel('API secret').fill(ACCOUNT.apiSecret);
    await form.getByRole('button', { name: 'Send keys to the server' }).click();
    await expect(form.getByLabel('API key')).toHaveValue('');
    await expect(form.getByLabel('API secret')).toHaveValue('');
    await expect(binanceRow).toContainText('stored');

    await main.getByRole('button', { name: 'Go live…' }).click();
    await main.getByLabel('Venue id to confirm').fill('binance');
    await main.getByRole('button', { name: 'Arm live trading on binance' }).click();
    const id = await placeLimit(page, 'Buy', '0.001', '45000');
    await expect(
      main.getByTestId('open-orders').locator(`tr[data-order-id="${id}"]`),
    ).toContainText('ACCEPTED');
    expect(exchangeStatus(ex, id)).toBe('NEW');
    await main.getByRole('button', { name: 'Disarm live trading' }).click();

    await watch.settle();
    await assertNoSecrets(context, page, watch.bodies);
  });
});
