import { beforeEach, describe, expect, it } from 'vitest';
import { LiveStream, type StreamState } from './live-stream';
import type { StreamEvent } from './stream-events';
import { FakeEventSource } from './testing/fake-event-source';

interface Recorded {
  events: { e: StreamEvent; id: string | null }[];
  bad: string[];
  states: StreamState[];
  timers: { fn: () => void; ms: number }[];
}

function start(): { stream: LiveStream; rec: Recorded } {
  const rec: Recorded = { events: [], bad: [], states: [], timers: [] };
  const stream = new LiveStream(
    {
      onEvent: (e, id) => rec.events.push({ e, id }),
      onBadEvent: (m) => rec.bad.push(m),
      onState: (s) => rec.states.push(s),
    },
    {
      factory: (url) => new FakeEventSource(url),
      setTimer: (fn, ms) => rec.timers.push({ fn, ms }),
      clearTimer: () => {},
      minRetryMs: 1000,
      maxRetryMs: 4000,
    },
  );
  return { stream, rec };
}

beforeEach(() => FakeEventSource.reset());

describe('LiveStream', () => {
  it('types events, remembers the last id and reports bad frames apart', () => {
    const { stream, rec } = start();
    const es = FakeEventSource.last();
    expect(es.url).toBe('/api/stream');
    es.open();
    es.send('order_update', { client_order_id: 'a', status: 'ACCEPTED' }, '41');
    es.send('fill', { client_order_id: 'a' }, '42');
    expect(rec.events).toEqual([
      {
        e: { type: 'order_update', clientOrderId: 'a', status: 'ACCEPTED', reason: null },
        id: '41',
      },
    ]);
    expect(rec.bad).toHaveLength(1);
    expect(rec.bad[0]).toMatch(/^fill: /);
    // A frame that did not parse still moved the stream on: resuming must not replay it.
    expect(stream.lastEventId).toBe('42');
    expect(rec.states.map((s) => s.state)).toEqual(['connecting', 'open']);
  });

  it('tells a server `error` event from a connection error', () => {
    const { rec } = start();
    const es = FakeEventSource.last();
    es.open();
    es.send('error', { message: 'qty must be > 0', ts_ns: 1 }, '5');
    es.fail(false);
    expect(rec.events.map((x) => x.e)).toEqual([
      { type: 'notice', name: 'error', text: 'qty must be > 0' },
    ]);
    expect(rec.states.at(-1)).toEqual({ state: 'reconnecting' });
    expect(rec.timers).toHaveLength(0); // the browser retries this one itself
  });

  it('reopens a closed stream after a growing backoff, resuming after the last id', () => {
    const { rec } = start();
    const first = FakeEventSource.last();
    first.open();
    first.send('account', { balances: [] }, '7');
    first.fail(true);
    expect(first.closed).toBe(true);
    expect(rec.states.at(-1)).toEqual({ state: 'closed', retryInMs: 1000 });
    rec.timers[0]?.fn();
    const second = FakeEventSource.last();
    expect(second).not.toBe(first);
    expect(second.url).toBe('/api/stream?last_id=7');
    second.fail(true);
    expect(rec.states.at(-1)).toEqual({ state: 'closed', retryInMs: 2000 });
    rec.timers[1]?.fn();
    FakeEventSource.last().fail(true);
    rec.timers[2]?.fn();
    FakeEventSource.last().fail(true);
    expect(rec.timers.map((t) => t.ms)).toEqual([1000, 2000, 4000, 4000]);
    // Once open again, the backoff starts over.
    rec.timers[3]?.fn();
    FakeEventSource.last().open();
    FakeEventSource.last().fail(true);
    expect(rec.timers.at(-1)?.ms).toBe(1000);
  });

  it('passes reset on and ignores a replaced source', () => {
    const { rec } = start();
    const first = FakeEventSource.last();
    first.open();
    first.fail(true);
    rec.timers[0]?.fn();
    first.send('order_update', { client_order_id: 'late', status: 'NEW' }, '99');
    FakeEventSource.last().send('reset', '{"reason":"too_old","last_id":120}', '120');
    expect(rec.events).toEqual([{ e: { type: 'reset' }, id: '120' }]);
  });

  it('stop closes the source and cancels a pending reopen', () => {
    const { stream, rec } = start();
    const es = FakeEventSource.last();
    es.fail(true);
    stream.stop();
    rec.timers[0]?.fn();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(rec.states.at(-1)).toEqual({ state: 'stopped' });
  });
});
