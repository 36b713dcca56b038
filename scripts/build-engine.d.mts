// Types of scripts/build-engine.mjs, for the TypeScript callers (the stdio benchmark).

/** The engine's entry point, relative to the repository root. */
export declare const ENGINE_ENTRY: string;
/** The bundle that `node` runs (absolute path). */
export declare const ENGINE_BUNDLE: string;
/** Node flags the engine runs with. */
export declare const ENGINE_NODE_FLAGS: readonly string[];
/** Builds the bundle unless it is fresh (or always, with `force`); true when it built. */
export declare function ensureEngineBundle(force?: boolean): boolean;
