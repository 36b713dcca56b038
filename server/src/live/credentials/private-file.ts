// Files that hold secrets (the credentials file, the stored keys, the encryption key): read only
// when nobody else could have read or replaced them, written atomically and private.
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CredentialError, type CredentialErrorCode } from './credential-error';

/** The uid of this process; `null` where there are no uids (Windows), which skips the owner check. */
function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/**
 * Why a file's metadata makes it unsafe to trust, or null. Group or other bits of any kind
 * (even read-only or execute) count: the file must be 0600 or stricter.
 */
export function unsafeReason(st: Stats, uid: number | null): string | null {
  if (!st.isFile()) return 'is not a regular file';
  const perms = st.mode & 0o777;
  if ((perms & 0o077) !== 0) {
    return `has mode ${perms.toString(8).padStart(4, '0')}; it must be 0600 or stricter (chmod 600)`;
  }
  if (uid !== null && st.uid !== uid) {
    return `is owned by uid ${st.uid}, not by this process's user (uid ${uid})`;
  }
  return null;
}

/**
 * The contents of a private file, or null when it does not exist. The checks run on the opened
 * handle (no window between check and read) and the open refuses a symlink at the last component.
 */
export async function readPrivateFile(
  path: string,
  what: string,
  unsafeCode: CredentialErrorCode,
): Promise<Buffer | null> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new CredentialError(unsafeCode, `${what} ${path} is a symlink`);
    throw new CredentialError('file_unreadable', `${what} ${path}: cannot open (${code})`);
  }
  try {
    const why = unsafeReason(await fh.stat(), currentUid());
    if (why !== null) {
      throw new CredentialError(unsafeCode, `refusing to read ${what} ${path}: it ${why}`);
    }
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/**
 * Writes a file with mode 0600 atomically: a private temp file in the same directory, synced,
 * then renamed over the target, so a crash leaves the old file or the new one, never a torn one.
 */
export async function writePrivateFileAtomic(path: string, data: Buffer | string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await syncDir(dirname(path));
}

/** Makes a rename durable; directories cannot be opened for sync everywhere, hence best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Not supported on this platform: the rename itself is still atomic.
  }
}

/**
 * Creates a private file only if it does not exist yet, whole or not at all (a temp file hard-
 * linked into place: `link` fails when the target exists); false when another writer won.
 */
export async function createPrivateFileExclusive(path: string, data: Buffer): Promise<boolean> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => {});
  }
  await syncDir(dirname(path));
  return true;
}
