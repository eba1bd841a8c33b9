// The import boundaries of DESIGN §1 are lint rules; this keeps them from silently stopping working.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' && message.severity === 2)
    .map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['src/core/x.ts', "import { app } from 'electron';"],
    ['src/core/board/x.ts', "import { createMainWindow } from '../../main/main-window';"],
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/shared/x.ts', "import { dataDirLayout } from '../core/data-dir';"],
    ['src/renderer/src/x.tsx', "import Database from 'better-sqlite3';"],
    ['src/renderer/src/x.tsx', "import { readFileSync } from 'node:fs';"],
    ['src/renderer/src/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/src/api/x.ts', "import { startCoordinator } from '../../../server/coordinator';"],
    ['src/main/x.ts', "import { startCoordinator } from '../server/coordinator';"],
    ['src/main/x.ts', "import { simpleGit } from 'simple-git';"],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['src/core/x.ts', "import type { Board } from '../shared/board';"],
    ['src/renderer/src/x.tsx', "import type { Api } from '../../shared/api';"],
    ['src/main/coordinator-process.ts', "import { startCoordinator } from '../server/coordinator';"],
    ['src/main/x.ts', "import { app } from 'electron';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';\nimport { IPC } from '../shared/ipc';"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });

  it('forbids focused tests', async () => {
    const [result] = await eslint.lintText("describe.only('x', () => {});", { filePath: `${root}test/unit/x.test.ts` });
    expect(result?.messages.map((message) => message.ruleId)).toContain('no-restricted-properties');
  });
});
