export { changedFiles } from './changed-set';
export { commitTree, type CommitTreeInput } from './commit-tree';
export { patchSince } from './diff';
export {
  BranchCheckedOutError,
  BranchExistsError,
  GIT_DID_NOT_RUN,
  GitError,
  NoProtectedBranchError,
  NotAGitRepositoryError,
  UnknownRefError,
  WorktreePathExistsError,
  type NotAGitRepositoryReason,
} from './errors';
export { mergeTrees, type MergeConflictNotice, type MergeResult, type MergeSides } from './merge-tree';
export {
  branchExists,
  commitsNotIn,
  deleteBranch,
  detectProtectedBranch,
  isAncestor,
  isValidBranchName,
  resolveRepository,
  revParse,
  type Repository,
} from './repository';
export { git, type GitOptions, type GitResult } from './run-git';
export { gitDirOf } from './git-dir';
export { copyIndexFile, snapshotCommit, snapshotTree } from './snapshot';
export { worktreeState, type StatusEntry, type WorktreeState } from './status';
export { addWorktree, pruneWorktrees, removeWorktree, worktreeGitDir, type AddWorktreeOptions } from './worktree';
export { listWorktrees, type Worktree } from './worktree-list';
