export { isMultipleOf, validateOrder } from './order-validation';
