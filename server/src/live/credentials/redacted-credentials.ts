import { inspect } from 'node:util';
import type { VenueCredentials } from '../venue-adapter';

const REDACTED = '[redacted]';

/**
 * Credentials that do not reveal themselves: JSON, `util.inspect` (console.log), string
 * conversion and pino all see `[redacted]`. The values live in private fields behind getters, so
 * `Object.keys`/spread see nothing either: adapters read `apiKey`, `apiSecret`, `passphrase`.
 */
export class RedactedCredentials implements VenueCredentials {
  readonly #apiKey: string;
  readonly #apiSecret: string;
  readonly #passphrase: string | undefined;

  constructor(c: VenueCredentials) {
    this.#apiKey = c.apiKey;
    this.#apiSecret = c.apiSecret;
    this.#passphrase = c.passphrase;
  }

  get apiKey(): string {
    return this.#apiKey;
  }

  get apiSecret(): string {
    return this.#apiSecret;
  }

  get passphrase(): string | undefined {
    return this.#passphrase;
  }

  toJSON(): Record<string, string> {
    const out: Record<string, string> = { apiKey: REDACTED, apiSecret: REDACTED };
    if (this.#passphrase !== undefined) out.passphrase = REDACTED;
    return out;
  }

  toString(): string {
    return `VenueCredentials ${REDACTED}`;
  }

  [Symbol.toPrimitive](): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
