import type { ConflictScan } from '../../../shared/api';

export interface ScanNotice {
  text: string;
  /** A failed scan is not progress: it is shown as a warning and stays. */
  failed: boolean;
}

/** What the progress strip says about the coordinator's first conflict scan; nothing once it is ready. */
export function scanNotice(scan: ConflictScan | null): ScanNotice | null {
  if (scan === null || scan.state === 'ready') return null;
  if (scan.state === 'failed') {
    return { text: 'The first conflict scan failed: conflicts may be missing until the next one. See the coordinator’s log.', failed: true };
  }
  const worktrees = scan.sessions === 1 ? '1 worktree' : `${scan.sessions} worktrees`;
  return { text: `Looking for conflicts: reading ${worktrees} for the first time…`, failed: false };
}
