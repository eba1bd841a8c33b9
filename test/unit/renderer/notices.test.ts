import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api';
import { isMissingOperation, noticeFromError } from '../../../src/renderer/src/store/notices';

describe('noticeFromError', () => {
  const cases: { name: string; error: unknown; expected: Record<string, unknown> }[] = [
    {
      name: 'stale version: a warning that keeps who-and-when and says nothing was overwritten',
      error: new ApiError({ code: 'stale-version', message: 'session s1 was changed by bob at 10:02' }),
      expected: { tone: 'warning', message: 'Could not pause s1: session s1 was changed by bob at 10:02', hint: expect.stringContaining('Nothing was overwritten') },
    },
    {
      name: 'stale version with the server hint keeps the server hint',
      error: new ApiError({ code: 'stale-version', message: 'changed', hint: 'Read it again' }),
      expected: { tone: 'warning', hint: 'Read it again' },
    },
    {
      name: 'refused keeps its hint',
      error: new ApiError({ code: 'refused', message: 'held by s2', hint: 'ask the lead' }),
      expected: { tone: 'error', title: 'Refused by the interlocking', hint: 'ask the lead' },
    },
    {
      name: 'unauthorized says how to get a token',
      error: new ApiError({ code: 'unauthorized', message: 'bad token' }),
      expected: { tone: 'error', hint: expect.stringContaining('#token=') },
    },
    { name: 'a plain error', error: new Error('boom'), expected: { tone: 'error', message: 'Could not pause s1: boom' } },
  ];
  it.each(cases)('$name', ({ error, expected }) => expect(noticeFromError(error, 'pause s1')).toMatchObject(expected));
});

describe('isMissingOperation', () => {
  it.each([
    [new ApiError({ code: 'not-found', message: 'The coordinator has no operation approval.decide (HTTP 404).' }), true],
    [new ApiError({ code: 'bad-input', message: 'Unknown operation' }), true],
    [new Error("No handler registered for 'approval.decide'"), true],
    [new ApiError({ code: 'not-found', message: 'approval a9 not found' }), false],
    [new ApiError({ code: 'refused', message: 'approval.decide refused: own request' }), false],
  ])('%#', (error, missing) => expect(isMissingOperation(error, 'approval.decide')).toBe(missing));
});
