/**
 * Returns `next`, but with each item that equals its predecessor (same id, same plain content)
 * replaced by the previous object, so memoised nodes and edges skip re-rendering on unrelated updates.
 */
export function keepUnchanged<T extends { id: string }>(previous: readonly T[], next: readonly T[]): T[] {
  const before = new Map(previous.map((item) => [item.id, item]));
  const kept = next.map((item) => {
    const old = before.get(item.id);
    return old !== undefined && samePlainData(old, item) ? old : item;
  });
  // Nothing changed at all: the same array, so the graph library skips its whole-graph bookkeeping.
  const same = kept.length === previous.length && kept.every((item, i) => item === previous[i]);
  return same ? (previous as T[]) : kept;
}

function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => samePlainData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
