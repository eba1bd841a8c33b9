import type { ConflictKind, SessionFlag, SessionStatus } from '../../../shared/board';

const STATUS_LABEL: Record<SessionStatus, string> = {
  'active': 'active',
  'blocked': 'blocked',
  'awaiting-approval': 'awaiting approval',
  'review-ready': 'review ready',
  'completed': 'completed',
  'paused': 'paused',
};

const FLAG_LABEL: Record<SessionFlag, string> = {
  'stale': 'stale base',
  'silent': 'silent',
  'worktree-missing': 'worktree missing',
};

const FLAG_TITLE: Record<SessionFlag, string> = {
  'stale': 'Upstream moved under files this session touches or leases',
  'silent': 'Checkpoint overdue',
  'worktree-missing': 'The worktree folder is gone',
};

export const CONFLICT_LABEL: Record<ConflictKind, string> = {
  'hard-collision': 'hard collision',
  'stale-base': 'stale base',
  'soft-overlap': 'soft overlap',
};

export function StatusBadge({ status }: { status: SessionStatus }) {
  return <span className={`badge status status--${status}`}>{STATUS_LABEL[status]}</span>;
}

export function FlagChips({ flags }: { flags: readonly SessionFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <span className="chips">
      {flags.map((flag) => (
        <span key={flag} className={`chip flag flag--${flag}`} title={FLAG_TITLE[flag]}>
          {FLAG_LABEL[flag]}
        </span>
      ))}
    </span>
  );
}

export function ConflictBadge({ kind }: { kind: ConflictKind }) {
  return <span className={`badge conflict conflict--${kind}`}>{CONFLICT_LABEL[kind]}</span>;
}
