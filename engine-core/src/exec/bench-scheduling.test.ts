import { describe, expect, it } from 'vitest';
import { measureSchedulingThroughput } from './bench-scheduling';

describe('measureSchedulingThroughput', () => {
  it('runs a mix of parents and counts the same work on every run (the figures are the caller’s)', () => {
    let fake = 0;
    const now = () => (fake += 500); // every reading half a second later: elapsed = 500 ms
    const a = measureSchedulingThroughput({ parents: 30, seconds: 120, now });
    const b = measureSchedulingThroughput({ parents: 30, seconds: 120, now });
    expect(a.elapsedMs).toBe(500);
    expect(a.childOrders).toBeGreaterThan(30);
    expect(a.fills).toBeGreaterThan(0);
    expect(a.childOrdersPerSec).toBe(a.childOrders / 0.5);
    expect(a.eventsPerSec).toBe((a.engineEvents + a.execEvents) / 0.5);
    expect({ ...b, elapsedMs: 0 }).toEqual({ ...a, elapsedMs: 0 });
  });
});
