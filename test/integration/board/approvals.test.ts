import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideApproval, requestApproval } from '../../../src/core/board/approvals';
import { BoardStore } from '../../../src/core/board/board-store';
import { approvals } from '../../../src/core/board/records';
import { readSession } from '../../../src/core/board/session-record';
import { endSession, newSession } from '../../../src/core/board/session-lifecycle';
import { pauseSession, recordCheckpoint, resumeSession, setStatus } from '../../../src/core/board/session-steering';
import { openBoardDatabase } from '../../../src/core/db/connection';
import type { Session } from '../../../src/shared/board';
import { makeRepo } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

let repo: Awaited<ReturnType<typeof makeRepo>>;
let data: { path: string; remove(): void };
let store: BoardStore;
let session: Session;
const as = () => `session:${session.id}`;

beforeEach(async () => {
  repo = await makeRepo({ files: { 'src/a.ts': 'a\n' } });
  data = tempDir('signalbox-approvals-');
  store = new BoardStore(openBoardDatabase(join(data.path, 'board.sqlite')));
  session = await newSession(store, { dataDir: data.path, url: 'http://127.0.0.1:1' }, { repo: repo.root, title: 'Asking' }, 'lead');
});

afterEach(async () => {
  store.db.close();
  data.remove();
  await repo.cleanup();
});

const ask = (action = 'merge to main') => requestApproval(store, { session: session.id, tier: 3, action }, as());
const states = () => approvals(store.db, session.id).map((a) => [a.action, a.state]);
const kindsSince = (after: number) =>
  store.db.prepare(`SELECT kind FROM event WHERE id > ? ORDER BY id`).pluck().all(after) as string[];
const lastEvent = () => store.db.prepare(`SELECT coalesce(max(id), 0) FROM event`).pluck().get() as number;

describe('an approval request', () => {
  it('puts a working session into awaiting-approval, with the request as its blocker', () => {
    const before = lastEvent();
    const approval = ask();
    expect(readSession(store, session.id)).toMatchObject({
      status: 'awaiting-approval',
      blocker: { text: `Tier-3 approval ${approval.id}: merge to main` },
      updatedBy: as(),
    });
    expect(kindsSince(before)).toEqual(['approval.requested', 'session.status']);
  });

  it('leaves a session that already waits on something else as it is', () => {
    setStatus(store, { session: session.id, status: 'blocked', blocker: 'permission prompt' }, as());
    ask();
    expect(readSession(store, session.id)).toMatchObject({ status: 'blocked', blocker: { text: 'permission prompt' } });
  });
});

describe('pending approvals expire when the session moves on', () => {
  it('when the session ends; decided ones stay as decided', async () => {
    const decided = ask('deploy');
    decideApproval(store, { id: decided.id, decision: 'deny', why: 'not today' }, 'lead');
    ask('merge to main');
    const before = lastEvent();
    await endSession(store, data.path, { id: session.id }, 'lead');
    expect(states()).toEqual([
      ['deploy', 'denied'],
      ['merge to main', 'expired'],
    ]);
    expect(kindsSince(before)).toEqual(['approval.expired', 'session.ended']);
  });

  it('when it is resumed after a pause, not when it is paused', () => {
    ask();
    pauseSession(store, { id: session.id }, 'lead');
    expect(states()).toEqual([['merge to main', 'pending']]);
    resumeSession(store, { id: session.id }, 'lead');
    expect(states()).toEqual([['merge to main', 'expired']]);
  });

  it('when it goes back to active from a wait (the hook’s status.set), not on a checkpoint', async () => {
    setStatus(store, { session: session.id, status: 'blocked', blocker: 'permission prompt' }, as());
    ask();
    await recordCheckpoint(store, { session: session.id, note: 'still waiting' }, as());
    expect(states()).toEqual([['merge to main', 'pending']]);
    const before = lastEvent();
    setStatus(store, { session: session.id, status: 'active' }, as());
    expect(states()).toEqual([['merge to main', 'expired']]);
    expect(kindsSince(before)).toEqual(['session.status', 'approval.expired']);
  });
});
