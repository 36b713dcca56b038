import type { ClientOrderId, SymbolId, TimestampMs } from './ids';
import type { Liquidity, OrderRequest } from './order';

/** Execution report statuses a live venue can send (the `EXEC` command). */
export type ExecStatus =
  | 'ACCEPTED'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCELLED'
  | 'REJECTED'
  | 'EXPIRED';

/** What a query asks for. */
export type QueryTarget =
  | { readonly what: 'orders' }
  | { readonly what: 'order'; readonly clientOrderId: ClientOrderId }
  | { readonly what: 'account' }
  | { readonly what: 'positions' };

/** Commands into the engine: imperative, plain data, one union. */
export type EngineCommand =
  | { readonly type: 'submit_order'; readonly request: OrderRequest }
  | { readonly type: 'cancel_order'; readonly clientOrderId: ClientOrderId }
  | ({ readonly type: 'query' } & QueryTarget)
  | {
      readonly type: 'market_tick';
      readonly symbol: SymbolId;
      readonly price: number;
      /** Optional event time; the engine clock is used when absent. */
      readonly ts: TimestampMs | null;
    }
  | {
      readonly type: 'execution_report';
      readonly clientOrderId: ClientOrderId;
      readonly status: ExecStatus;
      readonly fillQty: number | null;
      readonly fillPrice: number | null;
      readonly fee: number | null;
      readonly feeAsset: string | null;
      readonly venueOrderId: string | null;
      readonly reason: string | null;
      readonly liquidity: Liquidity | null;
    };

/** The `type` tags of commands. */
export type EngineCommandType = EngineCommand['type'];
