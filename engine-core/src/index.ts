// The engine-core package API: re-exports only.
export * from './accounting';
export * from './analyzer';
export * from './backtest';
export * from './clock';
export * from './engine';
export * from './exec';
export * from './indicators';
export * from './instruments';
export * from './live';
export * from './market';
export * from './model';
export * from './optimizer';
export * from './orders';
export * from './protocol';
export * from './risk';
export * from './session';
export * from './strategy';
// Not in strategy/index.ts: the compiler (Sucrase, acorn) stays out of bundles that only run
// built-ins; the browser loads it on demand.
export {
  type CompiledStrategy,
  compileStrategy,
  STRATEGY_SDK_MODULE,
} from './strategy/compile-strategy';
export * from './util';
export * from './venue';
export * from './wal';
