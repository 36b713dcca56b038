// Whether this browser has a live session worth polling from every page. Without one, the header
// asks nothing (a 401 on every page of a paper-only user is noise, and logs console errors).
// Only a flag is kept, never a token or a key: the session itself is the HttpOnly cookie.

const KEY = 'veloz-live-seen';

/** The storage used (localStorage in the app; a Map-backed fake in tests). */
export interface FlagStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const defaultStorage = (): FlagStorage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked: behave as a fresh browser
  }
};

/** True once a live status has been read with this browser's session, until a 401 says not. */
export function liveSeen(storage: FlagStorage | null = defaultStorage()): boolean {
  return storage?.getItem(KEY) === '1';
}

export function setLiveSeen(on: boolean, storage: FlagStorage | null = defaultStorage()): void {
  if (storage === null) return;
  if (on) storage.setItem(KEY, '1');
  else storage.removeItem(KEY);
}
