import type { Approval, BoardEvent, Conflict, Lease, Session, Task } from '../../../shared/board';

/** One audit event as the lead reads it: who (a session, when there is one) and what happened. */
export interface EventSentence {
  /** The session the sentence is about; it leads the sentence and opens that session. */
  session: string | null;
  text: string;
  /** Who did it, when that is not the session itself: `lead`, `s3`, `signalbox`. */
  by: string | null;
}

const CONFLICT_WORDS: Record<Conflict['kind'], string> = {
  'soft-overlap': 'Soft overlap',
  'hard-collision': 'Hard collision',
  'stale-base': 'Stale base',
};

const STATUS_WORDS: Record<Session['status'], string> = {
  'active': 'is back at work',
  'blocked': 'is blocked',
  'awaiting-approval': 'waits for approval',
  'review-ready': 'is ready for review',
  'completed': 'is completed',
  'paused': 'is paused',
};

const CONTRACT_FIELDS = ['title', 'owner', 'objective', 'scope', 'forbidden', 'escalation', 'cadenceMinutes', 'priority'] as const;

type Fields = Record<string, unknown> | null;

function asRecord(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

function subjectId(subject: string): string {
  return subject.slice(subject.indexOf(':') + 1);
}

function list(items: readonly string[], limit = 3): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}

function actorName(actor: string): string {
  return actor.startsWith('session:') ? actor.slice('session:'.length) : actor;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (value === null || value === undefined || value === '') return 'none';
  return String(value);
}

function changedFields(before: Fields, after: Fields): string {
  const changes = CONTRACT_FIELDS.filter((field) => JSON.stringify(before?.[field]) !== JSON.stringify(after?.[field])).map((field) =>
    field === 'objective' ? 'objective' : `${field} ${show(before?.[field])} → ${show(after?.[field])}`,
  );
  return changes.length ? `changed ${changes.join('; ')}` : 'was updated';
}

function sessionSentence(kind: string, before: Fields, after: Fields): string {
  const session = after as Partial<Session> | null;
  switch (kind) {
    case 'session.created':
      return `started: “${session?.title ?? ''}” for ${session?.owner ?? 'someone'}`;
    case 'session.ended':
      return after?.patchPath ? `ended; its diff is kept at ${String(after.patchPath)}` : 'ended';
    case 'session.paused':
      return 'was paused';
    case 'session.resumed':
      return 'was resumed';
    case 'session.status': {
      const words = session?.status ? STATUS_WORDS[session.status] : 'changed status';
      return session?.blocker ? `${words}: ${session.blocker.text}` : words;
    }
    case 'session.checkpoint': {
      const checkpoint = session?.lastCheckpoint;
      const passed = checkpoint && session.lastSuccessfulTest?.at === checkpoint.at;
      return `checkpoint${checkpoint?.note ? `: ${checkpoint.note}` : ''}${passed ? ' (tests pass)' : ''}`;
    }
    case 'session.changes': {
      const was = new Set((before?.paths as string[] | undefined) ?? []);
      const now = (after?.paths as string[] | undefined) ?? [];
      const added = now.filter((path) => !was.has(path));
      const dropped = [...was].filter((path) => !now.includes(path));
      const parts = [added.length ? `now changes ${list(added)}` : '', dropped.length ? `no longer changes ${list(dropped)}` : ''];
      return parts.filter(Boolean).join('; ') || 'changed files';
    }
    case 'session.updated':
      return changedFields(before, after);
    case 'session.drift': {
      const behind = session?.baseBehind;
      if (behind === null || behind === undefined) return 'has a base that could not be compared with the protected branch';
      return behind === 0 ? 'is level with the protected branch' : `is ${behind} commit${behind === 1 ? '' : 's'} behind the protected branch`;
    }
    case 'session.silent':
      return 'has gone quiet: its checkpoint is overdue';
    case 'session.heard':
      return 'is heard from again';
    default:
      return kind;
  }
}

function describe(event: BoardEvent): { session: string | null; text: string } {
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  const [table] = event.kind.split('.');
  if (table === 'session') return { session: subjectId(event.subject), text: sessionSentence(event.kind, before, after) };
  if (table === 'lease') {
    const lease = (after ?? before) as Partial<Lease> | null;
    const what = `${lease?.pattern ?? '?'} (${lease?.mode ?? '?'})`;
    if (event.kind === 'lease.granted') return { session: lease?.session ?? null, text: `claimed ${what}` };
    if (event.kind === 'lease.released') return { session: lease?.session ?? null, text: `released ${what}` };
    if (event.kind === 'lease.reassigned') {
      return { session: lease?.session ?? null, text: `took ${what} from ${String(before?.session ?? '?')}` };
    }
  }
  if (table === 'approval') {
    const approval = (after ?? before) as Partial<Approval> | null;
    const action = `“${approval?.action ?? '?'}”`;
    const session = approval?.session ?? null;
    if (event.kind === 'approval.requested') return { session, text: `asks for tier-${approval?.tier ?? '?'} approval: ${action}` };
    if (event.kind === 'approval.expired') return { session, text: `no longer needs ${action}: the request lapsed` };
    if (event.kind === 'approval.decided') {
      const verdict = approval?.state === 'approved' ? 'approved' : 'denied';
      return { session, text: `had ${action} ${verdict}${approval?.why ? ` — ${approval.why}` : ''}` };
    }
  }
  if (table === 'conflict') {
    const conflict = (after ?? before) as Partial<Conflict> | null;
    const kind = conflict?.kind ? CONFLICT_WORDS[conflict.kind] : 'Conflict';
    const between = `${kind} between ${list(conflict?.sessions ?? [])}${conflict?.paths?.length ? ` on ${list(conflict.paths)}` : ''}`;
    if (event.kind === 'conflict.opened') return { session: null, text: between };
    if (event.kind === 'conflict.resolved') return { session: null, text: `${between} is resolved` };
    if (event.kind === 'conflict.updated') return { session: null, text: `${between}: ${conflict?.state ?? 'updated'}` };
  }
  if (table === 'task') {
    const task = (after ?? before) as Partial<Task> | null;
    const name = `task ${subjectId(event.subject)} “${task?.title ?? ''}”`;
    if (event.kind === 'task.created') return { session: task?.session ?? null, text: `has a new ${name}` };
    if (event.kind === 'task.reassigned') return { session: task?.session ?? null, text: `took ${name} from ${show(before?.session)}` };
    if (event.kind === 'task.updated') return { session: task?.session ?? null, text: `${name} is ${task?.status ?? 'updated'}` };
  }
  if (event.kind === 'repo.added') return { session: null, text: `Repository ${String(after?.path ?? event.subject)} added` };
  return { session: null, text: `${event.kind} ${event.subject}` };
}

export function eventSentence(event: BoardEvent): EventSentence {
  const { session, text } = describe(event);
  const by = session !== null && event.actor === `session:${session}` ? null : actorName(event.actor);
  return { session, text, by };
}
