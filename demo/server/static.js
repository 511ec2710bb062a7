// A tiny zero-dependency static file server for the demo (node:http only).
//   startStatic({ port, host, root, mounts, routes }) → { url, port, server, close() }
// Serves `root` at `/` and each `mounts` entry (URL prefix → directory) under its prefix; by
// default that is the repo's demo/ at `/` and dist/ at `/dist/`. `routes` maps exact paths to
// dynamic responses (start.js serves /config.js that way). Never leaves a served directory.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
});

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * @typedef {{ status?: number, type?: string, body: string | Uint8Array, headers?: Record<string, string> }} RouteResponse
 * @typedef {(req: import('node:http').IncomingMessage) => RouteResponse | Promise<RouteResponse>} Route
 */

/**
 * @param {{
 *   port?: number, host?: string,
 *   root?: string,
 *   mounts?: Record<string, string>,
 *   routes?: Record<string, Route>,
 * }} [options]
 */
export async function startStatic({
  port = 0,
  host = '127.0.0.1',
  root = path.join(REPO, 'demo'),
  mounts = { '/dist/': path.join(REPO, 'dist') },
  routes = {},
} = {}) {
  // longest prefix first, so /dist/ wins over /
  const table = Object.entries({ ...mounts, '/': root })
    .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, path.resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error\n');
      else res.destroy(err);
    });
  });

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', { allow: 'GET, HEAD' });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'Bad Request\n');
    }
    if (pathname.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'Bad Request\n');

    const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
    if (route) {
      const r = await route(req);
      const type = r.type ?? 'text/plain; charset=utf-8';
      const mime = MIME_TYPES[type] ?? MIME_TYPES[`.${type}`] ?? type; // '.js', 'js' or a MIME type
      return send(res, r.status ?? 200, mime, r.body, r.headers, req.method === 'HEAD');
    }

    // `/dist` → `/dist/`
    for (const [prefix] of table) {
      if (prefix !== '/' && pathname === prefix.slice(0, -1)) return redirect(res, prefix);
    }
    const mount = table.find(([prefix]) => pathname.startsWith(prefix));
    if (!mount) return notFound(res);
    const [prefix, dir] = mount;

    const file = await resolveInside(dir, pathname.slice(prefix.length));
    if (!file) return notFound(res);
    let info = await stat(file).catch(() => undefined);
    let target = file;
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) return redirect(res, `${pathname}/`);
      target = (await resolveInside(dir, path.relative(dir, path.join(file, 'index.html')))) ?? '';
      info = target ? await stat(target).catch(() => undefined) : undefined;
    }
    if (!info?.isFile()) return notFound(res);

    const type = MIME_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': type, 'content-length': info.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(target)
      .on('error', (err) => res.destroy(err))
      .pipe(res);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}/`,
    port: address.port,
    server,
    /** Stops accepting, ends keep-alive connections, resolves when closed. */
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections?.();
      });
    },
  };
}

/**
 * Resolves `relative` inside `dir` (following symlinks) or returns undefined when the result
 * would be outside `dir` or does not exist.
 */
async function resolveInside(dir, relative) {
  const base = await realpath(dir).catch(() => undefined);
  if (!base) return undefined;
  const candidate = path.resolve(base, `.${path.sep}${relative}`);
  if (!isInside(base, candidate)) return undefined;
  const real = await realpath(candidate).catch(() => undefined);
  if (!real || !isInside(base, real)) return undefined;
  return real;
}

function isInside(base, p) {
  const rel = path.relative(base, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function send(res, status, type, body, headers = {}, headOnly = false) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, 'content-length': buf.length, ...headers });
  res.end(headOnly ? undefined : buf);
}

function notFound(res) {
  send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
}

function redirect(res, location) {
  res.writeHead(301, { ...BASE_HEADERS, location });
  res.end();
}
