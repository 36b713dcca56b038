import { expect, type Page, test } from '@playwright/test';
import { startSampleReplay } from './fixtures/paper-replay';

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

/** Requests that left the local server (there must be none: the replay works offline). */
let external: string[] = [];
let pageErrors: string[] = [];

test.beforeEach(async ({ page, context }) => {
  external = [];
  pageErrors = watchErrors(page);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    external.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await page.setViewportSize({ width: 1280, height: 720 });
});

test.afterEach(() => {
  expect(pageErrors).toEqual([]);
  expect(external).toEqual([]);
});

/** Starts a replay of the bundled sample at 3600× on BTCUSDT (without the e2e hooks). */
const startReplay = (page: Page): Promise<void> => startSampleReplay(page, '/paper');

/** `25000` → `25,000.00` (how the panes write a BTCUSDT price). */
function grouped(x: number): string {
  const [int, dec] = x.toFixed(2).split('.') as [string, string];
  return `${int.replace(/\B(?=(\d{3})+$)/g, ',')}.${dec}`;
}

/**
 * The book moves under the pointer: from now on `window.__picked` holds the price of the ladder
 * row last clicked, read as it is clicked.
 */
async function recordPicks(page: Page): Promise<void> {
  await page.evaluate(`document.querySelector('[data-testid="book-ladder"]').addEventListener(
    'click', (e) => { window.__picked = e.target.closest('button').dataset.price; }, true)`);
}

/** The `data-*` value of a locator, read now. */
const attr = (page: Page, testId: string, name: string) =>
  page.getByTestId(testId).getAttribute(name);

test('a replay shows live candles and a moving book; a limit order rests and is cancelled', async ({
  page,
}, testInfo) => {
  await page.goto('/paper');
  // Before the replay: the empty states (a new account may already be connecting to Binance,
  // which is out of reach here).
  await expect(page.getByTestId('chart-empty')).toContainText(
    /No feed yet|Waiting for the first|No data: the feed/,
  );
  await expect(page.getByTestId('book-empty')).toContainText(
    /No book yet|Building the book|No data: the feed/,
  );
  await expect(page.getByTestId('open-orders-empty')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('paper-empty-dark.png') });

  await startReplay(page);
  const candles = page.getByTestId('live-candles');
  await expect(candles).toHaveAttribute('data-bars', /^[1-9]\d*$/);
  await expect(page.getByTestId('chart-empty')).toHaveCount(0);

  // The chart keeps updating in place: the last bar changes through `series.update`, with no
  // full redraw (`setData`) after the first bars.
  const last = async () =>
    `${await attr(page, 'live-candles', 'data-last-time')}/${await attr(page, 'live-candles', 'data-last-close')}`;
  const resets = await attr(page, 'live-candles', 'data-resets');
  const updates = Number(await attr(page, 'live-candles', 'data-updates'));
  const before = await last();
  await expect.poll(last).not.toBe(before);
  await expect
    .poll(async () => Number(await attr(page, 'live-candles', 'data-updates')))
    .toBeGreaterThan(updates);
  await expect(candles).toHaveAttribute('data-resets', resets ?? '');

  // The book (a replay of candles has a book around each trade): it has both sides, and moves.
  const ladder = page.getByTestId('book-ladder');
  await expect(ladder.locator('button.pp-lrow.bid').first()).toBeVisible();
  await expect(ladder.locator('button.pp-lrow.ask').first()).toBeVisible();
  const bestBid = () => ladder.locator('button.pp-lrow.bid').first().getAttribute('data-price');
  const firstBid = await bestBid();
  await expect.poll(bestBid).not.toBe(firstBid);
  await expect(page.getByTestId('depth-chart')).toHaveAttribute(
    'data-levels',
    /^[1-9]\d*\/[1-9]\d*$/,
  );
  await expect(page.getByTestId('q-spread')).toHaveText(/bps$/);
  await page.screenshot({ path: testInfo.outputPath('paper-running-dark.png') });

  // A price picked on the ladder goes into the ticket.
  const ticket = page.getByTestId('order-ticket');
  await ticket.getByLabel('Type').selectOption('LIMIT');
  const pick = ladder.locator('button.pp-lrow.bid').last();
  await recordPicks(page);
  await pick.click();
  const picked = Number(await page.evaluate('window.__picked'));
  await expect(ticket.getByLabel(/^Price/)).toHaveValue(picked.toFixed(2));

  // Off the tick: a precise message, and nothing is sent.
  await ticket.getByLabel(/^Quantity/).fill('0.001');
  await ticket.getByLabel(/^Price/).fill('1000.005');
  await expect(page.getByTestId('ticket-price-error')).toHaveText(
    'Price 1000.005 is not a multiple of the tick size 0.01: use 1000.00 or 1000.01',
  );
  await expect(ticket.getByLabel(/^Price/)).toHaveAttribute('aria-invalid', 'true');
  await ticket.getByRole('radio', { name: 'Buy' }).check();
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(ticket.getByLabel(/^Price/)).toBeFocused();
  await expect(page.getByTestId('ticket-outcome')).toHaveCount(0);

  // The engine's refusal is shown as it says it: half the market is outside its price band.
  await ticket.getByLabel(/^Price/).fill(String(Math.floor(picked / 2)));
  await expect(page.getByTestId('ticket-price-error')).toHaveCount(0);
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText(/^Refused: price_band: /);

  // A buy 8 % below the market (inside the 10 % band) rests on the book.
  const far = Math.floor(picked * 0.92);
  await ticket.getByLabel(/^Price/).fill(String(far));
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText(/^Sent/);

  await page.getByRole('tab', { name: /Open orders/ }).click();
  const orders = page.getByTestId('open-orders');
  await expect(orders.locator('tbody tr')).toHaveCount(1);
  const row = orders.locator('tbody tr').first();
  await expect(row).toContainText('BUY');
  await expect(row).toContainText('LIMIT');
  await expect(row.locator('td').nth(3)).toHaveText(grouped(far));
  await expect(page.getByRole('tab', { name: 'Open orders (1)' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('paper-order-dark.png') });

  // Light theme, same state.
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: testInfo.outputPath('paper-order-light.png') });
  await page.screenshot({
    path: testInfo.outputPath('paper-order-light-full.png'),
    fullPage: true,
  });

  // Cancel it.
  await row.getByRole('button', { name: /^Cancel / }).click();
  await expect(page.getByTestId('open-orders-empty')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Open orders (0)' })).toBeVisible();
  await page.getByRole('tab', { name: 'Event log' }).click();
  await expect(page.getByTestId('event-log')).toContainText(/cancel/i);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
});

test('the ticket and the ladder are reachable from the keyboard', async ({ page }) => {
  await startReplay(page);
  const ladder = page.getByTestId('book-ladder');
  await expect(ladder.locator('button.pp-lrow.bid').first()).toBeVisible();
  // One tab stop in the ladder: the best bid; ArrowUp moves to the best ask, Enter picks it.
  const stop = ladder.locator('button.pp-lrow[tabindex="0"]');
  await expect(stop).toHaveCount(1);
  await stop.focus();
  await page.keyboard.press('ArrowUp');
  const focused = page.locator('button.pp-lrow:focus');
  await expect(focused).toHaveClass(/ask/);
  await recordPicks(page);
  await page.keyboard.press('Enter');
  const picked = Number(await page.evaluate('window.__picked'));
  expect(picked).toBeGreaterThan(0);
  await expect(page.getByTestId('order-ticket').getByLabel(/^Price/)).toHaveValue(
    picked.toFixed(2),
  );

  // Tabs: arrow keys move between the account panes.
  await page.getByRole('tab', { name: /Open orders/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /Positions/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Event log' })).toBeFocused();
});

test('a market order fills; positions, fills and P&L follow; a strategy attaches; the account resets', async ({
  page,
}, testInfo) => {
  await startReplay(page);
  const ticket = page.getByTestId('order-ticket');
  await expect(page.getByTestId('book-ladder').locator('button.pp-lrow.ask').first()).toBeVisible();

  await ticket.getByLabel('Type').selectOption('MARKET');
  await expect(ticket.getByLabel(/^Price/)).toHaveCount(0);
  await ticket.getByLabel(/^Quantity/).fill('0.01');
  await expect(page.getByTestId('ticket-notional')).toContainText('at ~');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText(/^Sent/);

  await page.getByRole('tab', { name: /^Fills/ }).click();
  await expect(page.getByTestId('fills').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('fills').locator('tbody tr').first()).toContainText('BUY');
  await page.getByRole('tab', { name: /^Positions/ }).click();
  await expect(page.getByTestId('positions').locator('tbody tr').first()).toContainText('Long');
  await page.getByRole('tab', { name: 'Balances' }).click();
  await expect(page.getByTestId('balances')).toContainText('BTC');
  await page.getByRole('tab', { name: 'P&L' }).click();
  await expect(page.getByTestId('pnl')).toContainText('Equity');

  // Reduce-only sell of the whole position closes it.
  await ticket.getByRole('radio', { name: 'Sell' }).check();
  await ticket.getByLabel('Reduce-only').check();
  await ticket.getByRole('button', { name: 'Sell BTC' }).click();
  await expect(page.getByTestId('ticket-outcome')).toHaveText(/^Sent/);
  await expect(page.getByRole('tab', { name: 'Positions (0)' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Fills (2)' })).toBeVisible();
  // Reduce-only with nothing to reduce is caught by the ticket.
  await expect(page.getByText('Reduce-only: there is no position to reduce')).toBeVisible();
  await ticket.getByLabel('Reduce-only').uncheck();

  // A built-in strategy runs on the feed, then is detached.
  const strategy = page.getByRole('form', { name: 'Strategy' });
  await strategy.getByLabel('Run on the feed').selectOption('builtin:sma-cross');
  await strategy.getByRole('button', { name: 'Attach' }).click();
  await expect(page.getByTestId('strategy-status')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('strategy-status')).toContainText('sma-cross');
  await page.screenshot({ path: testInfo.outputPath('paper-strategy-dark.png'), fullPage: true });
  await strategy.getByRole('button', { name: 'Detach' }).click();
  await expect(page.getByTestId('strategy-status')).toHaveAttribute('data-state', 'none');

  // Reset, with a confirmation step whose focus starts on Cancel.
  await page.getByRole('button', { name: 'Reset account…' }).click();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await page.getByLabel('Start again with (USDT)').fill('0');
  await expect(page.getByText('Cash must be more than 0')).toBeVisible();
  await page.getByLabel('Start again with (USDT)').fill('5000');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByText('Account reset.')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Fills (0)' })).toBeVisible();
  await expect(page.getByTestId('pnl-line')).toContainText('5,000.00');
});

test('a second tab follows the tab that runs the engine, and its orders go there', async ({
  page,
  context,
}, testInfo) => {
  await startReplay(page);
  await expect(page.getByTestId('follower-note')).toHaveCount(0);

  const second = await context.newPage();
  second.on('pageerror', (e) => pageErrors.push(`second tab: ${e.message}`));
  await second.setViewportSize({ width: 1280, height: 720 });
  await second.goto('/paper');
  await expect(second.getByTestId('follower-note')).toContainText(
    'Following the tab that runs the engine',
  );
  await expect(second.getByTestId('feed-status')).toHaveAttribute('data-tone', 'ok');
  await expect(second.getByTestId('live-candles')).toHaveAttribute('data-bars', /^[1-9]\d*$/);

  const ticket = second.getByTestId('order-ticket');
  await expect(
    second.getByTestId('book-ladder').locator('button.pp-lrow.bid').first(),
  ).toBeVisible();
  const bid = Number(
    await second
      .getByTestId('book-ladder')
      .locator('button.pp-lrow.bid')
      .first()
      .getAttribute('data-price'),
  );
  await ticket.getByLabel('Type').selectOption('LIMIT');
  await ticket.getByLabel(/^Quantity/).fill('0.001');
  await ticket.getByLabel(/^Price/).fill(String(Math.floor(bid * 0.92)));
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(second.getByTestId('ticket-outcome')).toHaveText(/^Sent/);
  await second.screenshot({ path: testInfo.outputPath('paper-follower-dark.png') });

  // The leader's tab shows it.
  await expect(page.getByRole('tab', { name: 'Open orders (1)' })).toBeVisible();
  await second.close();
});
