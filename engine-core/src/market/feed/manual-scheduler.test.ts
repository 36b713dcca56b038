import { describe, expect, it } from 'vitest';
import { ManualScheduler } from './manual-scheduler';

describe('ManualScheduler', () => {
  it('fires timers in due order, ties in the order set, at their due time', () => {
    const s = new ManualScheduler(100);
    const log: string[] = [];
    s.setTimer(() => log.push(`b@${s.now()}`), 50);
    s.setTimer(() => log.push(`a@${s.now()}`), 10);
    const c = s.setTimer(() => log.push('c'), 10);
    s.setTimer(() => {
      log.push(`d@${s.now()}`);
      s.setTimer(() => log.push(`e@${s.now()}`), 5);
    }, 10);
    s.clearTimer(c);
    expect(s.nextDue()).toBe(110);
    s.advance(30);
    expect(log).toEqual(['a@110', 'd@110', 'e@115']);
    expect(s.now()).toBe(130);
    expect(s.runUntilIdle()).toBe(1);
    expect(log.at(-1)).toBe('b@150');
    expect(s.pending).toBe(0);
  });
});
