export {
  LineSession,
  type LineSessionOptions,
  type SessionBatch,
  type SessionOutput,
} from './line-session';
