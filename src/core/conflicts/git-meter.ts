/** Counts the git processes the engine starts, by operation: the evidence that work was skipped. */
export interface GitMeter {
  started(operation: string): void;
}
