import { assertNever } from '../../util';
import type { AlgoSpec } from '../algo-spec';
import type { Algo } from './algo';
import { IcebergAlgo } from './iceberg-algo';
import { PovAlgo } from './pov-algo';
import { ScheduledAlgo } from './scheduled-algo';
import { planTwap, planVwap } from './slice-plan';

/** The algorithm object for a (checked) spec. */
export function createAlgo(spec: AlgoSpec, retryMs: number): Algo {
  switch (spec.algo) {
    case 'twap':
      return new ScheduledAlgo(planTwap(spec), retryMs);
    case 'vwap':
      return new ScheduledAlgo(planVwap(spec), retryMs);
    case 'pov':
      return new PovAlgo(spec);
    case 'iceberg':
      return new IcebergAlgo(spec);
    default:
      return assertNever(spec);
  }
}
