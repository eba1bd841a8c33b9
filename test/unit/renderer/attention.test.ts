import { describe, expect, it } from 'vitest';
import { attentionCounts } from '../../../src/renderer/src/store/attention';
import { indexBoard } from '../../../src/renderer/src/store/board-index';
import { approval, board, session } from './fixtures';

const awaiting = (patch: Parameters<typeof board>[0]) => attentionCounts(indexBoard(board(patch))).awaitingApproval;

describe('the header’s "awaiting approval" count', () => {
  it('counts a pending request even while its session says it is active', () => {
    expect(awaiting({ sessions: [session('s1')], approvals: [approval('a1', 's1')] })).toBe(1);
  });

  it('counts every pending request, two from one session as two', () => {
    expect(awaiting({ sessions: [session('s1', { status: 'awaiting-approval' })], approvals: [approval('a1', 's1'), approval('a2', 's1')] })).toBe(2);
  });

  it('does not count decided or expired requests', () => {
    const decided = [approval('a1', 's1', { state: 'approved' }), approval('a2', 's1', { state: 'denied' }), approval('a3', 's1', { state: 'expired' })];
    expect(awaiting({ sessions: [session('s1')], approvals: decided })).toBe(0);
  });

  it('still counts a session that waits for approval without having asked through the inbox', () => {
    expect(awaiting({ sessions: [session('s1', { status: 'awaiting-approval' }), session('s2', { status: 'awaiting-approval' })], approvals: [approval('a1', 's1')] })).toBe(2);
  });
});
