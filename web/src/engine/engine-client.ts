import { proxy, type Remote, wrap } from 'comlink';
import type { BacktestRequest, BacktestResponse, EngineApi } from './engine-api';

/** Thrown into a pending call when the user cancels: the worker is stopped and replaced. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}

/**
 * The page's handle on the engine worker. A running backtest is cancelled by terminating the
 * worker (a backtest is one synchronous loop there); the next call starts a fresh one.
 */
export class EngineClient {
  private _worker: Worker | null = null;
  private _api: Remote<EngineApi> | null = null;
  private _reject: ((e: Error) => void) | null = null;

  get api(): Remote<EngineApi> {
    if (this._api === null) {
      this._worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      this._api = wrap<EngineApi>(this._worker);
    }
    return this._api;
  }

  /** Runs a backtest in the worker; `cancel()` rejects it with CancelledError. */
  backtest(
    req: BacktestRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<BacktestResponse> {
    // Marks for DevTools and `npm run bench -- web`: the span the worker is busy with the run.
    performance.mark('veloz:backtest:start');
    return new Promise<BacktestResponse>((resolve, reject) => {
      this._reject = reject;
      this.api
        .backtest(req, onProgress ? proxy(onProgress) : undefined)
        .then((r) => {
          performance.mark('veloz:backtest:end');
          resolve(r);
        }, reject)
        .finally(() => {
          if (this._reject === reject) this._reject = null;
        });
    });
  }

  /** Stops whatever the worker is doing. */
  cancel(): void {
    this._worker?.terminate();
    this._worker = null;
    this._api = null;
    const r = this._reject;
    this._reject = null;
    r?.(new CancelledError());
  }
}

/** The app's one engine worker. */
export const engineClient = new EngineClient();
