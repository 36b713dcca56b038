// Execution algorithms (parent orders scheduling children through the engine) and the router.

export {
  type AlgoKind,
  type AlgoSpec,
  CHASE_DEFAULTS,
  type ChildOrder,
  checkAlgoSpec,
  checkChildOrder,
  type IcebergSpec,
  type LimitChild,
  type PovSpec,
  type TwapSpec,
  type VolumeProfile,
  type VwapSpec,
} from './algo-spec';
export { planTwap, planVwap, type SlicePlan } from './algos/slice-plan';
export { volumeProfile } from './algos/volume-profile';
export { type ChildFigures, childFigures } from './child-figures';
export { floorToStep, passiveLimitPrice, roundPriceToTick, sendableQty } from './child-sizing';
export { type ExecGateway, ExecScheduler, type ExecSchedulerOptions } from './exec-scheduler';
export {
  foldParentRecords,
  MemoryParentJournalStore,
  type ParentImage,
  ParentJournal,
  type ParentJournalStore,
  readParentJournal,
} from './parent-journal';
export {
  decodeParentRecord,
  encodeParentRecord,
  type NumberedParentRecord,
  PARENT_RECORD_TYPES,
  type ParentRecord,
} from './parent-record';
export {
  type ExecEvent,
  type FinalParentState,
  isFinalParentState,
  type ParentId,
  type ParentProgress,
  type ParentState,
  type ShortfallCause,
} from './parent-state';
export { allocateRoute, type RouteVenue } from './sor/allocate-route';
export type { RouteAllocation, RouteDecision } from './sor/route-decision';
export {
  type RoutedVenue,
  type RouteRequest,
  type RouteResult,
  SmartOrderRouter,
} from './sor/smart-order-router';
