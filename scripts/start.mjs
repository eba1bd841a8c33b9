// `npm start`: builds and opens the desktop app. Where Electron cannot run (no binary, Node 20,
// no display), it says why and what to run instead — browser mode is the same UI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const onWindows = process.platform === 'win32';
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wanted = manifest.optionalDependencies?.electron ?? 'electron';
const electronDir = join(root, 'node_modules', 'electron');
const REINSTALL = 'rm -rf node_modules/electron && npm install';
const INSTEAD = [
  'Meanwhile everything but the window works here; the same UI runs in a browser:',
  '  npm run demo     a sample repository with simulated agents, opened in your browser',
  '  npm run serve    the coordinator for your own data (signalbox serve --open)',
];

/**
 * The binary the electron package points at, or null. Read from its path.txt rather than
 * `require('electron')`, which tries to download a missing binary on the spot.
 */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why no window can open here, or null when Electron can be launched. */
function whyNoWindow() {
  const node = process.versions.node.split('.').map(Number);
  const nodeTooOld = node[0] < 22 || (node[0] === 22 && node[1] < 12);
  if (existsSync(join(electronDir, '.signalbox-types-only'))) {
    return [
      `node_modules/electron holds only Electron's type definitions (scripts/electron-types.mjs put them there for typecheck); the Electron binary is not installed.`,
      `To get the window: on Node >= 22.12 with internet access, run \`${REINSTALL}\`.`,
    ];
  }
  if (!existsSync(join(electronDir, 'package.json'))) {
    const cause = nodeTooOld
      ? `npm skipped the optional electron package (${wanted}): Electron 40 and later ask for Node >= 22.12, and this is Node ${process.version}.`
      : `npm skipped the optional electron package (${wanted}): its install step downloads the Electron binary from the internet, and that failed.`;
    return [`Electron is not installed here. ${cause}`, `To get the window: on Node >= 22.12 with internet access, run \`npm install\`.`];
  }
  if (electronBinary() === null) {
    return [
      'The electron package is installed without its binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed).',
      `To get the window: with internet access, run \`${REINSTALL}\`${nodeTooOld ? ' on Node >= 22.12' : ''}.`,
    ];
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return ['There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so Electron cannot open a window.'];
  }
  return null;
}

function step(command, args) {
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: onWindows });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const reason = whyNoWindow();
if (reason !== null) {
  console.log(['Signalbox: no desktop window on this machine.', ...reason.map((line) => `  ${line}`), '', ...INSTEAD].join('\n'));
  // Nothing failed: this machine cannot show the window, and the message says what to do instead.
  process.exit(0);
}

step(process.execPath, [join(root, 'scripts', 'ensure-native.mjs'), 'electron']);
step('npm', ['exec', '--no', '--', 'electron-vite', 'build']);
console.log('Signalbox: opening the desktop app. Tests run under Node: `node scripts/ensure-native.mjs node` restores its build.');
const app = spawn(electronBinary(), [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
