/**
 * The port through which the coordinator's attention decisions reach the lead's desktop
 * (DESIGN §1 rule 5, §6). Electron implements it with a tray, OS notifications and
 * powerMonitor; browser mode with the document title, a favicon badge and Web Notifications.
 */

/** Sessions that wait on the lead; the tray badge is their sum, always. */
export interface BadgeCounts {
  blocked: number;
  awaitingApproval: number;
  reviewReady: number;
}

/** One thing worth interrupting the lead for. `session` lets a click focus that session. */
export interface AttentionSignal {
  title: string;
  body: string;
  session?: string;
}

/** present: window focused; monitoring: open, not focused; away: idle past a threshold or locked. */
export type Presence = 'present' | 'monitoring' | 'away';

export interface DesktopShell {
  setBadge(counts: BadgeCounts): void;
  notify(signal: AttentionSignal): void;
  presence(): Presence;
}
