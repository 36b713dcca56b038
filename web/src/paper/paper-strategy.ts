// Turns a `PaperStrategySpec` into the strategy object a `StrategyHost` runs: a built-in from the
// registry, or an editor strategy read from IndexedDB and compiled (the compiler loads on first use).
import { type ParamValues, resolveParams } from '../../../engine-core/src/strategy/params';
import { STRATEGIES } from '../../../engine-core/src/strategy/registry';
import type { Strategy } from '../../../engine-core/src/strategy/strategy';
import type { PaperStrategySpec } from './paper-api';

/** A strategy ready to host, with its checked params and what locates its errors. */
export interface ResolvedStrategy {
  readonly strategy: Strategy;
  readonly params: ParamValues;
  readonly sourceFile: string | null;
  readonly lineOffset: number;
  /** For the log: the built-in's name, or the editor strategy's. */
  readonly label: string;
}

/** Where editor strategies come from (web/src/strategies in the app; a map in tests). */
export type StrategySourceLookup = (
  id: string,
) => Promise<{ readonly name: string; readonly source: string } | undefined>;

/** A strategy or why it cannot run (unknown name, deleted source, compile error, bad params). */
export type ResolveResult =
  | { readonly ok: true; readonly value: ResolvedStrategy }
  | { readonly ok: false; readonly error: string };

/** Resolves `spec`; `lookup` reads editor strategies. */
export async function resolvePaperStrategy(
  spec: PaperStrategySpec,
  lookup: StrategySourceLookup,
): Promise<ResolveResult> {
  let strategy: Strategy;
  let sourceFile: string | null = null;
  let lineOffset = 0;
  let label: string;
  if (spec.kind === 'builtin') {
    const s = STRATEGIES.get(spec.name);
    if (s === undefined) {
      return {
        ok: false,
        error: `unknown strategy "${spec.name}" (known: ${[...STRATEGIES.keys()].join(', ')})`,
      };
    }
    strategy = s;
    label = s.name;
  } else {
    const stored = await lookup(spec.id);
    if (stored === undefined) return { ok: false, error: `no saved strategy with id "${spec.id}"` };
    const { compileStrategy } = await import('../../../engine-core/src/strategy/compile-strategy');
    const c = compileStrategy(stored.source, `${stored.name}.ts`);
    if (!c.ok) return { ok: false, error: c.error };
    strategy = c.value.strategy;
    sourceFile = c.value.sourceFile;
    lineOffset = c.value.lineOffset;
    label = stored.name;
  }
  const params = resolveParams(strategy.params, spec.params);
  if (!params.ok) return { ok: false, error: params.error };
  return { ok: true, value: { strategy, params: params.value, sourceFile, lineOffset, label } };
}
