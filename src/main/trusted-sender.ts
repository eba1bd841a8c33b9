/**
 * Every IPC message is checked against the frame that sent it (DESIGN §7): only the app's own
 * page — served from app://signalbox, or the dev server in development — may call the API.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'signalbox';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isTrustedRendererUrl(frameUrl: string, devServerUrl: string | undefined): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  if (devServerUrl === undefined) return false;
  try {
    return url.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}
