// The WAL's public face: codec, stores, recovery and the writer.
export { deserializeState, type SerializedState, serializeState } from '../engine/state-codec';
export { type MemoryWalInit, MemoryWalStore } from './memory-wal-store';
export {
  decodeRecord,
  decodeSnapshot,
  encodeRecord,
  encodeSnapshot,
  frameLine,
  unframeLine,
} from './record-codec';
export { type RecoveredState, recoverState } from './recover';
export type { WalContents, WalRecord, WalSnapshot, WalStore } from './wal-store';
export {
  DEFAULT_COMPACT_EVERY,
  type OpenedWal,
  type OpenWalOptions,
  openWal,
  WalWriter,
  type WalWriterOptions,
} from './wal-writer';
