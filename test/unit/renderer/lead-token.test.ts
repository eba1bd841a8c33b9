import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeLeadToken } from '../../../src/renderer/src/api/lead-token';

function sources(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  return {
    storage,
    replaced,
    sources: {
      location: { hash, pathname: '/', search: '?x=1' },
      storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
      replaceUrl: (url: string) => void replaced.push(url),
    },
  };
}

describe('takeLeadToken', () => {
  it('takes the token from the hash, keeps it for the tab, and removes it from the URL', () => {
    const s = sources('#token=abc123');
    expect(takeLeadToken(s.sources)).toBe('abc123');
    expect(s.storage.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(s.replaced).toEqual(['/?x=1']);
  });

  it('keeps other hash parameters', () => {
    const s = sources('#token=abc&view=graph');
    takeLeadToken(s.sources);
    expect(s.replaced).toEqual(['/?x=1#view=graph']);
  });

  it('falls back to the stored token after a reload, without touching the URL', () => {
    const s = sources('', 'stored');
    expect(takeLeadToken(s.sources)).toBe('stored');
    expect(s.replaced).toEqual([]);
  });

  it('has no token when neither is there', () => {
    expect(takeLeadToken(sources('#view=graph').sources)).toBeNull();
  });
});
