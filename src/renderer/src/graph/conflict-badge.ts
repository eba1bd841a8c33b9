/** Longest badge on a conflict edge, in characters: readable at a fitted zoom, short enough to stay between nodes. */
export const CONFLICT_BADGE_MAX = 24;

/**
 * The badge a conflict edge shows: its next action's first clause ("Stop s2 writing src/**",
 * "Watch", "Rebase s1 onto main"), cut to `max`. The full next action is the badge's tooltip.
 */
export function conflictBadge(nextAction: string, max = CONFLICT_BADGE_MAX): string {
  const clause = nextAction.split(/[:;(]/, 1)[0]!.trim() || nextAction.trim();
  return clause.length <= max ? clause : `${clause.slice(0, max - 1).trimEnd()}…`;
}
