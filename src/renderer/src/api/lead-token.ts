/**
 * The lead opens `http://127.0.0.1:PORT/#token=…`. The token is taken from the hash once, kept in
 * sessionStorage for reloads of this tab, and removed from the visible URL (and from history).
 */
export interface TokenSources {
  location: { hash: string; pathname: string; search: string };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  replaceUrl: (url: string) => void;
}

export const TOKEN_STORAGE_KEY = 'signalbox.leadToken';

export function takeLeadToken({ location, storage, replaceUrl }: TokenSources): string | null {
  const fromHash = tokenFromHash(location.hash);
  if (fromHash === null) return storage.getItem(TOKEN_STORAGE_KEY);
  storage.setItem(TOKEN_STORAGE_KEY, fromHash.token);
  replaceUrl(`${location.pathname}${location.search}${fromHash.restOfHash}`);
  return fromHash.token;
}

function tokenFromHash(hash: string): { token: string; restOfHash: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return null;
  params.delete('token');
  const rest = params.toString();
  return { token, restOfHash: rest ? `#${rest}` : '' };
}
