import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexNotifyLine } from '../../../src/core/agents/codex-notify';
import { shellCommand, shellWord, signalboxCommand, signalboxPackageRoot } from '../../../src/core/agents/signalbox-command';

describe('the command hooks run', () => {
  it('is the node running now and the bin of this package', () => {
    const root = resolve(__dirname, '../../..');
    expect(signalboxPackageRoot()).toBe(root);
    expect(signalboxCommand()).toEqual({ argv: [process.execPath, join(root, 'bin/signalbox.mjs')], env: {} });
    expect(() => signalboxPackageRoot('/')).toThrow(/Cannot find the signalbox command/);
  });

  it('quotes words for a POSIX shell only when they need it', () => {
    expect(shellWord('/usr/bin/node')).toBe('/usr/bin/node');
    expect(shellWord('/Users/Ana Lima/signalbox/bin/signalbox.mjs')).toBe("'/Users/Ana Lima/signalbox/bin/signalbox.mjs'");
    expect(shellWord("/tmp/it's/$HOME/`x`")).toBe(`'/tmp/it'\\''s/$HOME/\`x\`'`);
    expect(shellCommand({ argv: ['/app/Signal Box', '/app/bin/signalbox.mjs'], env: { ELECTRON_RUN_AS_NODE: '1' } }, ['hook', 'claude-code'])).toBe(
      "ELECTRON_RUN_AS_NODE=1 '/app/Signal Box' /app/bin/signalbox.mjs hook claude-code",
    );
  });

  it('writes the Codex notify line as a TOML array of strings', () => {
    expect(codexNotifyLine({ argv: ['/usr/bin/node', 'C:\\sb\\bin\\signalbox.mjs'], env: {} })).toBe(
      'notify = ["/usr/bin/node", "C:\\\\sb\\\\bin\\\\signalbox.mjs", "hook", "codex"]',
    );
    expect(codexNotifyLine({ argv: ['/app/Signalbox', '/app/bin/signalbox.mjs'], env: { ELECTRON_RUN_AS_NODE: '1' } })).toBe(
      'notify = ["/usr/bin/env", "ELECTRON_RUN_AS_NODE=1", "/app/Signalbox", "/app/bin/signalbox.mjs", "hook", "codex"]',
    );
  });
});
