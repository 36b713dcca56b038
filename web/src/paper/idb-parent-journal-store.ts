import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ParentJournalStore } from '../../../engine-core/src/exec';

interface ParentJournalDb extends DBSchema {
  /** Parent-record lines (`encodeParentRecord`) under auto-incremented keys, in append order. */
  lines: { key: number; value: string };
}

/** The parent (algo) journal database of the account whose WAL is `walDb`. */
export const parentJournalDbName = (walDb: string): string => `${walDb}-algos`;

/**
 * The parent journal in IndexedDB, beside the account's WAL database: each append is one
 * strict-durability transaction and resolves once committed, so a parent record is on disk
 * before its first child is sent. `load` returns the lines in append order; the engine-core
 * `ParentJournal` decodes and checks them.
 */
export class IdbParentJournalStore implements ParentJournalStore {
  private readonly _db: Promise<IDBPDatabase<ParentJournalDb>>;

  constructor(readonly dbName: string) {
    this._db = openDB<ParentJournalDb>(dbName, 1, {
      upgrade(db) {
        db.createObjectStore('lines', { autoIncrement: true });
      },
      blocking: () => {
        void this._db.then((db) => db.close());
      },
    });
  }

  async append(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const db = await this._db;
    const tx = db.transaction('lines', 'readwrite', { durability: 'strict' });
    await Promise.all([...lines.map((l) => tx.store.add(l)), tx.done]);
  }

  async load(): Promise<readonly string[]> {
    const db = await this._db;
    return db.getAll('lines');
  }

  async close(): Promise<void> {
    (await this._db).close();
  }
}
