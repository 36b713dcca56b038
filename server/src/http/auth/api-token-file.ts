import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFixedToken, newSecret } from './tokens';

/** The file, in the data directory, that holds the API token for scripts. */
export const API_TOKEN_FILE = 'api-token';

export type ApiTokenFile =
  | { readonly ok: true; readonly token: string; readonly path: string; readonly created: boolean }
  | { readonly ok: false; readonly message: string };

/**
 * The long-lived API token: read from `<dir>/api-token`, or made and written there (mode 0600,
 * directory 0700) on the first start. Kept across restarts so scripts keep working; delete the
 * file to rotate it. A file others can read is refused rather than trusted.
 */
export function loadOrCreateApiToken(dir: string): ApiTokenFile {
  const path = join(dir, API_TOKEN_FILE);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let mode: number | null = null;
    try {
      mode = statSync(path).mode;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (mode === null) {
      const token = newSecret();
      writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
      return { ok: true, token, path, created: true };
    }
    if ((mode & 0o077) !== 0) {
      return { ok: false, message: `${path} is readable by others: chmod 600 it or delete it` };
    }
    const token = readFileSync(path, 'utf8').trim();
    const problem = checkFixedToken(token);
    if (problem !== null) {
      return { ok: false, message: `${path}: ${problem.replace('VELOZ_TOKEN', 'the token')}` };
    }
    return { ok: true, token, path, created: false };
  } catch (err) {
    return { ok: false, message: `${path}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'ENOENT';
}
