/** A task hand-over the coordinator refused because its owner is still live: the lead must confirm (tier 3). */
export interface TaskOverride {
  task: string;
  title: string;
  to: string;
  /** The live session that would lose the task. */
  holder: string;
  /** The coordinator's own words. */
  reason: string;
}
