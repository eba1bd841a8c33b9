import { describe, expect, it } from 'vitest';
import { presenceOf, type IdleState } from '../../../src/main/presence';

describe('presence', () => {
  it.each<[IdleState, boolean, string]>([
    ['active', true, 'present'],
    ['active', false, 'monitoring'],
    ['unknown', true, 'present'],
    ['unknown', false, 'monitoring'],
    ['idle', true, 'away'],
    ['idle', false, 'away'],
    ['locked', true, 'away'],
    ['locked', false, 'away'],
  ])('idle state %s, window focused %s → %s', (idle, focused, presence) => {
    expect(presenceOf(idle, focused)).toBe(presence);
  });
});
