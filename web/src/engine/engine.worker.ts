// The engine's Web Worker: every backtest runs here, never on the UI thread.
import { expose } from 'comlink';
import { createEngineApi } from './engine-api';

expose(createEngineApi());
