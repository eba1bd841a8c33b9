// Bundles the node side (CLI, coordinator server, agent hooks) into out/cli so `signalbox`
// starts fast: one file per entry, dependencies stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: {
    // The entry dispatches agent hooks before loading the full command line (src/cli/main.ts).
    'signalbox': 'src/cli/hook-entry.ts',
  },
  outdir: 'out/cli',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
