import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * electron-vite picks output format and Node target from the installed Electron's major version.
 * Where npm skipped the optional `electron` package (Node 20), take the major from package.json.
 */
function electronMajorFromManifest(): string {
  try {
    createRequire(import.meta.url).resolve('electron/package.json');
    return '';
  } catch {
    const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      optionalDependencies?: Record<string, string>;
    };
    return /\d+/.exec(manifest.optionalDependencies?.electron ?? '')?.[0] ?? '';
  }
}

const major = electronMajorFromManifest();
if (major && !process.env.ELECTRON_MAJOR_VER) process.env.ELECTRON_MAJOR_VER = major;

export default defineConfig({
  main: {
    build: {
      sourcemap: true,
      rolldownOptions: {
        input: {
          'index': resolve(root, 'src/main/index.ts'),
          'coordinator-process': resolve(root, 'src/main/coordinator-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ES modules or other files: one CommonJS file.
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react()],
    build: {
      sourcemap: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
      },
    },
  },
});
