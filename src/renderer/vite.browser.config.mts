// Browser mode (`signalbox serve`): the same renderer as Electron, built as static files into
// out/web with relative URLs so the server can mount it anywhere.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../out/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
});
