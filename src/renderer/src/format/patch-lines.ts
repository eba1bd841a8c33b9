/** One line of a file's patch as the diff view draws it. */
export interface PatchLine {
  kind: 'hunk' | 'added' | 'removed' | 'context' | 'note';
  text: string;
  /** Line number in the base (removed, context) and in the session's version (added, context). */
  oldLine: number | null;
  newLine: number | null;
}

export interface FileChange {
  /** What git says about the file beyond its lines: `new file mode 100644`, `rename from x.ts`. */
  notes: string[];
  lines: PatchLine[];
  added: number;
  removed: number;
  binary: boolean;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** The header lines that only repeat the file name the view already shows. */
const NAME_LINES = /^(diff --git |index |--- |\+\+\+ )/;

/** Reads one file's section of a `git diff` (from splitPatch) into numbered, classified lines. */
export function parseFileChange(section: string): FileChange {
  const change: FileChange = { notes: [], lines: [], added: 0, removed: 0, binary: false };
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  const rows = section.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  for (const text of rows) {
    const hunk = HUNK.exec(text);
    if (hunk) {
      inHunk = true;
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      change.lines.push({ kind: 'hunk', text, oldLine: null, newLine: null });
    } else if (!inHunk) {
      if (text === 'GIT binary patch' || text.startsWith('Binary files ')) {
        change.binary = true;
        // What follows a binary marker is encoded data, not lines a person reads.
        break;
      }
      if (!NAME_LINES.test(text)) change.notes.push(text);
    } else if (text.startsWith('+')) {
      change.added += 1;
      change.lines.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
    } else if (text.startsWith('-')) {
      change.removed += 1;
      change.lines.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
    } else if (text.startsWith('\\')) {
      change.lines.push({ kind: 'note', text, oldLine: null, newLine: null });
    } else {
      change.lines.push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return change;
}
