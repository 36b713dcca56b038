// What the paper session runs besides its account: the feed and the attached strategy. Kept in a
// small IndexedDB database beside the WAL's (the worker has no localStorage), so that a reload, or
// the tab that takes over from a closed leader, starts the same feed and re-attaches the strategy.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { PaperFeedSpec, PaperStrategySpec } from './paper-api';

/** The feed and strategy of a paper account. */
export interface PaperSettings {
  readonly feed: PaperFeedSpec | null;
  readonly strategy: PaperStrategySpec | null;
}

interface SettingsDb extends DBSchema {
  settings: { key: 'feed' | 'strategy'; value: unknown };
}

/** The settings database of the account whose WAL is in `walDb`. */
export const settingsDbName = (walDb: string): string => `${walDb}-session`;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isParams = (v: unknown): boolean =>
  isRecord(v) && Object.values(v).every((x) => typeof x === 'number' || typeof x === 'boolean');

/** The feed spec `v` holds, or null when it is not one (another version wrote it, say). */
export function readFeedSpec(v: unknown): PaperFeedSpec | null {
  if (!isRecord(v) || typeof v.symbol !== 'string' || v.symbol === '') return null;
  if (v.source === 'binance') return { source: 'binance', symbol: v.symbol };
  if (
    v.source === 'replay' &&
    typeof v.datasetId === 'string' &&
    typeof v.speed === 'number' &&
    v.speed > 0
  ) {
    return { source: 'replay', symbol: v.symbol, datasetId: v.datasetId, speed: v.speed };
  }
  return null;
}

/** The strategy spec `v` holds, or null when it is not one. */
export function readStrategySpec(v: unknown): PaperStrategySpec | null {
  if (!isRecord(v) || !isParams(v.params)) return null;
  const params = v.params as PaperStrategySpec['params'];
  if (v.kind === 'builtin' && typeof v.name === 'string')
    return { kind: 'builtin', name: v.name, params };
  if (v.kind === 'source' && typeof v.id === 'string') return { kind: 'source', id: v.id, params };
  return null;
}

/**
 * The settings store. Each save is one strict-durability transaction and resolves once
 * committed, so a command that changed the feed or the strategy is acknowledged only once the
 * change survives a reload.
 */
export class PaperSettingsStore {
  private readonly _db: Promise<IDBPDatabase<SettingsDb>>;

  constructor(readonly dbName: string) {
    this._db = openDB<SettingsDb>(dbName, 1, {
      upgrade(db) {
        db.createObjectStore('settings');
      },
      blocking: () => {
        void this._db.then((db) => db.close());
      },
    });
  }

  /** The stored settings; what does not read as a spec counts as none. */
  async load(): Promise<PaperSettings> {
    const db = await this._db;
    const tx = db.transaction('settings', 'readonly');
    const [feed, strategy] = await Promise.all([tx.store.get('feed'), tx.store.get('strategy')]);
    await tx.done;
    return { feed: readFeedSpec(feed), strategy: readStrategySpec(strategy) };
  }

  saveFeed(feed: PaperFeedSpec | null): Promise<void> {
    return this._put('feed', feed);
  }

  saveStrategy(strategy: PaperStrategySpec | null): Promise<void> {
    return this._put('strategy', strategy);
  }

  async close(): Promise<void> {
    (await this._db).close();
  }

  private async _put(key: 'feed' | 'strategy', value: unknown): Promise<void> {
    const db = await this._db;
    const tx = db.transaction('settings', 'readwrite', { durability: 'strict' });
    if (value === null) await tx.store.delete(key);
    else await tx.store.put(value, key);
    await tx.done;
  }
}
