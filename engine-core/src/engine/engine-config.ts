import type { FeeSchedule } from '../accounting';
import type { Asset, Instrument } from '../model';
import type { RiskLimits } from '../risk';

/** Everything that parameterises an engine; the same for a live run and its WAL replay. */
export interface EngineConfig {
  /** The currency equity is measured in (`USDT`). */
  readonly accountAsset: Asset;
  readonly instruments: readonly Instrument[];
  readonly fees: FeeSchedule;
  readonly risk: RiskLimits;
  /** Market and stop orders fill no worse than reference × (1 ± this); bounds their reservation. */
  readonly marketProtection: number;
  /**
   * Emit `account_reported` / `position_reported` after changes (default true). Protocol clients
   * need them; a backtest reads the state directly and skips building them.
   */
  readonly reportChanges?: boolean;
  /**
   * Keep finished orders in the state (default true). A backtest, whose ids are unique by
   * construction and which never queries old orders, drops them to keep its memory flat.
   */
  readonly keepFinishedOrders?: boolean;
  /**
   * Track the figures the risk rules read (default true). Only a run whose limits are all off
   * may turn it off: the kill switch and the order-rate rule would read stale numbers.
   */
  readonly trackRisk?: boolean;
}
