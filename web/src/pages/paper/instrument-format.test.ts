import { describe, expect, it } from 'vitest';
import {
  formatQtyShort,
  formatQuote,
  formatStep,
  instrumentOf,
  plainStep,
} from './instrument-format';

describe('instrument formats', () => {
  it('writes prices to the tick and quantities to the lot', () => {
    expect(formatStep(50_000.1, 0.01)).toBe('50,000.10');
    expect(plainStep(50_000.1, 0.01)).toBe('50000.10');
    expect(plainStep(0.1 + 0.2, 0.00001)).toBe('0.30000');
  });

  it('keeps ladder quantities to six significant digits within the lot', () => {
    expect([0.00772, 507.6376, 12_345.6, 0, 3].map((x) => formatQtyShort(x, 0.00001))).toEqual([
      '0.00772',
      '507.638',
      '12,345.6',
      '0.00000',
      '3.00000',
    ]);
    expect(formatQtyShort(1234, 1)).toBe('1,234');
  });

  it('writes quote amounts in cents for dollar-like assets', () => {
    expect(formatQuote(1.7061, 'USDT')).toBe('1.71');
    expect(formatQuote(-10_000.875, 'USDT')).toBe('-10,000.88');
    expect(formatQuote(0.00012345678, 'BTC')).toBe('0.000123457');
  });

  it('knows the engine-core instruments', () => {
    expect(instrumentOf('BTCUSDT')?.tickSize).toBe(0.01);
    expect(instrumentOf('SYNTH-BTCUSDT')).toBeNull();
  });
});
