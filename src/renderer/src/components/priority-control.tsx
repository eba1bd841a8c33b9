import { useState, type FormEvent } from 'react';
import type { Session } from '../../../shared/board';
import { useActions, useControlRoom } from '../store/store-context';

/**
 * Reprioritise in place. The version on screen when the lead clicked "Change" travels with the save,
 * so a change someone made meanwhile is refused and shown rather than overwritten.
 */
export function PriorityControl({ session }: { session: Session }) {
  const { updateSession } = useActions();
  const busy = useControlRoom((s) => Boolean(s.busy[`session:${session.id}`]));
  const [editing, setEditing] = useState<{ from: Session; value: string } | null>(null);

  if (!editing) {
    return (
      <span className="priority">
        <span data-testid="priority-value">{session.priority}</span>
        {!session.endedAt && (
          <button type="button" className="link small" onClick={() => setEditing({ from: session, value: String(session.priority) })}>
            change
          </button>
        )}
      </span>
    );
  }

  const value = Number(editing.value);
  const valid = editing.value.trim() !== '' && Number.isInteger(value);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    if (value === editing.from.priority || (await updateSession(session.id, editing.from.version, { priority: value }))) setEditing(null);
  };

  return (
    <form className="inline-form priority" onSubmit={submit} aria-label={`Priority of ${session.id}`}>
      <input
        type="number"
        step={1}
        autoFocus
        aria-label="Priority"
        value={editing.value}
        onChange={(e) => setEditing({ ...editing, value: e.target.value })}
      />
      <button type="submit" className="button primary" disabled={busy || !valid}>
        Save
      </button>
      <button type="button" className="button ghost" onClick={() => setEditing(null)}>
        Cancel
      </button>
      {session.version !== editing.from.version && (
        <p className="form-warning" role="status">
          {session.updatedBy} changed {session.id} since you started (v{editing.from.version} → v{session.version}). Saving will be refused;
          cancel to start from their version.
        </p>
      )}
    </form>
  );
}
