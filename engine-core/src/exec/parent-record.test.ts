import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { symbolId } from '../model';
import { crc32Hex } from '../util/crc32';
import { frameLine } from '../wal/record-codec';
import {
  decodeParentRecord,
  encodeParentRecord,
  PARENT_RECORD_TYPES,
  type ParentRecord,
} from './parent-record';
import type { ParentId } from './parent-state';

const BTC = symbolId('BTCUSDT');
const id = 'algo-1' as ParentId;
const ts = 1_700_000_000_000;

/** One record of every type, and every algo. */
const SAMPLES: ParentRecord[] = [
  {
    type: 'parent_created',
    ts,
    parentId: id,
    spec: {
      algo: 'twap',
      symbol: BTC,
      side: 'BUY',
      qty: 0.5,
      startTs: ts,
      durationMs: 600_000,
      slices: 10,
      timeJitter: 0.5,
      sizeJitter: 0.25,
      seed: 7,
    },
  },
  {
    type: 'parent_created',
    ts,
    parentId: 'algo-2' as ParentId,
    spec: {
      algo: 'vwap',
      symbol: BTC,
      side: 'SELL',
      qty: 1,
      startTs: ts,
      endTs: ts + 3_600_000,
      profile: { bucketMs: 43_200_000, periodMs: 86_400_000, shares: [0.25, 0.75] },
    },
  },
  {
    type: 'parent_created',
    ts,
    parentId: 'algo-3' as ParentId,
    spec: {
      algo: 'pov',
      symbol: BTC,
      side: 'BUY',
      qty: 2,
      participation: 0.1,
      tolerance: 0.2,
      minChildQty: 0.001,
      maxChildQty: 0.1,
      endTs: null,
    },
  },
  {
    type: 'parent_created',
    ts,
    parentId: 'algo-4' as ParentId,
    spec: { algo: 'iceberg', symbol: BTC, side: 'BUY', qty: 1, price: 40_000, visibleQty: 0.1 },
  },
  { type: 'parent_paused', ts, parentId: id },
  { type: 'parent_resumed', ts, parentId: id },
  { type: 'parent_volume', ts, parentId: 'algo-3' as ParentId, observed: 12.5 },
  {
    type: 'parent_ended',
    ts,
    parentId: id,
    state: { kind: 'done', unfilledQty: 0.01, reason: 'twap window ended with 0.01 unfilled' },
  },
  { type: 'parent_ended', ts, parentId: id, state: { kind: 'cancelled', reason: null } },
  { type: 'parent_ended', ts, parentId: id, state: { kind: 'failed', reason: '3 "refused"\n' } },
];

const errorOf = (line: string): string => {
  const r = decodeParentRecord(line);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
};
const line = (v: unknown) => frameLine(JSON.stringify(v));

describe('encodeParentRecord / decodeParentRecord', () => {
  it('writes the WAL line format: crc32 of the JSON, a space, the JSON', () => {
    const l = encodeParentRecord({ n: 1, record: SAMPLES[4] as ParentRecord });
    const json = `{"n":1,"record":{"type":"parent_paused","ts":${ts},"parentId":"algo-1"}}`;
    expect(l).toBe(`${crc32Hex(json)} ${json}`);
  });

  it('round-trips every record type and algo exactly', () => {
    for (const [i, record] of SAMPLES.entries()) {
      expect(decodeParentRecord(encodeParentRecord({ n: i + 1, record }))).toEqual({
        ok: true,
        value: { n: i + 1, record },
      });
    }
    const kinds = new Set(SAMPLES.map((r) => r.type));
    expect([...kinds].sort()).toEqual([...PARENT_RECORD_TYPES].sort());
  });

  it('refuses malformed and unknown records, naming what is wrong', () => {
    const ok = { n: 1, record: SAMPLES[4] };
    expect(errorOf('garbage')).toMatch(/^malformed line/);
    const good = encodeParentRecord({ n: 1, record: SAMPLES[4] as ParentRecord });
    expect(errorOf(`${good.slice(0, -2)}x}`)).toMatch(/^checksum mismatch/);
    expect(errorOf(frameLine('{"n":1,'))).toMatch(/^bad JSON/);
    expect(errorOf(line({ ...ok, record: { type: 'parent_exploded', ts, parentId: id } }))).toBe(
      'bad parent record: record.type: unknown type "parent_exploded"',
    );
    expect(errorOf(line({ ...ok, n: 0 }))).toMatch(/^bad parent record: n: /);
    expect(errorOf(line({ n: 1, record: { type: 'parent_paused', ts, parentId: '' } }))).toMatch(
      /^bad parent record: record\.parentId: /,
    );
    expect(
      errorOf(line({ n: 1, record: { type: 'parent_paused', ts: 1.5, parentId: id } })),
    ).toMatch(/^bad parent record: record\.ts: /);
    const created = SAMPLES[0] as Extract<ParentRecord, { type: 'parent_created' }>;
    expect(
      errorOf(line({ n: 1, record: { ...created, spec: { ...created.spec, slices: 0 } } })),
    ).toBe('bad parent record: record.spec: slices must be an integer ≥ 1, got 0');
    expect(
      errorOf(line({ n: 1, record: { ...created, spec: { ...created.spec, qty: -1 } } })),
    ).toBe('bad parent record: record.spec: qty must be > 0, got -1');
    expect(
      errorOf(line({ n: 1, record: { ...created, spec: { ...created.spec, algo: 'twep' } } })),
    ).toMatch(/^bad parent record: record\.spec\.algo: /);
    expect(
      errorOf(
        line({
          n: 1,
          record: { type: 'parent_ended', ts, parentId: id, state: { kind: 'working' } },
        }),
      ),
    ).toMatch(/^bad parent record: record\.state\.kind: /);
    expect(
      errorOf(line({ n: 1, record: { type: 'parent_volume', ts, parentId: id, observed: -1 } })),
    ).toMatch(/^bad parent record: record\.observed: /);
  });

  it('throws (a bug) on a number JSON cannot hold', () => {
    const bad: ParentRecord = { type: 'parent_volume', ts, parentId: id, observed: Number.NaN };
    expect(() => encodeParentRecord({ n: 1, record: bad })).toThrow(/cannot journal NaN/);
  });

  it('fuzz: any line decodes to a valid record or an error, never throws', () => {
    const valid = SAMPLES.map((record, i) => encodeParentRecord({ n: i + 1, record }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          // A valid line with one character changed, inserted or dropped.
          fc
            .tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ maxLength: 2 }))
            .map(([l, at, s]) => l.slice(0, at % l.length) + s + l.slice((at % l.length) + 1)),
          // Well-checksummed JSON of random shape: the schema must catch it.
          fc.jsonValue().map((v) => frameLine(JSON.stringify({ n: 1, record: v }))),
          fc
            .record({
              type: fc.constantFrom(...PARENT_RECORD_TYPES, 'x'),
              ts: fc.oneof(fc.integer(), fc.double()),
              parentId: fc.oneof(fc.string(), fc.integer()),
              observed: fc.double(),
              spec: fc.jsonValue(),
              state: fc.jsonValue(),
            })
            .map((r) => frameLine(JSON.stringify({ n: 1, record: r }))),
        ),
        (l) => {
          const r = decodeParentRecord(l);
          if (r.ok) {
            // What decodes re-encodes to a line that decodes to the same record.
            expect(decodeParentRecord(encodeParentRecord(r.value))).toEqual(r);
            expect(PARENT_RECORD_TYPES).toContain(r.value.record.type);
          } else {
            expect(r.error.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
