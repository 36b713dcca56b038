export * from './analytics';
export { killSwitchBreach } from './kill-switch-check';
export type { RiskContext, RiskRule } from './risk-context';
export { checkPreTrade, PRE_TRADE_RULES } from './risk-engine';
export {
  allRiskRulesOff,
  DEFAULT_RISK_LIMITS,
  NO_RISK_LIMITS,
  preTradeRulesOff,
  type RiskLimits,
} from './risk-limits';
