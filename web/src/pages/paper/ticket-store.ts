import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OrderType } from '../../../../engine-core/src/model';
import type { AlgoTexts } from './algo-validation';
import { BLANK_TICKET, type TicketTexts } from './ticket-validation';

/** The order ticket as typed (not remembered: a reload starts a blank ticket). */
export interface TicketState extends TicketTexts, AlgoTexts {
  set(patch: Partial<TicketTexts & AlgoTexts>): void;
  /** A price picked on the book: the ticket's limit price (its stop price for a STOP order). */
  pickPrice(price: string): void;
}

/** Which field a picked price goes to, and the type it leaves the ticket in. */
export function pickTarget(type: OrderType): { field: 'price' | 'stopPrice'; type: OrderType } {
  switch (type) {
    case 'MARKET':
      return { field: 'price', type: 'LIMIT' };
    case 'STOP':
      return { field: 'stopPrice', type: 'STOP' };
    default:
      return { field: 'price', type };
  }
}

/** The ticket's store. */
export const ticketStore = createStore<TicketState>()((set) => ({
  ...BLANK_TICKET,
  algo: 'none',
  durationMin: '60',
  slices: '6',
  participation: '10',
  maxChildQty: '',
  visibleQty: '',
  childType: 'market',
  offsetBps: '1',
  chase: false,
  childPostOnly: false,
  finishWithMarket: true,
  set: (patch) => set(patch),
  pickPrice: (price) =>
    set((s) => {
      const t = pickTarget(s.type);
      return t.field === 'price' ? { type: t.type, price } : { type: t.type, stopPrice: price };
    }),
}));

/** Reads the ticket store through a selector. */
export function useTicket<T>(selector: (s: TicketState) => T): T {
  return useStore(ticketStore, selector);
}
