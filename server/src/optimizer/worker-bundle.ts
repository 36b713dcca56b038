import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The worker's entry point, relative to the repository root. */
export const WORKER_ENTRY = 'server/src/optimizer/worker-entry.ts';
/** The bundle that the pool's workers run under plain node. */
export const WORKER_BUNDLE = join(ROOT, '.veloz', 'optimizer-worker.mjs');
const META = join(ROOT, '.veloz', 'optimizer-worker.meta.json');

/** True when the bundle exists and no source it was built from changed since. */
function isFresh(): boolean {
  let meta: { startedMs: number; inputs: string[] };
  try {
    meta = JSON.parse(readFileSync(META, 'utf8')) as typeof meta;
    statSync(WORKER_BUNDLE);
  } catch {
    return false;
  }
  for (const file of [...meta.inputs, 'server/src/optimizer/worker-bundle.ts']) {
    try {
      if (statSync(join(ROOT, file)).mtimeMs > meta.startedMs) return false;
    } catch {
      return false; // a source was removed or renamed
    }
  }
  return true;
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Builds `.veloz/optimizer-worker.mjs` from worker-entry.ts (esbuild, one ES module, ~50 ms)
 * unless it is newer than every source it was built from. Plain node runs the bundle: under the
 * tsx loader every worker would compile engine-core on start, and barrel re-exports become
 * getters on the hot path (scripts/build-engine.mjs does the same for the stdio engine).
 * Written atomically, so concurrent builds (parallel test files) never expose half a file.
 */
export function ensureWorkerBundle(force = false): string {
  if (!force && isFresh()) return WORKER_BUNDLE;
  const startedMs = Date.now();
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'warning',
    banner: {
      js: `// Built by server/src/optimizer/worker-bundle.ts from ${WORKER_ENTRY}: do not edit.`,
    },
  });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error('esbuild produced no optimizer worker bundle');
  mkdirSync(dirname(WORKER_BUNDLE), { recursive: true });
  writeAtomic(WORKER_BUNDLE, out.contents);
  writeAtomic(META, JSON.stringify({ startedMs, inputs: Object.keys(result.metafile.inputs) }));
  return WORKER_BUNDLE;
}
