// The user's own strategies, kept in IndexedDB (database `veloz-strategies`), and the template
// a new one starts from.
export {
  checkName,
  closeStrategyDb,
  createStrategy,
  deleteStrategy,
  fileNameOf,
  getStrategy,
  listStrategies,
  renameStrategy,
  STRATEGY_DB,
  type StoredStrategy,
  type StoreError,
  type StoreResult,
  saveStrategySource,
  uniqueName,
} from './strategy-store';
export { STRATEGY_TEMPLATE, TEMPLATE_NAME } from './strategy-template';
