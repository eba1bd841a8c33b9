import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Path → content; null deletes the file. */
export type FileContents = Record<string, string | Buffer | null>;

export interface TempDir {
  /** Absolute, symlinks resolved. */
  dir: string;
  cleanup(): Promise<void>;
}

export interface RepoFixture extends TempDir {
  /** The repository's top level, inside `dir`; put worktrees beside it in `dir`. */
  root: string;
  write(files: FileContents, cwd?: string): Promise<void>;
  /** Writes, stages everything and commits; returns the new commit id. */
  commit(files: FileContents, message?: string, cwd?: string): Promise<string>;
  /** Plain git, independent of src/core/git; returns stdout, throws on a non-zero exit. */
  run(args: string[], cwd?: string): Promise<string>;
}

export interface RepoOptions {
  /** Files of the first commit; by default a README, so the branch always has a commit. */
  files?: FileContents;
  /** Name of the first branch; default `main`. */
  branch?: string;
  /** Name of the repository's folder, to test spaces and unicode; default `repo`. */
  folderName?: string;
}

export async function makeTempDir(): Promise<TempDir> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'signalbox-git-')));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function makeRepo(options: RepoOptions = {}): Promise<RepoFixture> {
  const temp = await makeTempDir();
  const root = join(temp.dir, options.folderName ?? 'repo');
  await mkdir(root, { recursive: true });

  const run = (args: string[], cwd = root) => plainGit(args, cwd);
  const write = async (files: FileContents, cwd = root) => {
    for (const [path, content] of Object.entries(files)) {
      const file = join(cwd, path);
      if (content === null) {
        await rm(file, { force: true });
      } else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    }
  };
  const commit = async (files: FileContents, message = 'change', cwd = root) => {
    await write(files, cwd);
    await run(['add', '--all'], cwd);
    await run(['commit', '--quiet', '--allow-empty', '--message', message], cwd);
    return (await run(['rev-parse', 'HEAD'], cwd)).trim();
  };

  await run(['init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`]);
  await run(['config', 'user.name', 'Fixture']);
  await run(['config', 'user.email', 'fixture@example.com']);
  await run(['config', 'commit.gpgSign', 'false']);
  await commit(options.files ?? { 'README.md': '# fixture\n' }, 'initial');

  return { ...temp, root, write, commit, run };
}

function plainGit(args: string[], cwd: string): Promise<string> {
  // A GIT_DIR or GIT_INDEX_FILE of whoever runs the tests must not point the fixture elsewhere.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toUpperCase().startsWith('GIT_')));
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(' ')} in ${cwd} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}
