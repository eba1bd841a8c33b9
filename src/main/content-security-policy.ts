/**
 * The renderer's Content-Security-Policy (DESIGN §7): only the app's own scripts, no remote
 * content, no plugins, no framing. It reaches the coordinator through IPC, never the network.
 */

const APP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  // React Flow positions nodes with style attributes.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'none'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

function serialise(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

export function appContentSecurityPolicy(): string {
  return serialise(APP_DIRECTIVES);
}

/** Vite's dev server needs its inline React-refresh preamble and a websocket for hot reload. */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin;
  const socket = origin.replace(/^http/, 'ws');
  return serialise({
    ...APP_DIRECTIVES,
    'script-src': `'self' 'unsafe-inline' ${origin}`,
    'connect-src': `'self' ${origin} ${socket}`,
  });
}
