import { ZodError } from 'zod';
import type { ApiErrorBody } from '../../shared/api';
import { BoardError } from '../board/errors';
import { DatabaseFromFutureError } from '../db/connection';
import { GitError } from '../git';

/** Git refusals that are the caller's input (a non-repo path, an unknown ref), not our failure. */
const INPUT_GIT_ERRORS = new Set([
  'NotAGitRepositoryError',
  'UnknownRefError',
  'BranchCheckedOutError',
  'BranchExistsError',
  'WorktreePathExistsError',
  'NoProtectedBranchError',
]);

/** One mapping from anything thrown to what the caller is told. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof BoardError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0]!;
    const field = issue.path.join('.');
    return {
      code: 'bad-input',
      message: field ? `${field}: ${issue.message}` : issue.message,
      field,
      details: { issues: error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) },
    };
  }
  if (error instanceof Error && INPUT_GIT_ERRORS.has(error.name)) {
    return { code: 'bad-input', message: error.message };
  }
  if (error instanceof GitError || error instanceof DatabaseFromFutureError) {
    return { code: 'internal', message: error.message };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
