/** A class whose every `new` gives the one instance, until `clear()`. */
export declare function singleton<C extends abstract new (...args: never[]) => unknown>(
  target: C,
): C & { clear(): void };
