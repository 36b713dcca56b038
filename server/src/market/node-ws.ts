import WebSocket from 'ws';
import type { WsConnect } from '../../../engine-core/src';

/** Options of `createNodeWsConnect`. */
export interface NodeWsOptions {
  /** Time allowed for the opening handshake (default 10 000 ms). */
  readonly handshakeTimeoutMs?: number;
}

/**
 * The Node `WsConnect`, on the `ws` package (Node 20 has no global WebSocket without flags).
 * `ws` answers the server's pings itself; binary frames are decoded as UTF-8. A URL that `ws`
 * refuses becomes an error and a close, never a throw.
 */
export function createNodeWsConnect(options: NodeWsOptions = {}): WsConnect {
  return (url, h) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, {
        handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
        perMessageDeflate: false,
      });
    } catch (e) {
      // A URL `ws` refuses (bad scheme, …): reported like a failed connection, never thrown.
      const message = e instanceof Error ? e.message : String(e);
      setTimeout(() => {
        h.onError(message);
        h.onClose(1006, message);
      }, 0);
      return { close: () => undefined };
    }
    let closed = false;
    socket.on('open', () => h.onOpen());
    socket.on('message', (data: WebSocket.RawData) => {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      h.onMessage(text);
    });
    socket.on('error', (e: Error) => h.onError(e.message));
    socket.on('close', (code: number, reason: Buffer) => {
      if (closed) return;
      closed = true;
      h.onClose(code, reason.toString('utf8'));
    });
    return {
      close: () => {
        if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
        else socket.close();
      },
    };
  };
}
