import { describe, expect, it } from 'vitest';
import type { WsHandlers } from '../../../engine-core/src/market';
import { type BrowserWebSocketLike, createBrowserWsConnect } from './browser-ws';

/** A stand-in for the DOM WebSocket: the test fires its events. */
class FakeWebSocket implements BrowserWebSocketLike {
  static last: FakeWebSocket | null = null;
  binaryType = 'blob';
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  closeCalls = 0;
  constructor(readonly url: string) {
    if (!url.startsWith('ws'))
      throw new SyntaxError(`The URL's scheme must be either 'ws' or 'wss'`);
    FakeWebSocket.last = this;
  }
  close(): void {
    this.closeCalls++;
  }
}

function record() {
  const log: string[] = [];
  const h: WsHandlers = {
    onOpen: () => log.push('open'),
    onMessage: (t) => log.push(`msg ${t}`),
    onError: (m) => log.push(`error ${m}`),
    onClose: (c, r) => log.push(`close ${c} ${r}`),
  };
  return { log, h };
}

describe('createBrowserWsConnect', () => {
  it('maps the DOM events to the handlers, decoding binary frames, closing once', () => {
    const connect = createBrowserWsConnect(FakeWebSocket);
    const { log, h } = record();
    const conn = connect('wss://x/stream?streams=a', h);
    const ws = FakeWebSocket.last as FakeWebSocket;
    expect(ws.url).toBe('wss://x/stream?streams=a');
    expect(ws.binaryType).toBe('arraybuffer');
    ws.onopen?.({});
    ws.onmessage?.({ data: '{"a":1}' });
    ws.onmessage?.({ data: new TextEncoder().encode('{"b":"é"}').buffer });
    ws.onmessage?.({ data: 42 });
    ws.onerror?.({});
    ws.onclose?.({ code: 1006, reason: '' });
    ws.onclose?.({ code: 1006, reason: '' });
    conn.close();
    expect(ws.closeCalls).toBe(1);
    expect(log).toEqual([
      'open',
      'msg {"a":1}',
      'msg {"b":"é"}',
      'error unexpected frame data [object Number]',
      'error WebSocket error',
      'close 1006 ',
    ]);
  });

  it('reports a URL the constructor refuses as an error and a close, later, without throwing', async () => {
    const connect = createBrowserWsConnect(FakeWebSocket);
    const { log, h } = record();
    const conn = connect('http://nope', h);
    expect(log).toEqual([]);
    conn.close();
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual([
      "error The URL's scheme must be either 'ws' or 'wss'",
      "close 1006 The URL's scheme must be either 'ws' or 'wss'",
    ]);
  });
});
