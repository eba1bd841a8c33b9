/**
 * Serves the built renderer from app://signalbox instead of file:// (Electron security
 * checklist §18), so every response carries the CSP header and the origin is ours alone.
 */
import { net, protocol, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { appAssetPath, mimeTypeOf } from './app-asset';
import { appContentSecurityPolicy, devContentSecurityPolicy } from './content-security-policy';
import { APP_SCHEME } from './trusted-sender';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const policy = appContentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? appAssetPath(rendererDir, request.url) : null;
    if (file === null) return new Response('Not found', { status: 404 });
    const found = await net.fetch(pathToFileURL(file).toString());
    if (!found.ok) return new Response('Not found', { status: 404 });
    return new Response(found.body, {
      status: 200,
      headers: {
        'content-type': mimeTypeOf(file),
        'content-security-policy': policy,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

/** In development the page comes from Vite's server; the policy then travels as a header we add. */
export function applyDevContentSecurityPolicy(devServerUrl: string): void {
  const policy = devContentSecurityPolicy(devServerUrl);
  session.defaultSession.webRequest.onHeadersReceived({ urls: [`${new URL(devServerUrl).origin}/*`] }, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
