import { describe, expect, it } from 'vitest';
import type { Board, Lease, Session } from '../../../src/shared/board';
import type { SessionDetail } from '../../../src/shared/api';
import { formatBoard, formatDetail } from '../../../src/cli/format';

const session = (id: string, extra: Partial<Session> = {}): Session =>
  ({
    id,
    title: `Session ${id}`,
    owner: 'ana',
    agent: 'claude-code',
    status: 'active',
    flags: [],
    blocker: null,
    worktree: `/work/${id}`,
    branch: `signalbox/${id}`,
    baseCommit: '0123456789abcdef',
    objective: null,
    scope: [],
    forbidden: [],
    escalation: null,
    cadenceMinutes: null,
    lastCheckpoint: null,
    lastSuccessfulTest: null,
    version: 1,
    endedAt: null,
    ...extra,
  }) as Session;

const lease = (id: string, extra: Partial<Lease> = {}): Lease => ({
  id,
  session: 's1',
  pattern: 'src/api/**',
  mode: 'write',
  expiresAt: null,
  reason: null,
  fence: 1,
  version: 1,
  ...extra,
});

describe('CLI text', () => {
  it('session show names each lease with its id, version and expiry, how far main moved, the changed files and the latest activity', () => {
    const inTwoHours = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const detail: SessionDetail = {
      session: session('s1', { baseBehind: 3 }),
      leases: [lease('l7', { version: 2, reason: 'adding an index' }), lease('l9', { pattern: 'docs/**', mode: 'read', expiresAt: inTwoHours })],
      approvals: [],
      conflicts: [],
      changedPaths: Array.from({ length: 22 }, (_, n) => `src/file${n}.ts`),
      events: Array.from({ length: 12 }, (_, n) => ({
        id: n + 1,
        at: `2026-12-04T07:${String(n).padStart(2, '0')}:30.000Z`,
        actor: n === 11 ? 'lead' : 'session:s1',
        kind: n === 11 ? 'session.paused' : 'session.checkpoint',
        subject: 'session:s1',
        before: null,
        after: null,
      })),
    };
    const text = formatDetail(detail);
    expect(text).toContain('from 0123456789 (the protected branch is 3 commits past it)');
    expect(text).toContain('write src/api/**  (l7 v2, until released) — adding an index');
    expect(text).toContain('read  docs/**  (l9 v1, 3h left)');
    expect(text).toContain('changed     22 files');
    expect(text).toContain('    src/file19.ts');
    expect(text).not.toContain('src/file20.ts');
    expect(text).toContain('… and 2 more (all of them: signalbox --json session show s1)');
    expect(text).toContain('activity    last 10 of 12, newest first\n    2026-12-04 07:11  session.paused  by lead\n    2026-12-04 07:10  session.checkpoint');
    expect(text).not.toContain('07:01');
  });

  it('the board lists the leases with what reassign --expect-lease and --expect-version need', () => {
    const board = {
      repos: [],
      sessions: [session('s1')],
      tasks: [],
      leases: [lease('l7', { version: 4 })],
      conflicts: [],
      approvals: [],
      queue: [],
      lastEventId: 1,
    } as Board;
    const text = formatBoard(board);
    expect(text).toMatch(/LEASE\s+VERSION\s+SESSION\s+MODE\s+PATTERN\s+EXPIRES/);
    expect(text).toMatch(/l7\s+v4\s+s1\s+write\s+src\/api\/\*\*\s+until released/);
    expect(formatBoard({ ...board, leases: [] })).toContain('No leases.');
  });
});
