import type { Api, Operations } from '../../../shared/api';
import type { Approval } from '../../../shared/board';
import { isMissingOperation, type NoticeDraft } from './notices';

export const DECIDE_OP = 'approval.decide';

/**
 * `approval.decide` is not in the contract yet. Its input is taken from the contract as soon as it
 * is added there; until then, this is the shape the CLI's `approval approve|deny ID [--why]` implies.
 */
export type ApprovalDecisionInput = Operations extends { 'approval.decide': { input: infer I } }
  ? I
  : { id: string; decision: 'approve' | 'deny'; why?: string; expectVersion?: number };

export async function decideApproval(api: Api, input: ApprovalDecisionInput): Promise<unknown> {
  const call = api.call as unknown as (op: string, input: unknown) => Promise<unknown>;
  return call.call(api, DECIDE_OP, input);
}

export function missingDecideNotice(error: unknown): NoticeDraft | null {
  if (!isMissingOperation(error, DECIDE_OP)) return null;
  return {
    tone: 'warning',
    title: 'Approvals cannot be decided from here yet',
    message: `This coordinator does not offer the ${DECIDE_OP} operation, so nothing was decided.`,
    hint: 'Decide in a terminal: `signalbox approval approve ID` or `signalbox approval deny ID --why "…"`.',
  };
}

export function isApproval(value: unknown): value is Approval {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Approval).id === 'string' &&
    typeof (value as Approval).state === 'string' &&
    typeof (value as Approval).version === 'number'
  );
}
