/** Nominal typing: a `string` or `number` that the compiler keeps apart from others. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** A client order id, unique per engine. */
export type ClientOrderId = Brand<string, 'ClientOrderId'>;
/** An instrument symbol, upper case (`BTCUSDT`). */
export type SymbolId = Brand<string, 'SymbolId'>;
/** An asset or currency code, upper case (`USDT`). */
export type Asset = Brand<string, 'Asset'>;
/** Unix milliseconds, UTC, integer. */
export type TimestampMs = Brand<number, 'TimestampMs'>;

/** Brands a client order id. */
export const clientOrderId = (s: string): ClientOrderId => s as ClientOrderId;
/** Brands (and upper-cases) a symbol. */
export const symbolId = (s: string): SymbolId => s.toUpperCase() as SymbolId;
/** Brands (and upper-cases) an asset code. */
export const asset = (s: string): Asset => s.toUpperCase() as Asset;
/** Brands a millisecond timestamp. */
export const timestampMs = (n: number): TimestampMs => n as TimestampMs;
