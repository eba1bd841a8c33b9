import type { SessionCredentials } from '../board/session-credentials';
import { type CoordinatorLink, CoordinatorRefusal } from './coordinator-link';
import type { HookPolicy } from './hook-policy';
import { findSessionWorktree } from './session-worktree';
import { stagedPaths } from './staged-paths';
import { checkedVerdict, refusesWrite, verdictText } from './write-decision';

/** pass: commit (perhaps with a note); refuse: the interlocking says no; fail: the guard could not decide, so no. */
export type CommitGuardOutcome = { kind: 'pass'; note: string | null } | { kind: 'refuse'; reason: string } | { kind: 'fail'; reason: string };

const ADVISORY = '(SIGNALBOX_GUARD=warn: advisory only, the commit goes ahead.)';

/**
 * The body of the pre-commit hook: the staged paths, both names of a rename, asked of the
 * coordinator as writes of the session. Fails closed: a commit it cannot check is refused.
 */
export async function guardCommit(
  worktree: string,
  indexFile: string | undefined,
  policy: HookPolicy,
  link: (credentials: SessionCredentials) => CoordinatorLink,
): Promise<CommitGuardOutcome> {
  const session = findSessionWorktree(worktree);
  if (!session) return { kind: 'pass', note: null };
  const id = session.credentials.session;
  const unchecked = (why: string): CommitGuardOutcome => {
    const reason =
      `Signalbox could not check this commit of session ${id}: ${why} ` +
      'It is refused so that no lease is overwritten unseen; make sure the coordinator runs (`signalbox serve`) and commit again.';
    return policy.guard === 'warn' ? { kind: 'pass', note: `${reason} ${ADVISORY}` } : { kind: 'fail', reason };
  };
  let paths: string[];
  try {
    paths = await stagedPaths(session.root, indexFile);
  } catch (error) {
    return unchecked(error instanceof Error ? error.message : String(error));
  }
  if (!paths.length) return { kind: 'pass', note: null };
  const coordinator = link(session.credentials);
  try {
    const verdict = checkedVerdict(await coordinator.call('check', { session: id, paths, mode: 'write' }));
    if (verdict.verdict === 'clear') return { kind: 'pass', note: null };
    const text = verdictText(verdict);
    if (!refusesWrite(verdict, policy)) return { kind: 'pass', note: text };
    const reason = `Signalbox refused this commit of session ${id}. ${text}`;
    return policy.guard === 'warn' ? { kind: 'pass', note: `${reason} ${ADVISORY}` } : { kind: 'refuse', reason };
  } catch (error) {
    return unchecked(error instanceof CoordinatorRefusal ? `${error.body.message}${error.body.hint ? ` ${error.body.hint}` : ''}` : (error as Error).message);
  } finally {
    coordinator.close();
  }
}
