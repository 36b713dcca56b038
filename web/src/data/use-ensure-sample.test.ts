import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { closeDatasetDb, DATASET_DB, listDatasets, SAMPLE_ID } from './dataset-store';
import { ensureSampleOnce } from './use-ensure-sample';

describe('ensureSampleOnce', () => {
  it('stores the labelled sample once per load, however many callers', async () => {
    const a = ensureSampleOnce();
    const b = ensureSampleOnce();
    expect(a).toBe(b);
    const meta = await a;
    expect(meta.id).toBe(SAMPLE_ID);
    expect(meta.note).toMatch(/^Synthetic sample/);
    const all = await listDatasets();
    expect(all.map((d) => [d.id, d.source])).toEqual([[SAMPLE_ID, 'sample']]);
    expect(all[0]?.rows).toBeGreaterThan(1000);
    await closeDatasetDb();
    indexedDB.deleteDatabase(DATASET_DB);
  });
});
