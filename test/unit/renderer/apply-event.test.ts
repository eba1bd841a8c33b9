import { describe, expect, it } from 'vitest';
import { applyEvent, eventTouchesSession, parseSubject } from '../../../src/renderer/src/store/apply-event';
import { indexBoard } from '../../../src/renderer/src/store/board-index';
import { board, event, lease, session } from './fixtures';

const start = indexBoard(board({ sessions: [session('s1')], leases: [lease('l1', 's1', 'src/**')], lastEventId: 10 }));

describe('applyEvent', () => {
  const cases: {
    name: string;
    event: ReturnType<typeof event>;
    duplicate?: boolean;
    refetch: boolean;
    expect: (index: typeof start) => void;
  }[] = [
    {
      name: 'updates a session from its own event',
      event: event(11, 'session.updated', 'session:s1', session('s1', { status: 'blocked', version: 2 })),
      refetch: false,
      expect: (i) => expect(i.sessions.s1?.status).toBe('blocked'),
    },
    {
      name: 'takes a session\'s new changed set from the conflict engine',
      event: event(11, 'session.changes', 'session:s1', { paths: ['src/a.ts', 'src/b.ts'] }, { paths: [] }),
      refetch: false,
      expect: (i) => expect(i.changedPaths).toEqual({ s1: ['src/a.ts', 'src/b.ts'] }),
    },
    {
      name: 'adds a new record',
      event: event(11, 'session.created', 'session:s2', session('s2')),
      refetch: false,
      expect: (i) => expect(Object.keys(i.sessions).sort()).toEqual(['s1', 's2']),
    },
    {
      name: 'deletes when after is null',
      event: event(11, 'lease.released', 'lease:l1', null, lease('l1', 's1', 'src/**')),
      refetch: false,
      expect: (i) => expect(i.leases).toEqual({}),
    },
    {
      name: 'drops an ended session, as the board does',
      event: event(11, 'session.ended', 'session:s1', { ...session('s1'), endedAt: '2025-01-02T00:00:00Z', patchPath: null }),
      refetch: false,
      expect: (i) => expect(i.sessions).toEqual({}),
    },
    {
      name: 'refetches when the kind is about another record type (leases released on a session)',
      event: event(11, 'lease.released', 'session:s1', null, [lease('l1', 's1', 'src/**')]),
      refetch: true,
      expect: (i) => {
        expect(i.sessions.s1).toBeDefined();
        expect(i.leases.l1).toBeDefined();
      },
    },
    {
      name: 'refetches on a partial after',
      event: event(11, 'approval.expired', 'approval:a1', { state: 'expired' }),
      refetch: true,
      expect: (i) => expect(i.approvals).toEqual({}),
    },
    {
      name: 'refetches on an unknown subject type',
      event: event(11, 'merge.done', 'merge:m1', { id: 'm1' }),
      refetch: true,
      expect: (i) => expect(i.lastEventId).toBe(11),
    },
    {
      name: 'applies but refetches after a gap in ids',
      event: event(14, 'session.updated', 'session:s1', session('s1', { title: 'renamed', version: 3 })),
      refetch: true,
      expect: (i) => {
        expect(i.sessions.s1?.title).toBe('renamed');
        expect(i.lastEventId).toBe(14);
      },
    },
    {
      name: 'ignores an event already covered (replay after reconnect)',
      event: event(9, 'session.updated', 'session:s1', session('s1', { title: 'old' })),
      duplicate: true,
      refetch: false,
      expect: (i) => expect(i).toBe(start),
    },
  ];

  it.each(cases)('$name', ({ event: e, duplicate = false, refetch, expect: check }) => {
    const outcome = applyEvent(start, e);
    expect(outcome.duplicate).toBe(duplicate);
    expect(outcome.needsRefetch).toBe(refetch);
    check(outcome.index);
    expect(start.sessions.s1?.status).toBe('active');
  });
});

describe('parseSubject', () => {
  it.each([
    ['session:s3', { type: 'session', id: 's3' }],
    ['lease:a:b', { type: 'lease', id: 'a:b' }],
    ['nocolon', null],
    [':x', null],
    ['x:', null],
  ])('%s', (subject, parsed) => expect(parseSubject(subject)).toEqual(parsed));
});

describe('eventTouchesSession', () => {
  it.each([
    [event(1, 'session.updated', 'session:s1', null), true],
    [event(1, 'lease.granted', 'lease:l1', lease('l1', 's1', 'a')), true],
    [event(1, 'conflict.opened', 'conflict:c1', { id: 'c1', sessions: ['s2', 's1'] }), true],
    [event(1, 'lease.granted', 'lease:l2', lease('l2', 's2', 'a')), false],
  ])('%#', (e, touches) => expect(eventTouchesSession(e, 's1')).toBe(touches));
});
