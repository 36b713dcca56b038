import { describe, expect, it } from 'vitest';
import type { ParentId } from '../../../../engine-core/src/exec';
import { KNOWN_INSTRUMENTS } from '../../../../engine-core/src/instruments';
import { type Instrument, symbolId } from '../../../../engine-core/src/model';
import { parentRow } from './algo-parents-rows';
import { type AlgoTexts, checkAlgoTicket } from './algo-validation';

const BTC = KNOWN_INSTRUMENTS[0] as Instrument; // BTCUSDT: tick 0.01, lot 0.00001, min notional 5
const base: AlgoTexts & { side: 'BUY' | 'SELL'; qty: string; price: string } = {
  algo: 'twap',
  side: 'BUY',
  qty: '0.05',
  price: '',
  durationMin: '60',
  slices: '6',
  participation: '10',
  maxChildQty: '0.01',
  visibleQty: '0.002',
  childType: 'market',
  offsetBps: '1',
  chase: false,
  childPostOnly: false,
  finishWithMarket: true,
};

describe('algo ticket checks', () => {
  it('builds each algorithm’s order from valid texts', () => {
    expect(checkAlgoTicket(base, BTC).algo).toEqual({
      algo: 'twap',
      side: 'BUY',
      qty: 0.05,
      durationMs: 3_600_000,
      slices: 6,
    });
    expect(checkAlgoTicket({ ...base, algo: 'vwap', durationMin: '120' }, BTC).algo).toEqual({
      algo: 'vwap',
      side: 'BUY',
      qty: 0.05,
      durationMs: 7_200_000,
    });
    expect(checkAlgoTicket({ ...base, algo: 'pov', side: 'SELL' }, BTC).algo).toEqual({
      algo: 'pov',
      side: 'SELL',
      qty: 0.05,
      participation: 0.1,
      maxChildQty: 0.01,
    });
    expect(checkAlgoTicket({ ...base, algo: 'iceberg', price: '40000.5' }, BTC).algo).toEqual({
      algo: 'iceberg',
      side: 'BUY',
      qty: 0.05,
      price: 40_000.5,
      visibleQty: 0.002,
    });
    expect(checkAlgoTicket({ ...base, algo: 'none' }, BTC)).toEqual({
      errors: {},
      specError: null,
      algo: null,
    });
  });

  it('names the field and the number: lot, tick, whole slices, participation, visible size', () => {
    const e = (patch: Partial<typeof base>) => checkAlgoTicket({ ...base, ...patch }, BTC).errors;
    expect(e({ qty: '0.000015' }).qty).toBe(
      'Qty 0.000015 is not a multiple of the lot size 0.00001: use 0.00001 or 0.00002',
    );
    expect(e({ slices: '2.5' }).slices).toBe('Slices must be a whole number, got 2.5');
    expect(e({ durationMin: '' }).durationMin).toBe('Enter a duration');
    expect(e({ algo: 'pov', participation: '150' }).participation).toBe(
      'Participation must be at most 100 %, got 150',
    );
    expect(e({ algo: 'iceberg', price: '40000.001' }).price).toBe(
      'Price 40000.001 is not a multiple of the tick size 0.01: use 40000.00 or 40000.01',
    );
    expect(e({ algo: 'iceberg', price: '40000', visibleQty: '0.1' }).visibleQty).toBe(
      'Visible qty 0.1 is more than the quantity 0.05',
    );
    // 0.0001 × 40 000 = 4 USDT, under the 5 USDT minimum.
    expect(e({ algo: 'iceberg', price: '40000', visibleQty: '0.0001' }).visibleQty).toBe(
      'Visible qty 0.0001 × 40000 is below the minimum notional 5 USDT',
    );
    expect(checkAlgoTicket({ ...base, qty: '0.1', slices: '0' }, BTC).algo).toBeNull();
  });
});

describe('limit children in the ticket', () => {
  const lim = { ...base, childType: 'limit' as const, offsetBps: '2.5' };
  it('adds the child pricing to TWAP, VWAP and POV only when limit', () => {
    expect(checkAlgoTicket(lim, BTC).algo).toEqual({
      algo: 'twap',
      side: 'BUY',
      qty: 0.05,
      durationMs: 3_600_000,
      slices: 6,
      child: { type: 'limit', offsetBps: 2.5, chase: false, finishWithMarket: true },
    });
    expect(
      checkAlgoTicket({ ...lim, algo: 'vwap', chase: true, finishWithMarket: false }, BTC).algo,
    ).toMatchObject({
      child: { type: 'limit', offsetBps: 2.5, chase: true, finishWithMarket: false },
    });
    // POV has no last slice: no finish-with-market in its child.
    expect(checkAlgoTicket({ ...lim, algo: 'pov' }, BTC).algo).toMatchObject({
      child: { type: 'limit', offsetBps: 2.5, chase: false },
    });
    expect(checkAlgoTicket({ ...lim, algo: 'pov' }, BTC).algo).not.toHaveProperty(
      'child.finishWithMarket',
    );
    // An iceberg prices its own children; market children leave the spec as it was.
    expect(
      checkAlgoTicket({ ...lim, algo: 'iceberg', price: '40000' }, BTC).algo,
    ).not.toHaveProperty('child');
    expect(checkAlgoTicket(base, BTC).algo).not.toHaveProperty('child');
  });

  it('post-only goes into the child; with a negative offset engine-core refuses the spec', () => {
    expect(checkAlgoTicket({ ...lim, childPostOnly: true }, BTC).algo).toMatchObject({
      child: { type: 'limit', offsetBps: 2.5, postOnly: true },
    });
    expect(checkAlgoTicket({ ...lim, childPostOnly: true, offsetBps: '-1' }, BTC)).toEqual({
      errors: {},
      specError: 'child.postOnly needs offsetBps ≥ 0 (a negative offset may cross), got -1',
      algo: null,
    });
  });

  it('names the offset and the number', () => {
    const e = (offsetBps: string) => checkAlgoTicket({ ...lim, offsetBps }, BTC).errors.offsetBps;
    expect(e('1001')).toBe('Offset must be in [-100, 1000] bps, got 1001');
    expect(e('-101')).toBe('Offset must be in [-100, 1000] bps, got -101');
    expect(e('abc')).toBe('Offset must be a number of bps, got abc');
    expect(e(' ')).toBe('Offset must be a number of bps, got nothing');
    expect(e('-100')).toBeUndefined();
    expect(e('0')).toBeUndefined();
  });
});

describe('parents table rows', () => {
  const progress = {
    parentId: 'algo-1' as ParentId,
    algo: 'twap' as const,
    symbol: symbolId('BTCUSDT'),
    side: 'BUY' as const,
    childType: 'market' as const,
    qty: 0.05,
    filledQty: 0.02,
    avgPrice: 40_010,
    fees: 0.8,
    childrenSent: 3,
    childrenWorking: 1,
    workingQty: 0.01,
  };
  it('progress, average and the buttons each state allows', () => {
    const w = parentRow({ ...progress, state: { kind: 'working' } });
    expect(w.progress).toBeCloseTo(0.4, 12);
    expect(w).toMatchObject({ avgPrice: 40_010, label: 'TWAP BUY 0.05 BTCUSDT' });
    expect(w.actions).toEqual({ pause: true, resume: false, cancel: true });
    expect(parentRow({ ...progress, state: { kind: 'paused' } }).actions).toEqual({
      pause: false,
      resume: true,
      cancel: true,
    });
    const f = parentRow({ ...progress, filledQty: 0, state: { kind: 'failed', reason: 'x' } });
    expect(f).toMatchObject({ avgPrice: null, why: 'x', progress: 0 });
    expect(f.actions).toEqual({ pause: false, resume: false, cancel: false });
    expect(f).toMatchObject({ child: 'market', shortfall: 0 });
    const short = parentRow({
      ...progress,
      childType: 'limit',
      state: {
        kind: 'done',
        unfilledQty: 0.03,
        reason: 'x',
        shortfall: 'limit_unfilled',
      },
    });
    expect(short).toMatchObject({ child: 'limit', shortfall: 0.03, why: 'x' });
  });
});
