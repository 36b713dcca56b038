export { type FeeSchedule, feeFor, feeRateBound, maxFeeRate } from './fees';
export { reservationFor, worstFillPrice } from './reservation';
