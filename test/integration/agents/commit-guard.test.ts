import { spawn, spawnSync } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { credentialsPath } from '../../../src/core/board/session-credentials';
import { serveCoordinator, tempDir, type ServedCoordinator } from '../../helpers/signalbox-cli';
import { agentEnv, Workbench } from './hook-harness';

const FILES = {
  'db/migrations/0001_init.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\n',
  'src/orders.ts': 'export const orders = [];\n',
  'config/app.json': '{}\n',
  'README.md': '# shop\n',
};

let data: { path: string; remove(): void };
let coordinator: ServedCoordinator;
let bench: Workbench;

beforeAll(async () => {
  data = tempDir('signalbox-guard-');
  coordinator = await serveCoordinator(data.path);
});

afterAll(async () => {
  await coordinator.kill();
  data.remove();
});

afterEach(async () => {
  await bench?.cleanup();
});

/** Plain git as an agent or a person runs it, with the author set and nothing of the test runner's GIT_* or SIGNALBOX_*. */
function git(cwd: string, args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(agentEnv(env)).filter(([key]) => !key.startsWith('GIT_')));
  const result = spawnSync('git', ['-c', 'user.name=Agent', '-c', 'user.email=agent@example.com', ...args], { cwd, env: clean, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function gitAsync(cwd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(agentEnv()).filter(([key]) => !key.startsWith('GIT_')));
  const child = spawn('git', ['-c', 'user.name=Agent', '-c', 'user.email=agent@example.com', ...args], { cwd, env: clean });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done) => child.once('close', (code) => done({ code, stderr })));
}

function writeFile(root: string, path: string, content: string) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
}

async function twoSessions() {
  bench = await Workbench.create(coordinator, FILES);
  const a = bench.session('Migrations', '--owner', 'ana');
  const b = bench.session('Search', '--owner', 'bo', '--forbid', 'config/**');
  expect(bench.cli(['claim', 'db/migrations/**'], a.worktree).code).toBe(0);
  return { a, b };
}

describe('the pre-commit guard of a session worktree', () => {
  it('refuses a commit that touches another session’s write lease, with the same reason as the hook', async () => {
    const { a, b } = await twoSessions();
    writeFile(b.worktree, 'db/migrations/0002_add_index.sql', 'CREATE INDEX i ON orders (id);\n');
    git(b.worktree, ['add', '--all']);
    const refused = git(b.worktree, ['commit', '-m', 'add index']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`Signalbox refused this commit of session ${b.id}. Signalbox hard-collision: db/migrations/0002_add_index.sql is inside the write lease db/migrations/** of session ${a.id} ("Migrations", owner ana)`);
    expect(git(b.worktree, ['log', '--format=%s', '-1']).stdout.trim()).toBe('initial');
  });

  it('checks both names of a rename, a forbidden path, and the temporary index of commit -a and commit PATH', async () => {
    const { b } = await twoSessions();
    git(b.worktree, ['mv', 'db/migrations/0001_init.sql', 'db/init.sql']);
    expect(git(b.worktree, ['commit', '-m', 'move']).stderr).toContain('db/migrations/0001_init.sql is inside the write lease');
    git(b.worktree, ['reset', '--hard', '-q']);

    writeFile(b.worktree, 'config/app.json', '{"debug": true}\n');
    const forbidden = git(b.worktree, ['commit', '-am', 'debug']);
    expect(forbidden.code).not.toBe(0);
    expect(forbidden.stderr).toMatch(/config\/app\.json is in this session's forbidden area \(config\/\*\*\)/);
    git(b.worktree, ['checkout', '-q', '--', 'config/app.json']);

    writeFile(b.worktree, 'db/migrations/0001_init.sql', 'DROP TABLE orders;\n');
    expect(git(b.worktree, ['commit', '-am', 'drop']).code).not.toBe(0);
    expect(git(b.worktree, ['commit', '-m', 'drop', 'db/migrations/0001_init.sql']).code).not.toBe(0);
  });

  it('refuses a rename whose new name lands in another session’s write lease', async () => {
    const { a, b } = await twoSessions();
    expect(git(b.worktree, ['mv', 'src/orders.ts', 'db/migrations/0002_orders.sql']).code).toBe(0);
    expect(git(b.worktree, ['diff', '--cached', '--name-status']).stdout).toMatch(/^R100\tsrc\/orders\.ts\tdb\/migrations\/0002_orders\.sql$/m);
    const refused = git(b.worktree, ['commit', '-m', 'move orders into the migrations']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`db/migrations/0002_orders.sql is inside the write lease db/migrations/** of session ${a.id}`);
    expect(git(b.worktree, ['log', '--format=%s', '-1']).stdout.trim()).toBe('initial');
  });

  it.each([
    ['answers HTTP 500', (response: ServerResponse) => response.writeHead(500).end('{"error":'), /answered HTTP 500/],
    ['answers garbage', (response: ServerResponse) => response.writeHead(200).end('<html>surprise</html>'), /no verdict Signalbox knows/],
    ['answers JSON that is no verdict', (response: ServerResponse) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"verdict":"sure"}'), /no verdict Signalbox knows/],
  ])('fails closed when the coordinator %s', async (_name, answer, why) => {
    bench = await Workbench.create(coordinator, FILES);
    const s = bench.session('Broken coordinator');
    const broken = createServer((request, response) => request.resume().on('end', () => answer(response)));
    await new Promise<void>((done) => broken.listen(0, '127.0.0.1', done));
    try {
      const gitDir = git(s.worktree, ['rev-parse', '--absolute-git-dir']).stdout.trim();
      const credentials = JSON.parse(readFileSync(credentialsPath(gitDir), 'utf8'));
      const nowhere = join(bench.repo.dir, 'no-data-dir');
      const port = (broken.address() as AddressInfo).port;
      writeFileSync(credentialsPath(gitDir), JSON.stringify({ ...credentials, dataDir: nowhere, url: `http://127.0.0.1:${port}` }));
      writeFile(s.worktree, 'src/orders.ts', 'export const orders = [3];\n');
      // Asynchronously: the broken coordinator answers from this very process.
      const refused = await gitAsync(s.worktree, ['commit', '-am', 'orders']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(new RegExp(`Signalbox could not check this commit of session ${s.id}: .*`));
      expect(refused.stderr).toMatch(why);
      expect(git(s.worktree, ['log', '--format=%s', '-1']).stdout.trim()).toBe('initial');
    } finally {
      await new Promise((done) => broken.close(done));
    }
  });

  it('lets a clear commit through, and a soft overlap with a note', async () => {
    const { a, b } = await twoSessions();
    writeFile(b.worktree, 'src/search.ts', 'export const search = () => [];\n');
    git(b.worktree, ['add', '--all']);
    expect(git(b.worktree, ['commit', '-m', 'search'])).toMatchObject({ code: 0, stderr: '' });

    expect(bench.cli(['claim', 'src/orders.ts', '--mode', 'read'], a.worktree).code).toBe(0);
    writeFile(b.worktree, 'src/orders.ts', 'export const orders = [1];\n');
    const noted = git(b.worktree, ['commit', '-am', 'orders']);
    expect(noted.code).toBe(0);
    expect(noted.stderr).toMatch(/soft-overlap: .*read lease src\/orders\.ts/);
  });

  it('lets the session take another branch’s changes in a merge it concludes itself', async () => {
    const { a, b } = await twoSessions();
    writeFile(a.worktree, 'db/migrations/0002_add_index.sql', 'CREATE INDEX i ON orders (id);\n');
    git(a.worktree, ['add', '--all']);
    expect(git(a.worktree, ['commit', '-m', 'index']).code).toBe(0);
    expect(git(b.worktree, ['merge', '--no-ff', '--no-commit', a.branch]).code).toBe(0);
    expect(git(b.worktree, ['commit', '-m', `merge ${a.branch}`]).code).toBe(0);
  });

  it('fails closed when no coordinator answers; SIGNALBOX_GUARD=warn makes it advisory', async () => {
    const own = tempDir('signalbox-guard-down-');
    const down = await serveCoordinator(own.path);
    const orphanBench = await Workbench.create(down, FILES);
    try {
      const s = orphanBench.session('Orphan');
      await down.kill();
      writeFile(s.worktree, 'src/orders.ts', 'export const orders = [2];\n');
      const refused = git(s.worktree, ['commit', '-am', 'orders']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/Signalbox could not check this commit of session s\d+: no Signalbox coordinator answers/);
      const advisory = git(s.worktree, ['commit', '-am', 'orders'], { SIGNALBOX_GUARD: 'warn' });
      expect(advisory.code).toBe(0);
      expect(advisory.stderr).toMatch(/advisory only/);
    } finally {
      await orphanBench.cleanup();
      own.remove();
    }
  });
});

describe('what the guard leaves alone', () => {
  it('does not reach the main checkout or a plain worktree of the same repository', async () => {
    await twoSessions();
    const main = bench.repo.root;
    expect(git(main, ['config', '--get', 'core.hooksPath']).stdout).toBe('');
    writeFile(main, 'db/migrations/0003_hotfix.sql', 'SELECT 1;\n');
    git(main, ['add', '--all']);
    expect(git(main, ['commit', '-m', 'hotfix on main'])).toMatchObject({ code: 0, stderr: '' });

    const plain = join(bench.repo.dir, 'plain');
    expect(git(main, ['worktree', 'add', '-q', '-b', 'plain', plain]).code).toBe(0);
    expect(git(plain, ['config', '--get', 'core.hooksPath']).stdout).toBe('');
    writeFile(plain, 'db/migrations/0004.sql', 'SELECT 2;\n');
    git(plain, ['add', '--all']);
    expect(git(plain, ['commit', '-m', 'plain worktree'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('still runs the repository’s own hooks in a session worktree, from .git/hooks or a core.hooksPath like husky’s', async () => {
    const { b } = await twoSessions();
    const marker = join(bench.repo.dir, 'hooks-ran.log');
    const hook = (name: string) => `#!/bin/sh\necho "${name} $(basename "$PWD")" >> "${marker}"\n`;
    for (const name of ['pre-commit', 'commit-msg']) {
      writeFileSync(join(bench.repo.root, '.git/hooks', name), hook(name));
      chmodSync(join(bench.repo.root, '.git/hooks', name), 0o755);
    }
    writeFile(b.worktree, 'src/a.ts', 'a\n');
    git(b.worktree, ['add', '--all']);
    expect(git(b.worktree, ['commit', '-m', 'a']).code).toBe(0);
    expect(readFileSync(marker, 'utf8').trim().split('\n')).toEqual([`pre-commit ${b.worktree.split('/').pop()}`, `commit-msg ${b.worktree.split('/').pop()}`]);

    mkdirSync(join(bench.repo.root, '.husky'));
    writeFileSync(join(bench.repo.root, '.husky/pre-commit'), '#!/bin/sh\necho "lint failed" >&2\nexit 1\n');
    chmodSync(join(bench.repo.root, '.husky/pre-commit'), 0o755);
    git(bench.repo.root, ['config', 'core.hooksPath', join(bench.repo.root, '.husky')]);
    writeFile(b.worktree, 'src/b.ts', 'b\n');
    git(b.worktree, ['add', '--all']);
    const linted = git(b.worktree, ['commit', '-m', 'b']);
    expect(linted.code).not.toBe(0);
    expect(linted.stderr).toContain('lint failed');
    expect(existsSync(join(b.worktree, '.husky'))).toBe(false);
  });
});
