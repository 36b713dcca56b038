export { KNOWN_INSTRUMENTS } from './known-instruments';
export { parseInstruments } from './parse-instruments';
