import { useState, type FormEvent } from 'react';
import { useActions, useControlRoom } from '../store/store-context';
import { Dialog } from './dialog';

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Starts a session on a known repository. Adding the worktree takes a moment; the dialog says so. */
export function NewSessionDialog({ onClose }: { onClose: () => void }) {
  const repos = useControlRoom((s) => s.board.repos);
  const creating = useControlRoom((s) => s.busy['session:new']);
  const { createSession, selectSession } = useActions();
  const repoList = Object.values(repos).sort((a, b) => a.path.localeCompare(b.path));
  const [repo, setRepo] = useState(repoList[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [objective, setObjective] = useState('');
  const [scope, setScope] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!repo || !title.trim()) return;
    const session = await createSession({
      repo,
      title: title.trim(),
      ...(owner.trim() ? { owner: owner.trim() } : {}),
      ...(objective.trim() ? { objective: objective.trim() } : {}),
      ...(lines(scope).length ? { scope: lines(scope) } : {}),
    });
    if (session) {
      onClose();
      selectSession(session.id);
    }
  };

  return (
    <Dialog
      testId="new-session-dialog"
      title="New session"
      onCancel={() => !creating && onClose()}
      actions={
        <>
          <button type="button" className="button ghost" disabled={Boolean(creating)} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-session-form" className="button primary" disabled={Boolean(creating) || !repo || !title.trim()}>
            {creating ? 'Creating…' : 'Create'}
          </button>
        </>
      }
    >
      {repoList.length === 0 ? (
        <p className="muted">
          No repository is registered yet. Add one with <span className="mono">signalbox repo add PATH</span>, or create the first session from a
          terminal with <span className="mono">signalbox session new --repo PATH</span>.
        </p>
      ) : (
        <form id="new-session-form" className="contract-form" onSubmit={submit}>
          <label>
            Repository
            <select value={repo} onChange={(e) => setRepo(e.target.value)}>
              {repoList.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.path}
                </option>
              ))}
            </select>
          </label>
          <label>
            Title
            <input data-autofocus value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            Owner
            <input value={owner} placeholder="you, by default" onChange={(e) => setOwner(e.target.value)} />
          </label>
          <label>
            Objective
            <textarea rows={2} value={objective} onChange={(e) => setObjective(e.target.value)} />
          </label>
          <label>
            Scope (one glob a line)
            <textarea rows={2} className="mono" value={scope} onChange={(e) => setScope(e.target.value)} />
          </label>
        </form>
      )}
      {creating && (
        <p className="dialog__progress" role="status">
          <span className="spinner" aria-hidden="true" /> {creating}
        </p>
      )}
    </Dialog>
  );
}
