export {
  type MonteCarloBenchOptions,
  type MonteCarloBenchResult,
  measureMonteCarloVar,
} from './bench-var';
export { BreakerGate, type BreakerGateOptions, type KillSwitchPort } from './breaker-gate';
export { cholesky } from './cholesky';
export {
  type BreakerConfig,
  type BreakerEvent,
  type BreakerState,
  breakerAdmits,
  breakerStep,
  initialBreaker,
  type TripReason,
  tripText,
} from './circuit-breaker';
export { type CrashWindow, type WorstWindowsOptions, worstWindows } from './crash-windows';
export { scaleLimits, type VolTargeting, volFactor } from './dynamic-limits';
export { type AssetExposure, exposureOf, netExposures, type PortfolioExposure } from './exposure';
export { type HistoricalVarEs, historicalVar } from './historical-var';
export {
  covarianceMatrix,
  linearPnlMoments,
  meanVector,
  type SeriesMoments,
  seriesMoments,
} from './moments';
export { type MonteCarloModel, type MonteCarloOptions, monteCarloVar } from './monte-carlo-var';
export { normalCdf, normalPdf, normalQuantile } from './normal';
export { NormalSampler } from './normal-sampler';
export { fitPnlModel, type PnlModel, parametricVar } from './parametric-var';
export { type PerpMarginState, perpMarginAt } from './perp-margin';
export {
  type PerpHolding,
  type PortfolioSnapshot,
  type SpotHolding,
  snapshotEquity,
  snapshotOf,
  type UnpricedHolding,
} from './portfolio-snapshot';
export { annualizeVol, RollingVolatility, type VolEstimate } from './realized-vol';
export { periods, portfolioPnl, type ReturnMatrix, simpleReturns } from './return-matrix';
export { type Scenario, type ScenarioPath, scenarioFromWindow } from './scenario';
export { type PerpReplay, type ReplayResult, replayScenario } from './scenario-replay';
export {
  type PerpStress,
  type PriceShocks,
  type StressResult,
  shockOf,
  stressTest,
  uniformShock,
} from './stress';
export { type VarEs, varEsInPlace, varEsOfSorted } from './tail-stats';
export type { VarOptions } from './var-options';
