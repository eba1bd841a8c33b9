import type { ConflictScan } from '../shared/api';

/**
 * Follows the conflict engine's first full evaluation after start, so the board can say
 * "still scanning N worktrees" instead of looking clear while it is not yet known.
 */
export class FirstScan {
  private scan: ConflictScan;

  constructor(
    sessions: number,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.scan = { state: 'scanning', sessions, startedAt: now(), finishedAt: null };
  }

  /** Resolves or rejects as `evaluation` does, after the state says how it ended. */
  follow(evaluation: Promise<void>): Promise<void> {
    return evaluation.then(
      () => this.finish('ready'),
      (error: unknown) => {
        this.finish('failed');
        throw error;
      },
    );
  }

  current(): ConflictScan {
    return this.scan;
  }

  private finish(state: 'ready' | 'failed'): void {
    this.scan = { ...this.scan, state, finishedAt: this.now() };
  }
}
