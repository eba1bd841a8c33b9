import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const MISSING_BUNDLE = `<!doctype html><meta charset="utf-8"><title>Signalbox</title>
<p>The control room has not been built. Run <code>npm run build</code>, then reload.</p>`;

/** Serves the renderer's browser bundle; unknown paths fall back to index.html (one-page app). */
export function serveStatic(root: string | null, urlPath: string, response: ServerResponse): void {
  const headers = {
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  };
  const index = root ? join(root, 'index.html') : null;
  if (!root || !index || !existsSync(index)) {
    response.writeHead(200, { ...headers, 'content-type': TYPES['.html']! });
    response.end(MISSING_BUNDLE);
    return;
  }
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) file = index;
  response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
}
