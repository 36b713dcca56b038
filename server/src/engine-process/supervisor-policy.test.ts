import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineUnavailableError } from './engine-link';
import { EngineSupervisor, type SupervisorTimers } from './supervisor';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './supervisor-policy';

const dir = mkdtempSync(join(tmpdir(), 'veloz-supervisor-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RestartPolicy', () => {
  it('doubles the delay from 100 ms up to the cap', () => {
    const p = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, maxCrashes: 100, maxDelayMs: 1_000 });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const d = p.onCrash(i * 1_000, i * 1_000 - 10, 'exit code 1');
      if (d.action !== 'restart') throw new Error(d.reason);
      delays.push(d.delayMs);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('starts again from 100 ms after a child stayed up for `stableMs`', () => {
    const p = new RestartPolicy({ ...DEFAULT_RESTART_POLICY, stableMs: 30_000 });
    expect(p.onCrash(1_000, 0, 'x')).toMatchObject({ delayMs: 100, attempt: 1 });
    expect(p.onCrash(2_000, 1_500, 'x')).toMatchObject({ delayMs: 200, attempt: 2 });
    expect(p.onCrash(40_000, 2_500, 'x')).toMatchObject({ delayMs: 100, attempt: 1 });
    // A child that never started counts as unstable.
    expect(p.onCrash(40_500, null, 'x')).toMatchObject({ delayMs: 200, attempt: 2 });
  });

  it('gives up at the 5th crash within a minute, and only then', () => {
    const p = new RestartPolicy(DEFAULT_RESTART_POLICY);
    // Four crashes, then one more after the first has left the window: still restarts.
    for (const t of [0, 10_000, 20_000, 30_000, 60_000])
      expect(p.onCrash(t, null, 'signal SIGKILL').action).toBe('restart');
    expect(p.onCrash(61_000, null, 'signal SIGKILL')).toEqual({
      action: 'give_up',
      reason: 'engine crashed 5 times within 60 s (last: signal SIGKILL)',
    });
  });
});

describe('EngineSupervisor restarts (a child that exits at once)', () => {
  it('waits the backoff sequence between spawns, then gives up and fails what waits', async () => {
    const delays: number[] = [];
    const timers: SupervisorTimers = {
      now: () => 1_000, // every crash within the window
      setTimeout: (fn, ms) => {
        delays.push(ms);
        return setImmediate(fn);
      },
      clearTimeout: (h) => clearImmediate(h as ReturnType<typeof setImmediate>),
    };
    const warnings: string[] = [];
    const s = new EngineSupervisor({
      walDir: dir,
      venue: 'simulated',
      engine: { command: process.execPath, args: ['-e', 'process.exit(3)', '--'] },
      timers,
      logger: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    });
    const started = s.start();
    // A command sent while the engine crash-loops waits in the queue, then fails with the reason.
    const order = s.order({ side: 'BUY', symbol: 'BTCUSDT', qty: 1, type: 'MARKET' });
    await expect(started).rejects.toBeInstanceOf(EngineUnavailableError);
    await expect(order).rejects.toThrow('engine crashed 5 times within 60 s (last: exit code 3)');
    expect(delays).toEqual([100, 200, 400, 800]);
    expect(s.status()).toEqual({
      state: 'stopped',
      reason: 'engine crashed 5 times within 60 s (last: exit code 3)',
    });
    expect(warnings.filter((w) => w.includes('died (exit code 3)'))).toHaveLength(5);
    await expect(s.query('ACCOUNT')).rejects.toThrow(/crashed 5 times/);
  });

  it('reports restarting with the attempt and the last exit while it waits', async () => {
    let fire: (() => void) | null = null;
    const s = new EngineSupervisor({
      walDir: dir,
      venue: 'simulated',
      engine: { command: process.execPath, args: ['-e', 'process.exit(7)', '--'] },
      timers: {
        now: () => 0,
        setTimeout: (fn) => {
          fire = fn;
          return 1;
        },
        clearTimeout: () => {
          fire = null;
        },
      },
    });
    void s.start().catch(() => {});
    for (let i = 0; i < 500 && fire === null; i++) await new Promise((r) => setTimeout(r, 10));
    expect(s.status()).toEqual({ state: 'restarting', attempt: 1, lastExit: 'exit code 7' });
    await s.stop(); // while restarting: no child to wait for, the pending restart is dropped
    expect(fire).toBeNull();
    expect(s.status()).toEqual({ state: 'stopped' });
  });
});
