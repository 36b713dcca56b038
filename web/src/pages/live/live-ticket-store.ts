import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { BLANK_TICKET, type TicketTexts } from '../paper/ticket-validation';

/** The live ticket as typed: apart from the paper one, so nothing typed there is sent live. */
export interface LiveTicketState extends TicketTexts {
  /** The symbol picked; null until the server's symbols are known. */
  readonly symbol: string | null;
  set(patch: Partial<TicketTexts & { symbol: string }>): void;
}

/** The live ticket's store (not remembered: a reload starts a blank ticket). */
export const liveTicketStore = createStore<LiveTicketState>()((set) => ({
  symbol: null,
  ...BLANK_TICKET,
  set: (patch) => set(patch),
}));

export function useLiveTicket<T>(selector: (s: LiveTicketState) => T): T {
  return useStore(liveTicketStore, selector);
}
