import type { BacktestConfig } from '../backtest';
import { type Candles, sliceCandles } from '../market';

import { assertNever } from '../util/assert';
import { evaluateParams } from './evaluate-params';
import { type ResolvedStrategy, resolveOptimizerStrategy } from './resolve-strategy';
import { candlesFromMessage } from './shared-candles';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/**
 * The worker side of the pool, platform-free: feed it every message the worker receives; it
 * answers through `reply`. A Node `worker_threads` entry and a browser worker entry are each a
 * few lines of wiring around it.
 */
export function createWorkerHandler(
  reply: (message: WorkerReply) => void,
): (m: WorkerRequest) => void {
  let data: { candles: Candles; resolved: ResolvedStrategy; config: BacktestConfig } | null = null;
  let loadError = 'no data loaded';
  return (m) => {
    switch (m.type) {
      case 'load': {
        const s = resolveOptimizerStrategy(m.strategy);
        if (s.ok)
          data = { candles: candlesFromMessage(m.candles), resolved: s.value, config: m.config };
        else {
          data = null;
          loadError = s.error;
        }
        return;
      }
      case 'evaluate': {
        const d = data;
        if (d === null) {
          reply({ type: 'failed', batch: m.batch, message: loadError });
          return;
        }
        try {
          const bars = sliceCandles(d.candles, m.from, m.to);
          const { strategy, ...source } = d.resolved;
          const summaries = m.params.map((p) =>
            evaluateParams(bars, strategy, p, d.config, source),
          );
          reply({ type: 'evaluated', batch: m.batch, summaries });
        } catch (e) {
          reply({
            type: 'failed',
            batch: m.batch,
            message: e instanceof Error ? e.message : String(e),
          });
        }
        return;
      }
      default:
        assertNever(m);
    }
  };
}
