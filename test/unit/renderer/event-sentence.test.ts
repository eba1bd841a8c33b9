import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../../../src/shared/board';
import { eventSentence } from '../../../src/renderer/src/format/event-sentence';
import { approval, conflict, event, lease, session } from './fixtures';

const by = (actor: string, e: BoardEvent): BoardEvent => ({ ...e, actor });
const read = (e: BoardEvent) => {
  const { session: who, text, by: actor } = eventSentence(e);
  return `${who ?? ''}|${text}|${actor ?? ''}`;
};

describe('the activity feed in the lead’s words', () => {
  it.each<[string, BoardEvent, string]>([
    ['a claim', by('session:s2', event(1, 'lease.granted', 'lease:l1', lease('l1', 's2', 'db/**'))), 's2|claimed db/** (write)|'],
    ['a release by the lead', event(2, 'lease.released', 'lease:l1', null, lease('l1', 's2', 'db/**', 'read')), 's2|released db/** (read)|lead'],
    [
      'a hand-over',
      event(3, 'lease.reassigned', 'lease:l1', lease('l1', 's3', 'src/api/**'), lease('l1', 's1', 'src/api/**')),
      's3|took src/api/** (write) from s1|lead',
    ],
    [
      'a blocker',
      by('session:s1', event(4, 'session.status', 'session:s1', session('s1', { status: 'blocked', blocker: { text: 'needs credentials', since: 'x' } }))),
      's1|is blocked: needs credentials|',
    ],
    ['a pause', event(5, 'session.paused', 'session:s1', session('s1', { status: 'paused' })), 's1|was paused|lead'],
    [
      'a reprioritisation',
      event(6, 'session.updated', 'session:s1', session('s1', { priority: 5 }), session('s1', { priority: 2 })),
      's1|changed priority 2 → 5|lead',
    ],
    [
      'a checkpoint with green tests',
      by(
        'session:s1',
        event(7, 'session.checkpoint', 'session:s1', session('s1', {
          lastCheckpoint: { at: 't1', commit: 'abc', note: 'schema done' },
          lastSuccessfulTest: { at: 't1', commit: 'abc', command: 'npm test' },
        })),
      ),
      's1|checkpoint: schema done (tests pass)|',
    ],
    [
      'a changed set',
      by('signalbox', event(8, 'session.changes', 'session:s1', { paths: ['a.ts', 'b.ts'] }, { paths: ['b.ts', 'c.ts'] })),
      's1|now changes a.ts; no longer changes c.ts|signalbox',
    ],
    [
      'an approval request',
      by('session:s2', event(9, 'approval.requested', 'approval:a1', approval('a1', 's2', { action: 'merge to main' }))),
      's2|asks for tier-3 approval: “merge to main”|',
    ],
    [
      'an approval decided',
      event(10, 'approval.decided', 'approval:a1', approval('a1', 's2', { state: 'denied', why: 'tests red' })),
      's2|had “merge to main” denied — tests red|lead',
    ],
    [
      'a conflict found',
      by('signalbox', event(11, 'conflict.opened', 'conflict:c1', conflict('c1', 'hard-collision', ['s1', 's2'], ['src/api/**']))),
      '|Hard collision between s1, s2 on src/api/**|signalbox',
    ],
    [
      'a conflict resolved',
      by('signalbox', event(12, 'conflict.resolved', 'conflict:c1', conflict('c1', 'soft-overlap', ['s1', 's2'], [], { state: 'resolved' }))),
      '|Soft overlap between s1, s2 is resolved|signalbox',
    ],
    ['the base falling behind', by('signalbox', event(14, 'session.drift', 'session:s1', session('s1', { baseBehind: 3 }))), 's1|is 3 commits behind the protected branch|signalbox'],
    ['a checkpoint falling overdue', by('signalbox', event(15, 'session.silent', 'session:s1', session('s1'))), 's1|has gone quiet: its checkpoint is overdue|signalbox'],
    ['an event it does not know', event(13, 'queue.moved', 'queue:q1', {}), '|queue.moved queue:q1|lead'],
  ])('%s', (_name, e, expected) => {
    expect(read(e)).toBe(expected);
  });

  it('never shows a raw kind or record id for the events the board writes about sessions and leases', () => {
    const line = eventSentence(by('session:s2', event(1, 'lease.granted', 'lease:l9', lease('l9', 's2', 'db/**'))));
    expect(`${line.session} ${line.text}`).not.toMatch(/lease\.granted|l9/);
  });
});
