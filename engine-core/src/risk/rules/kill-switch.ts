import type { RiskRule } from '../risk-context';

/** Rejects every new order once the kill switch has tripped. */
export const killSwitch: RiskRule = ({ state }) =>
  state.risk.killSwitch === null ? null : `kill_switch: tripped (${state.risk.killSwitch})`;
