/**
 * Electron main: one instance, the coordinator in a utility process, one locked-down window,
 * the typed IPC bridge and the tray. Everything it decides is decided in pure modules.
 */
import { BrowserWindow, app, dialog } from 'electron';
import { join } from 'node:path';
import trayIcon from '../../resources/tray.png?asset&asarUnpack';
import { applyDevContentSecurityPolicy, registerAppScheme, serveRenderer } from './app-protocol';
import { watchBoard } from './board-watch';
import { coordinatorApi } from './coordinator-api';
import { startCoordinatorProcess, type CoordinatorHost } from './coordinator-host';
import { createElectronShell } from './electron-shell';
import { registerIpc } from './ipc-handlers';
import { createMainWindow, lockDownWebContents } from './main-window';

const APP_USER_MODEL_ID = 'dev.signalbox.desktop';
const here = import.meta.dirname;
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

let window: BrowserWindow | null = null;

function showWindow(): void {
  if (window === null || window.isDestroyed()) {
    window = createMainWindow({ preload: join(here, '../preload/index.cjs'), devServerUrl });
    window.on('closed', () => {
      window = null;
    });
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function fail(title: string, error: unknown, dataDir: string): void {
  const reason = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(title, `${reason}\n\nData directory: ${dataDir}`);
  app.exit(1);
}

async function run(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  lockDownWebContents();
  if (devServerUrl === undefined) serveRenderer(join(here, '../renderer'));
  else applyDevContentSecurityPolicy(devServerUrl);

  const dataDir = process.env.SIGNALBOX_HOME || app.getPath('userData');
  let coordinator: CoordinatorHost;
  try {
    coordinator = await startCoordinatorProcess({
      entry: join(here, 'coordinator-process.js'),
      dataDir,
      onCrash: (code) => fail('The Signalbox coordinator stopped', `Its process exited with code ${code}.`, dataDir),
    });
  } catch (error) {
    fail('Signalbox could not start its coordinator', error, dataDir);
    return;
  }

  registerIpc({ connection: coordinator.connection, devServerUrl });
  showWindow();
  app.on('second-instance', showWindow);
  const shell = createElectronShell({ trayIcon, window: () => window, showWindow });
  const stopWatching = watchBoard({
    api: coordinatorApi(coordinator.connection),
    shell,
    onError: (error) => console.error('signalbox: could not read the board for the tray:', error),
  });

  app.on('activate', showWindow);
  // Closing the window leaves Signalbox in the tray: the lead is still monitoring (DESIGN §6).
  app.on('window-all-closed', () => undefined);
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    stopWatching();
    shell.dispose();
    void coordinator.stop().finally(() => app.quit());
  });
}

// Packaged or not, the board lives where the CLI looks by default (core/data-dir): <appData>/Signalbox.
app.setPath('userData', join(app.getPath('appData'), 'Signalbox'));
registerAppScheme();
if (app.requestSingleInstanceLock()) void run();
else app.quit();
