import { describe, expect, it } from 'vitest';
import { changedFiles, splitPatch } from '../../../src/renderer/src/format/patch-files';
import { parseFileChange } from '../../../src/renderer/src/format/patch-lines';

const modified = 'diff --git a/src/a.ts b/src/a.ts\nindex 1..2 100644\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a\n+b\n';
const added = 'diff --git a/new file.md b/new file.md\nnew file mode 100644\n--- /dev/null\n+++ b/new file.md\n@@ -0,0 +1 @@\n+hi\n';
const deleted = 'diff --git a/old.txt b/old.txt\ndeleted file mode 100644\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n';
const renamed = 'diff --git a/x.ts b/y.ts\nsimilarity index 100%\nrename from x.ts\nrename to y.ts\n';
const binary = 'diff --git a/img b/c.png b/img b/c.png\nnew file mode 100644\nindex 0..1\nGIT binary patch\nliteral 3\nKcmZ?wbN~PV\n\n';
const quoted = 'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"\n--- "a/caf\\303\\251.txt"\n+++ "b/caf\\303\\251.txt"\n@@ -1 +1 @@\n-a\n+b\n';

describe('splitPatch', () => {
  it.each([
    ['modified', modified, 'src/a.ts'],
    ['added, with a space in the name', added, 'new file.md'],
    ['deleted', deleted, 'old.txt'],
    ['renamed without changes', renamed, 'y.ts'],
    ['binary, ambiguous header with spaces', binary, 'img b/c.png'],
    ['quoted non-ASCII name', quoted, 'café.txt'],
  ])('%s', (_, patch, path) => {
    expect(splitPatch(patch)).toEqual([{ path, text: patch }]);
  });

  it('keeps the files in patch order and each section whole', () => {
    const files = splitPatch(modified + added + deleted);
    expect(files.map((f) => f.path)).toEqual(['src/a.ts', 'new file.md', 'old.txt']);
    expect(files.map((f) => f.text).join('')).toBe(modified + added + deleted);
  });

  it('an empty patch has no files', () => {
    expect(splitPatch('')).toEqual([]);
  });
});

describe('changedFiles', () => {
  it('merges the recorded paths with the patch, sorted, each once', () => {
    const patches = splitPatch(modified + added);
    expect(changedFiles(['src/a.ts', 'lib/z.ts'], patches)).toEqual([
      { path: 'lib/z.ts', patch: null },
      { path: 'new file.md', patch: patches[1] },
      { path: 'src/a.ts', patch: patches[0] },
    ]);
  });
});

describe('parseFileChange', () => {
  const line = (kind: string, text: string, oldLine: number | null, newLine: number | null) => ({ kind, text, oldLine, newLine });

  it('numbers each line in the base and in the session’s version, hunk by hunk', () => {
    const section =
      'diff --git a/src/a.ts b/src/a.ts\nindex 1..2 100644\n--- a/src/a.ts\n+++ b/src/a.ts\n' +
      '@@ -1,3 +1,3 @@ export function a\n keep\n-old\n+new\n tail\n@@ -10,2 +10,3 @@\n ten\n+added\n eleven\n';
    expect(parseFileChange(section)).toEqual({
      notes: [],
      binary: false,
      added: 2,
      removed: 1,
      lines: [
        line('hunk', '@@ -1,3 +1,3 @@ export function a', null, null),
        line('context', ' keep', 1, 1),
        line('removed', '-old', 2, null),
        line('added', '+new', null, 2),
        line('context', ' tail', 3, 3),
        line('hunk', '@@ -10,2 +10,3 @@', null, null),
        line('context', ' ten', 10, 10),
        line('added', '+added', null, 11),
        line('context', ' eleven', 11, 12),
      ],
    });
  });

  it('keeps what git says about a new or renamed file, and the missing-newline marker', () => {
    expect(parseFileChange(added)).toMatchObject({ notes: ['new file mode 100644'], added: 1, removed: 0 });
    expect(parseFileChange(renamed)).toMatchObject({ notes: ['similarity index 100%', 'rename from x.ts', 'rename to y.ts'], lines: [] });
    const noNewline = parseFileChange('diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n');
    expect(noNewline.lines.map((l) => l.kind)).toEqual(['hunk', 'removed', 'note', 'added']);
    expect(noNewline.lines[3]).toMatchObject({ newLine: 1 });
  });

  it('a removed line that starts with dashes or an added one with plus signs is a line, not a header', () => {
    const tricky = 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,2 +1,2 @@\n--- not a header\n-x\n+++ not a header\n+y\n';
    expect(parseFileChange(tricky)).toMatchObject({ added: 2, removed: 2, notes: [] });
  });

  it('shows no encoded data for a binary file', () => {
    expect(parseFileChange(binary)).toEqual({ notes: ['new file mode 100644'], lines: [], added: 0, removed: 0, binary: true });
  });
});
