// TanStack Query keys of the live server data, in one place (STYLE §2.9).

/** Every live query starts with `['live']`, so a stream reset refetches them all at once. */
export const liveKeys = {
  all: ['live'] as const,
  config: ['live', 'config'] as const,
  credentials: ['live', 'credentials'] as const,
  status: ['live', 'status'] as const,
  orders: ['live', 'orders'] as const,
  fills: ['live', 'fills'] as const,
  account: ['live', 'account'] as const,
  positions: ['live', 'positions'] as const,
  market: ['live', 'market'] as const,
};

export type LiveQueryKey = (typeof liveKeys)[keyof typeof liveKeys];
