/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): lookup table for one byte. */
const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const step = (crc: number, byte: number): number =>
  (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);

/** CRC-32 (IEEE) of raw bytes, as an unsigned 32-bit integer. */
export function crc32Bytes(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = step(crc, bytes[i] as number);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * CRC-32 (IEEE) of the UTF-8 encoding of `text`, as an unsigned 32-bit integer. Encodes on the
 * fly (no TextEncoder in a platform-free core); a lone surrogate counts as U+FFFD, as in
 * TextEncoder and Node's Buffer.
 */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    }
    if (cp < 0x80) {
      crc = step(crc, cp);
    } else if (cp < 0x800) {
      crc = step(crc, 0xc0 | (cp >> 6));
      crc = step(crc, 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      crc = step(crc, 0xe0 | (cp >> 12));
      crc = step(crc, 0x80 | ((cp >> 6) & 0x3f));
      crc = step(crc, 0x80 | (cp & 0x3f));
    } else {
      crc = step(crc, 0xf0 | (cp >> 18));
      crc = step(crc, 0x80 | ((cp >> 12) & 0x3f));
      crc = step(crc, 0x80 | ((cp >> 6) & 0x3f));
      crc = step(crc, 0x80 | (cp & 0x3f));
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE) of the UTF-8 encoding of `text` as 8 lower-case hex digits. */
export function crc32Hex(text: string): string {
  return crc32(text).toString(16).padStart(8, '0');
}
