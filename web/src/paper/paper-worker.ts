// The paper engine's Web Worker: one paper session (engine, WAL, feed, strategy) per leader tab.
import { expose } from 'comlink';
import { createPaperWorkerApi } from './paper-worker-api';

expose(createPaperWorkerApi());
