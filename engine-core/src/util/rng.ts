/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a 32-bit state PRNG, small and fast, good enough for sampling a search space (not
 * for cryptography). The same seed gives the same sequence on every platform: it uses only
 * 32-bit integer arithmetic (`Math.imul`, `>>>`).
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A uniform integer in [0, n). */
export function randomIndex(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}
