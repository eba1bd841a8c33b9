import { describe, expect, it } from 'vitest';
import { changedFiles, splitPatch } from '../../../src/renderer/src/format/patch-files';

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
