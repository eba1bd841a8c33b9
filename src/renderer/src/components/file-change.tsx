import { memo, useMemo, useState } from 'react';
import type { FilePatch } from '../format/patch-files';
import { parseFileChange, type PatchLine } from '../format/patch-lines';

/** Lines drawn before the lead asks for the rest: a generated file must not stall the panel. */
const FIRST_LINES = 800;

/**
 * One changed file: its name and size of change, its lines drawn only once opened — so a session
 * with hundreds of changed files costs a list of names until the lead looks inside one.
 */
export const FileChange = memo(function FileChange({ patch, open: openAtFirst }: { patch: FilePatch; open: boolean }) {
  const change = useMemo(() => parseFileChange(patch.text), [patch.text]);
  const [open, setOpen] = useState(openAtFirst);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="mono">{patch.path}</span>
        <span className="file-change__stat" aria-label={`${change.added} added, ${change.removed} removed`}>
          {change.binary ? (
            <span className="muted">binary</span>
          ) : (
            <>
              <span className="diff-added">+{change.added}</span> <span className="diff-removed">−{change.removed}</span>
            </>
          )}
        </span>
      </summary>
      {open && <FileLines notes={change.notes} lines={change.lines} binary={change.binary} />}
    </details>
  );
});

function FileLines({ notes, lines, binary }: { notes: string[]; lines: PatchLine[]; binary: boolean }) {
  const [all, setAll] = useState(lines.length <= FIRST_LINES);
  const shown = all ? lines : lines.slice(0, FIRST_LINES);
  return (
    <div className="patch">
      {notes.map((note) => (
        <div key={note} className="patch__note">
          {note}
        </div>
      ))}
      {binary && <div className="patch__note">Binary file: no lines to show.</div>}
      {shown.map((line, i) => (
        <div key={i} className={`patch__line patch__line--${line.kind}`}>
          <span className="patch__no" aria-hidden="true">{line.oldLine ?? ''}</span>
          <span className="patch__no" aria-hidden="true">{line.newLine ?? ''}</span>
          <span className="patch__text">{line.text}</span>
        </div>
      ))}
      {!all && (
        <button type="button" className="link small patch__more" onClick={() => setAll(true)}>
          Show all {lines.length} lines
        </button>
      )}
    </div>
  );
}
