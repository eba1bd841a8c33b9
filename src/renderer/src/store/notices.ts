import { ApiError } from '../../../shared/api';

/** A message to the lead that stays until dismissed. `tone` decides how loud it is. */
export interface Notice {
  id: number;
  tone: 'error' | 'warning' | 'info';
  title: string;
  message: string;
  hint?: string;
}

export type NoticeDraft = Omit<Notice, 'id'>;

const TITLE_BY_CODE: Record<string, string> = {
  'bad-input': 'Not accepted',
  'not-found': 'Not found',
  'unauthorized': 'Not signed in',
  'refused': 'Refused by the interlocking',
  'stale-version': 'Not saved — someone changed it first',
  'internal': 'The coordinator failed',
};

/** `doing` completes "Could not …", e.g. "pause s3". */
export function noticeFromError(error: unknown, doing: string): NoticeDraft {
  if (error instanceof ApiError) {
    const { code, message, hint } = error.body;
    if (code === 'stale-version') {
      return {
        tone: 'warning',
        title: TITLE_BY_CODE[code]!,
        message: `Could not ${doing}: ${message}`,
        hint: hint ?? 'Nothing was overwritten. The board has been reloaded with their change — review it and try again.',
      };
    }
    if (code === 'unauthorized') {
      return {
        tone: 'error',
        title: TITLE_BY_CODE[code]!,
        message,
        hint: hint ?? 'Open the URL printed by `signalbox serve` (it carries #token=…).',
      };
    }
    return { tone: 'error', title: TITLE_BY_CODE[code] ?? 'Failed', message: `Could not ${doing}: ${message}`, ...(hint ? { hint } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { tone: 'error', title: 'Failed', message: `Could not ${doing}: ${message}` };
}

/** True when the coordinator (HTTP or IPC) does not offer `op` at all, as opposed to refusing it. */
export function isMissingOperation(error: unknown, op: string): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.body.code !== 'not-found' && error.body.code !== 'bad-input') return false;
  return message.includes(op) || /unknown (op|operation)|no handler/i.test(message);
}
