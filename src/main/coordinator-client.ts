/**
 * Main's side of the HTTP API: forwards one validated call to the coordinator with the lead
 * token and turns every outcome, network failure included, into a CallResult.
 * No electron import: tested under Node against a real HTTP server.
 */
import type { ApiErrorBody, OperationName, OperationOutput } from '../shared/api';
import type { CallRequest, CallResult } from '../shared/ipc';

/** What the coordinator process reports once it listens. The token never leaves main. */
export interface CoordinatorConnection {
  url: string;
  leadToken: string;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

export async function callCoordinator(
  connection: CoordinatorConnection,
  request: CallRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<CallResult> {
  const base = connection.url.endsWith('/') ? connection.url : `${connection.url}/`;
  let response: Response;
  try {
    response = await fetchImpl(new URL(`api/${request.op}`, base), {
      method: 'POST',
      headers: { authorization: `Bearer ${connection.leadToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(request.input),
    });
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `The coordinator at ${connection.url} did not answer ${request.op}: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Restart Signalbox; if it keeps happening, check the log of its coordinator process.',
      },
    };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  // The coordinator validated its own output; main only carries it.
  if (response.ok) return { ok: true, output: body as OperationOutput<OperationName> };
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (isErrorBody(error)) return { ok: false, error };
  return {
    ok: false,
    error: { code: 'internal', message: `The coordinator answered ${request.op} with HTTP ${response.status} and no error body.` },
  };
}
