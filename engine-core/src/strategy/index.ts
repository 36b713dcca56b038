export { smaCross } from './builtin/sma-cross';
export { type ParamSpec, type ParamValues, resolveParams } from './params';
export { findStrategy, STRATEGIES } from './registry';
export type {
  Sizing,
  Strategy,
  StrategyContext,
  StrategyInstance,
  StrategyOrder,
} from './strategy';
