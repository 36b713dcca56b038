// Several tabs on one paper account: one leads (Web Locks) and runs the engine, the others follow
// its views and send it their commands; when the leader's tab closes, a follower takes over the
// same account from the WAL. Page scripts are strings (tsx would inject `__name` into functions).
import { type BrowserContext, expect, type Page, test } from '@playwright/test';

const P = 'window.__velozPaper';
const REPLAY = { source: 'replay', symbol: 'BTCUSDT', datasetId: 'sample', speed: 3_600 };

interface View {
  readonly role: string;
  readonly status: string;
  readonly lastPrice: number | null;
  readonly openOrders: readonly { clientOrderId: string; qty: number; price: number | null }[];
  readonly balances: readonly { asset: string; free: number; locked: number }[];
}

async function openTab(ctx: BrowserContext, role: 'leader' | 'follower'): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto('/paper?e2e=1');
  await waitForRole(page, role);
  return page;
}

async function waitForRole(page: Page, role: 'leader' | 'follower'): Promise<void> {
  await page.waitForFunction(
    `${P} !== undefined && ${P}.view().role === '${role}' && ${P}.view().status === 'running'`,
    null,
    { timeout: 20_000 },
  );
}

const view = (page: Page) => page.evaluate(`${P}.view()`) as Promise<View>;

test('a follower tab’s order reaches the leader; closing the leader hands the same account to the follower', async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  // Offline: the first start's live feed points nowhere; the test replays the bundled sample.
  await ctx.addInitScript(
    "if (location.protocol === 'http:') localStorage.setItem('veloz-binance-base-url', 'http://127.0.0.1:9')",
  );
  const errors: string[] = [];
  ctx.on('weberror', (e) => errors.push(e.error().message));

  const leader = await openTab(ctx, 'leader');
  expect(await leader.evaluate(`${P}.commands.setFeed(${JSON.stringify(REPLAY)})`)).toEqual({
    ok: true,
    clientOrderId: null,
  });
  await leader.waitForFunction(`${P}.view().lastPrice !== null`);
  const follower = await openTab(ctx, 'follower');
  // The follower shows the leader's account.
  await follower.waitForFunction(`${P}.view().feed !== null && ${P}.view().lastPrice !== null`);
  expect((await view(follower)).balances).toEqual((await view(leader)).balances);

  const price = (await view(follower)).lastPrice as number;
  const limit = {
    side: 'BUY',
    type: 'LIMIT',
    qty: 0.01,
    price: Math.round(price * 91) / 100, // 9 % below: it rests
    tif: 'GTC',
    postOnly: false,
    reduceOnly: false,
  };
  const r = await follower.evaluate(`${P}.commands.submit(${JSON.stringify(limit)})`);
  expect(r).toEqual({ ok: true, clientOrderId: 't1' });
  // The order is in the leader's view, and back in the follower's.
  for (const page of [leader, follower]) {
    await page.waitForFunction(
      `${P}.view().openOrders.some((o) => o.clientOrderId === 't1' && o.qty === 0.01)`,
    );
  }
  const before = await view(leader);
  // A refusal from the leader's engine comes back to the follower with its reason.
  const tiny = await follower.evaluate(
    `${P}.commands.submit(${JSON.stringify({ ...limit, qty: 0.00001 })})`,
  );
  expect(tiny).toMatchObject({ ok: false, error: expect.stringMatching(/notional/) });

  await leader.close();
  await waitForRole(follower, 'leader');
  const after = await view(follower);
  expect(after.openOrders.map((o) => [o.clientOrderId, o.qty, o.price])).toEqual(
    before.openOrders.map((o) => [o.clientOrderId, o.qty, o.price]),
  );
  const usdt = (v: View) => v.balances.find((b) => b.asset === 'USDT');
  expect(usdt(after)).toEqual(usdt(before));
  // The new leader runs the same account: its next ticket id follows the recovered ones.
  const next = await follower.evaluate(
    `${P}.commands.submit(${JSON.stringify({ ...limit, qty: 0.02 })})`,
  );
  expect(next).toEqual({ ok: true, clientOrderId: 't3' });
  // A tab opened now follows the new leader.
  const third = await openTab(ctx, 'follower');
  await third.waitForFunction(
    `${P}.view().openOrders.map((o) => o.clientOrderId).join() === 't1,t3'`,
  );
  expect(errors).toEqual([]);
  await ctx.close();
});
