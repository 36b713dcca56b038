import { afterEach, describe, expect, it } from 'vitest';
import {
  type LockManagerLike,
  TabCommandError,
  TabLeadership,
  type TabLeadershipOptions,
  type TabRole,
} from './leader';

// Node has BroadcastChannel (instances of one name talk to each other, as tabs do) but no Web
// Locks: this lock manager grants each name to one holder at a time, first come first served,
// and lets a queued request be aborted. Real tabs, locks and tab deaths: e2e/wal.spec.ts.

interface Waiter {
  readonly callback: (lock: unknown) => Promise<void>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

class FifoLocks implements LockManagerLike {
  private readonly _queues = new Map<string, Waiter[]>();
  private readonly _busy = new Set<string>();

  request(
    name: string,
    options: { mode: 'exclusive'; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const w: Waiter = { callback, resolve, reject };
      const q = this._queues.get(name) ?? [];
      this._queues.set(name, q);
      q.push(w);
      options.signal?.addEventListener('abort', () => {
        const i = q.indexOf(w);
        if (i >= 0) {
          q.splice(i, 1);
          reject(new DOMException('aborted', 'AbortError'));
        }
      });
      // Granted in a later task, as browsers do.
      setTimeout(() => this._grant(name), 0);
    });
  }

  private _grant(name: string): void {
    if (this._busy.has(name)) return;
    const w = this._queues.get(name)?.shift();
    if (w === undefined) return;
    this._busy.add(name);
    void w.callback({ name }).then(
      (v) => {
        this._busy.delete(name);
        w.resolve(v);
        this._grant(name);
      },
      (e: unknown) => {
        this._busy.delete(name);
        w.reject(e);
        this._grant(name);
      },
    );
  }
}

type Cmd =
  | { readonly op: 'add'; readonly a: number; readonly b: number }
  | { readonly op: 'fail' }
  | { readonly op: 'hang' };

interface Tab {
  readonly t: TabLeadership<Cmd, number, string>;
  readonly events: string[];
  readonly roles: TabRole[];
  readonly elections: string[];
  readonly served: Cmd[];
}

let seq = 0;
const live: Tab[] = [];
afterEach(() => {
  for (const tab of live.splice(0)) tab.t.close();
});

function tab(
  locks: LockManagerLike,
  name: string,
  extra: Partial<TabLeadershipOptions<Cmd, number, string>> = {},
): Tab {
  const events: string[] = [];
  const roles: TabRole[] = [];
  const elections: string[] = [];
  const served: Cmd[] = [];
  const tabId = `tab${++seq}`;
  const t = new TabLeadership<Cmd, number, string>({
    name,
    tabId,
    locks,
    onCommand: (c) => {
      served.push(c);
      if (c.op === 'fail') throw new Error('insufficient_balance: need 5 USDT, free 1');
      if (c.op === 'hang') return new Promise<number>(() => {});
      return c.a + c.b;
    },
    onEvent: (e) => events.push(e),
    onRoleChange: (r) => roles.push(r),
    onLeaderElected: (id) => elections.push(id),
    ...extra,
  });
  const made = { t, events, roles, elections, served };
  live.push(made);
  return made;
}

/** Waits until `check` holds, polling the event loop (messages arrive asynchronously). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
}

describe('TabLeadership', () => {
  it('makes exactly one tab the leader; the others follow', async () => {
    const locks = new FifoLocks();
    const tabs = [tab(locks, 'a'), tab(locks, 'a'), tab(locks, 'a')];
    await tabs[0]?.t.elected;
    expect(tabs.map((x) => x.t.role)).toEqual(['leader', 'follower', 'follower']);
    await until(() => tabs.every((x) => x.elections.length === 1));
    const first = tabs[0]?.t.tabId;
    expect(tabs.map((x) => x.elections)).toEqual([[first], [first], [first]]);
    // A tab opened later asks, and learns who leads.
    const late = tab(locks, 'a');
    await until(() => late.t.leaderTab === first);
    expect([late.t.role, late.elections]).toEqual(['follower', [first]]);
    // Another account's lock is another election.
    const other = tab(locks, 'b');
    await other.t.elected;
    expect(other.t.role).toBe('leader');
  });

  it("runs a follower's command in the leader and brings back its value or its refusal", async () => {
    const locks = new FifoLocks();
    const [leader, follower] = [tab(locks, 'c'), tab(locks, 'c')];
    await leader?.t.elected;
    expect(await follower?.t.send({ op: 'add', a: 2, b: 40 })).toBe(42);
    expect(await leader?.t.send({ op: 'add', a: 1, b: 1 })).toBe(2);
    expect(leader?.served).toEqual([
      { op: 'add', a: 2, b: 40 },
      { op: 'add', a: 1, b: 1 },
    ]);
    expect(follower?.served).toEqual([]);
    const refused = await follower?.t.send({ op: 'fail' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TabCommandError);
    expect(refused).toMatchObject({
      code: 'refused',
      message: 'insufficient_balance: need 5 USDT, free 1',
    });
    await expect(leader?.t.send({ op: 'fail' })).rejects.toMatchObject({ code: 'refused' });
  });

  it('times out with a clear error when no leader answers', async () => {
    const locks = new FifoLocks();
    const leader = tab(locks, 'd');
    const follower = tab(locks, 'd', { commandTimeoutMs: 30 });
    await leader.t.elected;
    await expect(follower.t.send({ op: 'hang' })).rejects.toMatchObject({
      code: 'timeout',
      message:
        'no reply from the leader tab within 30 ms (command 1): no tab holds the paper engine, or it stopped responding',
    });
  });

  it('publishes the leader events to every tab in order; followers cannot publish', async () => {
    const locks = new FifoLocks();
    const tabs = [tab(locks, 'e'), tab(locks, 'e'), tab(locks, 'e')];
    await tabs[0]?.t.elected;
    for (const e of ['order_accepted o1', 'order_filled o1', 'market_updated'])
      tabs[0]?.t.publish(e);
    await until(() => tabs.every((x) => x.events.length === 3));
    for (const x of tabs)
      expect(x.events).toEqual(['order_accepted o1', 'order_filled o1', 'market_updated']);
    expect(() => tabs[1]?.t.publish('x')).toThrow('publish from a follower tab');
  });

  it('hands leadership to the next tab in line when the leader leaves; its pending commands fail', async () => {
    const locks = new FifoLocks();
    const [a, b, c] = [tab(locks, 'f'), tab(locks, 'f'), tab(locks, 'f')];
    await a?.t.elected;
    const pending = c?.t.send({ op: 'hang' }).catch((e: unknown) => e);
    await until(() => a?.served.length === 1);
    a?.t.close();
    expect(await pending).toMatchObject({ code: 'leader_left' });
    await b?.t.elected;
    expect([a?.t.role, b?.t.role, c?.t.role]).toEqual(['closed', 'leader', 'follower']);
    expect(a?.roles).toEqual(['leader', 'closed']);
    await until(() => c?.elections.length === 2);
    expect(c?.elections).toEqual([a?.t.tabId, b?.t.tabId]);
    expect(await c?.t.send({ op: 'add', a: 3, b: 4 })).toBe(7);
    expect(b?.served).toEqual([{ op: 'add', a: 3, b: 4 }]);
    await expect(a?.t.send({ op: 'add', a: 0, b: 0 })).rejects.toMatchObject({ code: 'closed' });
  });

  it('a follower that leaves stops waiting: the lock skips it', async () => {
    const locks = new FifoLocks();
    const [a, b, c] = [tab(locks, 'g'), tab(locks, 'g'), tab(locks, 'g')];
    await a?.t.elected;
    b?.t.close();
    a?.t.close();
    await c?.t.elected;
    expect([a?.t.role, b?.t.role, c?.t.role]).toEqual(['closed', 'closed', 'leader']);
    expect(b?.roles).toEqual(['closed']);
  });
});
