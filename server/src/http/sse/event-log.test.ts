import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log';
import { eventFrame, eventName } from './sse-frame';

const ev = (n: number) => ({ type: 'market', symbol: 'BTCUSDT', price: n });

describe('EventLog', () => {
  it('numbers events consecutively after startAfter', () => {
    const log = new EventLog(10, 500);
    expect(log.append(ev(1)).id).toBe(501);
    expect(log.append(ev(2)).id).toBe(502);
    expect(log.lastId).toBe(502);
  });

  it('gives the frames after a buffered id, none to a new client or an up-to-date one', () => {
    const log = new EventLog(10, 0);
    for (let i = 1; i <= 5; i++) log.append(ev(i));
    expect(log.since(2)).toEqual({
      kind: 'events',
      frames: [eventFrame(3, ev(3)), eventFrame(4, ev(4)), eventFrame(5, ev(5))],
    });
    expect(log.since(0)).toMatchObject({ kind: 'events' });
    expect(log.since(0).kind === 'events' && log.since(0)).toMatchObject({ frames: { length: 5 } });
    expect(log.since(5)).toEqual({ kind: 'events', frames: [] });
    expect(log.since(null)).toEqual({ kind: 'events', frames: [] });
  });

  it('resets a client whose id has left the buffer, or was never this run', () => {
    const log = new EventLog(3, 100);
    for (let i = 1; i <= 6; i++) log.append(ev(i)); // ids 101..106, buffer keeps 104..106
    expect(log.since(103)).toMatchObject({ kind: 'events', frames: { length: 3 } });
    expect(log.since(102)).toEqual({ kind: 'reset', reason: 'too_old', lastId: 106 });
    expect(log.since(5)).toEqual({ kind: 'reset', reason: 'too_old', lastId: 106 });
    expect(log.since(107)).toEqual({ kind: 'reset', reason: 'unknown_id', lastId: 106 });
  });

  it('resets an id from before this run even when nothing happened yet', () => {
    const log = new EventLog(3, 1_000);
    expect(log.since(999)).toEqual({ kind: 'reset', reason: 'too_old', lastId: 1_000 });
    expect(log.since(1_000)).toEqual({ kind: 'events', frames: [] });
  });
});

describe('SSE frames', () => {
  it('keep the event type as the name only when it cannot break the framing', () => {
    expect(eventName('order_update')).toBe('order_update');
    expect(eventName('x\ndata: forged')).toBe('message');
    expect(eventName(42)).toBe('message');
  });

  it('put the whole event on one data line', () => {
    const frame = eventFrame(7, { type: 'error', message: 'line1\nline2\r\n' });
    expect(frame.split('\n')).toEqual([
      'id: 7',
      'event: error',
      'data: {"type":"error","message":"line1\\nline2\\r\\n"}',
      '',
      '',
    ]);
  });
});
