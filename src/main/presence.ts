/** Where the lead's attention is (DESIGN §6), from what Electron can observe. */
import type { Presence } from '../shared/desktop-shell';

/** Seconds without input after which the lead counts as away. */
export const AWAY_AFTER_IDLE_SECONDS = 300;

/** `powerMonitor.getSystemIdleState` answers one of these. */
export type IdleState = 'active' | 'idle' | 'locked' | 'unknown';

export function presenceOf(idle: IdleState, windowFocused: boolean): Presence {
  if (idle === 'idle' || idle === 'locked') return 'away';
  return windowFocused ? 'present' : 'monitoring';
}
