import { Writable } from 'node:stream';
import { format, inspect } from 'node:util';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RedactedCredentials } from './redacted-credentials';

const KEY = 'AKIAkey-0123456789';
const SECRET = 'sec/ret+ABCDEFGHIJ';
const PASS = 'pass-phrase-XYZ987';

function assertHidden(text: string): void {
  for (const v of [KEY, SECRET, PASS]) expect(text).not.toContain(v);
}

describe('RedactedCredentials', () => {
  const c = new RedactedCredentials({ apiKey: KEY, apiSecret: SECRET, passphrase: PASS });

  it('still gives the adapter its values', () => {
    expect([c.apiKey, c.apiSecret, c.passphrase]).toEqual([KEY, SECRET, PASS]);
  });

  it('hides them from JSON, inspect, format, strings and enumeration', () => {
    const outputs = [
      JSON.stringify(c),
      JSON.stringify({ nested: { c } }),
      inspect(c),
      inspect({ deep: [c] }, { depth: 10, showHidden: true }),
      format('%s %o %O %j', c, c, c, c),
      String(c),
      `${c}`,
      JSON.stringify({ ...c }),
      Object.keys(c).join(','),
    ];
    for (const out of outputs) assertHidden(out);
    expect(JSON.parse(JSON.stringify(c))).toEqual({
      apiKey: '[redacted]',
      apiSecret: '[redacted]',
      passphrase: '[redacted]',
    });
  });

  it('hides them from a pino log line', async () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const log = pino({ level: 'info' }, sink);
    log.info({ credentials: c, list: [c] }, 'loaded');
    log.info(c, 'as merge object');
    log.info('as argument %o', c);
    log.flush();
    await new Promise((r) => setImmediate(r));
    const text = chunks.join('');
    expect(text).toContain('loaded');
    expect(text).toContain('[redacted]');
    assertHidden(text);
  });
});
