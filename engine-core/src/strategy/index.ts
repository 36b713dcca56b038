export { bollingerStrategy } from './builtin/bollinger';
export { grid } from './builtin/grid';
export { maCrossover } from './builtin/ma-crossover';
export { marketMaking } from './builtin/market-making';
export { meanReversion } from './builtin/mean-reversion';
export { momentum } from './builtin/momentum';
export { rsiStrategy } from './builtin/rsi';
export {
  type EntryPlan,
  planEntry,
  SEED_SIZING_PARAMS,
  type SeedSizing,
  seedSizing,
} from './builtin/seed-sizing';
export { smaCross } from './builtin/sma-cross';
export { trend } from './builtin/trend';
export { openOrderView } from './open-order-view';
export { type ParamSpec, type ParamValues, resolveParams } from './params';
export { findStrategy, STRATEGIES } from './registry';
export {
  defineStrategy,
  type Sizing,
  type Strategy,
  type StrategyBook,
  type StrategyContext,
  type StrategyFill,
  type StrategyInstance,
  type StrategyOpenOrder,
  type StrategyOrder,
  type StrategyOrderUpdate,
  type StrategyTrade,
} from './strategy';
export {
  describeStrategyError,
  formatStrategyFailure,
  type StrategyFailure,
  StrategyInputError,
} from './strategy-failure';
export { orderUpdateOf, strategyFillOf } from './strategy-notices';
export { checkStrategyOrder } from './strategy-order-check';
