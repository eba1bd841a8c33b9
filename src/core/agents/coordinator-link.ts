import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { ApiErrorBody, OperationInput, OperationName, OperationOutput } from '../../shared/api';
import type { SessionCredentials } from '../board/session-credentials';
import { type CoordinatorInfo, dataDirLayout } from '../data-dir';

/** The coordinator answered and said no: the body carries its reason, as the CLI would print it. */
export class CoordinatorRefusal extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'CoordinatorRefusal';
  }
}

/** No answer: no coordinator, a dead one, or one too slow for the hook's deadline. */
export class CoordinatorUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoordinatorUnreachable';
  }
}

export interface CoordinatorLink {
  call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationOutput<K>>;
  close(): void;
}

/** Where the coordinator listens now: it may have restarted on another port since the session began. */
function coordinatorUrl(credentials: SessionCredentials): string {
  try {
    const info = JSON.parse(readFileSync(dataDirLayout(credentials.dataDir).coordinatorFile, 'utf8')) as Partial<CoordinatorInfo>;
    if (typeof info.url === 'string' && info.url) return info.url;
  } catch {
    // No discovery file: try the address the session was created with; it answers or it does not.
  }
  return credentials.url;
}

/**
 * The HTTP API as the session itself, over node:http rather than fetch: fetch loads undici on first
 * use, which costs more than the whole decision of a hook. Every call must finish by `deadline`.
 */
export function linkAsSession(credentials: SessionCredentials, deadline: number): CoordinatorLink {
  const base = coordinatorUrl(credentials);
  const agent = new Agent({ keepAlive: true });
  const unreachable = (why: string) =>
    new CoordinatorUnreachable(`no Signalbox coordinator answers at ${base} for ${credentials.dataDir} (${why}).`);

  function call<K extends OperationName>(op: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const body = JSON.stringify(input);
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(unreachable('out of time'));
    return new Promise((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(`/api/${op}`, base);
      } catch {
        reject(unreachable('the recorded address is not a URL'));
        return;
      }
      const outgoing = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'authorization': `Bearer ${credentials.token}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(unreachable(error.message)));
          response.on('end', () => {
            let parsed: unknown = null;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              parsed = null;
            }
            if (response.statusCode === 200) {
              resolve(parsed as OperationOutput<K>);
              return;
            }
            const error = (parsed as { error?: ApiErrorBody } | null)?.error;
            reject(new CoordinatorRefusal(error ?? { code: 'internal', message: `The coordinator answered HTTP ${response.statusCode}.` }));
          });
        },
      );
      outgoing.setTimeout(remaining, () => outgoing.destroy(unreachable(`no answer within ${remaining} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        reject(error instanceof CoordinatorUnreachable ? error : unreachable(error.code ?? error.message)),
      );
      outgoing.end(body);
    });
  }

  return { call, close: () => agent.destroy() };
}
