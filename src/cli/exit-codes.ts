import type { ApiErrorBody, ApiErrorCode } from '../shared/api';

/** DESIGN §4: 0 ok, 1 unexpected, 2 bad usage or input, 3 refused by the interlocking, 4 no coordinator. */
export const EXIT = { ok: 0, unexpected: 1, usage: 2, refused: 3, noCoordinator: 4 } as const;

const BY_CODE: Record<ApiErrorCode, number> = {
  'bad-input': EXIT.usage,
  'not-found': EXIT.usage,
  'unauthorized': EXIT.usage,
  'refused': EXIT.refused,
  'stale-version': EXIT.refused,
  'internal': EXIT.unexpected,
};

/** An error the CLI reports and exits with; `body` is what --json prints. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'CliError';
  }

  static fromApi(body: ApiErrorBody): CliError {
    return new CliError(BY_CODE[body.code], body);
  }

  static usage(message: string, hint?: string): CliError {
    return new CliError(EXIT.usage, { code: 'bad-input', message, ...(hint ? { hint } : {}) });
  }
}
