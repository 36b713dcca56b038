/** The engine stdio protocol (DESIGN §8): command parsing and event encoding. The wire names live here only. */
export { encodeEvent, type OrderLookup, writeEvent } from './encode-event';
export {
  encodeError,
  encodeReceived,
  MAX_ERROR_INPUT,
  writeError,
  writeReceived,
} from './encode-input';
export { encodeWire, exactNs, nsDigits, type RawJson } from './encode-wire';
export { formatCommand } from './format-command';
export { MAX_LINE_BYTES, parseCommand } from './parse-command';
export { WireWriter } from './wire-writer';
