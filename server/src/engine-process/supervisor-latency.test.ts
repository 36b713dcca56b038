import { describe, expect, it } from 'vitest';
import { measureOrderAckLatency } from './supervisor-latency';

describe('measureOrderAckLatency', () => {
  it('returns one sorted sample per timed order', async () => {
    const samples = await measureOrderAckLatency({ orders: 50, warmup: 5 });
    expect(samples).toHaveLength(50);
    expect(samples.every((x) => x > 0)).toBe(true);
    expect(samples).toEqual([...samples].sort((a, b) => a - b));
  });
});
