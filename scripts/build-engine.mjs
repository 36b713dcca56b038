#!/usr/bin/env node
// Builds the stdio engine (server/src/engine-process/stdio-main.ts) into one ES module,
// .veloz/engine.mjs, that plain `node` runs without the tsx loader: tsx compiles every module on
// start and turns barrel re-exports into getters, which costs the hot path about half its speed.
// The build is skipped while the bundle is newer than every source it was built from (esbuild's
// metafile lists them), so calling this before each run is cheap.
//
//   node scripts/build-engine.mjs            build if stale (`npm run engine` does this first)
//   node scripts/build-engine.mjs --force    always build
//
// Run the bundle as `node ${ENGINE_NODE_FLAGS} .veloz/engine.mjs --stdio ...`; `npm run engine`
// and `npm run bench -- stdio` do. Dependencies (zod) are bundled too: the file runs on its own,
// and starts ~40 ms sooner than when node resolves and loads zod's modules one by one.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);

/** The engine's entry point, relative to the repository root. */
export const ENGINE_ENTRY = 'server/src/engine-process/stdio-main.ts';
/** The bundle that `node` runs. */
export const ENGINE_BUNDLE = join(root, '.veloz', 'engine.mjs');
const META = join(root, '.veloz', 'engine.meta.json');

/**
 * Node flags the engine runs with. A young generation of up to 64 MiB (default 16) lets a whole
 * input batch's short-lived objects die young instead of being copied and promoted. It took the
 * old string-building engine from ~50 000 to ~74 000 commands/s; since output is written as
 * bytes (protocol/wire-writer.ts) the gain is within run-to-run noise, and the price is fewer but
 * longer scavenges (5-20 ms) and ~30 MiB more RSS. Keep in step with the `engine` script in
 * package.json.
 */
export const ENGINE_NODE_FLAGS = ['--max-semi-space-size=64'];

/** True when the bundle exists and no source it was built from changed since. */
function isFresh() {
  let meta;
  try {
    meta = JSON.parse(readFileSync(META, 'utf8'));
    statSync(ENGINE_BUNDLE);
  } catch {
    return false;
  }
  for (const file of [...meta.inputs, relative(root, self)]) {
    try {
      if (statSync(join(root, file)).mtimeMs > meta.startedMs) return false;
    } catch {
      return false; // a source was removed or renamed
    }
  }
  return true;
}

/** Writes `text` to `file` atomically, so a concurrent run never sees half a bundle. */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Builds the bundle unless it is fresh (or always, with `force`). Returns true when it built.
 * Synchronous (esbuild's `buildSync`, ~50 ms), so callers can use it just before a spawn.
 */
export function ensureEngineBundle(force = false) {
  if (!force && isFresh()) return false;
  const startedMs = Date.now();
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: [ENGINE_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: ENGINE_BUNDLE,
    write: false,
    metafile: true,
    logLevel: 'warning',
    banner: { js: `// Built by scripts/build-engine.mjs from ${ENGINE_ENTRY}: do not edit.` },
  });
  mkdirSync(dirname(ENGINE_BUNDLE), { recursive: true });
  const [bundle] = result.outputFiles;
  writeAtomic(ENGINE_BUNDLE, bundle.contents);
  const inputs = Object.keys(result.metafile.inputs);
  writeAtomic(META, JSON.stringify({ startedMs, inputs }));
  return true;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = ensureEngineBundle(process.argv.includes('--force'));
  if (built) process.stderr.write(`engine: built ${relative(process.cwd(), ENGINE_BUNDLE)}\n`);
}
