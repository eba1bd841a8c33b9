import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Keeps a path out of git for every checkout of the repository, without touching a tracked
 * .gitignore: a line in `info/exclude` of the shared git dir, added once.
 */
export async function excludeFromGit(commonDir: string, pattern: string, why: string): Promise<void> {
  const file = join(commonDir, 'info', 'exclude');
  const current = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const lines = current.split(/\r?\n/).map((line) => line.trim());
  if (lines.includes(pattern) || lines.includes(`/${pattern}`)) return;
  await mkdir(join(commonDir, 'info'), { recursive: true });
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  await writeFile(file, `${current}${separator}# ${why}\n${pattern}\n`);
}
