import type { Api } from '../../../shared/api';
import { fromBridge } from '../../../shared/ipc';
import { HttpApi } from './http-api';
import { takeLeadToken } from './lead-token';

/**
 * Electron's preload provides the API (its refusals rebuilt as ApiError by `fromBridge`); in a
 * browser the same renderer talks HTTP to the origin that served it.
 */
export function chooseApi(): { api: Api; missingToken: boolean } {
  if (window.signalbox) return { api: fromBridge(window.signalbox), missingToken: false };
  const token = takeLeadToken({
    location: window.location,
    storage: window.sessionStorage,
    replaceUrl: (url) => window.history.replaceState(null, '', url),
  });
  return { api: new HttpApi(window.location.origin, token ?? ''), missingToken: token === null };
}
