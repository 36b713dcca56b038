// The CSV import worker: parses a dropped or picked file off the UI thread and posts the
// columns back (their buffers transferred, not copied). Protocol in csv-import.ts.
import { parseCandleBlob } from './csv-blob-parse';
import { type CsvWorkerReply, type CsvWorkerRequest, transferablesOf } from './csv-worker-protocol';

const scope = self as unknown as {
  postMessage(m: CsvWorkerReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', l: (e: MessageEvent<CsvWorkerRequest>) => void): void;
};

/** At most one progress message per this many ms. */
const PROGRESS_EVERY_MS = 100;

scope.addEventListener('message', async (e) => {
  const { file, options } = e.data;
  let last = 0;
  try {
    const result = await parseCandleBlob(file, options, {
      onProgress(done, total) {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS && done < total) return;
        last = now;
        scope.postMessage({ type: 'progress', done, total });
      },
    });
    const reply: CsvWorkerReply = { type: 'done', result };
    scope.postMessage(reply, result.ok ? transferablesOf(result.value.candles) : []);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ type: 'done', result: { ok: false, error: `${file.name}: ${message}` } });
  }
});
