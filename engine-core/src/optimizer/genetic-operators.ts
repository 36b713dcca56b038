import { type Rng, randomIndex } from '../util/rng';
import type { Genome, GenomeSpace } from './genome';

/** A uniformly random genome. */
export function randomGenome(space: GenomeSpace, rng: Rng): Genome {
  return space.sizes.map((n) => randomIndex(rng, n));
}

/**
 * Tournament selection: `size` members drawn at random (with replacement), the best of them
 * wins. `better(a, b)` is true when member `a` ranks before member `b`; the population's order
 * does not matter beyond ties, which `better` must break.
 */
export function tournament<T>(
  population: readonly T[],
  size: number,
  better: (a: T, b: T) => boolean,
  rng: Rng,
): T {
  let best = population[randomIndex(rng, population.length)] as T;
  for (let i = 1; i < size; i++) {
    const c = population[randomIndex(rng, population.length)] as T;
    if (better(c, best)) best = c;
  }
  return best;
}

/** Uniform crossover: each gene from either parent with even odds. */
export function crossover(a: Genome, b: Genome, rng: Rng): Genome {
  return a.map((g, i) => (rng() < 0.5 ? g : (b[i] as number)));
}

/** A different index of an axis with `n` values (n ≥ 2), uniformly. */
function otherIndex(current: number, n: number, rng: Rng): number {
  const r = randomIndex(rng, n - 1);
  return r >= current ? r + 1 : r;
}

/**
 * Each gene mutates with probability `rate` to a different value of its axis: on an ordered
 * numeric axis half the mutations step to a nearby value (up to a tenth of the axis away,
 * turned back at the ends) so good regions are refined, the other half jump anywhere so the search
 * does not get stuck; other axes (bools, lists) take any other value. Genes stay indices of their
 * axis, so values stay in range and on the step.
 */
export function mutate(g: Genome, space: GenomeSpace, rate: number, rng: Rng): Genome {
  return g.map((gene, i) => {
    const n = space.sizes[i] as number;
    if (n < 2 || !(rng() < rate)) return gene;
    if (!(space.ordered[i] as boolean) || rng() < 0.5) return otherIndex(gene, n, rng);
    const reach = Math.max(1, Math.round(n / 10));
    const delta = (1 + randomIndex(rng, reach)) * (rng() < 0.5 ? -1 : 1);
    // Off the end: step the other way (reach ≤ n / 10 keeps that inside, and never on `gene`).
    const next = gene + delta >= 0 && gene + delta < n ? gene + delta : gene - delta;
    return Math.max(0, Math.min(n - 1, next));
  });
}
