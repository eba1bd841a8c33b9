import type { Api } from '../../../shared/api';
import type { Session, Task } from '../../../shared/board';
import type { StoreApi } from 'zustand/vanilla';
import type { ControlRoomActions, ControlRoomState } from './control-room-store';
import { contestedHolders, patternsToMove, shownVersions, type OwnershipOverride, type ShownVersion } from './lease-transfer';
import type { NoticeDraft } from './notices';
import type { TaskOverride } from './task-transfer';

export type SteeringActions = Pick<
  ControlRoomActions,
  | 'pauseSession'
  | 'resumeSession'
  | 'updateSession'
  | 'markBlocked'
  | 'unblock'
  | 'endSession'
  | 'createSession'
  | 'decideApproval'
  | 'moveLeases'
  | 'confirmOverride'
  | 'cancelOverride'
  | 'moveTask'
  | 'confirmTaskOverride'
  | 'cancelTaskOverride'
>;

/** One write to the coordinator, shown in progress under `key` while it runs. */
export interface WriteStep<T> {
  /** The record it changes (`session:s3`), so its buttons wait. */
  key: string;
  /** What the progress strip says meanwhile, e.g. "Ending s3: saving its diff…". */
  label: string;
  /** Completes "Could not …" when it fails. */
  doing: string;
  run: () => Promise<T>;
  /** Takes an error over instead of the usual notice; returns true when it did. */
  handle?: (error: unknown) => boolean;
}

export interface Writer {
  write<T>(step: WriteStep<T>): Promise<T | null>;
  notify(draft: NoticeDraft): void;
  upsertSession(session: Session): void;
  reloadBoard(): Promise<boolean>;
  /** Reloads the selected session's detail, soon. */
  reloadDetail(): void;
}

/**
 * The lead's steering (DESIGN §5): every change goes through the Api, which writes the audit event;
 * what the store shows afterwards is what the coordinator answered, never a guess.
 */
export function createSteeringActions(
  api: Api,
  set: StoreApi<ControlRoomState>['setState'],
  get: StoreApi<ControlRoomState>['getState'],
  { write, notify, upsertSession, reloadBoard, reloadDetail }: Writer,
): SteeringActions {
  const versionOf = (id: string): number | undefined => get().board.sessions[id]?.version;
  const withVersion = <T extends object>(input: T, version: number | undefined): T & { expectVersion?: number } =>
    version === undefined ? input : { ...input, expectVersion: version };

  const changeSession = async (id: string, step: Omit<WriteStep<Session>, 'key'>): Promise<boolean> => {
    const session = await write({ key: `session:${id}`, ...step });
    if (session) {
      upsertSession(session);
      if (get().detail.sessionId === id) reloadDetail();
    }
    return session !== null;
  };

  /**
   * Hands each pattern over at the lease version the lead saw; the ones that take a live write lease
   * wait for the lead's confirmation.
   */
  const handOver = async (
    patterns: readonly string[],
    to: string,
    versions: Record<string, ShownVersion>,
    confirm: boolean,
  ): Promise<OwnershipOverride | null> => {
    const refused: OwnershipOverride = { to, patterns: [], holders: [], reasons: [], versions: {} };
    let moved = false;
    for (const pattern of patterns) {
      const expected = versions[pattern];
      const leases = await write({
        key: `lease:${pattern}`,
        label: `Moving ${pattern} to ${to}…`,
        doing: `move ${pattern} to ${to}`,
        run: () =>
          api.call('reassign', {
            pattern,
            to,
            ...(confirm ? { confirm } : {}),
            ...(expected ? { expectLease: expected.lease, expectVersion: expected.version } : {}),
          }),
        handle: (error) => {
          const holders = confirm ? null : contestedHolders(error);
          if (holders === null) return false;
          refused.patterns.push(pattern);
          if (expected) refused.versions[pattern] = expected;
          refused.holders.push(...holders.filter((h) => !refused.holders.includes(h)));
          refused.reasons.push(error instanceof Error ? error.message : String(error));
          return true;
        },
      });
      if (leases) moved = true;
    }
    // The answer lists the moved leases but not a duplicate the target held, which the coordinator
    // dropped: a fresh board shows both.
    if (moved) await reloadBoard();
    return refused.patterns.length > 0 ? refused : null;
  };

  /** Hands a task over at the version the lead saw; a tier-3 refusal comes back as the override to confirm. */
  const handOverTask = async (task: Task, to: string, confirm: boolean): Promise<TaskOverride | null> => {
    let refused: TaskOverride | null = null;
    const moved = await write({
      key: `task:${task.id}`,
      label: `Moving task ${task.id} to ${to}…`,
      doing: `move task ${task.id} to ${to}`,
      run: () => api.call('task.reassign', { id: task.id, to, expectVersion: task.version, ...(confirm ? { confirm } : {}) }),
      handle: (error) => {
        const holders = confirm ? null : contestedHolders(error);
        if (holders === null) return false;
        const reason = error instanceof Error ? error.message : String(error);
        refused = { task: task.id, title: task.title, to, holder: holders[0] ?? task.session ?? '', reason };
        return true;
      },
    });
    if (moved) set((s) => ({ board: { ...s.board, tasks: { ...s.board.tasks, [moved.id]: moved } } }));
    return refused;
  };

  return {
    pauseSession: (id) =>
      changeSession(id, {
        label: `Pausing ${id}…`,
        doing: `pause ${id}`,
        run: () => api.call('session.pause', withVersion({ id }, versionOf(id))),
      }),

    resumeSession: (id) =>
      changeSession(id, {
        label: `Resuming ${id}…`,
        doing: `resume ${id}`,
        run: () => api.call('session.resume', withVersion({ id }, versionOf(id))),
      }),

    updateSession: (id, expectVersion, fields) =>
      changeSession(id, {
        label: `Saving ${id}…`,
        doing: `update ${id}`,
        run: () => api.call('session.update', { id, expectVersion, fields }),
      }),

    markBlocked: (id, expectVersion, blocker) =>
      changeSession(id, {
        label: `Marking ${id} blocked…`,
        doing: `mark ${id} blocked`,
        run: () => api.call('status.set', { session: id, status: 'blocked', blocker, expectVersion }),
      }),

    unblock: (id, expectVersion) =>
      changeSession(id, {
        label: `Unblocking ${id}…`,
        doing: `unblock ${id}`,
        run: () => api.call('status.set', { session: id, status: 'active', expectVersion }),
      }),

    async endSession(id) {
      const result = await write({
        key: `session:${id}`,
        label: `Ending ${id}: saving its diff and removing its worktree…`,
        doing: `end ${id}`,
        run: () => api.call('session.end', { id, preserveDiff: true, removeWorktree: true }),
      });
      if (!result) return false;
      upsertSession(result.session);
      if (get().detail.sessionId === id) reloadDetail();
      notify({
        tone: 'info',
        title: `Ended ${id}`,
        message: result.patchPath ? `Its changes are saved as ${result.patchPath}.` : 'It had no worktree, so there was no diff to save.',
        ...(result.worktreeRemoved ? { hint: 'Its worktree was removed and its leases released.' } : {}),
      });
      return true;
    },

    async createSession(input) {
      const session = await write({
        key: 'session:new',
        label: `Creating “${input.title}”: adding its worktree…`,
        doing: `create “${input.title}”`,
        run: () => api.call('session.new', input),
      });
      if (session) upsertSession(session);
      return session;
    },

    async decideApproval(id, decision, why) {
      const version = get().board.approvals[id]?.version;
      const verb = decision === 'approve' ? 'Approving' : 'Denying';
      const approval = await write({
        key: `approval:${id}`,
        label: `${verb} ${id}…`,
        doing: `${decision} ${id}`,
        run: () => api.call('approval.decide', withVersion({ id, decision, ...(why ? { why } : {}) }, version)),
      });
      if (approval) set((s) => ({ board: { ...s.board, approvals: { ...s.board.approvals, [approval.id]: approval } } }));
      return approval !== null;
    },

    async moveLeases(patterns, to, drawn) {
      const leases = drawn ?? Object.values(get().board.leases);
      const moving = patternsToMove(leases, patterns, to);
      if (moving.length === 0) {
        notify({ tone: 'info', title: 'Nothing to move', message: `${to} already holds ${patterns.join(', ')}.` });
        return;
      }
      const refused = await handOver(moving, to, shownVersions(leases, moving, to), false);
      if (refused) set({ override: refused });
    },

    async confirmOverride() {
      const override = get().override;
      if (!override) return;
      set({ override: null });
      await handOver(override.patterns, override.to, override.versions, true);
    },

    async moveTask(id, to) {
      const task = get().board.tasks[id];
      if (!task) return;
      if (task.session === to) {
        notify({ tone: 'info', title: 'Nothing to move', message: `${to} already owns task ${id}.` });
        return;
      }
      const refused = await handOverTask(task, to, false);
      if (refused) set({ taskOverride: refused });
    },

    async confirmTaskOverride() {
      const override = get().taskOverride;
      const task = override ? get().board.tasks[override.task] : undefined;
      set({ taskOverride: null });
      if (override && task) await handOverTask(task, override.to, true);
    },

    cancelTaskOverride() {
      const override = get().taskOverride;
      if (!override) return;
      set({ taskOverride: null });
      notify({ tone: 'info', title: 'Nothing was taken', message: `Task ${override.task} stays with ${override.holder}.` });
    },

    cancelOverride() {
      const override = get().override;
      if (!override) return;
      set({ override: null });
      notify({
        tone: 'info',
        title: 'Nothing was taken',
        message: `${override.patterns.join(', ')} stays with ${override.holders.join(', ') || 'its holder'}.`,
      });
    },
  };
}
