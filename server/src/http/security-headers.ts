/**
 * On every answer. Cross-origin isolation (COOP + COEP) lets the optimizer share candles with its
 * workers through a SharedArrayBuffer; the rest keep the app from being framed or sniffed.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
