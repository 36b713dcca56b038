export { type FeeSchedule, feeFor, maxFeeRate } from './fees';
export { reservationFor, worstFillPrice } from './reservation';
