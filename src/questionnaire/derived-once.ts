// A loaded questionnaire is never changed (each version is parsed once per
// process, and its objects are frozen), so what is derived from a part of it
// alone (a question's options as shown, a section's codes, the index of
// questions) is worked out once per part and kept as long as the part lives.

/**
 * `compute` memoized on its first argument, an object of a loaded definition.
 * Further arguments are context the key already determines (a question's
 * section, a condition's questionnaire): they are passed on, never compared.
 */
export function derivedOnce<K extends object, C extends unknown[], V>(
  compute: (key: K, ...context: C) => V,
): (key: K, ...context: C) => V {
  const memo = new WeakMap<K, V>();
  return (key, ...context) => {
    if (memo.has(key)) return memo.get(key)!;
    const value = compute(key, ...context);
    memo.set(key, value);
    return value;
  };
}
