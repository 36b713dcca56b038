import { CandleBuilder, type Candles } from '../../market';
import { mulberry32 } from '../../util/rng';

/**
 * A seeded random walk of `bars` hourly candles with trends long enough for sma-cross to trade
 * (tests only: the optimizer must work without ../shared/data).
 */
export function syntheticCandles(bars: number, seed = 1, symbol = 'SYNTH'): Candles {
  const rng = mulberry32(seed);
  const b = new CandleBuilder(bars);
  const h = 3_600_000;
  let p = 100;
  for (let i = 0; i < bars; i++) {
    const o = p;
    const drift = Math.sin(i / 40) * 0.004;
    const c = o * (1 + drift + (rng() - 0.5) * 0.02);
    b.push(
      1_700_000_000_000 + i * h,
      o,
      Math.max(o, c) * (1 + rng() * 0.003),
      Math.min(o, c) * (1 - rng() * 0.003),
      c,
      1 + rng() * 10,
    );
    p = c;
  }
  return b.build(symbol, '1h', h);
}
