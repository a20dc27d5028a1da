import Fastify, { type FastifyInstance } from 'fastify';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_HEADERS, registerConsole } from './console.js';

const PAGE = '<!doctype html><script type="module" src="/console/assets/index-abc.js"></script>';

interface Got {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** GET of a raw path over a real socket: no client normalises the `..` a caller may send. */
async function get(app: FastifyInstance, path: string): Promise<Got> {
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function serve(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerConsole(app, dir);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}

function buildDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dew-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  return dir;
}

describe('the console handler', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = buildDir();
    // A file beside the build: nothing outside the build may be reachable.
    writeFileSync(join(dir, '..', 'dew-console-outside.txt'), 'outside');
    app = await serve(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', 'dew-console-outside.txt'), { force: true });
  });

  it('serves the page and its hashed assets with the security headers; assets are cached for good, the page is asked again', async () => {
    const page = await get(app, '/console/');
    const asset = await get(app, '/console/assets/index-abc.js');
    expect([page.statusCode, page.body, page.headers['cache-control']]).toEqual([200, PAGE, 'no-cache']);
    expect([asset.statusCode, asset.headers['content-type'], asset.headers['cache-control']]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
    for (const res of [page, asset]) {
      for (const [name, value] of Object.entries(CONSOLE_HEADERS)) expect(res.headers[name.toLowerCase()]).toBe(value);
    }
    expect(CONSOLE_HEADERS['Content-Security-Policy']).toMatch(/script-src 'self'(;|$)/);
    expect(CONSOLE_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  it('a path that is no file of the build gets the page (or 404 under assets/), never a file outside it', async () => {
    for (const url of ['/console/../dew-console-outside.txt', '/console/%2e%2e/dew-console-outside.txt', '/console/..%2fdew-console-outside.txt', '/console/kms/keys']) {
      const res = await get(app, url);
      expect(res.body).not.toContain('outside');
    }
    const missing = await get(app, '/console/assets/none.js');
    expect([missing.statusCode, missing.headers['x-content-type-options']]).toEqual([404, 'nosniff']);
    const bare = await get(app, '/console');
    expect([bare.statusCode, bare.headers.location, bare.headers['x-frame-options']]).toEqual([302, '/console/', 'DENY']);
  });

  it('without a build, /console/ says how to build it instead of failing the gateway', async () => {
    const empty = await serve(join(dir, 'not-built'));
    const res = await get(empty, '/console/');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('npm run build');
    await empty.close();
  });
});
