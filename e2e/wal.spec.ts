// The IndexedDB WAL and tab leadership in real Chromium, on the WAL lab page (e2e/fixtures/
// wal-lab.ts, served apart from the app). Durability runs on a profile on disk: a persistent
// context for the reload, a browser this spec starts and kills itself for the crash cycles.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  expect,
  type Page,
  test,
} from '@playwright/test';
import { isBatchEnd } from './fixtures/wal-lab-kill';
import { startWalLab, type WalLab } from './fixtures/wal-lab-server';

let lab: WalLab;
test.beforeAll(async () => {
  lab = await startWalLab();
});
test.afterAll(async () => {
  await lab.close();
});

const CHROMIUM = process.env.VELOZ_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

async function openLab(page: Page): Promise<void> {
  await page.goto(lab.url);
  await page.waitForFunction('window.walLab !== undefined');
}

/** Evaluates a `walLab` call given as a string (tsx would inject helpers into a function). */
const call = <T>(page: Page, script: string): Promise<T> => page.evaluate(script) as Promise<T>;

interface SessionCheck {
  readonly error: string | null;
  readonly snapshotSeq: number | null;
  readonly records: number;
  readonly lastSeq: number;
  readonly contentsEqual: boolean;
  readonly recovered: string;
  readonly live: string;
}

test('records written through the store load back identical after a reload and a browser restart', async () => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'veloz-wal-e2e-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS });
  const plans = {
    // Snapshots and compactions along the way; records follow the last snapshot.
    compacted: { seed: 42, records: 4_000, compactEvery: 1_000, flushEvery: 3 },
    // Every record kept: a record-by-record comparison.
    whole: { seed: 43, records: 2_500, compactEvery: 1_000_000, flushEvery: 1 },
  };
  let ctx: BrowserContext = await launch();
  try {
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await openLab(page);
    for (const [name, plan] of Object.entries(plans)) {
      const w = await call<{ lastSeq: number; compactions: number }>(
        page,
        `walLab.writeSession(${JSON.stringify(name)}, ${JSON.stringify(plan)})`,
      );
      expect(w.lastSeq).toBeGreaterThanOrEqual(plan.records);
      if (name === 'compacted') expect(w.compactions).toBeGreaterThanOrEqual(3);
      else expect(w.compactions).toBe(0);
    }
    for (const restart of ['reload', 'browser restart']) {
      if (restart === 'reload') {
        await page.reload();
        await page.waitForFunction('window.walLab !== undefined');
      } else {
        await ctx.close();
        ctx = await launch();
        page = ctx.pages()[0] ?? (await ctx.newPage());
        await openLab(page);
      }
      for (const [name, plan] of Object.entries(plans)) {
        const c = await call<SessionCheck>(
          page,
          `walLab.checkSession(${JSON.stringify(name)}, ${JSON.stringify(plan)})`,
        );
        expect(c.error, `${name} after ${restart}`).toBeNull();
        // The same contents as the same session journaled into the memory store...
        expect(c.contentsEqual, `${name} after ${restart}`).toBe(true);
        // ...and the recovered state is the live engine's (orders, balances, positions, history).
        expect(c.recovered).toBe(c.live);
        expect(c.lastSeq).toBeGreaterThanOrEqual(plan.records);
        if (name === 'whole') expect([c.snapshotSeq, c.records]).toEqual([null, c.lastSeq]);
        else expect([c.snapshotSeq, c.records].every((n) => (n ?? 0) > 0)).toBe(true);
      }
    }
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

/** A Chromium this test starts (its own process group) and drives over CDP, so it can kill it. */
async function startChromium(profile: string): Promise<{ proc: ChildProcess; browser: Browser }> {
  const proc = spawn(
    CHROMIUM,
    [...ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let err = '';
      proc.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\S+)/.exec(err);
        if (m) resolve(m[1] as string);
      });
      proc.once('exit', (code) =>
        reject(new Error(`chromium exited (${code}): ${err.slice(-500)}`)),
      );
    });
    return { proc, browser: await chromium.connectOverCDP(endpoint) };
  } catch (e) {
    await killChromium(proc);
    throw e;
  }
}

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * SIGKILL to Chromium's whole process group (browser, renderers, storage service), then waits
 * until every process of it is gone: a storage service still dying would hold the profile's
 * IndexedDB files when the next browser opens them.
 */
async function killChromium(proc: ChildProcess): Promise<void> {
  const pgid = proc.pid as number;
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  for (let i = 0; groupAlive(pgid); i++) {
    if (i > 500) throw new Error(`chromium process group ${pgid} survives SIGKILL`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface KillCheck {
  readonly error: string | null;
  readonly snapshotSeq: number | null;
  readonly records: number;
  readonly lastSeq: number;
  readonly bad: readonly string[];
}

test('a crash mid-append keeps every acknowledged record exactly once, without a gap (10 cycles)', async () => {
  test.setTimeout(600_000);
  const profile = mkdtempSync(join(tmpdir(), 'veloz-wal-kill-'));
  const started: ChildProcess[] = [];
  const outcomes: string[] = [];
  try {
    let from = 1;
    for (let cycle = 0; cycle < 10; cycle++) {
      // Even cycles kill the whole browser; odd ones crash the page's renderer and read the
      // store from a new page of the same browser, then kill the browser too.
      const how = cycle % 2 === 0 ? 'browser SIGKILL' : 'renderer crash';
      const { proc, browser } = await startChromium(profile);
      started.push(proc);
      const ctx = browser.contexts()[0] as BrowserContext;
      const page = await ctx.newPage();
      await openLab(page);
      await call(page, `walLab.startKillLoop('kill', ${from})`);
      // Let it append (and compact) for a while: 300..1100 ms.
      await page.waitForTimeout(300 + ((cycle * 397) % 800));
      const acked = await call<number>(page, 'walLab.kill.acked');
      const loopError = await call<string | null>(page, 'walLab.kill.error');
      expect(loopError, `cycle ${cycle}, appending from ${from}: ${loopError}`).toBeNull();
      let reader: Page | null = null;
      if (how === 'renderer crash') {
        const crashed = page.waitForEvent('crash');
        const cdp = await ctx.newCDPSession(page);
        void cdp.send('Page.crash').catch(() => {}); // never answers: the renderer is gone
        await crashed;
        reader = await ctx.newPage();
        await openLab(reader);
      } else {
        await killChromium(proc);
        await browser.close().catch(() => {});
        const next = await startChromium(profile);
        started.push(next.proc);
        reader = await (next.browser.contexts()[0] as BrowserContext).newPage();
        await openLab(reader);
      }
      const c = await call<KillCheck>(reader, `walLab.checkKill('kill')`);
      // `load` itself refuses gaps and undecodable records; every record holds what its seq says.
      expect(c.error, `cycle ${cycle} (${how})`).toBeNull();
      expect(c.bad, `cycle ${cycle}`).toEqual([]);
      // Everything acknowledged before the kill is there...
      expect(c.lastSeq, `cycle ${cycle}`).toBeGreaterThanOrEqual(acked);
      // ...and the log ends where a batch ends: a transaction is all or nothing.
      expect(isBatchEnd(from, c.lastSeq), `cycle ${cycle}: ${c.lastSeq}`).toBe(true);
      outcomes.push(
        `${how}: acked ${acked}, found ${c.lastSeq} (snapshot ${c.snapshotSeq}, ${c.records} records after it)`,
      );
      for (const p of started.splice(0)) await killChromium(p);
      from = c.lastSeq + 1;
    }
    test.info().annotations.push({ type: 'cycles', description: outcomes.join('\n') });
  } finally {
    for (const p of started) await killChromium(p);
    rmSync(profile, { recursive: true, force: true });
  }
});

test.describe('tab leadership (Web Locks, BroadcastChannel)', () => {
  const joinTabs = (page: Page, name: string, timeoutMs = 5_000) =>
    call<string>(page, `walLab.joinTabs(${JSON.stringify(name)}, ${timeoutMs})`);
  const role = (page: Page) => call<string>(page, 'walLab.tab.role');

  test('one leader; a follower command gets its reply; the leader dies or closes and another tab takes over', async ({
    browser,
  }) => {
    const ctx = await browser.newContext();
    const [a, b, c] = [await ctx.newPage(), await ctx.newPage(), await ctx.newPage()];
    for (const p of [a, b, c]) await openLab(p);
    const idA = await joinTabs(a, 'acct-1');
    await a.waitForFunction("walLab.tab.role === 'leader'");
    const idB = await joinTabs(b, 'acct-1');
    const idC = await joinTabs(c, 'acct-1');
    await b.waitForFunction(`walLab.tab.leaderTab === ${JSON.stringify(idA)}`);
    expect([await role(a), await role(b), await role(c)]).toEqual([
      'leader',
      'follower',
      'follower',
    ]);

    // A follower's command runs in the leader and comes back.
    expect(await call(b, "walLab.sendTab({ op: 'add', a: 2, b: 40 })")).toEqual({
      ok: true,
      value: { sum: 42, by: idA },
    });
    // The leader's events reach every tab, in order.
    await call(a, "walLab.tab.publish('e1'); walLab.tab.publish('e2')");
    await c.waitForFunction('walLab.tabEvents.length === 2');
    expect(await call(c, 'walLab.tabEvents')).toEqual(['e1', 'e2']);

    // The leader's renderer dies: the browser releases its lock, and exactly one tab takes over.
    const crashed = a.waitForEvent('crash');
    void (await ctx.newCDPSession(a)).send('Page.crash').catch(() => {});
    await crashed;
    await expect
      .poll(async () => [await role(b), await role(c)].sort())
      .toEqual(['follower', 'leader']);
    const [leader, follower] = (await role(b)) === 'leader' ? [b, c] : [c, b];
    const leaderId = leader === b ? idB : idC;
    expect(await call(follower, "walLab.sendTab({ op: 'add', a: 1, b: 2 })")).toEqual({
      ok: true,
      value: { sum: 3, by: leaderId },
    });

    // The new leader's tab closes: the last tab leads, and runs its commands itself.
    await leader.close();
    await follower.waitForFunction("walLab.tab.role === 'leader'");
    const lastId = follower === b ? idB : idC;
    expect(await call(follower, "walLab.sendTab({ op: 'add', a: 5, b: 5 })")).toEqual({
      ok: true,
      value: { sum: 10, by: lastId },
    });
    await ctx.close();
  });

  test('a command the leader never answers fails with a timeout error', async ({ browser }) => {
    const ctx = await browser.newContext();
    const [a, b] = [await ctx.newPage(), await ctx.newPage()];
    for (const p of [a, b]) await openLab(p);
    await joinTabs(a, 'acct-2');
    await a.waitForFunction("walLab.tab.role === 'leader'");
    await joinTabs(b, 'acct-2', 300);
    expect(await call(b, "walLab.sendTab({ op: 'hang' })")).toEqual({
      ok: false,
      code: 'timeout',
      message:
        'no reply from the leader tab within 300 ms (command 1): no tab holds the paper engine, or it stopped responding',
    });
    await ctx.close();
  });
});
