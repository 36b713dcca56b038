export { assert, assertNever, InvariantError } from './assert';
export { fmt, pct } from './format';
export { err, ok, type Result } from './result';
export { mulberry32, type Rng, randomIndex } from './rng';
