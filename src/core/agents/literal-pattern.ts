/**
 * The lease pattern that covers exactly one repository path: glob characters go in brackets
 * (`app/[slug].tsx` → `app/[[]slug[]].tsx`). Once "(" is bracketed, "+", "@" and "!" start no
 * extglob and stay literal. Null for a path no pattern can name exactly: a leading "!" reads as
 * negation, a "\" as an escape, a control character cannot be matched.
 */
export function literalPattern(repoPath: string): string | null {
  if (!repoPath || repoPath.startsWith('!') || repoPath.includes('\\')) return null;
  for (let i = 0; i < repoPath.length; i += 1) {
    const unit = repoPath.charCodeAt(i);
    if (unit < 0x20 || unit === 0x7f) return null;
  }
  return repoPath.normalize('NFC').replace(/[*?[\]{}()]/g, (special) => `[${special}]`);
}
