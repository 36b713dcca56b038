import { err, ok, type Result } from '../../util/result';
import type { DepthSnapshot } from '../book/book-sync';
import { fieldProblem, isObject, isUint, readLevels, show } from './binance-fields';

/**
 * Parses the body of `GET /api/v3/depth`: `{"lastUpdateId": n, "bids": [["price", "qty"], …],
 * "asks": […]}`, or Binance's `{"code", "msg"}` error. The error names the field and the level.
 * Hand-written, sharing the level reader of the diff stream (a snapshot has up to 10 000 levels).
 */
export function parseDepthSnapshot(body: string): Result<DepthSnapshot, string> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return err(`depth snapshot is not JSON: ${show(body.slice(0, 60))}`);
  }
  if (!isObject(json)) return err(`depth snapshot: expected a JSON object, got ${show(json)}`);
  if ('code' in json && 'msg' in json) {
    return err(`Binance error ${show(json.code)}: ${show(json.msg)}`);
  }
  const W = 'depth snapshot';
  const id = json.lastUpdateId;
  if (!isUint(id)) return err(fieldProblem(W, 'lastUpdateId', 'an integer ≥ 0', id));
  const bids = readLevels(json.bids, W, 'bids');
  if (typeof bids === 'string') return err(bids);
  const asks = readLevels(json.asks, W, 'asks');
  if (typeof asks === 'string') return err(asks);
  return ok({ lastUpdateId: id, bids, asks });
}
