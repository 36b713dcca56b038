/** Why a strategy stopped: its own exception, located in its source. */
export interface StrategyFailure {
  readonly message: string;
  /** The strategy's source file as the stack names it, or null when no frame is found. */
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  /** Which callback threw (`onBar`, `onFill`, ...). */
  readonly callback: string;
  /** Bar index being processed, and its open time (ms). */
  readonly bar: number;
  readonly time: number;
}

/** Thrown by a context method when the strategy passes something unusable (NaN, a negative qty). */
export class StrategyInputError extends Error {
  override readonly name = 'StrategyInputError';
}

// "    at onBar (/x/my-strategy.ts:12:5)" or "    at /x/my-strategy.ts:12:5" or, for code
// compiled from text, "    at Object.onBar (my-strategy.ts:12:5)".
const FRAME = /\(?((?:[a-zA-Z]+:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/**
 * Turns what a strategy threw into a `StrategyFailure`. The location is the first stack frame in
 * `sourceFile` when given (the user's file), else the first frame outside engine code.
 */
export function describeStrategyError(
  thrown: unknown,
  where: {
    callback: string;
    bar: number;
    time: number;
    sourceFile?: string | null;
    /** Lines a loader put before `sourceFile`'s text (see `compileStrategy`). */
    lineOffset?: number;
  },
): StrategyFailure {
  const err = thrown instanceof Error ? thrown : null;
  const message = err ? `${err.name}: ${err.message}` : `threw ${String(thrown)}`;
  const frames = (err?.stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => FRAME.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1] as string, line: Number(m[2]), column: Number(m[3]) }));
  const hint = where.sourceFile ?? null;
  const frame =
    (hint !== null ? frames.find((f) => f.file === hint || f.file.endsWith(hint)) : undefined) ??
    frames.find((f) => !/[\\/]engine-core[\\/]|node:internal|node_modules/.test(f.file)) ??
    frames[0];
  const offset = hint !== null && frame?.file.endsWith(hint) ? (where.lineOffset ?? 0) : 0;
  return {
    message,
    file: frame?.file ?? null,
    line: frame === undefined ? null : frame.line - offset,
    column: frame?.column ?? null,
    callback: where.callback,
    bar: where.bar,
    time: where.time,
  };
}

/** One line: `file:line:column: message (in onBar at bar 12)`. */
export function formatStrategyFailure(f: StrategyFailure): string {
  const at =
    f.file === null ? '' : `${f.file}${f.line === null ? '' : `:${f.line}:${f.column ?? 0}`}: `;
  return `${at}${f.message} (in ${f.callback} at bar ${f.bar})`;
}
