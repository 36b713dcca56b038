export { LineSession, type SessionBatch, type SessionOutput } from './line-session';
