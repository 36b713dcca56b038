import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  ENGINE_BUNDLE,
  ENGINE_NODE_FLAGS,
  ensureEngineBundle,
} from '../../../scripts/build-engine.mjs';

const NEWLINE = 0x0a;

/** Result of one stdio run. */
export interface ThroughputResult {
  readonly commands: number;
  readonly seconds: number;
  readonly outputLines: number;
  readonly wal: boolean;
}

/** The engine options the benchmark runs with (no rate or open-order limits: it measures the engine). */
export const STDIO_ARGS = [
  '--stdio',
  '--balances',
  'USDT=1000000000',
  '--risk',
  'order_rate=off,max_open_orders=off',
];

/**
 * The engine command line as printed with the figures: the esbuild bundle of `stdio-main.ts`
 * under plain node, as `npm run engine` runs it (scripts/build-engine.mjs).
 */
export function engineCommand(withWal: boolean): string {
  const bundle = relative(process.cwd(), ENGINE_BUNDLE);
  return [
    'node',
    ...ENGINE_NODE_FLAGS,
    bundle,
    ...STDIO_ARGS,
    ...(withWal ? ['--wal', 'FILE'] : []),
  ].join(' ');
}

/** 100 000 lines: ORDER then CANCEL of the same id, resting limits near the last price. */
export function orderCancelLines(commands: number, idPrefix = 'c', withTick = true): string {
  const out: string[] = withTick ? ['MARKET BTCUSDT 50000'] : [];
  const base = out.length;
  for (let i = 0; out.length - base < commands; i++) {
    out.push(`ORDER BUY BTCUSDT 0.01 ${49_000 + (i % 100)} ${idPrefix}${i}`);
    out.push(`CANCEL ${idPrefix}${i}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Pipes `commands` ORDER/CANCEL lines into `engine --stdio` and times from the first byte written
 * (after `engine_started`) to the end of its output (stdin EOF → engine_stopped). The engine is
 * the bundle (rebuilt first when its sources changed), run by plain node.
 */
export async function benchStdioThroughput(
  commands: number,
  withWal: boolean,
  warmupCommands = 0,
): Promise<ThroughputResult> {
  ensureEngineBundle();
  // With a warm-up, the same process first handles `warmupCommands` other ORDER/CANCEL lines
  // (the JIT compiles the hot path), and the clock starts once their output is all out.
  const warmup = warmupCommands > 0 ? orderCancelLines(warmupCommands, 'w') : '';
  const input = orderCancelLines(commands, 'c', warmupCommands === 0);
  // engine_started + account, the MARKET line's event, then 4 lines per ORDER and 3 per CANCEL.
  const warmupLines = 2 + 1 + (warmupCommands / 2) * 7;
  let warmed: () => void = () => {};
  const warm = new Promise<void>((r) => {
    warmed = r;
  });
  const dir = mkdtempSync(join(tmpdir(), 'veloz-bench-'));
  const args = withWal ? [...STDIO_ARGS, '--wal', join(dir, 'engine.wal')] : STDIO_ARGS;
  const child = spawn(process.execPath, [...ENGINE_NODE_FLAGS, ENGINE_BUNDLE, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let lines = 0;
  let started: () => void = () => {};
  const ready = new Promise<void>((r) => {
    started = r;
  });
  let t0 = 0n;
  let first = true;
  // Lines are counted in the raw bytes: decoding 50 MB of output to strings would only take CPU
  // away from the engine on a small machine.
  child.stdout.on('data', (chunk: Buffer) => {
    if (first) {
      first = false;
      started();
    }
    for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
    if (warmupCommands > 0 && lines >= warmupLines) warmed();
  });
  const exited = new Promise<number>((r) => child.on('exit', (code) => r(code ?? -1)));
  await ready;
  if (warmupCommands > 0) {
    child.stdin.write(warmup);
    await warm;
  }
  t0 = process.hrtime.bigint();
  child.stdin.end(input);
  const code = await exited;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`engine exited with ${code}`);
  return {
    commands,
    seconds,
    outputLines: warmupCommands > 0 ? lines - warmupLines : lines,
    wal: withWal,
  };
}
