import type { OrderType, TimeInForce } from '../../../../engine-core/src/model';

// The order ticket's choices, shared by the Paper and Live tickets.

export const ORDER_TYPE_CHOICES: readonly { value: OrderType; label: string }[] = [
  { value: 'MARKET', label: 'Market' },
  { value: 'LIMIT', label: 'Limit' },
  { value: 'STOP', label: 'Stop' },
  { value: 'STOP_LIMIT', label: 'Stop-limit' },
];

export const TIF_CHOICES: readonly { value: TimeInForce; label: string }[] = [
  { value: 'GTC', label: 'GTC: good till cancelled' },
  { value: 'IOC', label: 'IOC: immediate or cancel' },
  { value: 'FOK', label: 'FOK: fill or kill' },
];
