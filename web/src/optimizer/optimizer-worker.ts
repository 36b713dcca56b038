// The optimizer worker for the browser: Web Worker wiring around engine-core's pure handler
// (the Node worker in server/src/optimizer/worker-entry.ts is the same few lines).
import { createWorkerHandler, type WorkerRequest } from '../../../engine-core/src/optimizer';

const scope = self as unknown as {
  postMessage(m: unknown): void;
  addEventListener(type: 'message', l: (e: MessageEvent<WorkerRequest>) => void): void;
};
const handle = createWorkerHandler((reply) => scope.postMessage(reply));
scope.addEventListener('message', (e) => handle(e.data));
