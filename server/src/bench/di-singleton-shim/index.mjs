// backtest-kit wraps service classes in `singleton(Class)` and then calls `new` on the result in
// many modules: every `new` must give the one instance. `clear()` forgets it.
export function singleton(Target) {
  let instance;
  const clear = () => {
    instance = undefined;
  };
  return new Proxy(Target, {
    construct(target, args, newTarget) {
      instance ??= Reflect.construct(target, args, newTarget);
      return instance;
    },
    get(target, key, receiver) {
      return key === 'clear' ? clear : Reflect.get(target, key, receiver);
    },
  });
}
