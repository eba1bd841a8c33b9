import { useMemo } from 'react';
import { changedFiles, splitPatch } from '../format/patch-files';
import { useActions, useControlRoom } from '../store/store-context';
import { FileChange } from './file-change';

/**
 * What the session changed against its base: the files the coordinator recorded, and from the diff
 * every file with its patch (committed, uncommitted and untracked alike).
 */
export function SessionChanges({ sessionId, recorded }: { sessionId: string; recorded: readonly string[] | null }) {
  const diff = useControlRoom((s) => (s.diff.sessionId === sessionId ? s.diff : null));
  const { reloadDiff } = useActions();
  const files = useMemo(() => (diff?.data ? splitPatch(diff.data.patch) : []), [diff?.data]);
  const rows = useMemo(() => changedFiles(recorded ?? [], files), [recorded, files]);
  const loading = (diff?.loading ?? true) || recorded === null;

  return (
    <section className="detail__section" data-testid="changed-files">
      <h3>
        Changed files{rows.length > 0 && ` (${rows.length})`}
        <button type="button" className="link small section-action" disabled={diff?.loading} onClick={reloadDiff}>
          {diff?.loading ? 'reading…' : 'refresh'}
        </button>
      </h3>
      {diff?.error && <p className="muted small">{diff.error}</p>}
      {rows.length === 0 ? (
        <p className="muted">{loading ? 'Reading the worktree…' : 'Nothing changed against its base.'}</p>
      ) : (
        <ul className="list changed-files">
          {rows.map(({ path, patch }) => (
            <li key={path} data-testid="changed-file" data-path={path}>
              {patch ? (
                <FileChange patch={patch} open={files.length === 1} />
              ) : (
                <span className="mono">{path}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {diff?.data?.truncated && (
        <p className="muted small">The diff was cut at {Math.round(diff.data.limitBytes / 1024)} KiB; read the rest in the worktree.</p>
      )}
    </section>
  );
}
