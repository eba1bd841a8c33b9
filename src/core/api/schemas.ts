import { z } from 'zod';
import type { OperationInput, OperationName } from '../../shared/api';
import { AGENT_KINDS, SESSION_STATUSES, TASK_STATUSES } from '../../shared/board';

/** Validation at the boundary, once, for every transport (DESIGN §7). */
const id = z.string().trim().min(1, 'must not be empty').max(200);
const text = z.string().max(10_000);
const patterns = z.array(z.string().min(1).max(1_000)).max(500);
const version = z.number().int().positive();
const empty = z.object({}).strict();

export const inputSchemas = {
  'whoami': empty,
  'repo.add': z
    .object({
      path: z.string().min(1).max(4_096),
      protectedBranch: z.string().min(1).max(255).optional(),
      gate: z.string().min(1).max(4_096).optional(),
      worktreeRoot: z.string().min(1).max(4_096).optional(),
    })
    .strict(),
  'repo.list': empty,
  'session.new': z
    .object({
      repo: z.string().min(1).max(4_096),
      title: z.string().trim().min(1, 'a session needs a title').max(200),
      owner: z.string().trim().min(1).max(200).optional(),
      agent: z.enum(AGENT_KINDS).optional(),
      objective: text.optional(),
      scope: patterns.optional(),
      forbidden: patterns.optional(),
      base: z.string().min(1).max(255).optional(),
      branch: z.string().min(1).max(255).optional(),
      cadenceMinutes: z.number().int().positive().max(7 * 24 * 60).optional(),
      escalation: z.string().min(1).max(200).optional(),
      priority: z.number().int().min(-1000).max(1000).optional(),
    })
    .strict(),
  'session.list': z.object({ includeEnded: z.boolean().optional() }).strict(),
  'session.show': z.object({ id }).strict(),
  'session.diff': z.object({ id }).strict(),
  'session.refresh': z.object({ session: id }).strict(),
  'session.update': z
    .object({
      id,
      expectVersion: version,
      fields: z
        .object({
          title: z.string().max(200).optional(),
          owner: z.string().trim().min(1).max(200).optional(),
          objective: text.optional(),
          scope: patterns.optional(),
          forbidden: patterns.optional(),
          escalation: z.string().max(200).nullable().optional(),
          cadenceMinutes: z.number().int().positive().max(7 * 24 * 60).nullable().optional(),
          priority: z.number().int().min(-1000).max(1000).optional(),
        })
        .strict()
        .refine((fields) => Object.keys(fields).length > 0, 'name at least one field to change'),
    })
    .strict(),
  'session.pause': z.object({ id, expectVersion: version.optional() }).strict(),
  'session.resume': z.object({ id, expectVersion: version.optional() }).strict(),
  'session.end': z
    .object({
      id,
      preserveDiff: z.boolean().optional(),
      removeWorktree: z.boolean().optional(),
      force: z.boolean().optional(),
    })
    .strict(),
  'status.set': z
    .object({
      session: id,
      status: z.enum(SESSION_STATUSES),
      blocker: z.string().min(1).max(2_000).optional(),
      expectVersion: version.optional(),
    })
    .strict(),
  'checkpoint': z
    .object({
      session: id,
      note: text.optional(),
      tests: z.enum(['pass', 'fail']).optional(),
      testCommand: z.string().max(2_000).optional(),
      commit: z.string().regex(/^[0-9a-f]{7,64}$/, 'must be a commit id').optional(),
    })
    .strict(),
  'claim': z
    .object({
      session: id,
      patterns: patterns.min(1, 'name at least one pattern'),
      mode: z.enum(['write', 'read']).optional(),
      ttl: z.string().min(1).max(20).optional(),
      reason: z.string().max(2_000).optional(),
    })
    .strict(),
  'release': z
    .object({ session: id, patterns: patterns.optional(), all: z.boolean().optional() })
    .strict()
    .refine((input) => input.all || (input.patterns?.length ?? 0) > 0, 'name the patterns to release, or all'),
  'check': z
    .object({
      session: id,
      paths: z.array(z.string().min(1).max(4_096)).min(1, 'name at least one path').max(1_000),
      mode: z.enum(['write', 'read']).optional(),
    })
    .strict(),
  'reassign': z
    .object({ pattern: z.string().min(1).max(1_000), to: id, confirm: z.boolean().optional(), expectLease: id.optional(), expectVersion: version.optional() })
    .strict(),
  'conflicts': z.object({ session: id.optional() }).strict(),
  'task.new': z
    .object({
      title: z.string().trim().min(1, 'a task needs a title').max(200),
      objective: text.optional(),
      session: id.optional(),
      blockedBy: z.array(id).max(200).optional(),
    })
    .strict(),
  'task.list': z.object({ session: id.optional() }).strict(),
  'task.update': z
    .object({
      id,
      expectVersion: version,
      fields: z
        .object({
          title: z.string().max(200).optional(),
          objective: text.optional(),
          status: z.enum(TASK_STATUSES).optional(),
          blockedBy: z.array(id).max(200).optional(),
        })
        .strict()
        .refine((fields) => Object.keys(fields).length > 0, 'name at least one field to change'),
    })
    .strict(),
  'task.reassign': z.object({ id, to: id, confirm: z.boolean().optional(), expectVersion: version.optional() }).strict(),
  'approval.request': z
    .object({
      session: id,
      tier: z.union([z.literal(2), z.literal(3)]),
      action: z.string().trim().min(1, 'say what needs approval').max(500),
      detail: text.optional(),
    })
    .strict(),
  'approval.list': z
    .object({ session: id.optional(), state: z.enum(['pending', 'approved', 'denied', 'expired']).optional() })
    .strict(),
  'approval.decide': z
    .object({
      id,
      decision: z.enum(['approve', 'deny']),
      why: z.string().max(2_000).optional(),
      expectVersion: version.optional(),
    })
    .strict(),
  'board': empty,
  'events.since': z
    .object({ after: z.number().int().min(0), limit: z.number().int().positive().max(5_000).optional() })
    .strict(),
} satisfies { [K in OperationName]: z.ZodType<OperationInput<K>> };
