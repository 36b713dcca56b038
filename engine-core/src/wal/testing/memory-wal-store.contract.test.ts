import { MemoryWalStore } from '../memory-wal-store';
import type { WalStore } from '../wal-store';
import { describeWalStoreContract } from './wal-store-contract';

describeWalStoreContract('MemoryWalStore', {
  create: () => new MemoryWalStore(),
  reopen: (store: WalStore) => (store as MemoryWalStore).reopen(),
});
