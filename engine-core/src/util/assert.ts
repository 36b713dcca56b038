/** Thrown only for broken invariants (programmer bugs), never for bad input. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

/** Fails loudly when an invariant does not hold. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

/** Exhaustiveness check for `switch` on a discriminant. */
export function assertNever(value: never): never {
  throw new InvariantError(`unexpected value: ${JSON.stringify(value)}`);
}
