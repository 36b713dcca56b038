import type { WsConnect } from '../../../engine-core/src/market';

/** The part of the DOM `WebSocket` used here (the global one, or `ws`'s in Node tests). */
export interface BrowserWebSocketLike {
  binaryType: string;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  close(): void;
}

/** A `WebSocket` constructor. */
export type WebSocketCtor = new (url: string) => BrowserWebSocketLike;

/**
 * The browser's `WsConnect` (page or worker), on the global `WebSocket`: text frames as they are,
 * binary ones decoded as UTF-8. Browsers give no detail on errors; the close code says what it can.
 * A URL the constructor refuses becomes an error and a close, never a throw.
 */
export function createBrowserWsConnect(
  Ctor: WebSocketCtor = globalThis.WebSocket as unknown as WebSocketCtor,
): WsConnect {
  const decoder = new TextDecoder();
  return (url, h) => {
    let socket: BrowserWebSocketLike;
    try {
      socket = new Ctor(url);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setTimeout(() => {
        h.onError(message);
        h.onClose(1006, message);
      }, 0);
      return { close: () => undefined };
    }
    let closed = false;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => h.onOpen();
    socket.onmessage = (ev) => {
      const d = ev.data;
      if (typeof d === 'string') h.onMessage(d);
      else if (d instanceof ArrayBuffer) h.onMessage(decoder.decode(d));
      else h.onError(`unexpected frame data ${Object.prototype.toString.call(d)}`);
    };
    socket.onerror = () => h.onError('WebSocket error');
    socket.onclose = (ev) => {
      if (closed) return;
      closed = true;
      h.onClose(ev.code, ev.reason);
    };
    return { close: () => socket.close() };
  };
}
