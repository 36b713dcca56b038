import { findStrategy, type Strategy } from '../strategy';
import { compileStrategy } from '../strategy/compile-strategy';
import { err, ok, type Result } from '../util/result';
import type { OptimizerStrategy } from './evaluator';

/** A strategy ready for a search, with what locates a user strategy's errors in its text. */
export interface ResolvedStrategy {
  readonly strategy: Strategy;
  readonly sourceFile: string | null;
  readonly lineOffset: number;
}

/** A built-in by name, or user source compiled here (each worker compiles its own copy). */
export function resolveOptimizerStrategy(s: OptimizerStrategy): Result<ResolvedStrategy, string> {
  if (typeof s === 'string') {
    const found = findStrategy(s);
    return found.ok
      ? ok({ strategy: found.value, sourceFile: null, lineOffset: 0 })
      : err(found.error);
  }
  const compiled = compileStrategy(s.source, s.fileName);
  return compiled.ok ? ok(compiled.value) : err(compiled.error);
}
