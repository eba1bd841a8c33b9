/**
 * A memo for hot paths (matchers, pattern models, overlap answers) that cannot grow without
 * bound: past `limit` entries the oldest is dropped.
 */
export function boundedMemo<V>(limit: number): (key: string, compute: () => V) => V {
  const entries = new Map<string, V>();
  return (key, compute) => {
    const known = entries.get(key);
    if (known !== undefined || entries.has(key)) return known as V;
    const value = compute();
    if (entries.size >= limit) {
      const oldest = entries.keys().next();
      if (oldest.done !== true) entries.delete(oldest.value);
    }
    entries.set(key, value);
    return value;
  };
}
