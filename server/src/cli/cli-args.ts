/** A parsed command line: repeated flags keep every value, in order. */
export interface ParsedArgs {
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly switches: ReadonlySet<string>;
}

/**
 * Parses `--flag value` and `--switch` arguments against what a command accepts. Anything else
 * is an error naming the argument.
 */
export function parseArgs(
  argv: readonly string[],
  valueFlags: readonly string[],
  switchFlags: readonly string[] = [],
): { ok: true; value: ParsedArgs } | { ok: false; error: string } {
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (switchFlags.includes(flag)) {
      switches.add(flag);
      continue;
    }
    if (!valueFlags.includes(flag)) return { ok: false, error: `unknown argument "${a}"` };
    const v = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined || (v.startsWith('--') && v.length > 2))
      return { ok: false, error: `${flag} needs a value` };
    const list = values.get(flag) ?? [];
    list.push(v);
    values.set(flag, list);
  }
  return { ok: true, value: { values, switches } };
}

/** The single value of a flag, or the fallback; an error when given twice. */
export function single(args: ParsedArgs, flag: string): string | undefined {
  const v = args.values.get(flag);
  if (v === undefined) return undefined;
  if (v.length > 1) throw new CliError(`${flag} given ${v.length} times`);
  return v[0];
}

/** A number flag within bounds. */
export function numberFlag(
  args: ParsedArgs,
  flag: string,
  fallback: number,
  min = 0,
  max = Number.POSITIVE_INFINITY,
): number {
  const v = single(args, flag);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new CliError(`${flag}: "${v}" is not a number`);
  if (n < min || n > max) throw new CliError(`${flag}: ${n} is outside [${min}, ${max}]`);
  return n;
}

/** A bad argument or bad data: exit 2 with its message as the one line. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** Runs a CLI main: CliError → one line on stderr and exit 2; anything else → exit 1. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      if (e instanceof CliError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exit(2);
      }
      process.stderr.write(
        `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exit(1);
    },
  );
}

/** The backtest costs of `--initial-cash`, `--fee-bps`, `--maker-fee-bps` (default: the taker fee) and `--slippage-bps` (DESIGN §7 defaults). */
export function costFlags(
  args: ParsedArgs,
  defaults: { initialCash: number; feeBps: number; slippageBps: number },
): { initialCash: number; feeBps: number; makerFeeBps: number; slippageBps: number } {
  const feeBps = numberFlag(args, '--fee-bps', defaults.feeBps, 0, 10_000);
  return {
    initialCash: numberFlag(args, '--initial-cash', defaults.initialCash, Number.MIN_VALUE),
    feeBps,
    makerFeeBps: numberFlag(args, '--maker-fee-bps', feeBps, 0, 10_000),
    slippageBps: numberFlag(args, '--slippage-bps', defaults.slippageBps, 0, 10_000),
  };
}
