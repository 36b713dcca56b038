import { describe, expect, it } from 'vitest';
import type { EngineCommand } from '../model/commands';
import { clientOrderId } from '../model/ids';
import { formatCommand } from './format-command';
import { parseCommand } from './parse-command';

const parsed = (line: string): EngineCommand => {
  const r = parseCommand(line);
  if (!r.ok || r.value === null) throw new Error(`bad test line ${line}`);
  return r.value;
};

describe('formatCommand', () => {
  it.each([
    'ORDER BUY BTCUSDT 0.01 49000 a1',
    'ORDER SELL BTCUSDT 1 MARKET a1 tif=IOC reduce_only=1',
    'ORDER BUY BTCUSDT 1 51100 a1 type=STOP_LIMIT stop=51000 tif=FOK',
    'ORDER BUY BTCUSDT 1 MARKET a1 type=STOP stop=51000',
    'ORDER BUY BTCUSDT 1 100 a1 post_only=1',
    'CANCEL a1',
    'QUERY ORDERS',
    'QUERY ORDER a1',
    'QUERY ACCOUNT',
    'QUERY POSITIONS',
    'MARKET BTCUSDT 50000',
    'MARKET BTCUSDT 50000 1700000000123',
    'EXEC a1 FILLED fill_qty=1 fill_price=2 fee=0.1 fee_asset=USDT venue_order_id=9 reason=ok liquidity=TAKER',
  ])('writes the canonical text form: %s', (line) => {
    expect(formatCommand(parsed(line))).toBe(line);
  });

  it('writes the canonical form of loosely written input', () => {
    expect(
      formatCommand(parsed('order buy btcusdt 1e-2 4.9e4 a1 type=limit tif=gtc post_only=0')),
    ).toBe('ORDER BUY BTCUSDT 0.01 49000 a1');
  });

  it('falls back to JSON when a string holds whitespace or is empty', () => {
    const cmd: EngineCommand = {
      type: 'execution_report',
      clientOrderId: clientOrderId('a1'),
      status: 'REJECTED',
      fillQty: null,
      fillPrice: null,
      fee: null,
      feeAsset: null,
      venueOrderId: null,
      reason: 'price out of band',
      liquidity: null,
    };
    const line = formatCommand(cmd);
    expect(line).toBe(
      '{"cmd":"exec","client_order_id":"a1","status":"REJECTED","reason":"price out of band"}',
    );
    expect(parseCommand(line)).toEqual({ ok: true, value: cmd });
    expect(parseCommand(formatCommand({ ...cmd, reason: '' }))).toEqual({
      ok: true,
      value: { ...cmd, reason: '' },
    });
  });
});
