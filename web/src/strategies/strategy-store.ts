import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { STRATEGY_TEMPLATE, TEMPLATE_NAME } from './strategy-template';

/** A strategy the user wrote, as stored: its name (the file name without `.ts`) and its text. */
export interface StoredStrategy {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a store call that can be refused returns. */
export type StoreResult<T> = { readonly ok: true; readonly value: T } | StoreError;
/** Why a call was refused (the message is shown as is). */
export interface StoreError {
  readonly ok: false;
  readonly error: string;
}

interface StrategyDb extends DBSchema {
  strategies: { key: string; value: StoredStrategy };
}

/** The IndexedDB database of user strategies (apart from the datasets' one). */
export const STRATEGY_DB = 'veloz-strategies';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_NAME = 64;

let dbPromise: Promise<IDBPDatabase<StrategyDb>> | null = null;

function db(): Promise<IDBPDatabase<StrategyDb>> {
  dbPromise ??= openDB<StrategyDb>(STRATEGY_DB, 1, {
    upgrade(d) {
      d.createObjectStore('strategies', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

/** Closes the connection (tests delete the database between cases). */
export async function closeStrategyDb(): Promise<void> {
  const p = dbPromise;
  dbPromise = null;
  if (p) (await p).close();
}

/** The file name errors and stack traces show for a strategy: `name.ts`. */
export function fileNameOf(name: string): string {
  return `${name}.ts`;
}

/** Checks a strategy name (trimmed): a file name without spaces, not taken by another one. */
export function checkName(
  raw: string,
  taken: readonly { id: string; name: string }[],
  selfId: string | null = null,
): StoreResult<string> {
  const name = raw.trim().replace(/\.ts$/, '');
  if (name === '') return { ok: false, error: 'a name is required' };
  if (name.length > MAX_NAME) return { ok: false, error: `at most ${MAX_NAME} characters` };
  if (!NAME.test(name))
    return {
      ok: false,
      error: 'letters, digits, "-", "_" and "." only; start with a letter or digit',
    };
  const lower = name.toLowerCase();
  if (taken.some((s) => s.id !== selfId && s.name.toLowerCase() === lower))
    return { ok: false, error: `"${name}" exists already` };
  return { ok: true, value: name };
}

/** `base`, else `base-2`, `base-3`, … : the first name not taken (case-insensitively). */
export function uniqueName(base: string, taken: readonly { name: string }[]): string {
  const names = new Set(taken.map((s) => s.name.toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const n = `${base}-${i}`;
    if (!names.has(n.toLowerCase())) return n;
  }
}

const byName = (a: StoredStrategy, b: StoredStrategy): number =>
  a.name.localeCompare(b.name, 'en') || a.createdAt - b.createdAt;

/** Every stored strategy, by name. */
export async function listStrategies(): Promise<StoredStrategy[]> {
  return (await (await db()).getAll('strategies')).sort(byName);
}

/** One strategy, or undefined when there is none with that id. */
export async function getStrategy(id: string): Promise<StoredStrategy | undefined> {
  return (await db()).get('strategies', id);
}

/** Stores a new strategy: the template under a free name unless told otherwise. */
export async function createStrategy(
  init: { name?: string; source?: string } = {},
): Promise<StoreResult<StoredStrategy>> {
  const d = await db();
  const tx = d.transaction('strategies', 'readwrite');
  const all = await tx.store.getAll();
  const name = checkName(init.name ?? uniqueName(TEMPLATE_NAME, all), all);
  if (!name.ok) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return name;
  }
  const now = Date.now();
  const s: StoredStrategy = {
    id: `s-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    name: name.value,
    source: init.source ?? STRATEGY_TEMPLATE,
    createdAt: now,
    updatedAt: now,
  };
  await tx.store.put(s);
  await tx.done;
  return { ok: true, value: s };
}

async function update(
  id: string,
  change: (s: StoredStrategy, all: StoredStrategy[]) => StoreResult<StoredStrategy>,
): Promise<StoreResult<StoredStrategy>> {
  const tx = (await db()).transaction('strategies', 'readwrite');
  const all = await tx.store.getAll();
  const s = all.find((x) => x.id === id);
  const next: StoreResult<StoredStrategy> =
    s === undefined ? { ok: false, error: 'this strategy no longer exists' } : change(s, all);
  if (!next.ok) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return next;
  }
  await tx.store.put(next.value);
  await tx.done;
  return next;
}

/** Saves a strategy's text. */
export function saveStrategySource(
  id: string,
  source: string,
): Promise<StoreResult<StoredStrategy>> {
  return update(id, (s) => ({ ok: true, value: { ...s, source, updatedAt: Date.now() } }));
}

/** Renames a strategy; refused when the name is invalid or taken. */
export function renameStrategy(id: string, name: string): Promise<StoreResult<StoredStrategy>> {
  return update(id, (s, all) => {
    const n = checkName(name, all, id);
    return n.ok ? { ok: true, value: { ...s, name: n.value, updatedAt: Date.now() } } : n;
  });
}

/** Deletes a strategy (nothing happens when it is gone already). */
export async function deleteStrategy(id: string): Promise<void> {
  await (await db()).delete('strategies', id);
}
