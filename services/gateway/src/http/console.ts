import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/** Where the console is served; its build uses the same base (apps/console/vite.config.mjs). */
export const CONSOLE_PATH = '/console';

/**
 * Every console response carries these (docs/console.md, "Security"). The console's own code is
 * the only script (no inline script, no eval); it talks to this origin only; no page may frame it
 * (clickjacking); no URL leaks to another site through Referer.
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

interface ConsoleFile {
  readonly body: Buffer;
  readonly type: string;
}

/**
 * The built console, read once at start: a request can only ever reach a file of this map, so no
 * path a caller sends is joined to the file system (no traversal to guard). Files whose names Vite
 * hashed (`assets/`) never change and may be cached for good; index.html must be asked again.
 */
export function loadConsole(dir: string): ReadonlyMap<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  if (!existsSync(join(dir, 'index.html'))) return files;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(`/${relative(dir, path).split('\\').join('/')}`, { body: readFileSync(path), type: TYPES[extname(name)] ?? 'application/octet-stream' });
    }
  };
  walk(dir);
  return files;
}

/**
 * `GET /console/…`: the single-page console (apps/console). Static files only: the console calls
 * the same API routes as any client, with a token in `X-Auth-Token`, so nothing here touches
 * authentication. Any path that is not a file answers the page itself (the console routes in
 * the fragment, so this only serves a reload of a mistyped address).
 */
export function registerConsole(app: FastifyInstance, dir: string): void {
  const files = loadConsole(dir);
  const send = (reply: FastifyReply, status: number, type: string, body: Buffer | string, cache: string) =>
    reply.status(status).headers({ ...CONSOLE_HEADERS, 'Content-Type': type, 'Cache-Control': cache }).send(body);
  const page = (reply: FastifyReply) => {
    const index = files.get('/index.html');
    return index
      ? send(reply, 200, index.type, index.body, 'no-cache')
      : send(reply, 404, TYPES['.txt'] ?? '', 'The console is not built: run `npm run build`.\n', 'no-store');
  };
  app.get(CONSOLE_PATH, async (_req, reply) => reply.headers(CONSOLE_HEADERS).redirect(`${CONSOLE_PATH}/`, 302));
  app.get(`${CONSOLE_PATH}/*`, async (req, reply) => {
    const path = (req.params as { '*': string })['*'];
    const file = files.get(`/${path}`);
    if (!file && path.startsWith('assets/')) return send(reply, 404, TYPES['.txt'] ?? '', 'Not found.\n', 'no-store');
    if (!file || path === 'index.html') return page(reply);
    return send(reply, 200, file.type, file.body, path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
}
