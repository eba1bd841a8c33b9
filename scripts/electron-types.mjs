// Typecheck needs electron.d.ts, but on Node 20 npm skips the optional `electron` package
// (its engines ask for Node 22.12). Put the package's files — never its install script,
// never the binary — into node_modules/electron so `tsc` and electron-vite find them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const target = join(root, 'node_modules', 'electron');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const range = manifest.optionalDependencies?.electron ?? manifest.devDependencies?.electron;

/** start.mjs reads this marker to tell "types only" apart from a real install. */
const TYPES_ONLY_MARKER = '.signalbox-types-only';

if (!range) {
  console.error('electron-types: package.json names no electron version');
  process.exit(1);
}

if (existsSync(join(target, 'electron.d.ts'))) {
  const { version } = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  console.log(`electron-types: electron ${version} types already present`);
  process.exit(0);
}

const scratch = mkdtempSync(join(tmpdir(), 'signalbox-electron-types-'));
try {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', `electron@${range}`, '--pack-destination', scratch, '--json', '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const { filename, version } = packed[0];
  mkdirSync(target, { recursive: true });
  execFileSync(
    'tar',
    [
      '-xzf', join(scratch, filename),
      '-C', target,
      '--strip-components=1',
      'package/package.json',
      'package/electron.d.ts',
      'package/abi_version',
      'package/LICENSE',
    ],
    { stdio: 'inherit' },
  );
  writeFileSync(
    join(target, TYPES_ONLY_MARKER),
    'Written by scripts/electron-types.mjs: type definitions only, no Electron binary.\n',
  );
  console.log(`electron-types: extracted electron ${version} types (no binary) into node_modules/electron`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
