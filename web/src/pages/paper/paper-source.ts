// The one place the Paper page gets the paper engine from: a store of the current `PaperView` and
// the `PaperCommands`. Everything else on the page goes through `paperSource`, so another source
// (testing/fake-paper.ts for a look at the page without the worker) is a one-line change here.
import type { PaperCommands, PaperView } from '../../paper/paper-api';
import { getPaperClient } from '../../paper/paper-client';
import type { ViewStore } from './view-slice';

/** The paper engine as the page sees it. */
export interface PaperSource {
  readonly store: ViewStore<PaperView>;
  readonly commands: PaperCommands;
}

const client = getPaperClient();

/** The paper engine of this tab (the leader's, or a follower's view of it). */
export const paperSource: PaperSource = { store: client.store, commands: client.commands };
