// The circuit breaker in words for the Live page: its state, how long until it probes, its limits.
import { fmt } from '../../../../engine-core/src/util';
import type { LiveBreaker } from '../../live';

/** The state as a heading word. */
export function breakerStateText(state: LiveBreaker['state']): string {
  switch (state) {
    case 'closed':
      return 'Closed';
    case 'open':
      return 'Open';
    case 'half_open':
      return 'Half-open';
  }
}

/** A duration in whole units: `4 min 05 s`, `12 s`, `1 h 30 min`; `now` at or below zero. */
export function durationText(ms: number): string {
  if (ms <= 0) return 'now';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(min / 60);
  return `${h} h${min % 60 === 0 ? '' : ` ${min % 60} min`}`;
}

/** The trips and the cool-down, one phrase each; a limit set `off` says so. */
export function limitsText(l: LiveBreaker['limits']): string[] {
  const errors =
    l.maxErrorRate === null
      ? 'error rate: off'
      : `error rate: trips above ${fmt(l.maxErrorRate * 100)} % of at least ${l.minOrders} orders in ${durationText(l.errorWindowMs)}`;
  const loss =
    l.maxLoss === null
      ? 'loss: off'
      : `loss: trips when realized loss net of fees exceeds ${fmt(l.maxLoss)} (quote) in ${durationText(l.lossWindowMs)}`;
  const probe = `probing: after ${durationText(l.coolDownMs)}, ${l.probeOrders} probe order${l.probeOrders === 1 ? '' : 's'}`;
  return [errors, loss, probe];
}
