/** What a WebSocket connection reports to its owner. */
export interface WsHandlers {
  onOpen(): void;
  /** A text frame. */
  onMessage(text: string): void;
  /** A transport error; `onClose` follows. */
  onError(message: string): void;
  /** The connection is gone (or never opened); called once. */
  onClose(code: number, reason: string): void;
}

/** An open (or opening) connection. */
export interface WsConnection {
  /** Closes it; `onClose` may still be called once afterwards. */
  close(): void;
}

/**
 * Opens a WebSocket to `url`. Injected so that engine-core stays platform-free: the browser's
 * global `WebSocket` (web/src/market) and the `ws` package in Node (server/src/market) implement it.
 */
export type WsConnect = (url: string, handlers: WsHandlers) => WsConnection;
