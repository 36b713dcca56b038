// The engine-core package API: re-exports only.
export * from './accounting';
export * from './analyzer';
export * from './backtest';
export * from './clock';
export * from './engine';
export * from './indicators';
export * from './instruments';
export * from './market';
export * from './model';
export * from './orders';
export * from './protocol';
export * from './risk';
export * from './session';
export * from './strategy';
export * from './util';
export * from './venue';
export * from './wal';
