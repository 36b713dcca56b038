// The engine-core package API: re-exports only.
export * from './accounting';
export * from './clock';
export * from './engine';
export * from './instruments';
export * from './model';
export * from './orders';
export * from './protocol';
export * from './risk';
export * from './session';
export * from './util';
export * from './venue';
export * from './wal';
