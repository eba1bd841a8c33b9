import { useState, type FormEvent } from 'react';
import type { SessionFields } from '../../../shared/api';
import type { Session } from '../../../shared/board';
import { useActions, useControlRoom } from '../store/store-context';

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Edits a session's contract. The version the lead started from travels with the save, so a change
 * made by someone else meanwhile is refused (and shown) instead of silently overwritten.
 */
export function ContractForm({ session, onDone }: { session: Session; onDone: () => void }) {
  const { updateSession } = useActions();
  const busy = useControlRoom((s) => Boolean(s.busy[`session:${session.id}`]));
  const [startedFrom] = useState(session);
  const [objective, setObjective] = useState(session.objective);
  const [scope, setScope] = useState(session.scope.join('\n'));
  const [forbidden, setForbidden] = useState(session.forbidden.join('\n'));
  const [escalation, setEscalation] = useState(session.escalation ?? '');
  const [cadence, setCadence] = useState(session.cadenceMinutes?.toString() ?? '');
  const [priority, setPriority] = useState(session.priority.toString());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: SessionFields = {
      objective,
      scope: lines(scope),
      forbidden: lines(forbidden),
      escalation: escalation.trim() || null,
      cadenceMinutes: cadence.trim() ? Number(cadence) : null,
      priority: Number(priority),
    };
    const changed: SessionFields = {};
    for (const key of Object.keys(next) as (keyof SessionFields)[]) {
      if (JSON.stringify(next[key]) !== JSON.stringify(startedFrom[key])) Object.assign(changed, { [key]: next[key] });
    }
    if (Object.keys(changed).length === 0 || (await updateSession(session.id, startedFrom.version, changed))) onDone();
  };

  return (
    <form className="contract-form" onSubmit={submit}>
      {session.version !== startedFrom.version && (
        <p className="form-warning" role="status">
          {session.updatedBy} changed this session since you started editing (v{startedFrom.version} → v{session.version}). Saving
          will be refused; cancel and edit again to start from their version.
        </p>
      )}
      <label>
        Objective
        <textarea value={objective} rows={3} onChange={(e) => setObjective(e.target.value)} />
      </label>
      <label>
        Scope (one glob a line)
        <textarea value={scope} rows={3} className="mono" onChange={(e) => setScope(e.target.value)} />
      </label>
      <label>
        Forbidden (one glob a line)
        <textarea value={forbidden} rows={2} className="mono" onChange={(e) => setForbidden(e.target.value)} />
      </label>
      <div className="form-row">
        <label>
          Escalation
          <input value={escalation} onChange={(e) => setEscalation(e.target.value)} />
        </label>
        <label>
          Cadence (min)
          <input type="number" min={1} value={cadence} onChange={(e) => setCadence(e.target.value)} />
        </label>
        <label>
          Priority
          <input type="number" value={priority} onChange={(e) => setPriority(e.target.value)} />
        </label>
      </div>
      <div className="form-actions">
        <span className="muted">Editing version {startedFrom.version}</span>
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}
