// The CSV import worker: parses a dropped or picked file and, on request, stores its bars in
// IndexedDB, so that neither touches the UI thread. Protocol in csv-worker-protocol.ts.
import { CsvImportSession } from './csv-import-session';
import type { CsvWorkerReply, CsvWorkerRequest } from './csv-worker-protocol';

const scope = self as unknown as {
  postMessage(m: CsvWorkerReply): void;
  addEventListener(type: 'message', l: (e: MessageEvent<CsvWorkerRequest>) => void): void;
};

/** At most one progress message per this many ms. */
const PROGRESS_EVERY_MS = 100;

const session = new CsvImportSession();
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

scope.addEventListener('message', async (e) => {
  const m = e.data;
  if (m.type === 'save') {
    scope.postMessage({ type: 'saved', result: await session.save(m.info) });
    return;
  }
  let last = 0;
  try {
    const result = await session.parse(m.file, m.options, {
      onProgress(done, total) {
        const now = performance.now();
        if (now - last < PROGRESS_EVERY_MS && done < total) return;
        last = now;
        scope.postMessage({ type: 'progress', done, total });
      },
    });
    scope.postMessage({ type: 'parsed', result });
  } catch (error) {
    const result = { ok: false as const, error: `${m.file.name}: ${messageOf(error)}` };
    scope.postMessage({ type: 'parsed', result });
  }
});
