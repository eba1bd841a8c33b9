import { describe, expect, it } from 'vitest';
import { ApiError, type Api } from '../../../src/shared/api';
import { fromBridge, type BridgedApiError } from '../../../src/shared/ipc';

describe('fromBridge', () => {
  const refusal: BridgedApiError = {
    name: 'ApiError',
    message: 'Lease held by s2',
    body: { code: 'refused', message: 'Lease held by s2', hint: 'Ask s2 to release it' },
  };

  function bridged(reason: unknown): Api {
    return {
      call: (() => Promise.reject(reason)) as Api['call'],
      subscribe: () => () => undefined,
    };
  }

  it('turns a refusal that crossed the contextBridge back into an ApiError with its body', async () => {
    const error = await fromBridge(bridged(refusal))
      .call('board', {})
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toEqual(refusal.body);
  });

  it('leaves other failures alone and passes outputs and subscriptions through', async () => {
    const failure = new Error('IPC channel closed');
    await expect(fromBridge(bridged(failure)).call('board', {})).rejects.toBe(failure);
    const unsubscribe = () => undefined;
    const api: Api = { call: (async () => ({ role: 'lead', session: null })) as Api['call'], subscribe: () => unsubscribe };
    expect(await fromBridge(api).call('whoami', {})).toEqual({ role: 'lead', session: null });
    expect(fromBridge(api).subscribe(0, () => undefined, () => undefined)).toBe(unsubscribe);
  });
});
