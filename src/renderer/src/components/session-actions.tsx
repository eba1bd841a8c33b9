import { useState, type FormEvent } from 'react';
import type { Session } from '../../../shared/board';
import { useActions, useControlRoom } from '../store/store-context';
import { Dialog } from './dialog';

/** The lead's levers on one session: pause, block, edit, end. Each is one Api call the server audits. */
export function SessionActions({ session, onEdit }: { session: Session; onEdit: (() => void) | null }) {
  const { pauseSession, resumeSession, markBlocked, unblock } = useActions();
  const busy = useControlRoom((s) => Boolean(s.busy[`session:${session.id}`]));
  const [blocking, setBlocking] = useState<{ version: number } | null>(null);
  const [ending, setEnding] = useState(false);
  const live = session.status !== 'completed' && !session.endedAt;

  return (
    <>
      <div className="detail__actions">
        {session.status === 'paused' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void resumeSession(session.id)}>
            Resume
          </button>
        ) : (
          live && (
            <button type="button" className="button" disabled={busy} onClick={() => void pauseSession(session.id)}>
              Pause
            </button>
          )
        )}
        {session.status === 'blocked' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void unblock(session.id, session.version)}>
            Unblock
          </button>
        ) : (
          live &&
          !blocking && (
            <button type="button" className="button" disabled={busy} onClick={() => setBlocking({ version: session.version })}>
              Mark blocked
            </button>
          )
        )}
        {onEdit && (
          <button type="button" className="button ghost" onClick={onEdit}>
            Edit contract
          </button>
        )}
        {live && (
          <button type="button" className="button danger" disabled={busy} onClick={() => setEnding(true)}>
            End…
          </button>
        )}
      </div>
      {blocking && (
        <BlockerForm
          session={session}
          busy={busy}
          onSubmit={async (text) => {
            if (await markBlocked(session.id, blocking.version, text)) setBlocking(null);
          }}
          onCancel={() => setBlocking(null)}
        />
      )}
      {ending && <EndSessionDialog session={session} onClose={() => setEnding(false)} />}
    </>
  );
}

function BlockerForm({
  session,
  busy,
  onSubmit,
  onCancel,
}: {
  session: Session;
  busy: boolean;
  onSubmit: (text: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) void onSubmit(text.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Mark ${session.id} blocked`}>
      <input
        autoFocus
        value={text}
        placeholder="Blocked on what? e.g. waiting for the API schema"
        aria-label="Blocker"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button primary" disabled={busy || !text.trim()}>
        Mark blocked
      </button>
      <button type="button" className="button ghost" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function EndSessionDialog({ session, onClose }: { session: Session; onClose: () => void }) {
  const { endSession } = useActions();
  const ending = useControlRoom((s) => s.busy[`session:${session.id}`]);
  return (
    <Dialog
      role="alertdialog"
      testId="end-dialog"
      title={`End ${session.id} “${session.title}”?`}
      onCancel={() => !ending && onClose()}
      actions={
        <>
          <button type="button" className="button" data-autofocus disabled={Boolean(ending)} onClick={onClose}>
            Keep it running
          </button>
          <button
            type="button"
            className="button danger"
            disabled={Boolean(ending)}
            onClick={async () => {
              if (await endSession(session.id)) onClose();
            }}
          >
            {ending ? 'Ending…' : 'End and keep the diff'}
          </button>
        </>
      }
    >
      <p>
        Its changes against {session.baseCommit.slice(0, 8)} are saved as a patch in the coordinator's data folder, then its worktree{' '}
        <span className="mono">{session.worktree}</span> is removed, its leases released and its pending approvals expired. The branch{' '}
        <span className="mono">{session.branch}</span> stays.
      </p>
      {ending && (
        <p className="dialog__progress" role="status">
          <span className="spinner" aria-hidden="true" /> {ending}
        </p>
      )}
    </Dialog>
  );
}
