/**
 * The Electron adapter of the DesktopShell port (DESIGN §1 rule 5): tray and dock badge,
 * OS notifications, presence from powerMonitor and window focus. Decisions live in the pure
 * modules it calls (badge-text, presence); this file only touches Electron.
 */
import { Menu, Notification, Tray, app, nativeImage, powerMonitor, type BrowserWindow } from 'electron';
import type { AttentionSignal, BadgeCounts, DesktopShell, Presence } from '../shared/desktop-shell';
import { badgeTotal, trayTitle, trayTooltip } from './badge-text';
import { AWAY_AFTER_IDLE_SECONDS, presenceOf } from './presence';

export interface ElectronShellOptions {
  trayIcon: string;
  window: () => BrowserWindow | null;
  showWindow: () => void;
}

export interface ElectronShell extends DesktopShell {
  dispose(): void;
}

export function createElectronShell(options: ElectronShellOptions): ElectronShell {
  const tray = new Tray(nativeImage.createFromPath(options.trayIcon));
  tray.setToolTip(trayTooltip({ blocked: 0, awaitingApproval: 0, reviewReady: 0 }));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Signalbox', click: options.showWindow },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ]),
  );
  tray.on('click', options.showWindow);
  // A notification that is garbage-collected loses its click handler; hold it until it closes.
  const shown = new Set<Notification>();

  function presence(): Presence {
    return presenceOf(powerMonitor.getSystemIdleState(AWAY_AFTER_IDLE_SECONDS), options.window()?.isFocused() ?? false);
  }

  return {
    setBadge(counts: BadgeCounts) {
      tray.setToolTip(trayTooltip(counts));
      if (process.platform === 'darwin') tray.setTitle(trayTitle(counts));
      app.setBadgeCount(badgeTotal(counts));
    },
    notify(signal: AttentionSignal) {
      if (!Notification.isSupported()) return;
      // While the lead is away an alert stays until seen (DESIGN §6).
      const notification = new Notification({
        title: signal.title,
        body: signal.body,
        timeoutType: presence() === 'away' ? 'never' : 'default',
      });
      shown.add(notification);
      notification.on('click', options.showWindow);
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
    presence,
    dispose() {
      for (const notification of shown) notification.close();
      shown.clear();
      tray.destroy();
    },
  };
}
