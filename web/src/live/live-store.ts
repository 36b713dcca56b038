// Client-side state of the live stream: its connection, the last id, resets, the router's
// notices and the frames that did not parse. Server data (orders, balances…) stays in TanStack
// Query; this store only says how the stream is doing.
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StreamState } from './live-stream';

/** One notice from the router or the engine (`warning`, `reconciliation`, `error`…). */
export interface StreamNotice {
  readonly seq: number;
  readonly name: string;
  readonly text: string;
}

export interface LiveStreamState {
  readonly stream: StreamState;
  readonly lastEventId: string | null;
  /** How many `reset` events asked for a full refetch. */
  readonly resets: number;
  /** Newest last, at most MAX_NOTICES. */
  readonly notices: readonly StreamNotice[];
  /** The last frame that did not parse, with why. */
  readonly badEvent: string | null;
}

/** Notices kept for the page. */
export const MAX_NOTICES = 20;

export interface LiveStreamActions {
  setStream(s: StreamState): void;
  sawEvent(id: string | null): void;
  sawReset(): void;
  addNotice(name: string, text: string): void;
  setBadEvent(message: string): void;
}

export type LiveStreamStore = StoreApi<LiveStreamState & LiveStreamActions>;

/** A fresh store (one per app; tests make their own). */
export function createLiveStreamStore(): LiveStreamStore {
  let seq = 0;
  return createStore<LiveStreamState & LiveStreamActions>()((set) => ({
    stream: { state: 'stopped' },
    lastEventId: null,
    resets: 0,
    notices: [],
    badEvent: null,
    setStream: (stream) => set({ stream }),
    sawEvent: (id) => set((s) => (id === null || id === s.lastEventId ? s : { lastEventId: id })),
    sawReset: () => set((s) => ({ resets: s.resets + 1 })),
    addNotice: (name, text) =>
      set((s) => ({ notices: [...s.notices, { seq: ++seq, name, text }].slice(-MAX_NOTICES) })),
    setBadEvent: (badEvent) => set({ badEvent }),
  }));
}

/** The app's live stream store. */
export const liveStreamStore = createLiveStreamStore();

/** Reads the app's live stream store through a selector. */
export function useLiveStream<T>(selector: (s: LiveStreamState) => T): T {
  return useStore(liveStreamStore, selector);
}
