// The optimizer worker for Node: `worker_threads` wiring around engine-core's pure handler.
// node-pool.ts starts it, bundled by esbuild (worker-bundle.ts) or through the tsx loader.
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest } from '../../../engine-core/src/optimizer';
import { createWorkerHandler } from '../../../engine-core/src/optimizer';

const port = parentPort;
if (port === null) throw new Error('worker-entry.ts runs as a worker_threads worker');
const handle = createWorkerHandler((reply) => port.postMessage(reply));
port.on('message', (m: WorkerRequest) => handle(m));
