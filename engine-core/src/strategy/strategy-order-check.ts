import type { StrategyOrder } from './strategy';
import { StrategyInputError } from './strategy-failure';

const positive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Rejects an order no exchange would take (NaN or negative prices and sizes, a fraction outside
 * (0, 1], an unknown type) with a `StrategyInputError` naming the field: thrown inside the
 * strategy's call, so the failure points at the strategy's line.
 */
export function checkStrategyOrder(order: StrategyOrder): void {
  const o = order as Partial<Record<string, unknown>> & StrategyOrder;
  if (o.side !== 'BUY' && o.side !== 'SELL')
    throw new StrategyInputError(`submit: side must be BUY or SELL, got ${String(o.side)}`);
  const size = o.size as Partial<Record<string, unknown>> | undefined;
  if (size === undefined || size === null || typeof size !== 'object')
    throw new StrategyInputError('submit: size must be { qty } or { fraction }');
  if ('qty' in size) {
    if (!positive(size.qty))
      throw new StrategyInputError(
        `submit: size.qty must be a number > 0, got ${String(size.qty)}`,
      );
  } else if ('fraction' in size) {
    const f = size.fraction;
    if (!positive(f) || (f as number) > 1)
      throw new StrategyInputError(`submit: size.fraction must be in (0, 1], got ${String(f)}`);
  } else throw new StrategyInputError('submit: size must be { qty } or { fraction }');
  switch (o.type) {
    case 'MARKET':
      return;
    case 'LIMIT':
      if (!positive(o.price))
        throw new StrategyInputError(
          `submit: LIMIT price must be a number > 0, got ${String(o.price)}`,
        );
      return;
    case 'STOP':
      if (!positive(o.stopPrice))
        throw new StrategyInputError(
          `submit: STOP stopPrice must be a number > 0, got ${String(o.stopPrice)}`,
        );
      return;
    case 'STOP_LIMIT':
      if (!positive(o.stopPrice) || !positive(o.price))
        throw new StrategyInputError(
          `submit: STOP_LIMIT needs stopPrice and price > 0, got ${String(o.stopPrice)} and ${String(o.price)}`,
        );
      return;
    default:
      throw new StrategyInputError(
        `submit: unknown order type ${String((o as { type: unknown }).type)}`,
      );
  }
}
