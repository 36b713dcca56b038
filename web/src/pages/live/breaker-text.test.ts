import { describe, expect, it } from 'vitest';
import { breakerStateText, durationText, limitsText } from './breaker-text';

describe('breaker text', () => {
  it('words the state', () => {
    expect(['closed', 'open', 'half_open'].map((s) => breakerStateText(s as 'open'))).toEqual([
      'Closed',
      'Open',
      'Half-open',
    ]);
  });

  it('writes durations in whole units, rounding up to the second', () => {
    expect(durationText(0)).toBe('now');
    expect(durationText(-5)).toBe('now');
    expect(durationText(1)).toBe('1 s');
    expect(durationText(12_000)).toBe('12 s');
    expect(durationText(299_001)).toBe('5 min 00 s');
    expect(durationText(245_000)).toBe('4 min 05 s');
    expect(durationText(3_600_000)).toBe('1 h');
    expect(durationText(5_400_000)).toBe('1 h 30 min');
  });

  it('lists the limits, off ones as off', () => {
    const limits = {
      maxLoss: 250,
      lossWindowMs: 3_600_000,
      maxErrorRate: 0.5,
      errorWindowMs: 300_000,
      minOrders: 5,
      coolDownMs: 60_000,
      probeOrders: 1,
    };
    expect(limitsText(limits)).toEqual([
      'error rate: trips above 50 % of at least 5 orders in 5 min 00 s',
      'loss: trips when realized loss net of fees exceeds 250 (quote) in 1 h',
      'probing: after 1 min 00 s, 1 probe order',
    ]);
    expect(limitsText({ ...limits, maxLoss: null, maxErrorRate: null, probeOrders: 2 })).toEqual([
      'error rate: off',
      'loss: off',
      'probing: after 1 min 00 s, 2 probe orders',
    ]);
  });
});
