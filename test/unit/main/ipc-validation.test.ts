import { describe, expect, it } from 'vitest';
import {
  isCallRequest,
  parseCallRequest,
  parseSubscribeRequest,
  parseSubscriptionId,
} from '../../../src/main/ipc-validation';

describe('IPC call envelope', () => {
  it.each([
    [{ op: 'board', input: {} }, { op: 'board', input: {} }],
    [{ op: 'session.show', input: { id: 's1' } }, { op: 'session.show', input: { id: 's1' } }],
    [{ op: 'events.since' }, { op: 'events.since', input: {} }],
  ])('accepts %o', (raw, parsed) => {
    const request = parseCallRequest(raw);
    expect(isCallRequest(request)).toBe(true);
    expect(request).toEqual(parsed);
  });

  it.each([
    [null, 'op'],
    ['board', 'op'],
    [{ op: 42 }, 'op'],
    [{ op: '../events' }, 'op'],
    [{ op: 'board?x=1' }, 'op'],
    [{ op: 'Board' }, 'op'],
    [{ op: 'board', input: [] }, 'input'],
    [{ op: 'board', input: 'x' }, 'input'],
  ])('refuses %o as bad input on %s', (raw, field) => {
    const request = parseCallRequest(raw);
    expect(isCallRequest(request)).toBe(false);
    expect(request).toMatchObject({ code: 'bad-input', field });
  });
});

describe('IPC subscription messages', () => {
  it('accepts whole, non-negative numbers only', () => {
    expect(parseSubscribeRequest({ subscription: 1, after: 0 })).toEqual({ subscription: 1, after: 0 });
    expect(parseSubscribeRequest({ subscription: 1, after: -1 })).toBeNull();
    expect(parseSubscribeRequest({ subscription: '1', after: 0 })).toBeNull();
    expect(parseSubscribeRequest({ subscription: 1.5, after: 0 })).toBeNull();
    expect(parseSubscribeRequest(null)).toBeNull();
    expect(parseSubscriptionId(3)).toBe(3);
    expect(parseSubscriptionId('3')).toBeNull();
  });
});
