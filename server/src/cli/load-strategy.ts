import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compileStrategy, findStrategy, type Strategy } from '../../../engine-core/src';
import { CliError, type ParsedArgs, single } from './cli-args';

/** The strategy a CLI run uses, and what locates its errors (user files only). */
export interface LoadedStrategy {
  readonly strategy: Strategy;
  readonly sourceFile: string | null;
  readonly lineOffset: number;
  /** A user file's text (workers compile their own copy), or null for a built-in. */
  readonly source: { readonly source: string; readonly fileName: string } | null;
}

/**
 * `--strategy NAME` (a built-in) or `--strategy-file PATH` (.ts or .js, compiled the way the
 * browser compiles the editor's text). Exactly one of the two; errors are one-line CliErrors.
 */
export function loadStrategy(args: ParsedArgs): LoadedStrategy {
  const name = single(args, '--strategy');
  const file = single(args, '--strategy-file');
  if (name !== undefined && file !== undefined)
    throw new CliError('give --strategy NAME or --strategy-file PATH, not both');
  if (file !== undefined) {
    if (!/\.(ts|js|mjs)$/.test(file))
      throw new CliError(`--strategy-file ${file}: want a .ts or .js file`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliError(
        `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    const compiled = compileStrategy(text, basename(file));
    if (!compiled.ok) throw new CliError(compiled.error);
    return { ...compiled.value, source: { source: text, fileName: basename(file) } };
  }
  if (name === undefined) throw new CliError('--strategy NAME or --strategy-file PATH is required');
  const found = findStrategy(name);
  if (!found.ok) throw new CliError(found.error);
  return { strategy: found.value, sourceFile: null, lineOffset: 0, source: null };
}
