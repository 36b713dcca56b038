export { Sma } from './sma';
