// Lint, and the import boundaries of DESIGN §1: the folder says where code runs, and an import
// that crosses the wrong way is an error here, not a review comment.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const UI_PACKAGES = ['react', 'react-dom', '@xyflow/react', 'zustand'];
const STORAGE_PACKAGES = ['better-sqlite3', 'simple-git', 'chokidar'];
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

/** A package and its subpaths: `react` and `react/jsx-runtime`. */
function packages(names, message) {
  return names.map((name) => ({ regex: `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`, message }));
}

/** Relative imports reaching a top-level folder of src/ (`../main/…`, `../../server`). */
function folders(names, message) {
  return [{ regex: `^(\\.\\./)+(${names.join('|')})(/.*)?$`, message }];
}

const nodeBuiltins = (message) => [
  { regex: '^node:', message },
  ...packages(NODE_BUILTINS, message),
];

function restrict(...patternLists) {
  return { 'no-restricted-imports': ['error', { patterns: patternLists.flat() }] };
}

const coreAndShared = [
  packages(['electron', ...UI_PACKAGES], 'core and shared run anywhere Node runs: no electron, no UI (DESIGN §1 rule 3).'),
  folders(['main', 'preload', 'renderer', 'server', 'cli'], 'core and shared sit below every transport and UI; they may not import them.'),
];
const noStorage = packages(STORAGE_PACKAGES, 'Only the coordinator touches SQLite, git and the file watcher (DESIGN §1 rule 3); talk to it through the Api.');
const mainBoundary = folders(['core', 'server', 'cli', 'renderer', 'preload'], 'Electron main talks to the coordinator process over HTTP, to the window over IPC; it imports only src/shared.');

export default defineConfig(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: ['src/core/**/*.ts'], rules: restrict(...coreAndShared) },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(...coreAndShared, folders(['core'], 'shared is the contract; core implements it, not the other way round.'), [
      { regex: '^[^.]', message: 'src/shared has no runtime dependencies: plain types and constants, imported by every bundle.' },
    ]),
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrict(
      packages(['electron', ...UI_PACKAGES], 'server and cli run under plain Node: no electron, no UI.'),
      folders(['main', 'preload', 'renderer'], 'server and cli may not import the desktop app or the UI.'),
    ),
  },
  { files: ['src/main/**/*.ts'], rules: restrict(noStorage, mainBoundary) },
  {
    // The one file that hosts the coordinator: the entry of the utility process.
    files: ['src/main/coordinator-process.ts'],
    rules: restrict(noStorage, folders(['core', 'cli', 'renderer', 'preload'], 'The coordinator process starts src/server; everything else comes through it.')),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      [{ regex: '^(?!electron$)[^.]', message: 'The sandboxed preload imports only electron and src/shared: it can load nothing else.' }],
      folders(['core', 'main', 'renderer', 'server', 'cli'], 'The preload imports only electron and src/shared.'),
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx,mts}'],
    ignores: ['src/renderer/*.config.mts'],
    rules: restrict(
      noStorage,
      packages(['electron'], 'The renderer reaches Electron only through window.signalbox (the preload).'),
      nodeBuiltins('The renderer runs in a browser: no Node built-ins.'),
      folders(['core', 'server', 'cli', 'main', 'preload'], 'The renderer talks only to the Api interface (DESIGN §1 rule 2).'),
    ),
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'A focused test skips the rest of the suite.' },
        { object: 'it', property: 'only', message: 'A focused test skips the rest of the suite.' },
        { object: 'test', property: 'only', message: 'A focused test skips the rest of the suite.' },
        { object: 'describe', property: 'skip', message: 'A skipped test left behind is a defect.' },
        { object: 'it', property: 'skip', message: 'A skipped test left behind is a defect.' },
        { object: 'test', property: 'skip', message: 'A skipped test left behind is a defect.' },
      ],
      // Tests read loosely typed JSON answers of the HTTP API.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
