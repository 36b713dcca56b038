export type { Clock } from './clock';
export { VirtualClock } from './virtual-clock';
