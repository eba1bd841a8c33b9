import type { ApiErrorCode } from '../../shared/api';

/** A refusal the lead or an agent can act on; the transport maps `code` to HTTP status and exit code. */
export class BoardError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly hint?: string,
    readonly details?: Record<string, unknown>,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'BoardError';
  }
}

export class NotFoundError extends BoardError {
  constructor(kind: string, id: string, hint?: string) {
    super('not-found', `No ${kind} "${id}" on the board.`, hint ?? `List them with \`signalbox ${kind} list\`.`, { kind, id });
  }
}

export class BadInputError extends BoardError {
  constructor(message: string, field?: string, hint?: string) {
    super('bad-input', message, hint, undefined, field);
  }
}

export class RefusedError extends BoardError {
  constructor(message: string, hint?: string, details?: Record<string, unknown>) {
    super('refused', message, hint, details);
  }
}

/** Someone changed the row after the writer read it: nothing was applied (DESIGN §2). */
export class StaleVersionError extends BoardError {
  constructor(
    readonly subject: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
    readonly changedBy: string,
    readonly changedAt: string,
  ) {
    super(
      'stale-version',
      `${subject} was changed by ${changedBy} at ${changedAt} (now version ${currentVersion}, you read ${expectedVersion}); your change was not applied.`,
      'Read it again and re-apply your change on top of theirs.',
      { subject, expectedVersion, currentVersion, changedBy, changedAt },
    );
  }
}
