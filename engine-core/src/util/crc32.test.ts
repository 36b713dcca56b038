import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Bytes, crc32Hex } from './crc32';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('crc32', () => {
  it('matches the published check values', () => {
    expect(crc32Hex('123456789')).toBe('cbf43926');
    expect(crc32('')).toBe(0);
    expect(crc32Hex('a')).toBe('e8b7be43');
    expect(crc32Hex('abc')).toBe('352441c2');
    expect(crc32Hex('The quick brown fox jumps over the lazy dog')).toBe('414fa339');
    expect(crc32Bytes(new Uint8Array(32))).toBe(0x190a55ad); // 32 zero bytes
    expect(crc32Bytes(new Uint8Array(32).fill(0xff))).toBe(0xff6cab0b);
  });

  it('hashes strings as their UTF-8 bytes, lone surrogates as U+FFFD', () => {
    // Independent check: the runtime's TextEncoder does its own UTF-8 encoding.
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(crc32(s)).toBe(crc32Bytes(utf8(s)));
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(crc32('\ud800x')).toBe(crc32Bytes(utf8('\ufffdx')));
    expect(crc32('€𝄞é')).toBe(crc32Bytes(utf8('€𝄞é')));
  });

  it('pads the hex form to 8 digits', () => {
    const hex = crc32Hex('hello');
    expect(hex).toMatch(/^[0-9a-f]{8}$/);
    expect(Number.parseInt(hex, 16)).toBe(crc32('hello'));
  });
});
