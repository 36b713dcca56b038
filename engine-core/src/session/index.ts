export { LineSession, type SessionBatch } from './line-session';
