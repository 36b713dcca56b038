/**
 * A worker as Node's `worker_threads.Worker` has it: an EventEmitter whose `message` listeners
 * get the value itself.
 */
export interface EmitterWorkerPort {
  postMessage(message: unknown): void;
  on(event: 'message' | 'error', listener: (value: unknown) => void): unknown;
  terminate(): unknown;
}

/**
 * A worker as the browser has it: an EventTarget whose `message` listeners get an event with
 * the value in `data` (and `error` events with a `message`).
 */
export interface EventTargetWorkerPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (event: unknown) => void): void;
  terminate(): unknown;
}

/**
 * The little of a worker the optimizer pool uses: post, listen, terminate. A Node
 * `worker_threads.Worker` and a browser `Worker` are both one, as they are.
 */
export type WorkerPort = EmitterWorkerPort | EventTargetWorkerPort;

/** Listens to a port's messages (the posted value) and errors (a readable message). */
export function listenToPort(
  port: WorkerPort,
  onMessage: (data: unknown) => void,
  onError: (message: string) => void,
): void {
  const errorText = (e: unknown): string =>
    typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string'
      ? e.message
      : String(e);
  if ('on' in port) {
    port.on('message', onMessage);
    port.on('error', (e) => onError(errorText(e)));
    return;
  }
  port.addEventListener('message', (e) => onMessage((e as { data: unknown }).data));
  port.addEventListener('error', (e) => onError(errorText(e)));
}
