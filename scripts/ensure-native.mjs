// Makes better-sqlite3 loadable by one runtime: `node` (tests, CLI, `signalbox serve`) or
// `electron` (the desktop app). They need different builds of its native module (different
// ABIs); each build is kept in node_modules/.cache, so switching back is a copy, not a compile.
//
//   node scripts/ensure-native.mjs node       # before tests, after `npm start`
//   node scripts/ensure-native.mjs electron   # `npm start` runs this
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const target = process.argv[2];
const PROBE = "new (require('better-sqlite3'))(':memory:').close()";
const onWindows = process.platform === 'win32';

if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/ensure-native.mjs node|electron');
  process.exit(2);
}

/** Read from path.txt: `require('electron')` would try to download a missing binary. */
function electronBinary() {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function runtimeFor(name) {
  if (name === 'node') return { label: `Node ${process.version}`, command: process.execPath, env: process.env };
  const command = electronBinary();
  if (command === null) return null;
  return { label: 'Electron', command, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } };
}

/** Loads better-sqlite3 in a child of the runtime: null when it works, else why not. */
function probe(runtime) {
  const run = spawnSync(runtime.command, ['-e', PROBE], { cwd: root, env: runtime.env, encoding: 'utf8' });
  if (run.status === 0) return null;
  const lines = (run.error?.message ?? run.stderr ?? '').split('\n').map((line) => line.trim());
  return lines.find((line) => /NODE_MODULE_VERSION|Error/.test(line)) ?? lines.find(Boolean) ?? `exit ${run.status}`;
}

function abiOf(runtime) {
  const run = spawnSync(runtime.command, ['-p', 'process.versions.modules'], { env: runtime.env, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'unknown';
}

function run(command, args) {
  console.log(`ensure-native: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: onWindows }).status === 0;
}

const runtime = runtimeFor(target);
if (runtime === null) {
  console.error('ensure-native: the Electron binary is not installed, so there is nothing to build for. Run `npm start` for details.');
  process.exit(1);
}

let moduleDir;
try {
  moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
} catch {
  console.error('ensure-native: better-sqlite3 is not installed; run `npm install` first.');
  process.exit(1);
}
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const abi = abiOf(runtime);
const cached = join(root, 'node_modules', '.cache', 'signalbox-native', `${target}-abi${abi}-${process.platform}-${process.arch}`, 'better_sqlite3.node');

function remember() {
  mkdirSync(dirname(cached), { recursive: true });
  copyFileSync(binary, cached);
}

const problem = probe(runtime);
if (problem === null) {
  remember();
  console.log(`ensure-native: better-sqlite3 loads under ${runtime.label} (ABI ${abi}).`);
  process.exit(0);
}
console.log(`ensure-native: better-sqlite3 does not load under ${runtime.label} (ABI ${abi}): ${problem}`);

if (existsSync(cached)) {
  copyFileSync(cached, binary);
  if (probe(runtime) === null) {
    console.log(`ensure-native: restored the ${runtime.label} build kept in ${cached}.`);
    process.exit(0);
  }
}

const rebuilt =
  target === 'node'
    ? run('npm', ['rebuild', 'better-sqlite3'])
    : run('npm', ['exec', '--no', '--', 'electron-builder', 'install-app-deps']);
const after = rebuilt ? probe(runtime) : 'the rebuild failed (see above)';
if (after !== null) {
  console.error(`ensure-native: better-sqlite3 still does not load under ${runtime.label}: ${after}`);
  process.exit(1);
}
remember();
console.log(`ensure-native: rebuilt better-sqlite3 for ${runtime.label} (ABI ${abi}).`);
