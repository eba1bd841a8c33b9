import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../git';
import { type SignalboxCommand, shellCommand } from './signalbox-command';

/**
 * The commit guard lives in a hooks folder of the session worktree's own git dir, made that
 * worktree's `core.hooksPath` in its own `config.worktree` (extensions.worktreeConfig). The main
 * checkout and every other worktree keep their hooks; the repository's shared config gains only
 * the extension flag. Because the override hides the repository's own hooks from this worktree,
 * every client-side hook here forwards to them, found as git would find them without it.
 */
const GUARD_ARGS = ['guard', 'pre-commit'];

const FORWARDED_HOOKS = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'post-index-change',
  'reference-transaction',
  'push-to-checkout',
  'p4-changelist',
  'p4-prepare-changelist',
  'p4-post-changelist',
  'p4-pre-submit',
];

const FORWARD = `# The repository's own hook of this name: core.hooksPath from any scope but this worktree's, else the shared hooks folder.
hook_name=$(basename "$0")
hooks_dir=$(git config --show-scope --get-all core.hooksPath 2>/dev/null | grep -v '^worktree' | tail -n 1 | cut -f 2-)
case $hooks_dir in
  '') hooks_dir="$(git rev-parse --git-common-dir)/hooks" ;;
  '~/'*) hooks_dir="$HOME/\${hooks_dir#'~/'}" ;;
esac
if [ -x "$hooks_dir/$hook_name" ]; then exec "$hooks_dir/$hook_name" "$@"; fi
exit 0
`;

function forwarderScript(): string {
  return `#!/bin/sh\n# Installed by Signalbox for this session worktree only (core.hooksPath in its config.worktree).\n${FORWARD}`;
}

function guardScript(command: SignalboxCommand): string {
  return (
    '#!/bin/sh\n' +
    '# Signalbox commit guard of this session worktree: refuses a commit that touches another session\'s write lease\n' +
    '# or a forbidden path, then runs the repository\'s own pre-commit.\n' +
    `${shellCommand(command, GUARD_ARGS)} || exit $?\n${FORWARD}`
  );
}

function commitGuardDir(worktreeGitDir: string): string {
  return join(worktreeGitDir, 'signalbox', 'hooks');
}

class CommitGuardError extends Error {
  constructor(reason: string) {
    super(`The Signalbox commit guard cannot be installed: ${reason}`);
    this.name = 'CommitGuardError';
  }
}

/** Shared settings that git applies to every linked worktree once worktree config is on (git-worktree(1)): refused, not moved. */
async function refuseUnsafeSharedConfig(worktree: string): Promise<void> {
  const read = (key: string) => git(['config', '--local', '--get', key], worktree, { name: 'read shared config', okExitCodes: [0, 1] });
  if ((await read('core.bare')).stdout.trim() === 'true') {
    throw new CommitGuardError('the repository sets core.bare = true in its shared config, which would apply to every worktree once worktree config is on.');
  }
  if ((await read('core.worktree')).stdout.trim() !== '') {
    throw new CommitGuardError('the repository sets core.worktree in its shared config, which would apply to every worktree once worktree config is on.');
  }
}

function configValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * simple-git refuses to set core.hooksPath (a hooks path runs code), rightly for anything a caller
 * passes in; this one is Signalbox's own folder, written into the worktree's own config file. The
 * section goes last, so it wins over any earlier value; git is asked afterwards what it sees.
 */
async function pointWorktreeAt(worktree: string, worktreeGitDir: string, dir: string): Promise<void> {
  const file = join(worktreeGitDir, 'config.worktree');
  const current = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const section = `[core]\n\thooksPath = ${configValue(dir)}\n`;
  if (!current.endsWith(section)) {
    await writeFile(file, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${section}`);
  }
  const seen = await git(['config', '--worktree', '--get', 'core.hooksPath'], worktree, { name: 'read the worktree hooks path', okExitCodes: [0, 1] });
  if (seen.stdout.trim() !== dir) {
    throw new CommitGuardError(`git reads core.hooksPath of ${worktree} as "${seen.stdout.trim()}", not ${dir}.`);
  }
}

/** Installs (or refreshes) the commit guard of one linked worktree. */
export async function installCommitGuard(worktree: string, worktreeGitDir: string, command: SignalboxCommand): Promise<void> {
  await refuseUnsafeSharedConfig(worktree);
  const dir = commitGuardDir(worktreeGitDir);
  await mkdir(dir, { recursive: true });
  for (const name of FORWARDED_HOOKS) {
    const file = join(dir, name);
    await writeFile(file, name === 'pre-commit' ? guardScript(command) : forwarderScript());
    await chmod(file, 0o755);
  }
  const enabled = await git(['config', '--local', '--get', 'extensions.worktreeConfig'], worktree, { name: 'read shared config', okExitCodes: [0, 1] });
  if (enabled.stdout.trim() !== 'true') {
    await git(['config', '--local', 'extensions.worktreeConfig', 'true'], worktree, { name: 'enable per-worktree config' });
  }
  await pointWorktreeAt(worktree, worktreeGitDir, dir);
}
