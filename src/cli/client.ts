import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ApiErrorBody, OperationInput, OperationName, OperationOutput } from '../shared/api';
import type { SessionCredentials } from '../core/board/session-credentials';
import { type CoordinatorInfo, dataDirLayout, defaultDataDir } from '../core/data-dir';
import { CliError, EXIT } from './exit-codes';
import { findWorktreeCredentials } from './worktree-credentials';

export interface GlobalOptions {
  data?: string;
  json?: boolean;
  session?: string;
}

/** Where the CLI is and who it speaks as: the lead, or the session whose worktree it runs in. */
export interface CliContext {
  dataDir: string;
  worktree: SessionCredentials | null;
  explicitSession: string | null;
}

export function resolveContext(options: GlobalOptions, cwd = process.cwd()): CliContext {
  const worktree = findWorktreeCredentials(cwd);
  // Absolute, so that it compares with the credentials' and means the same to a coordinator started from here.
  const dataDir = resolve(cwd, options.data || process.env.SIGNALBOX_HOME || worktree?.dataDir || defaultDataDir());
  return { dataDir, worktree, explicitSession: options.session ?? null };
}

/** The session a session-scoped command is about: --session, else the current worktree's. */
export function currentSession(context: CliContext): string {
  const session = context.explicitSession ?? context.worktree?.session;
  if (!session) {
    throw CliError.usage(
      'This command needs a session: run it inside a session worktree, or pass --session ID.',
      'List sessions with `signalbox session list`.',
    );
  }
  return session;
}

function noCoordinator(dataDir: string, why: string): CliError {
  return new CliError(EXIT.noCoordinator, {
    code: 'internal',
    message: `No Signalbox coordinator is running for ${dataDir} (${why}).`,
    hint: `Start one with \`signalbox serve --data "${dataDir}"\`, or open the desktop app.`,
  });
}

export class CoordinatorClient {
  private constructor(
    readonly url: string,
    private readonly token: string,
    private readonly dataDir: string,
  ) {}

  /**
   * Inside a session's worktree the CLI acts as that session, whatever --session names: the lead's
   * token is used only where no session credentials are in scope, so the audit log names who acted.
   */
  static connect(context: CliContext): CoordinatorClient {
    const layout = dataDirLayout(context.dataDir);
    if (!existsSync(layout.coordinatorFile)) throw noCoordinator(context.dataDir, 'no coordinator.json');
    const info = JSON.parse(readFileSync(layout.coordinatorFile, 'utf8')) as CoordinatorInfo;
    let token: string;
    if (context.worktree && context.worktree.dataDir === context.dataDir) token = context.worktree.token;
    else {
      try {
        token = readFileSync(layout.leadToken, 'utf8').trim();
      } catch {
        throw noCoordinator(context.dataDir, `cannot read ${layout.leadToken}`);
      }
    }
    return new CoordinatorClient(info.url, token, context.dataDir);
  }

  async call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    let response: Response;
    try {
      response = await fetch(`${this.url}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'authorization': `Bearer ${this.token}` },
        body: JSON.stringify(input),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw noCoordinator(this.dataDir, `${this.url} does not answer: ${cause}`);
    }
    const body = (await response.json().catch(() => null)) as { error?: ApiErrorBody } | null;
    if (!response.ok) {
      throw CliError.fromApi(
        body?.error ?? { code: 'internal', message: `The coordinator answered HTTP ${response.status}.` },
      );
    }
    return body as OperationOutput<K>;
  }
}
