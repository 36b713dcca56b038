import { expect, type Page, test } from '@playwright/test';
import { FakeLiveApi } from './fixtures/live/fake-live-api';

// The Live page's own behaviour against the API contract (DESIGN §9) answered by page.route:
// what it sends, what it shows for refusals and malformed answers. The real server and venue are
// live.spec.ts's job.

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

let api: FakeLiveApi;
let errors: string[];
test.beforeEach(async ({ page }) => {
  api = new FakeLiveApi();
  errors = watchErrors(page);
  await api.install(page);
});
test.afterEach(() => {
  expect(errors).toEqual([]);
});

async function goLive(page: Page): Promise<void> {
  const main = page.getByRole('main');
  await main.getByRole('button', { name: 'Go live…' }).click();
  await main.getByLabel('Venue id to confirm').fill('binance');
  await main.getByRole('button', { name: 'Arm live trading on binance' }).click();
  await expect(
    page.getByRole('banner').getByRole('status').filter({ hasText: 'LIVE · binance' }),
  ).toBeVisible();
}

test('going live needs the venue id; the badge then shows on every page, also after a reload', async ({
  page,
}) => {
  await page.goto('/live');
  const main = page.getByRole('main');
  const banner = page.getByRole('banner');
  await expect(banner.getByTestId('live-indicator')).toHaveCount(0);
  await main.getByRole('button', { name: 'Go live…' }).click();
  const arm = main.getByRole('button', { name: 'Arm live trading on binance' });
  await main.getByLabel('Venue id to confirm').fill('BINANCE');
  await expect(arm).toBeDisabled();
  await main.getByRole('button', { name: 'Cancel' }).click();
  expect(api.posts).toEqual([]);
  await goLive(page);
  expect(api.posts).toEqual([{ path: '/api/live', body: { armed: true, confirm: 'binance' } }]);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
  await expect(banner.getByRole('status').filter({ hasText: 'LIVE · binance' })).toBeVisible();
  await page.reload();
  await expect(banner.getByRole('status').filter({ hasText: 'LIVE · binance' })).toBeVisible();

  // Disarmed elsewhere (another tab, a script): the header notices by polling.
  api.armed = false;
  await expect(banner.getByTestId('live-indicator')).toHaveCount(0);
});

test('the ticket checks before sending, posts the contract body, and the pane cancels', async ({
  page,
}) => {
  await page.goto('/live');
  const main = page.getByRole('main');
  const ticket = main.getByTestId('live-ticket');
  const send = ticket.getByRole('button', { name: 'Buy BTC live' });
  await expect(send).toBeDisabled(); // not armed
  await goLive(page);

  await ticket.getByLabel('Quantity').fill('0.000001');
  await ticket.getByLabel('Price', { exact: false }).fill('49000');
  await send.click();
  await expect(ticket).toContainText('below the minimum');
  expect(api.posts.filter((p) => p.path === '/api/order')).toEqual([]);

  await ticket.getByLabel('Quantity').fill('0.001');
  await send.click();
  await expect(ticket.getByTestId('live-ticket-outcome')).toHaveText(
    'Sent w1 (venue id 1001): ACCEPTED.',
  );
  expect(api.posts.at(-1)).toEqual({
    path: '/api/order',
    body: {
      side: 'BUY',
      symbol: 'BTCUSDT',
      qty: 0.001,
      tif: 'GTC',
      reduce_only: false,
      type: 'LIMIT',
      price: 49000,
      post_only: false,
    },
  });
  const row = main.getByTestId('open-orders').locator('tr[data-order-id="w1"]');
  await expect(row).toContainText('ACCEPTED');
  await main.getByRole('button', { name: 'Cancel w1' }).click();
  await expect(row).toHaveCount(0);
  expect(api.posts.at(-1)).toEqual({
    path: '/api/cancel',
    body: { client_order_id: 'w1', symbol: 'BTCUSDT' },
  });
  await expect(
    main.getByTestId('live-order-history').locator('tr[data-order-id="w1"]'),
  ).toContainText('CANCELLED');
});

test('the kill switch engages in one click, blocks the ticket, and releases only when confirmed', async ({
  page,
}) => {
  await page.goto('/live');
  await goLive(page);
  const main = page.getByRole('main');
  const banner = page.getByRole('banner');
  await main.getByTestId('live-ticket').getByLabel('Quantity').fill('0.001');
  await main.getByTestId('live-ticket').getByLabel('Price', { exact: false }).fill('40000');
  await main.getByRole('button', { name: 'Buy BTC live' }).click();
  await expect(main.getByTestId('open-orders')).toContainText('w1');

  await banner.getByRole('button', { name: 'Engage kill switch' }).click();
  expect(api.posts.at(-1)).toEqual({
    path: '/api/kill_switch',
    body: { engaged: true, reason: 'engaged from the web app' },
  });
  await expect(banner.getByText('Kill switch engaged')).toBeVisible();
  await expect(main.getByTestId('open-orders-empty')).toBeVisible();
  await expect(main.getByRole('button', { name: 'Buy BTC live' })).toBeDisabled();

  await main.getByRole('button', { name: 'Release kill switch…' }).click();
  await main.getByRole('button', { name: 'Keep engaged' }).click();
  expect(api.kill.engaged).toBe(true);
  await main.getByRole('button', { name: 'Release kill switch…' }).click();
  await main.getByRole('button', { name: 'Confirm release' }).click();
  await expect(banner.getByText('Kill switch engaged')).toHaveCount(0);
  await expect(main.getByRole('button', { name: 'Buy BTC live' })).toBeEnabled();
});

test('a refusal, an error and a malformed answer are shown precisely, never a crash', async ({
  page,
}) => {
  api.overrides.set('/api/account', {
    status: 200,
    body: { balances: [{ asset: 'USDT', free: '10' }] },
  });
  api.overrides.set('/api/fills', {
    status: 429,
    body: { error: 'rate_limit_exceeded', message: 'slow down' },
  });
  await page.goto('/live');
  const main = page.getByRole('main');
  await expect(main.getByRole('region', { name: 'Balances' })).toContainText(
    'Unexpected answer from /api/account: balances.0.free: expected number, received string',
  );
  await expect(main.getByRole('region', { name: 'Fills' })).toContainText('Too many requests');
  await goLive(page);
  // The page let it through; the server's engine refused it.
  api.refuseOrders = 'max_order_notional: 60000 > 50000';
  const ticket = main.getByTestId('live-ticket');
  await ticket.getByLabel('Quantity').fill('0.001');
  await ticket.getByLabel('Price', { exact: false }).fill('40000');
  await ticket.getByRole('button', { name: 'Buy BTC live' }).click();
  await expect(ticket.getByTestId('live-ticket-outcome')).toHaveText(
    'Refused w1: max_order_notional: 60000 > 50000',
  );
});

test('keys typed in the form are sent once and cleared; only the origin stays on the page', async ({
  page,
}) => {
  const key = 'uiFormKeyAbcdef0123456789';
  const secret = 'uiFormSecretZyxwv9876543210';
  await page.goto('/live');
  const form = page.getByRole('form', { name: 'Enter exchange keys' });
  await form.getByLabel('API key').fill(key);
  await form.getByLabel('API secret').fill(secret);
  await form.getByRole('button', { name: 'Send keys to the server' }).click();
  await expect(form.getByLabel('API key')).toHaveValue('');
  await expect(form.getByLabel('API secret')).toHaveValue('');
  expect(api.posts).toEqual([
    { path: '/api/credentials', body: { venue: 'binance', api_key: key, api_secret: secret } },
  ]);
  await expect(
    page.getByTestId('credential-origins').locator('tr[data-venue="binance"]'),
  ).toContainText('stored');
  const html = await page.content();
  expect(html).not.toContain(key);
  expect(html).not.toContain(secret);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toContain(key);
  expect(stored).not.toContain(secret);
});
