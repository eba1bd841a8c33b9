import { join } from 'node:path';
import type { BoardEvent, Conflict, LeaseMode, Session } from '../../../src/shared/board';
import { BoardStore } from '../../../src/core/board/board-store';
import { openConflicts } from '../../../src/core/board/records';
import type { OperationInput } from '../../../src/shared/api';
import { newSession } from '../../../src/core/board/session-lifecycle';
import { ConflictEngine, type ConflictEngineOptions } from '../../../src/core/conflicts/engine';
import { openBoardDatabase } from '../../../src/core/db/connection';
import { makeRepo, type FileContents, type RepoFixture } from '../../helpers/git-fixture';
import { tempDir } from '../../helpers/signalbox-cli';

/** A real repository, a real board file, sessions with real worktrees, and an engine over them. */
export interface ConflictBoard {
  repo: RepoFixture;
  store: BoardStore;
  engine: ConflictEngine;
  session(title: string, input?: Partial<OperationInput<'session.new'>>): Promise<Session>;
  /** Writes files into a session's worktree (null deletes). */
  edit(session: Session, files: FileContents): Promise<void>;
  conflicts(): Conflict[];
  /** Every audit event of a kind, oldest first. */
  events(kind: string): BoardEvent[];
  lease(session: Session, pattern: string, mode: LeaseMode): void;
  /** Resolves with the first event that matches, published after commit. */
  nextEvent(match: (event: BoardEvent) => boolean, timeoutMs?: number): Promise<BoardEvent>;
  cleanup(): Promise<void>;
}

export async function makeConflictBoard(
  files: FileContents,
  options: ConflictEngineOptions = { watch: false },
): Promise<ConflictBoard> {
  const repo = await makeRepo({ files });
  const data = tempDir('signalbox-conflicts-data-');
  const store = new BoardStore(openBoardDatabase(join(data.path, 'board.sqlite')));
  const engine = new ConflictEngine(store, { onError: (error) => console.error(error), ...options });
  let leases = 0;
  return {
    repo,
    store,
    engine,
    session: (title, input = {}) => newSession(store, { dataDir: data.path, url: 'http://127.0.0.1:1' }, { repo: repo.root, title, ...input }, 'lead'),
    edit: (session, contents) => repo.write(contents, session.worktree),
    conflicts: () => openConflicts(store.db),
    events: (kind) =>
      (store.db.prepare(`SELECT * FROM event WHERE kind = ? ORDER BY id`).all(kind) as { id: number; at: string; actor: string; kind: string; subject: string; before: string | null; after: string | null }[]).map(
        (row) => ({ ...row, before: row.before && JSON.parse(row.before), after: row.after && JSON.parse(row.after) }),
      ),
    lease: (session, pattern, mode) => {
      // Leases written as the board's lease code writes them, with the event the engine reacts to.
      store.write((tx) => {
        const id = `l-test-${++leases}`;
        tx.db
          .prepare(`INSERT INTO lease (id, session_id, pattern, mode, expires_at, reason, fence) VALUES (?, ?, ?, ?, NULL, NULL, ?)`)
          .run(id, session.id, pattern, mode, leases);
        tx.record({
          actor: 'lead',
          kind: 'lease.granted',
          subject: `lease:${id}`,
          after: { id, session: session.id, pattern, mode, expiresAt: null, reason: null, fence: leases },
        });
      });
    },
    nextEvent: (match, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`no matching event within ${timeoutMs} ms`));
        }, timeoutMs);
        const unsubscribe = store.onEvent((event) => {
          if (!match(event)) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(event);
        });
      }),
    cleanup: async () => {
      await engine.stop();
      store.db.close();
      data.remove();
      await repo.cleanup();
    },
  };
}

/** The one open conflict between exactly these sessions (or of this one session), of this kind. */
export function conflictOf(conflicts: Conflict[], kind: Conflict['kind'], ...sessions: Session[]): Conflict | undefined {
  const ids = sessions.map((session) => session.id).sort().join(',');
  return conflicts.find((conflict) => conflict.kind === kind && [...conflict.sessions].sort().join(',') === ids);
}
