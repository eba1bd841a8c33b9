import { resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appAssetPath, mimeTypeOf } from '../../../src/main/app-asset';
import { appContentSecurityPolicy, devContentSecurityPolicy } from '../../../src/main/content-security-policy';
import { isTrustedRendererUrl } from '../../../src/main/trusted-sender';

describe('trusted renderer URL', () => {
  it.each([
    ['app://signalbox/index.html', undefined, true],
    ['app://signalbox/index.html#/session/s1', undefined, true],
    ['app://evil/index.html', undefined, false],
    ['file:///work/out/renderer/index.html', undefined, false],
    ['https://example.com/', undefined, false],
    ['http://localhost:5173/', undefined, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['not a url', 'http://localhost:5173', false],
    ['about:blank', undefined, false],
  ])('%s (dev server %s) → %s', (url, dev, trusted) => {
    expect(isTrustedRendererUrl(url, dev)).toBe(trusted);
  });
});

describe('app:// asset paths', () => {
  const dir = resolve('/srv/renderer');

  it.each([
    ['app://signalbox/', `${dir}${sep}index.html`],
    ['app://signalbox/index.html', `${dir}${sep}index.html`],
    ['app://signalbox/assets/index-abc.js?v=1', `${dir}${sep}assets${sep}index-abc.js`],
    ['app://signalbox/a%20b.css', `${dir}${sep}a b.css`],
    // The URL parser resolves dot segments first, so they cannot climb out of the folder.
    ['app://signalbox/%2e%2e/%2e%2e/etc/passwd', `${dir}${sep}etc${sep}passwd`],
  ])('%s → %s', (url, file) => {
    expect(appAssetPath(dir, url)).toBe(file);
  });

  it.each([
    'app://signalbox/..%2f..%2fetc/passwd',
    'app://signalbox/%00',
    'app://signalbox/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(appAssetPath(dir, url)).toBeNull();
  });

  it('names the types it serves', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('/x/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/x/blob.bin')).toBe('application/octet-stream');
  });
});

describe('content security policy', () => {
  it('allows only the app itself and no remote content', () => {
    const policy = appContentSecurityPolicy();
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('opens only the dev server origin in development', () => {
    const policy = devContentSecurityPolicy('http://localhost:5173/');
    expect(policy).toContain("script-src 'self' 'unsafe-inline' http://localhost:5173;");
    expect(policy).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });
});
