import { parse } from 'acorn';
import { transform } from 'sucrase';
import { z } from 'zod';
import * as indicators from '../indicators';
import { err, ok, type Result } from '../util';
import type { Strategy } from './strategy';
import { defineStrategy } from './strategy';

/** What a user strategy may import: `import { defineStrategy, Ema } from 'veloz'`. */
export const STRATEGY_SDK_MODULE = 'veloz';

/** The SDK a user strategy sees: the indicators and `defineStrategy` (types are erased). */
const SDK: Readonly<Record<string, unknown>> = Object.freeze({ ...indicators, defineStrategy });

/** A user strategy ready to run, with what locates its errors in its own text. */
export interface CompiledStrategy {
  readonly strategy: Strategy;
  /** The name its frames carry in stack traces (`//# sourceURL`). */
  readonly sourceFile: string;
  /** Lines the loader adds before the source; subtract from a frame's line. */
  readonly lineOffset: number;
}

const paramSpecSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a param name is an identifier'),
    type: z.enum(['int', 'float', 'bool']),
    default: z.union([z.number(), z.boolean()]),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().positive().optional(),
    description: z.string().default(''),
  })
  .refine((p) => (p.type === 'bool') === (typeof p.default === 'boolean'), {
    message: 'default must be a boolean exactly when type is bool',
  });

const strategySchema = z.object({
  name: z.string().min(1, 'name must not be empty'),
  description: z.string().default(''),
  params: z.array(paramSpecSchema).default([]),
  create: z.custom<Strategy['create']>((v) => typeof v === 'function', 'create must be a function'),
});

/**
 * Compiles a strategy written in TypeScript or JavaScript (an ES module) and returns the
 * `Strategy` it exports (`export default`, or an export named `strategy`). The same path runs in
 * the browser (the editor) and in Node (`--strategy-file`). Sucrase strips types and turns the
 * imports into `require` calls, keeping line numbers, so a failure points at the user's line.
 * Only the SDK module can be imported. Errors come back as one line: `file:line:col: reason`.
 */
export function compileStrategy(
  source: string,
  fileName: string,
): Result<CompiledStrategy, string> {
  let code: string;
  try {
    code = transform(source, {
      transforms:
        fileName.endsWith('.js') || fileName.endsWith('.mjs')
          ? ['imports']
          : ['typescript', 'imports'],
      filePath: fileName,
      production: true,
    }).code;
  } catch (e) {
    return err(`${fileName}:${syntaxMessage(e)}`);
  }
  // Sucrase only strips types; acorn checks the rest (with the same line numbers), so a syntax
  // error has a position: `new Function` would only say "Unexpected token".
  try {
    parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: false });
  } catch (e) {
    return err(`${fileName}:${syntaxMessage(e)}`);
  }
  const exportsObj: Record<string, unknown> = {};
  const module = { exports: exportsObj };
  const require = (name: string): unknown => {
    if (name === STRATEGY_SDK_MODULE) return SDK;
    throw new Error(`cannot import "${name}": strategies can import only "${STRATEGY_SDK_MODULE}"`);
  };
  let run: (exports: unknown, require: unknown, module: unknown) => void;
  try {
    run = new Function(
      'exports',
      'require',
      'module',
      `${code}\n//# sourceURL=${fileName}`,
    ) as typeof run;
  } catch (e) {
    return err(`${fileName}: ${syntaxMessage(e)}`);
  }
  try {
    run(exportsObj, require, module);
  } catch (e) {
    const where = locate(e, fileName);
    return err(`${fileName}${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const exported = module.exports as Record<string, unknown>;
  const candidate = exported.default ?? exported.strategy;
  if (candidate === undefined)
    return err(
      `${fileName}: export the strategy as \`export default\` or \`export const strategy\``,
    );
  const parsed = strategySchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return err(`${fileName}: invalid strategy: ${path}${issue?.message ?? 'invalid'}`);
  }
  const s = candidate as Strategy;
  const strategy: Strategy = {
    name: parsed.data.name,
    description: parsed.data.description,
    params: parsed.data.params,
    create: (params) => s.create(params),
  };
  return ok({ strategy, sourceFile: fileName, lineOffset: FUNCTION_HEADER_LINES });
}

/** Lines `new Function` puts before the body, measured once on this engine (V8: 2). */
const FUNCTION_HEADER_LINES: number = (() => {
  try {
    new Function(
      'exports',
      'require',
      'module',
      'throw new Error("probe")\n//# sourceURL=veloz-probe.js',
    )();
  } catch (e) {
    const m = /veloz-probe\.js:(\d+)/.exec(e instanceof Error ? (e.stack ?? '') : '');
    if (m) return Number(m[1]) - 1;
  }
  return 0;
})();

function locate(e: unknown, fileName: string): string {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const esc = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${esc}:(\\d+):(\\d+)`).exec(stack);
  return m ? `:${Number(m[1]) - FUNCTION_HEADER_LINES}:${m[2]}` : '';
}

/** Sucrase reports `Error transforming f.ts: Unexpected token (3:7)`: made `3:8: Unexpected token`. */
function syntaxMessage(e: unknown): string {
  const msg = (e instanceof Error ? e.message : String(e)).replace(
    /^Error transforming [^:]*: /,
    '',
  );
  const m = /^(.*?)\s*\((\d+):(\d+)\)\s*$/.exec(msg);
  return m ? `${m[2]}:${Number(m[3]) + 1}: ${m[1]}` : ` ${msg}`;
}
