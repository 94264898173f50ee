import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { problems } from './http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Teams shows tabs in frames on these hosts; no one else may frame the workspace. */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'http://localhost:*',
].join(' ');

/**
 * Where the built workspace lives: `web/dist` at the app's root, found from this module (compiled in
 * dist/functions/ in Azure, run from functions/ locally) rather than from the working directory.
 */
export const webDir = () =>
  path.resolve(
    process.env.QUORUM_WEB_DIR ??
      [path.join(__dirname, '..', 'web', 'dist'), path.join(__dirname, '..', '..', 'web', 'dist')].find((d) =>
        existsSync(d),
      ) ??
      path.join(process.cwd(), 'web', 'dist'),
  );

/**
 * The workspace tab's static files, served by the same app as the bot and the API. Hashed assets are
 * cached for a year; anything that is not a file is the app itself (it routes in the browser).
 */
export function staticAppHandler() {
  // Found once: where the app's files are does not change while it runs.
  const root = webDir();
  return async (req: HttpRequest): Promise<HttpResponseInit> => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url).pathname);
    } catch {
      return problems(404, 'There is nothing at this address.');
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) return problems(404, 'There is nothing at this address.');
    const wanted = path.resolve(root, `.${path.posix.normalize(pathname)}`);
    if (!wanted.startsWith(root + path.sep) && wanted !== root)
      return problems(404, 'There is nothing at this address.');
    const ext = path.extname(wanted);
    const file = ext ? wanted : path.join(root, 'index.html');
    try {
      const body = await readFile(file);
      const hashed = /\/assets\//.test(pathname);
      return {
        status: 200,
        body,
        headers: {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
          'content-security-policy': `frame-ancestors ${FRAME_ANCESTORS}`,
          'x-content-type-options': 'nosniff',
        },
      };
    } catch {
      return ext
        ? problems(404, 'There is nothing at this address.')
        : {
            status: 503,
            body: 'The Quorum workspace has not been built: run "npm run build:web".',
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          };
    }
  };
}
