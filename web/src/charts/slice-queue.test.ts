import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SliceQueue } from './slice-queue';

describe('SliceQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs tasks in order, one per timer tick', () => {
    const q = new SliceQueue();
    const seen: number[] = [];
    q.add(() => seen.push(1));
    q.add(() => seen.push(2));
    expect(seen).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(seen).toEqual([1]);
    vi.advanceTimersToNextTimer();
    expect(seen).toEqual([1, 2]);
  });

  it('skips dropped tasks, survives a throwing one, and stops when disposed', () => {
    const q = new SliceQueue();
    const seen: number[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const drop = q.add(() => seen.push(1));
    q.add(() => {
      throw new Error('bad');
    });
    q.add(() => seen.push(3));
    q.add(() => seen.push(4));
    drop();
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    expect(seen).toEqual([3]);
    expect(error).toHaveBeenCalledOnce();
    q.dispose();
    vi.runAllTimers();
    q.add(() => seen.push(5));
    vi.runAllTimers();
    expect(seen).toEqual([3]);
    error.mockRestore();
  });
});
