/** One file's part of a `git diff` patch. */
export interface FilePatch {
  path: string;
  /** Its section of the patch, from its `diff --git` line up to the next. */
  text: string;
}

/** Splits a patch into its files, in the patch's order. Text before the first file header is dropped. */
export function splitPatch(patch: string): FilePatch[] {
  const starts: number[] = [];
  const header = /^diff --git /gm;
  for (let match = header.exec(patch); match; match = header.exec(patch)) starts.push(match.index);
  return starts.map((start, i) => {
    const text = patch.slice(start, starts[i + 1] ?? patch.length);
    return { path: pathOf(text), text };
  });
}

/**
 * Every changed file once, by path: the ones the coordinator recorded and the ones in the patch,
 * each with its part of the patch when the patch has it.
 */
export function changedFiles(recorded: readonly string[], patches: readonly FilePatch[]): { path: string; patch: FilePatch | null }[] {
  const byPath = new Map<string, FilePatch | null>(recorded.map((path) => [path, null]));
  for (const patch of patches) byPath.set(patch.path, patch);
  return [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, patch]) => ({ path, patch }));
}

/**
 * The file a section is about: the new name (`+++ b/…`, `rename to …`), or the old one when the file
 * was deleted. The `diff --git` line is the last resort: with spaces in a name it is ambiguous.
 */
function pathOf(section: string): string {
  const lines = section.split('\n');
  const after = (prefix: string): string | null => {
    const line = lines.find((l) => l.startsWith(prefix));
    return line === undefined ? null : unquote(line.slice(prefix.length));
  };
  const newName = after('+++ ');
  if (newName !== null && newName !== '/dev/null') return stripPrefix(newName, 'b/');
  const oldName = after('--- ');
  if (oldName !== null && oldName !== '/dev/null') return stripPrefix(oldName, 'a/');
  const renamed = after('rename to ') ?? after('copy to ');
  if (renamed !== null) return renamed;
  return headerPath(lines[0]!.slice('diff --git '.length));
}

/** `a/P b/P` for an unrenamed file: both halves are the same path. */
function headerPath(rest: string): string {
  const quoted = rest.match(/^("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*")$/);
  if (quoted) return stripPrefix(unquote(quoted[2]!), 'b/');
  const length = (rest.length - 5) / 2;
  if (Number.isInteger(length) && rest.slice(2, 2 + length) === rest.slice(5 + length)) return rest.slice(2, 2 + length);
  return rest.slice(rest.lastIndexOf(' b/') + 3);
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git quotes unusual names C-style, non-ASCII as octal UTF-8 bytes (`"caf\303\251.txt"`). */
function unquote(name: string): string {
  const trimmed = name.replace(/\t$/, '');
  if (!trimmed.startsWith('"') || !trimmed.endsWith('"') || trimmed.length < 2) return trimmed;
  const bytes: number[] = [];
  const body = trimmed.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...new TextEncoder().encode(char));
      continue;
    }
    const octal = body.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[body[i + 1]!] ?? body.charCodeAt(i + 1));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
