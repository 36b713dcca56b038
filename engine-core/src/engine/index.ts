export { applyEvent, nextPosition, QTY_EPSILON } from './apply-event';
export { Engine } from './engine';
export type { EngineConfig } from './engine-config';
export { assetPrice, createState, type EngineState, equity, type RiskState } from './engine-state';
export { driveFromFeed } from './feed-driver';
