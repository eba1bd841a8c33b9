/** Above this many distinct leased patterns and files, paths that share a folder become one node. */
export const ASSET_GROUP_THRESHOLD = 12;

const GLOB_CHAR = /[*?[\]{}()!]/;

/** The folder a pattern or file lives in: the static part before any glob, up to its last `/`. */
export function folderOf(path: string): string {
  const glob = path.search(GLOB_CHAR);
  const literal = glob === -1 ? path : path.slice(0, glob);
  return literal.slice(0, literal.lastIndexOf('/') + 1);
}

/**
 * The asset node key of each path: the path itself, or `dir:<folder>` when there are many paths
 * and at least one other shares its folder.
 */
export function assetKeys(paths: readonly string[], threshold = ASSET_GROUP_THRESHOLD): Map<string, string> {
  const distinct = [...new Set(paths)];
  const keys = new Map<string, string>();
  if (distinct.length <= threshold) {
    for (const path of distinct) keys.set(path, `path:${path}`);
    return keys;
  }
  const perFolder = new Map<string, number>();
  for (const path of distinct) perFolder.set(folderOf(path), (perFolder.get(folderOf(path)) ?? 0) + 1);
  for (const path of distinct) {
    const folder = folderOf(path);
    keys.set(path, perFolder.get(folder)! >= 2 ? `dir:${folder}` : `path:${path}`);
  }
  return keys;
}
