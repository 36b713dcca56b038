import { expect, type Page, test } from '@playwright/test';
import { fmt } from '../engine-core/src/util';
import {
  ACCOUNT,
  type ExchangeHandle,
  type LiveStack,
  startLiveStack,
  TEST_TOKEN,
} from './fixtures/live/live-stack';

// The circuit breaker on the live desk, for real: a VeloZ server of its own (low error-rate
// limit through its environment) trading on the local Binance exchange, which refuses post-only
// orders that would cross. Two refusals out of three orders trip it: the Live page shows why,
// the resting order is cancelled at the venue, a new order is refused; a reset trades again, and
// a losing round trip trips it on the realized loss net of fees.

test.describe.configure({ mode: 'serial' });

/** The breaker's settings for this spec's server; the cool-down is long so it never probes. */
const BREAKER_ENV: Record<string, string> = {
  VELOZ_LIVE_MAX_LOSS: '2',
  VELOZ_LIVE_MAX_ERROR_RATE: '0.5',
  VELOZ_LIVE_ERROR_MIN_ORDERS: '3',
  VELOZ_LIVE_ERROR_WINDOW_MS: '600000',
  VELOZ_LIVE_BREAKER_COOL_DOWN_MS: '600000',
  VELOZ_LIVE_BREAKER_PROBES: '1',
};

const exchangeStatus = (ex: ExchangeHandle, id: string): string | undefined =>
  ex.controls.orders().find((o) => o.clientOrderId === id)?.status;

/** The exchange's own trades of the account (not in ExchangeHandle's narrow type). */
interface VenueTrade {
  readonly price: number;
  readonly qty: number;
  readonly commission: number;
  readonly commissionAsset: string;
  readonly isBuyer: boolean;
}
const venueTrades = (ex: ExchangeHandle): readonly VenueTrade[] =>
  (ex.controls as unknown as { trades(key: string, symbol: string): readonly VenueTrade[] }).trades(
    ACCOUNT.apiKey,
    'BTCUSDT',
  );

/** Fills the ticket with a limit order and sends it; returns the client order id. */
async function placeLimit(
  page: Page,
  side: 'Buy' | 'Sell',
  qty: string,
  price: string,
): Promise<string> {
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

/** POST /api/order from the page (its session cookie), as any client of the server would. */
function postOrder(page: Page, body: Record<string, unknown>) {
  return page.evaluate(async (b) => {
    const r = await fetch('/api/order', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(b),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  }, body);
}

test.describe('Circuit breaker on the local exchange', () => {
  let stack: LiveStack;
  const saved: Record<string, string | undefined> = {};
  test.beforeAll(async () => {
    // The stack's server inherits this process's environment; put it back afterwards.
    for (const [k, v] of Object.entries(BREAKER_ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    try {
      stack = await startLiveStack({ exchange: true, envKeys: true, price: 50_000 });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('venue rejections trip it: reason on the page, orders cancelled and refused; reset trades again', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const ex = stack.exchange as ExchangeHandle;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.baseUrl}/live?token=${TEST_TOKEN}`);
    const main = page.getByRole('main');
    const banner = page.getByRole('banner');
    const breaker = main.getByTestId('breaker');
    await expect(breaker).toHaveAttribute('data-state', 'closed');
    await expect(breaker).toContainText('error rate: trips above 50 % of at least 3 orders');
    await expect(breaker.getByTestId('breaker-memory')).toContainText(
      'a server restart closes the breaker',
    );

    await main.getByRole('button', { name: 'Go live…' }).click();
    await main.getByLabel('Venue id to confirm').fill('binance');
    await main.getByRole('button', { name: 'Arm live trading on binance' }).click();
    await expect(banner.getByRole('status').filter({ hasText: 'LIVE · binance' })).toBeVisible();

    // One good order, resting at the venue.
    const resting = await placeLimit(page, 'Buy', '0.001', '45000');
    const openOrders = main.getByTestId('open-orders');
    await expect(openOrders.locator(`tr[data-order-id="${resting}"]`)).toContainText('ACCEPTED');
    expect(exchangeStatus(ex, resting)).toBe('NEW');

    // Two post-only buys above the last price: the exchange refuses both (they would take).
    const history = main.getByTestId('live-order-history');
    for (const id of ['brk-cross-1', 'brk-cross-2']) {
      const r = await postOrder(page, {
        side: 'BUY',
        symbol: 'BTCUSDT',
        qty: 0.001,
        type: 'LIMIT',
        price: 51_000,
        post_only: true,
        client_order_id: id,
      });
      expect(r.status).toBe(200);
      await expect(history.locator(`tr[data-order-id="${id}"]`)).toContainText('REJECTED');
      expect(exchangeStatus(ex, id)).toBeUndefined();
    }

    // 2 of 3 failed > 0.5: open, with the numbers; the kill switch cancelled the resting order.
    const reason = 'error_rate: 2 of 3 orders failed, 0.666666666667 > 0.5 in 600000 ms';
    await expect(breaker).toHaveAttribute('data-state', 'open');
    await expect(breaker.getByTestId('breaker-state')).toContainText('Open');
    await expect(breaker.getByTestId('breaker-reason')).toContainText(reason);
    await expect(breaker.getByTestId('breaker-probe')).toContainText(/Probing in (9|10) min/);
    await expect(main.getByTestId('kill-switch-state')).toContainText(`circuit_breaker: ${reason}`);
    await expect(history.locator(`tr[data-order-id="${resting}"]`)).toContainText('CANCELLED');
    await expect.poll(() => exchangeStatus(ex, resting)).toBe('CANCELED');
    await expect(main.getByRole('button', { name: 'Buy BTC live' })).toBeDisabled();

    // The server refuses a new order whatever the page does, and says why.
    const placedBefore = ex.controls.orders().length;
    const refused = await postOrder(page, {
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.001,
      type: 'LIMIT',
      price: 45_000,
      client_order_id: 'brk-refused',
    });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: 'execution_unavailable' });
    expect(String(refused.body.message)).toContain(`circuit_breaker: open (${reason})`);
    expect(ex.controls.orders().length).toBe(placedBefore);

    // Reset takes a confirmation; the kill switch it engaged goes with it; trading resumes.
    await breaker.getByRole('button', { name: 'Reset breaker…' }).click();
    await breaker.getByRole('button', { name: 'Keep it open' }).click();
    await expect(breaker).toHaveAttribute('data-state', 'open');
    await breaker.getByRole('button', { name: 'Reset breaker…' }).click();
    await breaker.getByRole('button', { name: 'Confirm reset' }).click();
    await expect(breaker).toHaveAttribute('data-state', 'closed');
    await expect(breaker.getByTestId('breaker-window')).toContainText('0 of 0 orders failed');
    await expect(banner.getByText('Kill switch engaged')).toHaveCount(0);
    await expect(main.getByRole('button', { name: 'Buy BTC live' })).toBeEnabled();
    const again = await placeLimit(page, 'Buy', '0.001', '45000');
    await expect(openOrders.locator(`tr[data-order-id="${again}"]`)).toContainText('ACCEPTED');
    expect(exchangeStatus(ex, again)).toBe('NEW');
    await expect(breaker.getByTestId('breaker-window')).toContainText('0 of 1 orders failed');

    // A losing round trip: buy 0.001 through the market at 50 000, sell it at 48 000. The loss,
    // from the exchange's own trades: the price difference, the buy's fee (in BTC, at its
    // price) and the sell's fee (in USDT). Over 2 USDT: open again, on the loss this time.
    expect(venueTrades(ex)).toEqual([]);
    const buy = await placeLimit(page, 'Buy', '0.001', '50500');
    await expect(main.getByTestId('fills')).toContainText(buy);
    ex.controls.setPrice('BTCUSDT', 48_000);
    const sell = await placeLimit(page, 'Sell', '0.001', '47500');
    await expect(main.getByTestId('fills')).toContainText(sell);
    const trades = venueTrades(ex);
    const bought = trades.find((t) => t.isBuyer);
    const sold = trades.find((t) => !t.isBuyer);
    if (bought === undefined || sold === undefined) throw new Error('no round trip at the venue');
    expect([bought.commissionAsset, sold.commissionAsset]).toEqual(['BTC', 'USDT']);
    const loss =
      (bought.price - sold.price) * 0.001 + bought.commission * bought.price + sold.commission;
    const lossReason = `loss_rate: realized loss ${fmt(loss)} > 2 in 3600000 ms`;
    await expect(breaker).toHaveAttribute('data-state', 'open');
    await expect(breaker.getByTestId('breaker-reason')).toContainText(lossReason);
    await expect(main.getByTestId('kill-switch-state')).toContainText(
      `circuit_breaker: ${lossReason}`,
    );
    await expect(history.locator(`tr[data-order-id="${again}"]`)).toContainText('CANCELLED');
    await breaker.getByRole('button', { name: 'Reset breaker…' }).click();
    await breaker.getByRole('button', { name: 'Confirm reset' }).click();
    await expect(breaker).toHaveAttribute('data-state', 'closed');

    await main.getByRole('button', { name: 'Disarm live trading' }).click();
    expect(errors).toEqual([]);
  });
});
