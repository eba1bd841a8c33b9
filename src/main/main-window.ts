/** The one window: isolated, sandboxed, no Node, no navigation away, no new windows (DESIGN §7). */
import { BrowserWindow, app, session } from 'electron';
import { APP_ENTRY_URL } from './trusted-sender';

export interface MainWindowOptions {
  preload: string;
  /** Vite's dev server, only when running unpackaged under `electron-vite dev`. */
  devServerUrl: string | undefined;
}

/** Notifications come from main; the page asks for nothing else than writing to the clipboard. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** Applies to every web contents the app ever creates, not only the main window. */
export function lockDownWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Signalbox',
    backgroundColor: '#15181d',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return window;
}
