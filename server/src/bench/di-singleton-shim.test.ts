import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The stand-in for di-singleton that lets backtest-kit (the bench's comparison) install: both of
// its builds must give one instance per wrapped class, as backtest-kit's services expect.

interface Wrapped {
  new (): { readonly n: number };
  clear(): void;
}
type SingletonFn = (target: new () => { readonly n: number }) => Wrapped;

const require = createRequire(import.meta.url);
const builds: [string, () => Promise<SingletonFn>][] = [
  ['esm', async () => ((await import('di-singleton')) as { singleton: SingletonFn }).singleton],
  ['cjs', async () => (require('di-singleton') as { singleton: SingletonFn }).singleton],
];

describe.each(builds)('di-singleton shim (%s)', (_name, load) => {
  it('gives one instance per wrapped class until cleared, built by the class itself', async () => {
    const singleton = await load();
    let built = 0;
    class Service {
      readonly n = ++built;
    }
    const S = singleton(Service);
    const a = new S();
    expect(new S()).toBe(a);
    expect(a).toBeInstanceOf(Service);
    expect(built).toBe(1);
    S.clear();
    const b = new S();
    expect(b).not.toBe(a);
    expect(b.n).toBe(2);
    // Another class has its own instance.
    const T = singleton(class extends Service {});
    expect(new T()).not.toBe(b);
  });
});
