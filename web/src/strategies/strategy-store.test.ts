import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkName,
  closeStrategyDb,
  createStrategy,
  deleteStrategy,
  fileNameOf,
  getStrategy,
  listStrategies,
  renameStrategy,
  STRATEGY_DB,
  saveStrategySource,
  uniqueName,
} from './strategy-store';
import { STRATEGY_TEMPLATE, TEMPLATE_NAME } from './strategy-template';

afterEach(async () => {
  await closeStrategyDb();
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(STRATEGY_DB);
    r.onsuccess = () => resolve();
    r.onerror = () => resolve();
  });
});

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('strategy names', () => {
  it('takes a file-like name, trimmed, without its .ts', () => {
    expect(checkName('  my-strat.ts ', [])).toEqual({ ok: true, value: 'my-strat' });
    expect(checkName('a_b.c-1', [])).toEqual({ ok: true, value: 'a_b.c-1' });
  });

  it('refuses empty, spaced, odd or overlong names, saying why', () => {
    expect(checkName('  ', [])).toEqual({ ok: false, error: 'a name is required' });
    expect(checkName('my strat', []).ok).toBe(false);
    expect(checkName('-x', []).ok).toBe(false);
    expect(checkName('x/y', []).ok).toBe(false);
    expect(checkName('x'.repeat(65), [])).toEqual({ ok: false, error: 'at most 64 characters' });
  });

  it('refuses a name another strategy has (any case), not its own', () => {
    const taken = [{ id: 'a', name: 'Trend' }];
    expect(checkName('trend', taken)).toEqual({ ok: false, error: '"trend" exists already' });
    expect(checkName('trend', taken, 'a')).toEqual({ ok: true, value: 'trend' });
  });

  it('numbers a taken base name', () => {
    expect(uniqueName('x', [])).toBe('x');
    expect(uniqueName('x', [{ name: 'X' }, { name: 'x-2' }])).toBe('x-3');
    expect(fileNameOf('x-3')).toBe('x-3.ts');
  });
});

describe('strategy store (IndexedDB)', () => {
  it('creates from the template under free names, lists by name, reads back', async () => {
    const a = must(await createStrategy());
    const b = must(await createStrategy());
    const c = must(await createStrategy({ name: 'alpha', source: 'x' }));
    expect([a.name, b.name]).toEqual([TEMPLATE_NAME, `${TEMPLATE_NAME}-2`]);
    expect(a.source).toBe(STRATEGY_TEMPLATE);
    expect((await listStrategies()).map((s) => s.name)).toEqual([
      'alpha',
      TEMPLATE_NAME,
      `${TEMPLATE_NAME}-2`,
    ]);
    expect(await getStrategy(c.id)).toEqual(c);
    expect(await createStrategy({ name: 'ALPHA' })).toEqual({
      ok: false,
      error: '"ALPHA" exists already',
    });
    expect(await listStrategies()).toHaveLength(3);
  });

  it('saves text, renames (refusing a taken name), deletes', async () => {
    const a = must(await createStrategy({ name: 'a' }));
    const b = must(await createStrategy({ name: 'b' }));
    const saved = must(await saveStrategySource(a.id, 'new text'));
    expect(saved.source).toBe('new text');
    expect(saved.updatedAt).toBeGreaterThanOrEqual(a.updatedAt);
    expect((await getStrategy(a.id))?.source).toBe('new text');

    expect(await renameStrategy(a.id, 'b')).toEqual({ ok: false, error: '"b" exists already' });
    expect((await getStrategy(a.id))?.name).toBe('a');
    expect(must(await renameStrategy(a.id, 'c')).name).toBe('c');
    expect((await getStrategy(a.id))?.source).toBe('new text');

    await deleteStrategy(b.id);
    expect((await listStrategies()).map((s) => s.name)).toEqual(['c']);
    expect(await saveStrategySource(b.id, 'x')).toEqual({
      ok: false,
      error: 'this strategy no longer exists',
    });
    await deleteStrategy(b.id);
  });
});
