export { KILL_SWITCH_REASON, LiveRouter, type LiveRouterOptions } from './live-router';
export { UNREACHABLE } from './resolve-from-venue';
export type {
  BalanceDifference,
  KillSwitchState,
  RouterEvent,
  RouterWarningCode,
} from './router-events';
