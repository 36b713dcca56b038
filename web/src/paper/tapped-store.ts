import type { WalContents, WalRecord, WalSnapshot, WalStore } from '../../../engine-core/src/wal';

/** A store that keeps what it last loaded: the records after the snapshot rebuild the fills. */
export class TappedStore implements WalStore {
  loaded: WalContents | null = null;
  constructor(private readonly _inner: WalStore) {}
  append(records: readonly WalRecord[]): Promise<void> {
    return this._inner.append(records);
  }
  async load(): Promise<WalContents> {
    this.loaded = await this._inner.load();
    return this.loaded;
  }
  compact(snapshot: WalSnapshot): Promise<void> {
    return this._inner.compact(snapshot);
  }
  close(): Promise<void> {
    return this._inner.close();
  }
}
