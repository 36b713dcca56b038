import { assertNever } from '../../util';
import type { AlgoSpec, LimitChild, TwapSpec, VwapSpec } from '../algo-spec';
import type { Algo } from './algo';
import { IcebergAlgo } from './iceberg-algo';
import { PovAlgo } from './pov-algo';
import { ScheduledAlgo } from './scheduled-algo';
import { planTwap, planVwap } from './slice-plan';

/** The algorithm object for a (checked) spec. */
export function createAlgo(spec: AlgoSpec, retryMs: number): Algo {
  switch (spec.algo) {
    case 'twap':
      return new ScheduledAlgo(planTwap(spec), retryMs, limitChild(spec));
    case 'vwap':
      return new ScheduledAlgo(planVwap(spec), retryMs, limitChild(spec));
    case 'pov':
      return new PovAlgo(spec);
    case 'iceberg':
      return new IcebergAlgo(spec);
    default:
      return assertNever(spec);
  }
}

const limitChild = (s: TwapSpec | VwapSpec): LimitChild | null =>
  s.child?.type === 'limit' ? s.child : null;
