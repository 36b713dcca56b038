import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret: 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a secret: what tables store and compare, so a lookup never times the secret. */
export function digestOf(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant-time equality of a presented secret and a known digest (lengths are fixed by SHA-256). */
export function matchesDigest(presented: string, digest: Buffer): boolean {
  return timingSafeEqual(digestOf(presented), digest);
}

/** The shortest token `VELOZ_TOKEN` may set: a guessable API token would open the keys' proxy. */
export const MIN_TOKEN_LENGTH = 24;

/** A token from the environment must be long and plain (it travels in headers and URLs). */
export function checkFixedToken(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) {
    return `VELOZ_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters`;
  }
  if (!/^[A-Za-z0-9._~-]+$/.test(token)) {
    return 'VELOZ_TOKEN may hold only letters, digits and . _ ~ -';
  }
  return null;
}
