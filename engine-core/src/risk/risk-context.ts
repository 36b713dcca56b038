import type { EngineState } from '../engine/engine-state';
import type { OrderRequest } from '../model';
import type { RiskLimits } from './risk-limits';

/** What a pre-trade rule sees. */
export interface RiskContext {
  readonly request: OrderRequest;
  /** Price used for notional checks: limit, stop, or the last price for market orders. */
  readonly refPrice: number;
  readonly state: EngineState;
  readonly limits: RiskLimits;
  readonly now: number;
}

/** A pre-trade rule: null when the order passes, else the reason naming the rule and numbers. */
export type RiskRule = (ctx: RiskContext) => string | null;
