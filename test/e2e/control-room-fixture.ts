import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { OperationInput, OperationName, OperationOutput } from '../../src/shared/api';
import { makeRepo, type RepoFixture } from '../helpers/git-fixture';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../helpers/signalbox-cli';
import { chooseTheme, launchChromium } from './chromium';

/** Where the e2e tests leave pictures of what they saw (gitignored). */
export const SCREENSHOTS = resolve(__dirname, '../../test-results/screenshots');

/** A real repository, a real `signalbox serve` on it, and Debian's Chromium. */
export interface ControlRoomFixture {
  repo: RepoFixture;
  coordinator: ServedCoordinator;
  browser: Browser;
  /** Calls the API as the lead (or with a session's token); throws with the coordinator's message when refused. */
  call<K extends OperationName>(op: K, input: OperationInput<K>, token?: string): Promise<OperationOutput<K>>;
  /** The token a session's agent uses, read from its worktree as the agent would. */
  sessionToken(worktree: string): Promise<string>;
  screenshotPath(name: string): string;
  /** Saves `name.png` in the light theme and `name-dark.png` in the dark one, leaving the page light. */
  screenshotBothThemes(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startControlRoom(files: Record<string, string>): Promise<ControlRoomFixture> {
  const repo = await makeRepo({ files });
  const data = tempDir('signalbox-e2e-');
  const coordinator = await serveCoordinator(data.path);
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    repo,
    coordinator,
    browser,
    async call(op, input, token) {
      const { status, body } = await coordinator.api(op, input, token);
      if (status !== 200) throw new Error(`${op} ${JSON.stringify(input)} → ${status}: ${body?.error?.message ?? JSON.stringify(body)}`);
      return body;
    },
    async sessionToken(worktree) {
      const gitDir = (await repo.run(['rev-parse', '--absolute-git-dir'], worktree)).trim();
      const credentials = JSON.parse(await readFile(join(gitDir, 'signalbox', 'session.json'), 'utf8')) as { token: string };
      return credentials.token;
    },
    screenshotPath: (name) => join(SCREENSHOTS, `${name}.png`),
    async screenshotBothThemes(page, name) {
      await chooseTheme(page, 'dark');
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-dark.png`) });
      await chooseTheme(page, 'light');
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      await browser.close();
      await coordinator.kill();
      data.remove();
      await repo.cleanup();
    },
  };
}
